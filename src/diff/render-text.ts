/** `arctl diff` for people: a plan, as `terraform plan` prints one. */
import type { ChalkInstance } from 'chalk';
import { printable } from '../util/printable.ts';
import type { DiffReport } from './model.ts';
import { configurationChanges, count, groupSentence, headline, staticLine, unreadSentence } from './phrases.ts';
import { SHARED_AGENT_CONF_NOTE } from './report.ts';
import { AGENT_NODE_NOTE } from './agent-node.ts';

export function renderDiffText(report: DiffReport, chalk: ChalkInstance): string {
  const out: string[] = [`arctl diff ${printable(report.base.label)} -> ${printable(report.head.label)} (Wazuh ${report.targetVersion})`, ''];
  const colour = { '+': chalk.green, '-': chalk.red, '~': chalk.yellow, '!': chalk.red.bold };
  out.push('Configuration:');
  if (report.sharedAgentConf) out.push(`  ${SHARED_AGENT_CONF_NOTE}`);
  if (report.agentNode) out.push(`  ${AGENT_NODE_NOTE}`);
  for (const c of report.static) {
    const l = staticLine(c);
    out.push(colour[l.sign](`  ${l.sign} ${printable(l.subject)}: ${printable(l.change)}`));
    if (l.details) out.push(chalk.red(`      ${l.details.intro}`), ...l.details.items.map((item) => chalk.red(`      - ${printable(item)}`)));
    if ('note' in c && c.note !== undefined) out.push(chalk.dim(`      note: ${c.note}`));
  }
  // After a refusal both sides share, which is said but is no change.
  if (!report.sharedAgentConf && configurationChanges(report.static).length === 0) out.push('  no semantic change (names, order, spacing and comments aside)');
  const b = report.behaviour;
  if (b) {
    out.push('', `Alerts (${count(b.alerts, 'alert')} from ${b.files.map(printable).join(', ')}${b.invalidSkipped ? `; ${count(b.invalidSkipped, 'invalid entry', 'invalid entries')} skipped` : ''}):`);
    if (b.unread) out.push(chalk.yellow(`  note: ${unreadSentence(b.unread)}`));
    if (b.groups.length === 0) out.push('  every alert is decided the same way');
    for (const g of b.groups) {
      out.push(`  ${printable(g.subject)}: ${printable(`${count(g.alerts, 'alert')} ${groupSentence(g, false)}`)}`);
      const rules = g.rules.map((r) => `${printable(r.id)} (${r.count})`).join(', ');
      const agents = g.agents.map((a) => `${printable(a.id)} (${a.count})`).join(', ');
      out.push(chalk.dim(`      rules ${rules}; agents ${agents}; e.g. ${g.examples.map(printable).join(', ')}`));
      if (g.note !== undefined) out.push(chalk.dim(`      note: ${g.note}`));
    }
  }
  if (report.timeline) {
    const { base, head } = report.timeline;
    out.push('', 'Timeline (BASE -> HEAD):');
    // Fails only when some dispatch ran nothing (a program the host lacks, an agent remoted does not reach).
    const fails = base.fails > 0 || head.fails > 0 ? `; ran nothing ${base.fails} -> ${head.fails}` : '';
    out.push(`  adds ${base.adds} -> ${head.adds}${fails}; keys blocked ${base.addressesBlocked} -> ${head.addressesBlocked}; peak active ${base.peakActive} -> ${head.peakActive}`);
    out.push(`  time blocked ${base.blockedSeconds} s -> ${head.blockedSeconds} s; still active at the end ${base.stillActive} -> ${head.stillActive}`);
    if (report.timeline.note !== undefined) out.push(chalk.dim(`      note: ${report.timeline.note}`));
  }
  out.push('', chalk.bold(`Plan: ${headline(report)}`));
  return `${out.join('\n')}\n`;
}
