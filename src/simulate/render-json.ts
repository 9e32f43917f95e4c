/**
 * `--format json` (cli.md "arctl simulate"), written piece by piece so a large alerts file streams:
 * `{targetVersion, config, alerts: [...], summary}`. Keys follow the contract's order; fields beyond
 * it (line, ruleSource, approximate, email.detail, summary.emailsSent) come after.
 */
import type { AlertResult, ResponseResult } from './model.ts';
import { prettyJson } from '../util/pretty-json.ts';

export interface JsonSummary {
  alerts: number;
  responsesFired: number;
  emailsSent: number;
  invalidSkipped?: number;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  // One replace, not an array of lines: an alert whose response reaches 30,000 agents has 60,000 lines.
  return pad + text.replaceAll('\n', `\n${pad}`);
}

export function jsonHeader(targetVersion: string, configPath: string): string {
  return `{\n  "targetVersion": ${JSON.stringify(targetVersion)},\n  "config": ${JSON.stringify(configPath)},\n  "alerts": [`;
}

export function responseJson(r: ResponseResult): Record<string, unknown> {
  const out: Record<string, unknown> = { block: r.block, line: r.line, command: r.command, fired: r.fired };
  if (r.fired) {
    out.matchedBy = r.matchedBy;
    out.targets = r.targets;
    out.name = r.name;
    out.executable = r.executable;
    out.timeout = r.timeout;
    out.payload = r.payload;
    if (r.agentMessages) out.agentMessages = r.agentMessages;
    // Fired responses carry a detail only when the match itself needs explaining (a catch-all pattern).
    if (r.detail) out.detail = r.detail;
  } else {
    out.reason = r.reason;
    out.detail = r.detail;
    if (r.matchedBy) out.matchedBy = r.matchedBy;
  }
  if (r.approximate) out.approximate = true;
  return out;
}

/** The contract's alert object. */
export function alertObject(result: AlertResult): Record<string, unknown> {
  const out: Record<string, unknown> = { index: result.index };
  if (result.id !== undefined) out.id = result.id;
  if (result.timestamp !== undefined) out.timestamp = result.timestamp;
  out.rule = { id: result.rule.id, level: result.rule.level, groups: result.rule.groups };
  out.agent = { id: result.agent.id, name: result.agent.name };
  if (result.srcip !== undefined) out.srcip = result.srcip;
  out.responses = result.responses.map(responseJson);
  out.email = { sent: result.email.sent, recipients: result.email.recipients, blocks: result.email.blocks, ...(result.email.detail ? { detail: result.email.detail } : {}) };
  if (result.line !== undefined) out.line = result.line;
  out.ruleSource = result.ruleSource;
  return out;
}

/**
 * Agent ids one document names at most, its responses' `targets` and `agentMessages` together: the
 * contract lists every target agent of every fired response, so a response at `all` with a long --agents
 * list grows the document as alerts x agents (30,000 agents: 1.2 MB an alert). About 90 MB of JSON.
 */
export const JSON_AGENT_IDS_MAX = 4_000_000;

/** How many agent ids an alert's object names (see JSON_AGENT_IDS_MAX). */
export function agentIdsNamed(result: AlertResult): number {
  let n = 0;
  for (const r of result.responses) {
    if (!r.fired) continue;
    n += r.targets?.length ?? 0;
    for (const g of r.agentMessages ?? []) n += g.agents.length;
  }
  return n;
}

export function alertJson(result: AlertResult, first: boolean): string {
  return `${first ? '\n' : ',\n'}${indent(prettyJson(alertObject(result)), 4)}`;
}

export function jsonFooter(summary: JsonSummary, empty: boolean): string {
  return `${empty ? '' : '\n  '}],\n  "summary": ${indent(JSON.stringify(summary, null, 2), 2).trimStart()}\n}\n`;
}

/** Closes a document whose alerts could not all be read: the alerts so far, then why it stopped. */
export function jsonErrorFooter(message: string, empty: boolean): string {
  return `${empty ? '' : '\n  '}],\n  "error": ${JSON.stringify(message)}\n}\n`;
}
