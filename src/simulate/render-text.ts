/** The default text output of `arctl simulate`: per alert, a compact table of every block. */
import type { ChalkInstance } from 'chalk';
import type { AlertResult, ResponseResult } from './model.ts';
import { printable } from '../util/printable.ts';
import { cjsonPrintUnformatted } from '../wazuh/cjson.ts';
import { READ_WAZUH_ALERTS } from './engine.ts';

export interface TextOptions {
  payload: boolean;
  chalk: ChalkInstance;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function formatTimeout(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds === 0) return 'none';
  return `${seconds}s`;
}

function resultCell(r: ResponseResult): string {
  return r.fired ? 'fired' : r.reason ?? 'not fired';
}

function whyCell(r: ResponseResult): string {
  if (r.fired) return `matched by ${(r.matchedBy ?? []).join(' + ')}${r.detail ? ` (${r.detail})` : ''}${r.approximate ? ' (approximate: group order rebuilt from the alert)' : ''}`;
  return `${r.detail ?? ''}${r.approximate ? ' (approximate: group order rebuilt from the alert)' : ''}`;
}

/** Agents shown by id in a row before the rest are counted: a response at `all` reaches every active agent. */
export const LISTED_AGENTS_MAX = 10;

/** `001,002,003`, or the first LISTED_AGENTS_MAX and how many there are in all. */
export function agentList(ids: readonly string[], separator = ','): string {
  if (ids.length <= LISTED_AGENTS_MAX) return ids.join(separator);
  return `${ids.slice(0, LISTED_AGENTS_MAX).join(separator)}${separator}... (${ids.length} agents)`;
}

export function renderAlertText(result: AlertResult, options: TextOptions): string {
  const c = options.chalk;
  const lines: string[] = [];
  const head = [`alert ${result.index}`];
  if (result.line !== undefined) head.push(`(line ${result.line})`);
  if (result.id) head.push(`id ${result.id}`);
  if (result.timestamp) head.push(result.timestamp);
  lines.push(c.bold(printable(head.join('  '))));
  const facts = [`rule ${result.rule.id ?? '?'} level ${result.rule.level ?? '?'}${result.ruleSource === 'ruleset' ? ' (from the ruleset)' : ''}`];
  // A group with white space, a comma or a quote in it (or an empty one) is quoted: bare, it ran into the next fact.
  if (result.rule.groups.length > 0) facts.push(`groups ${result.rule.groups.map((g) => (/^[^\s,"]+$/.test(g) ? g : JSON.stringify(g))).join(',')}`);
  facts.push(`agent ${result.agent.id ?? '?'}${result.agent.name ? ` (${result.agent.name})` : ''}`);
  // An empty srcip is a fact (the stock programs refuse it): shown as "", not as nothing after the word.
  if (result.srcip !== undefined) facts.push(`srcip ${result.srcip === '' ? '""' : result.srcip}`);
  lines.push(`  ${printable(facts.join('  '))}`);
  if (result.responses.length === 0) {
    lines.push('  no <active-response> block in the configuration');
  } else {
    const rows = result.responses.map((r) => [
      String(r.block),
      String(r.line),
      r.command || '(none)',
      resultCell(r),
      r.targets ? agentList(r.targets) : '-',
      r.fired ? formatTimeout(r.timeout) : '-',
      whyCell(r),
    ].map(printable));
    const header = ['#', 'line', 'command', 'result', 'targets', 'timeout', 'why'];
    const widths = header.map((h, i) => rows.reduce((w, row) => Math.max(w, row[i].length), h.length));
    widths[widths.length - 1] = 0;
    lines.push(`  ${c.dim(header.map((h, i) => pad(h, widths[i])).join('  ').trimEnd())}`);
    result.responses.forEach((r, i) => {
      const cells = rows[i].map((cell, j) => pad(cell, widths[j]));
      cells[3] = r.fired ? c.green(cells[3]) : c.yellow(cells[3]);
      lines.push(`  ${cells.join('  ').trimEnd()}`);
      if (options.payload && r.fired && r.payload !== undefined) {
        lines.push(`     ${c.dim('name')} ${printable(r.name ?? '')}  ${c.dim('payload')} ${printable(cjsonPrintUnformatted(r.payload))}`);
        // One line per distinct message, with the agents that get it (a response at `all` reaches thousands).
        for (const g of r.agentMessages ?? []) {
          const what = g.message ?? (g.unsent === 'no-version' ? 'no version in --agents' : 'a version analysisd cannot read ("Unable to read agent version."): it sends nothing');
          lines.push(`     ${c.dim(`agent${g.agents.length === 1 ? '' : 's'} ${printable(agentList(g.agents))}`)} ${c.dim(g.format ?? '-')} ${printable(what)}`);
        }
      }
    });
  }
  const e = result.email;
  if (e.sent) {
    lines.push(printable(`  e-mail: sent to ${e.recipients.join(', ')}${e.blocks.length > 0 ? ` (email_alerts ${e.blocks.join(', ')})` : ' (global recipients)'}${e.detail ? `; ${e.detail}` : ''}`));
  } else {
    lines.push(printable(`  e-mail: not sent: ${e.detail ?? ''}`));
  }
  return `${lines.join('\n')}\n`;
}

export interface TextSummary {
  alerts: number;
  responsesFired: number;
  emailsSent: number;
  invalidSkipped?: number;
  withoutRule?: number;
  /** Of those without rule.id: OSSEC 2.x alerts.json alerts (rule.sidid), flattened exports. */
  ossec2?: number;
  flattened?: number;
  /** Of those without rule.id: objects with no rule and no agent at all (another tool's output). */
  notWazuh?: number;
}

/** Neither a rule (id, level, groups) nor an agent: no Wazuh alert and no archives.json event (both name their agent). */
export function noWazuhFields(result: AlertResult): boolean {
  return result.rule.id === undefined && result.rule.level === undefined && result.rule.groups.length === 0 && result.agent.id === undefined && result.agent.name === undefined;
}

export function renderSummaryText(summary: TextSummary): string {
  const parts = [`${summary.alerts} alert${summary.alerts === 1 ? '' : 's'}`, `${summary.responsesFired} response${summary.responsesFired === 1 ? '' : 's'} fired`, `${summary.emailsSent} e-mail${summary.emailsSent === 1 ? '' : 's'}`];
  if (summary.invalidSkipped) parts.push(`${summary.invalidSkipped} invalid entr${summary.invalidSkipped === 1 ? 'y' : 'ies'} skipped`);
  return `${parts.join(', ')}\n${withoutRuleNote(summary)}`;
}

/**
 * What the alerts without rule.id are: events no rule matched, or alerts in a shape arctl does not read.
 * `first`: the counts are of the input's first alerts only (the timeline's sample, ../timeline/sample-shape.ts).
 */
export function withoutRuleNote(summary: Pick<TextSummary, 'alerts' | 'withoutRule' | 'ossec2' | 'flattened' | 'notWazuh'>, first = false): string {
  const withoutRule = summary.withoutRule ?? 0;
  if (withoutRule === 0) return '';
  const all = withoutRule === summary.alerts;
  const of = first ? `the first ${summary.alerts} alerts` : `the ${summary.alerts}`;
  const subject = all
    ? summary.alerts === 1 ? (first ? 'The first alert has no rule.id' : 'It has no rule.id') : `None of ${of} has a rule.id`
    : `${withoutRule} of ${first ? of : 'them'} ha${withoutRule === 1 ? 's' : 've'} no rule.id and fire${withoutRule === 1 ? 's' : ''} nothing`;
  const shapes = [
    [summary.ossec2 ?? 0, "OSSEC 2.x's alerts.json (rule.sidid)"],
    [summary.flattened ?? 0, 'a flattened export (a top-level rule_id or "rule.id")'],
  ].filter(([n]) => (n as number) > 0) as [number, string][];
  // Objects with neither a rule nor an agent are no Wazuh output at all: not events that matched no rule either.
  if (shapes.length === 0 && all && summary.notWazuh === withoutRule) {
    return `${subject}, nor an agent: ${summary.alerts === 1 ? 'it is not a Wazuh alert or event' : 'they are not Wazuh alerts or events'} (another tool's output?); ${READ_WAZUH_ALERTS}.\n`;
  }
  // Events that no rule matched (archives.json, a decoder's output) are not alerts: analysisd fires nothing on them.
  if (shapes.length === 0) return all ? `${subject}: responses fire on alerts (alerts.json), not on events that matched no rule (archives.json).\n` : `${subject}.\n`;
  const one = shapes.length === 1 && shapes[0]![0] === withoutRule;
  const what = one ? `${withoutRule === 1 ? 'it is' : 'they are'} ${shapes[0]![1]}` : shapes.map(([n, s]) => `${n} ${n === 1 ? 'is' : 'are'} ${s}`).join(', ');
  return `${subject}: ${what}, which arctl does not read; ${READ_WAZUH_ALERTS}.\n`;
}
