/**
 * `--assert FILE`: expectations for CI. A JSON or YAML list of
 * `{alert, fires: [{command, targets}], notFires: [command]}` where `alert` is an alert object (run
 * as is), an alert id (string) or an index (number) into ALERTS.
 */
import { lazyRequire } from '../util/lazy-require.ts';
import { JsonTextError, parseJsonText } from '../util/json-text.ts';
import { formatAgentId } from '../wazuh/agents.ts';
import { atoi } from '../wazuh/c-number.ts';

import { simulateAlert } from './engine.ts';
import { agentList } from './render-text.ts';
import type { AlertResult, SimConfig, SimOptions } from './model.ts';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

export interface FireExpectation {
  command: string;
  /** When given, the fired targets must be exactly these (order ignored). */
  targets?: string[];
}

export interface Expectation {
  /** 0-based position in the assert file. */
  position: number;
  alert: Record<string, unknown> | string | number;
  fires: FireExpectation[];
  notFires: string[];
}

export class AssertFileError extends Error {}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Parses the assert file (JSON is YAML too; JSON is tried first for its clearer errors). */
export function parseAssertFile(text: string): Expectation[] {
  let raw: unknown;
  const trimmed = text.trimStart();
  try {
    raw = trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJsonText(text) : yaml().parse(text);
  } catch (error) {
    // Where, as the YAML parser's own message says it.
    if (error instanceof JsonTextError) throw new AssertFileError(`not valid JSON: ${error.reason} at line ${error.line}, column ${error.column}`);
    throw new AssertFileError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(raw)) throw new AssertFileError(`expected a list of {alert, fires, notFires}, found ${describe(raw)}`);
  return raw.map((entry, position) => {
    const at = `entry ${position + 1}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new AssertFileError(`${at}: expected an object with alert, fires, notFires`);
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!['alert', 'fires', 'notFires'].includes(key)) throw new AssertFileError(`${at}: unknown key '${key}' (expected alert, fires, notFires)`);
    }
    const alert = e.alert;
    if (!(typeof alert === 'string' || (typeof alert === 'number' && Number.isInteger(alert) && alert >= 0) || (alert !== null && typeof alert === 'object' && !Array.isArray(alert)))) {
      throw new AssertFileError(`${at}: 'alert' must be an alert object, an alert id or a 0-based index into ALERTS`);
    }
    const fires = e.fires === undefined ? [] : e.fires;
    if (!Array.isArray(fires)) throw new AssertFileError(`${at}: 'fires' must be a list of {command, targets}`);
    const fireList = fires.map((f, i): FireExpectation => {
      if (typeof f === 'string') return { command: f };
      if (f === null || typeof f !== 'object' || typeof (f as Record<string, unknown>).command !== 'string') {
        throw new AssertFileError(`${at}: fires[${i}] must be {command, targets}`);
      }
      const targets = (f as Record<string, unknown>).targets;
      if (targets !== undefined && !(Array.isArray(targets) && targets.every((t) => typeof t === 'string' || typeof t === 'number'))) {
        throw new AssertFileError(`${at}: fires[${i}].targets must be a list of agent ids`);
      }
      return {
        command: (f as Record<string, unknown>).command as string,
        ...(targets !== undefined ? { targets: (targets as Array<string | number>).map(normalizeTarget) } : {}),
      };
    });
    const notFires = e.notFires === undefined ? [] : e.notFires;
    if (!Array.isArray(notFires) || !notFires.every((n) => typeof n === 'string')) throw new AssertFileError(`${at}: 'notFires' must be a list of command names`);
    if (fireList.length === 0 && notFires.length === 0) throw new AssertFileError(`${at}: has neither fires nor notFires, so it checks nothing`);
    return { position, alert: alert as Expectation['alert'], fires: fireList, notFires: notFires as string[] };
  });
}

/** `1`, `"1"` and `"001"` all mean agent 001 (named as analysisd names it); `all` stays as is. */
function normalizeTarget(target: string | number): string {
  const text = String(target).trim();
  return /^\d+$/.test(text) ? formatAgentId(atoi(text)) : text;
}

export interface AssertionOutcome {
  expectation: Expectation;
  /** The alert the expectation was checked against (undefined when the reference found none). */
  result?: AlertResult;
  failures: string[];
}

export function describeAlertRef(e: Expectation): string {
  if (typeof e.alert === 'number') return `ALERTS[${e.alert}]`;
  if (typeof e.alert === 'string') return `alert id ${e.alert}`;
  return 'inline alert';
}

/** Compares one expectation with the simulated result; each failure is one readable `- expected` / `+ actual` pair. */
export function checkExpectation(expectation: Expectation, result: AlertResult | undefined): AssertionOutcome {
  if (!result) return { expectation, failures: [`- ${describeAlertRef(expectation)}\n+ no such alert in ALERTS`] };
  const failures: string[] = [];
  const fired = result.responses.filter((r) => r.fired);
  const firedSummary = (command: string): string => {
    const same = fired.filter((r) => r.command === command);
    if (same.length > 0) return same.map((r) => `${command} fired on [${agentList(r.targets ?? [], ', ')}] (block ${r.block})`).join('; ');
    const blocks = result.responses.filter((r) => r.command === command);
    if (blocks.length === 0) return `no <active-response> block uses ${command}`;
    return blocks.map((r) => `${command} did not fire (block ${r.block}): ${r.reason}: ${r.detail}`).join('; ');
  };
  for (const want of expectation.fires) {
    const candidates = fired.filter((r) => r.command === want.command);
    const ok = candidates.some((r) => !want.targets || sameSet(want.targets, r.targets ?? []));
    if (!ok) {
      failures.push(`- ${want.command} fires${want.targets ? ` on [${want.targets.join(', ')}]` : ''}\n+ ${firedSummary(want.command)}`);
    }
  }
  for (const command of expectation.notFires) {
    const hits = fired.filter((r) => r.command === command);
    if (hits.length > 0) failures.push(`- ${command} does not fire\n+ ${firedSummary(command)}`);
  }
  return { expectation, result, failures };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

export function renderOutcomes(outcomes: AssertionOutcome[]): { text: string; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  for (const o of outcomes) {
    const r = o.result;
    const what = `${describeAlertRef(o.expectation)}${r ? ` (rule ${r.rule.id ?? '?'}${r.id ? `, id ${r.id}` : ''})` : ''}`;
    if (o.failures.length === 0) {
      lines.push(`ok    ${o.expectation.position + 1} ${what}`);
      continue;
    }
    failed++;
    lines.push(`FAIL  ${o.expectation.position + 1} ${what}`);
    for (const f of o.failures) for (const l of f.split('\n')) lines.push(`      ${l}`);
  }
  lines.push(`${outcomes.length - failed} of ${outcomes.length} expectation${outcomes.length === 1 ? '' : 's'} met${failed ? `, ${failed} failed` : ''}`);
  return { text: `${lines.join('\n')}\n`, failed };
}

/** The first expectation that refers to an alert of ALERTS (by id or index), if any: then ALERTS must be given. */
export function firstReference(expectations: readonly Expectation[]): Expectation | undefined {
  return expectations.find((e) => typeof e.alert !== 'object');
}

/**
 * Checks every expectation: inline alerts are simulated here; alerts referred to by index or id are
 * taken from `results` (the simulated ALERTS, read only when some expectation refers to them, and
 * streamed: only the referenced results are kept).
 */
export async function evaluateExpectations(
  expectations: readonly Expectation[],
  results: AsyncIterable<AlertResult> | undefined,
  config: SimConfig,
  options: SimOptions,
): Promise<AssertionOutcome[]> {
  const byIndex = new Map<number, AlertResult>();
  const byId = new Map<string, AlertResult>();
  const wantIndex = new Set(expectations.filter((e) => typeof e.alert === 'number').map((e) => e.alert as number));
  const wantId = new Set(expectations.filter((e) => typeof e.alert === 'string').map((e) => e.alert as string));
  if (results && firstReference(expectations)) {
    for await (const result of results) {
      if (wantIndex.has(result.index)) byIndex.set(result.index, result);
      if (result.id !== undefined && wantId.has(result.id) && !byId.has(result.id)) byId.set(result.id, result);
    }
  }
  return expectations.map((e, i) => {
    const result = typeof e.alert === 'number' ? byIndex.get(e.alert) : typeof e.alert === 'string' ? byId.get(e.alert) : simulateAlert(config, options, e.alert, i);
    return checkExpectation(e, result);
  });
}

/** The outcomes as `--assert --format json` prints them. */
export function outcomesJson(outcomes: readonly AssertionOutcome[]): string {
  const failed = outcomes.filter((o) => o.failures.length > 0).length;
  return `${JSON.stringify({ passed: outcomes.length - failed, failed, expectations: outcomes.map((o) => ({ position: o.expectation.position, ok: o.failures.length === 0, failures: o.failures })) }, null, 2)}\n`;
}
