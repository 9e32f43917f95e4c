/** `arctl diff --format markdown`: a pull-request comment (GitHub-flavoured Markdown). */
import type { DiffReport } from './model.ts';
import { configurationChanges, count, groupSentence, headline, staticLine, unreadSentence } from './phrases.ts';
import { SHARED_AGENT_CONF_NOTE } from './report.ts';
import { AGENT_NODE_NOTE } from './agent-node.ts';

/** Text inside a table cell or a code span: no pipes, backticks, new lines or HTML. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** A code span in a table: GFM splits cells on every unescaped pipe, code spans included. */
const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')}\``;

export function renderDiffMarkdown(report: DiffReport): string {
  const out: string[] = [`### arctl diff: ${code(report.base.label)} → ${code(report.head.label)}`, '', `**${headline(report)}**`, ''];
  const refusal = report.static.filter((c) => c.kind === 'refusal');
  for (const r of refusal) {
    const l = staticLine(r);
    const details = l.details ? ['>', `> ${cell(l.details.intro)}`, ...l.details.items.map((item) => `> - ${cell(item)}`)] : [];
    out.push(`> [!CAUTION]`, `> ${l.subject}: ${cell(l.change)}`, ...details, ...(r.kind === 'refusal' && r.note !== undefined ? ['>', `> ${cell(r.note)}`] : []), '');
  }
  const rest = report.static.filter((c) => c.kind !== 'refusal');
  // A response's note shows once, under the configuration or else under the alerts.
  const noted = new Set<string>();
  const noteOnce = (subject: string, note: string) => {
    if (noted.has(`${subject}\0${note}`)) return;
    noted.add(`${subject}\0${note}`);
    out.push(`> [!NOTE]`, `> ${code(subject)}: ${cell(note)}`, '');
  };
  out.push('#### Configuration', '');
  if (report.agentNode) out.push(`${cell(AGENT_NODE_NOTE[0]!.toUpperCase() + AGENT_NODE_NOTE.slice(1))}.`, '');
  if (report.sharedAgentConf) out.push(`${cell(SHARED_AGENT_CONF_NOTE[0]!.toUpperCase() + SHARED_AGENT_CONF_NOTE.slice(1))}.`, '');
  // A refusal on one side only is a change, said above: no "no semantic change" under it (as in text).
  else if (rest.length === 0) out.push(configurationChanges(report.static).length === 0 ? 'No semantic change (names, order, spacing and comments aside).' : 'Nothing else compared changes.', '');
  else {
    out.push('| | what | change |', '|---|---|---|');
    for (const c of rest) {
      const l = staticLine(c);
      out.push(`| ${l.sign === '-' ? '−' : l.sign} | ${code(l.subject)} | ${cell(l.change)} |`);
    }
    out.push('');
    for (const c of rest) if ('note' in c && c.note !== undefined) noteOnce(staticLine(c).subject, c.note);
  }
  const b = report.behaviour;
  if (b) {
    out.push(`#### Alerts (${count(b.alerts, 'alert')} from ${b.files.map(code).join(', ')})`, '');
    if (b.unread) out.push('> [!WARNING]', `> ${cell(unreadSentence(b.unread))}`, '');
    if (b.groups.length === 0) out.push('Every alert is decided the same way.', '');
    else {
      out.push('| response | change | alerts | rules | agents | examples |', '|---|---|---:|---|---|---|');
      for (const g of b.groups) {
        out.push(
          `| ${code(g.subject)} | ${cell(groupSentence(g, false))} | ${g.alerts.toLocaleString('en')} | ${g.rules.map((r) => `${cell(r.id)} (${r.count})`).join(', ')} | ${g.agents.map((a) => `${cell(a.id)} (${a.count})`).join(', ')} | ${g.examples.map(code).join(' ')} |`,
        );
      }
      out.push('');
      for (const g of b.groups) if (g.note !== undefined) noteOnce(g.subject, g.note);
    }
  }
  if (report.timeline) {
    const { base, head } = report.timeline;
    out.push('#### Timeline', '', '| | BASE | HEAD |', '|---|---:|---:|');
    out.push(`| adds | ${base.adds} | ${head.adds} |`, ...(base.fails > 0 || head.fails > 0 ? [`| ran nothing | ${base.fails} | ${head.fails} |`] : []), `| keys blocked | ${base.addressesBlocked} | ${head.addressesBlocked} |`, `| peak active | ${base.peakActive} | ${head.peakActive} |`);
    out.push(`| seconds blocked | ${base.blockedSeconds} | ${head.blockedSeconds} |`, `| still active at the end | ${base.stillActive} | ${head.stillActive} |`, '');
    if (report.timeline.note !== undefined) out.push('> [!NOTE]', `> ${cell(report.timeline.note)}`, '');
  }
  out.push(`<sub>arctl, Wazuh ${cell(report.targetVersion)} semantics</sub>`);
  return `${out.join('\n')}\n`;
}
