/**
 * `npm run oracle -- --execd [--count N] [--seed S] [--record FILE]`: `simulate --timeline`'s replay
 * (src/timeline/replay.ts, execd-state.ts) against Wazuh's own wazuh-execd main loop compiled from Wazuh's
 * source (.oracle/execd-oracle, built outside this repository: ./binaries.ts), on seeded generated sequences.
 *
 * A case: the manager's and the agents' ossec.conf (their first <disabled>, yes, no or a value execd
 * refuses, and their <repeated_offenders>, as written, odd forms included), a few responses (program, timeout 0, short or long) and alerts, each sending messages to
 * some hosts with the keys the program answers check_keys with (an IP, a user, none, an empty list, a
 * long or non-ASCII key) or no answer at all (a stateless program). Times repeat, and come out of order
 * by less than the replay's reorder window. Each host is its own execd: it receives its messages in
 * the order the replay runs them (time, then input order) at their whole second; the sequence of adds,
 * aborts and deletes (with time, alert, key, timeout), the entries still listed at the last alert's
 * time, whether execd starts and the minutes list read must equal arctl's.
 *
 * Not modelled: real time within a second (execd checks its list when select() returns, so a message in
 * the very second an entry is due may find it still listed: arctl, like the harness, deletes first), the
 * time programs take (execd waits for each), answers that are not check_keys messages (execd then keys on
 * the basename), and ar.conf oddities (a missing program, duplicate names, `!` commands, restart-wazuh).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import type { SimConfig, SimResponse } from '../../src/simulate/model.ts';
import type { Decision } from '../../src/timeline/decide.ts';
import { TimelineReplay, type TimelineItem } from '../../src/timeline/replay.ts';
import { execdStoppedBy, programBasename } from '../../src/wazuh/execd.ts';
import { firstRepeatedOffenders } from '../../src/wazuh/repeated-offenders.ts';
import { rng } from './generate.ts';
import { NOT_HERE } from './binaries.ts';

export interface ExecdCaseResponse {
  command: string;
  /** The AR name analysisd sends and writes to ar.conf (command + timeout). */
  name: string;
  executable: string;
  timeout: number;
}

export interface ExecdCaseAlert {
  time: number;
  id: string;
  dispatches: Array<{ response: number; host: string; keys: string[] | null }>;
}

export interface ExecdCase {
  /** ossec.conf of the manager (host 000) and of every agent. */
  manager: string;
  agent: string;
  responses: ExecdCaseResponse[];
  /** In input order (times may go back by less than the reorder window). */
  alerts: ExecdCaseAlert[];
}

/** Per host: the minutes list execd read, then its events and (sorted) the entries still listed. */
export type ExecdVerdict = Record<string, { start: ExecdStart; repeated: number[]; events: string[]; active: string[] }>;

/** ExecdConfig's verdict on a host's ossec.conf: 0 runs, 1 disabled (1350), -1 refused (1235, exits). */
export type ExecdStart = 'runs' | 'off' | 'refused';
const START_BY_STATUS: Record<number, ExecdStart> = { 0: 'runs', 1: 'off', [-1]: 'refused' };

export interface RecordedExecdCase extends ExecdCase {
  /** generateExecdCase's seed. */
  seed: number;
  /** The disagreement the oracle found when it was recorded. */
  note?: string;
  wazuh: ExecdVerdict;
}

const REPEATED = [
  undefined, '1,5,10', '2', '0,5', '2,0,3', ' 1,\t2, ,3', '1,2,3,4,5,6,7', '-1,2', 'abc', '5 , 10', '36000000', '1,,2',
];
const PROGRAMS = ['firewall-drop', 'host-deny', 'disable-account', 'custom.sh', 'route-null', 'netsh.exe'];
const TIMEOUTS = [0, 0, 1, 2, 3, 10, 60, 180, 600];
// Long keys: two of 2100 bytes pass the programs' 4096 (the second is dropped); one of 4090 bytes, or 2045
// two-byte characters, passes execd's 4095 with the program's name in front (cut, mid-character for é).
const KEYS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1', 'root', 'bob', 'ü-user', '', 'x'.repeat(2100), 'y'.repeat(4090), 'é'.repeat(2045)];

/** An ossec.conf: `disabled`, the first <disabled> (no when undefined); `repeated`, the first list. */
function ossecConf(repeated: string | undefined, disabled: string | undefined, pick: () => number): string {
  const first = `  <active-response>\n    <disabled>${disabled ?? 'no'}</disabled>\n  </active-response>\n`;
  if (repeated === undefined) return `<ossec_config>\n${first}</ossec_config>\n`;
  const block = `  <active-response>\n    <repeated_offenders>${repeated}</repeated_offenders>\n  </active-response>\n`;
  // Sometimes a block without the list first, or a second list execd never reads.
  const before = disabled !== undefined || pick() < 0.3 ? first : '';
  const after = pick() < 0.3 ? '  <active-response>\n    <repeated_offenders>7</repeated_offenders>\n  </active-response>\n' : '';
  return `<ossec_config>\n${before}${block}${after}</ossec_config>\n`;
}

/** A seeded case: 1-3 hosts, 1-4 responses, 5-60 alerts. */
export function generateExecdCase(seed: number): ExecdCase {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const responses: ExecdCaseResponse[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const executable = pick(PROGRAMS);
    const timeout = pick(TIMEOUTS);
    const command = `${executable.replace(/\W/g, '')}${i}`;
    responses.push({ command, name: `${command}${timeout}`, executable, timeout });
  }
  const hosts = ['000', '001', '002'].slice(0, 1 + Math.floor(random() * 3));
  const keyPool = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(KEYS));
  const alerts: ExecdCaseAlert[] = [];
  let time = 1_700_000_000;
  const n = 5 + Math.floor(random() * 56);
  for (let i = 0; i < n; i++) {
    time += pick([0, 0, 0, 1, 1, 2, 3, 5, 10, 30, 61, 120, 400]);
    // Out of order by less than the reorder window (60 s), sometimes a fraction of a second.
    const at = time - (random() < 0.15 ? Math.floor(random() * 40) : 0) + (random() < 0.1 ? 0.5 : 0);
    const dispatches: ExecdCaseAlert['dispatches'] = [];
    for (let d = 0, m = 1 + Math.floor(random() * 2); d < m; d++) {
      const r = random();
      const keys = r < 0.12 ? null : r < 0.17 ? [] : r < 0.22 ? [pick(keyPool), pick(keyPool)] : [pick(keyPool)];
      dispatches.push({ response: Math.floor(random() * responses.length), host: pick(hosts), keys });
    }
    alerts.push({ time: at, id: `a${i}`, dispatches });
  }
  // Mostly execd runs; sometimes the first <disabled> turns it off, or is a value it refuses.
  const disabled = () => (random() < 0.1 ? pick(['yes', 'no', 'maybe', 'yes ', 'NO']) : undefined);
  return { manager: ossecConf(pick(REPEATED), disabled(), random), agent: ossecConf(pick(REPEATED), disabled(), random), responses, alerts };
}

/** A program's check_keys line, as active_responses.c's build_json_keys_message writes it. */
function checkKeysLine(executable: string, keys: string[]): string {
  return JSON.stringify({ version: 1, origin: { name: programBasename(executable), module: 'active-response' }, command: 'check_keys', parameters: { keys } });
}

function analysisdMessage(name: string, alertId: string): string {
  return JSON.stringify({ version: 1, origin: { name: 'node01', module: 'wazuh-analysisd' }, command: name, parameters: { extra_args: [], alert: { id: alertId } } });
}

/**
 * A key as the verdicts write it: its text when it is UTF-8, else `hex:` and its bytes; a long one by its
 * start, a digest and its length in bytes (the recorded cases stay small, the comparison exact).
 */
function keyText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  const shown = Buffer.from(text, 'utf8').equals(bytes) ? text : `hex:${bytes.toString('hex')}`;
  return shown.length <= 80 ? shown : `${shown.slice(0, 24)}…${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}/${bytes.length}B`;
}

/** arctl's keys are strings; execdKey returns a key cut inside a character (at 4095 bytes) as latin1 characters. */
function arctlKeyText(key: string): string {
  const cut = key.length >= 4000 && /^[\u0000-\u00ff]*$/.test(key) && !Buffer.from(Buffer.from(key, 'latin1').toString('utf8'), 'utf8').equals(Buffer.from(key, 'latin1'));
  return keyText(Buffer.from(key, cut ? 'latin1' : 'utf8'));
}

const lastTime = (c: ExecdCase) => Math.max(...c.alerts.map((a) => a.time));

/** The messages as the replay runs them: time, then input order. */
function arrivals(c: ExecdCase): Array<{ time: number; alert: ExecdCaseAlert; dispatch: ExecdCaseAlert['dispatches'][number] }> {
  const out = c.alerts.flatMap((alert) => alert.dispatches.map((dispatch) => ({ time: alert.time, alert, dispatch })));
  return out.map((x, i) => ({ ...x, i })).sort((a, b) => a.time - b.time || a.i - b.i);
}

/** Runs Wazuh's execd (the oracle binary) on every host of the case. */
export function wazuhVerdict(oracle: string, c: ExecdCase): ExecdVerdict {
  const verdict: ExecdVerdict = {};
  const hosts = [...new Set(c.alerts.flatMap((a) => a.dispatches.map((d) => d.host)))].sort();
  const dir = mkdtempSync(join(tmpdir(), 'arctl-execd-oracle-'));
  try {
    mkdirSync(join(dir, 'etc/shared'), { recursive: true });
    mkdirSync(join(dir, 'active-response/bin'), { recursive: true });
    for (const r of c.responses) writeFileSync(join(dir, 'active-response/bin', r.executable), '');
    writeFileSync(join(dir, 'etc/shared/ar.conf'), c.responses.map((r) => `${r.name} - ${r.executable} - ${r.timeout}\n`).join(''));
    writeFileSync(join(dir, 'manager.conf'), c.manager);
    writeFileSync(join(dir, 'agent.conf'), c.agent);
    const ordered = arrivals(c);
    for (const host of hosts) {
      const lines = ordered
        .filter((x) => x.dispatch.host === host)
        .map(({ time, alert, dispatch }) => {
          const r = c.responses[dispatch.response]!;
          const answer = dispatch.keys === null ? '-' : checkKeysLine(r.executable, dispatch.keys);
          return `${Math.floor(time)}\t${answer}\t${analysisdMessage(r.name, alert.id)}\n`;
        });
      writeFileSync(join(dir, 'messages'), lines.join(''));
      const run = spawnSync(oracle, [host === '000' ? 'manager.conf' : 'agent.conf', 'messages', String(Math.floor(lastTime(c)))], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      if (run.status !== 0) throw new Error(`execd oracle: exit ${run.status} signal ${run.signal} on host ${host}: ${run.stderr.slice(-2000)}`);
      const result = { start: 'runs' as ExecdStart, repeated: [] as number[], events: [] as string[], active: [] as string[] };
      for (const line of run.stdout.split('\n').filter(Boolean)) {
        const o = JSON.parse(line) as { config?: { status: number; repeated: number[] }; t?: number; action: string; alert: string; key: string | null; timeout: number; added?: number };
        if (o.config) {
          result.start = START_BY_STATUS[o.config.status]!;
          // The list matters only where execd runs (a refused <disabled> stops ExecdConfig before it).
          if (result.start === 'runs') result.repeated = o.config.repeated;
          continue;
        }
        const key = o.key === null ? '-' : keyText(Buffer.from(o.key, 'hex'));
        if (o.action === 'active') result.active.push(`${o.alert} ${key} ${o.timeout} added=${o.added}`);
        else result.events.push(`${o.t} ${o.action} ${o.alert} ${key} ${o.timeout}${o.action === 'delete' ? ` added=${o.added}` : ''}`);
      }
      result.active.sort();
      verdict[host] = result;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return verdict;
}

/** What arctl's replay gives for the case, in the oracle's terms. */
export function arctlVerdict(c: ExecdCase): ExecdVerdict {
  const responses = c.responses.map((r) => ({ command: r.command, name: r.name, executable: r.executable, timeout: r.timeout }) as SimResponse);
  // The replay reads only the responses' command, name, program and timeout of a SimConfig, and whether the target
  // is below 4.2 (a restart-wazuh0 runs the stock restart program from 4.2: execdProgram).
  const config = { responses, target: { legacy: false } } as SimConfig;
  const view = (host: string) => buildConfigView(ConfigDocument.fromText('ossec.conf', host === '000' ? c.manager : c.agent));
  const minutes = (host: string) => firstRepeatedOffenders(view(host));
  const start = (host: string): ExecdStart => {
    const stop = execdStoppedBy(view(host));
    return stop === undefined ? 'runs' : stop.refused ? 'refused' : 'off';
  };
  const replay = new TimelineReplay(config, { managerRepeatedOffenders: minutes('000'), agentRepeatedOffenders: minutes('001') });
  // A host whose execd does not run gets nothing (simulate's engine sends it nothing: agentsExecdOff, managerExecd).
  const sent = (host: string) => start(host) === 'runs';
  const decisions: Decision[] = c.alerts.map((a, index) => ({ time: a.time, alertId: a.id, index, ruleId: '1', dispatches: a.dispatches.filter((d) => sent(d.host)).map((d) => ({ response: d.response, host: d.host, keys: d.keys })) }));
  const items: TimelineItem[] = [...replay.add({ decisions, untimed: 0, outsideWindow: 0, unparsed: 0 }), ...replay.finish()];
  if (replay.summary.late > 0) throw new Error('execd oracle: a generated alert came later than the reorder window');
  const verdict: ExecdVerdict = {};
  const hostOf = (host: string) => (verdict[host] ??= { start: start(host), repeated: sent(host) ? (minutes(host) ?? []) : [], events: [], active: [] });
  for (const item of items) {
    if (item.type !== 'event') continue;
    const e = item.event;
    const kept = e.action !== 'add' || e.timeout !== 0;
    const key = kept ? arctlKeyText(e.key) : '-';
    hostOf(e.host).events.push(`${e.time} ${e.action} ${e.alert} ${key} ${e.timeout}${e.action === 'delete' ? ` added=${e.addedAt}` : ''}`);
  }
  for (const a of replay.summary.stillActive) hostOf(a.host).active.push(`${a.alert} ${arctlKeyText(a.key)} ${a.timeout} added=${a.addedAt}`);
  for (const host of new Set(c.alerts.flatMap((a) => a.dispatches.map((d) => d.host)))) hostOf(host);
  for (const v of Object.values(verdict)) v.active.sort();
  return verdict;
}

/** An event line for a message, its long keys cut. */
const short = (line: string | undefined) => (line === undefined ? '(none)' : line.replace(/(\S{40})\S{20,}/g, '$1…'));

/** Which fields of two event lines differ ("time alert key"), for a disagreement's class. */
function differingFields(wazuh: string | undefined, arctl: string | undefined, names: string[]): string {
  if (wazuh === undefined || arctl === undefined) return wazuh === undefined ? 'only arctl has it' : 'only Wazuh has it';
  const w = wazuh.split(' ');
  const a = arctl.split(' ');
  return names.filter((_, i) => w[i] !== a[i]).join(' ');
}

/** The first difference between two verdicts (with its class: what differs, not the values), or undefined. */
export function verdictDifference(wazuh: ExecdVerdict, arctl: ExecdVerdict): { text: string; kind: string } | undefined {
  for (const host of [...new Set([...Object.keys(wazuh), ...Object.keys(arctl)])].sort()) {
    const w = wazuh[host];
    const a = arctl[host];
    if (!w || !a) return { text: `host ${host}: ${w ? 'arctl has no run' : 'Wazuh has no run'}`, kind: 'a host missing' };
    if (w.start !== a.start) return { text: `host ${host}: execd start Wazuh ${w.start} arctl ${a.start}`, kind: 'execd start' };
    if (w.repeated.join(',') !== a.repeated.join(',')) return { text: `host ${host}: repeated_offenders Wazuh [${w.repeated}] arctl [${a.repeated}]`, kind: 'repeated_offenders list' };
    for (const [what, wl, al, names] of [
      ['event', w.events, a.events, ['time', 'action', 'alert', 'key', 'timeout', 'added']],
      ['still active', w.active, a.active, ['alert', 'key', 'timeout', 'added']],
    ] as const) {
      for (let i = 0; i < Math.max(wl.length, al.length); i++) {
        if (wl[i] === al[i]) continue;
        const action = (line: string | undefined) => (what === 'event' ? (line?.split(' ')[1] ?? '-') : 'entry');
        return {
          text: `host ${host}: ${what} #${i}: Wazuh '${short(wl[i])}' arctl '${short(al[i])}'`,
          kind: `${what}: Wazuh ${action(wl[i])} / arctl ${action(al[i])}: ${differingFields(wl[i], al[i], [...names])}`,
        };
      }
    }
  }
  return undefined;
}

/**
 * Whether a case is at an edge worth keeping: answers of over 4000 bytes (keys dropped, cut, or the line
 * too long for execd), a host whose execd does not run, a negative timeout, a key cut at 4095 bytes, two
 * deletes in one second.
 */
function atAnEdge(c: ExecdCase, verdict: ExecdVerdict): boolean {
  if (c.alerts.some((a) => a.dispatches.some((d) => (d.keys ?? []).join('').length > 4000))) return true;
  if (Object.values(verdict).some((h) => h.start !== 'runs')) return true;
  return Object.values(verdict).some(({ events }) => {
    const deleteSeconds = events.filter((e) => e.split(' ')[1] === 'delete').map((e) => e.split(' ')[0]);
    return events.some((e) => / -\d+( |$)/.test(e) || e.includes(' hex:')) || new Set(deleteSeconds).size < deleteSeconds.length;
  });
}

/** Runs `count` seeded cases; returns the number of disagreements (0 when the oracle binary is missing: it says so). */
export function runExecdOracle(opts: { count: number; seed: number; out: string; dir: string; record?: string }): number {
  const oracle = join(opts.dir, 'execd-oracle');
  if (!existsSync(oracle)) {
    console.log(`oracle: skipped: no execd oracle binary at ${oracle}. It compiles Wazuh's execd and is ${NOT_HERE}.`);
    return 0;
  }
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });
  const classes = new Map<string, number>();
  const recorded: RecordedExecdCase[] = [];
  let wrong = 0;
  for (let i = 0; i < opts.count; i++) {
    const seed = opts.seed + i;
    const c = generateExecdCase(seed);
    const wazuh = wazuhVerdict(oracle, c);
    const difference = verdictDifference(wazuh, arctlVerdict(c));
    if (difference !== undefined) {
      wrong++;
      const seen = classes.get(difference.kind) ?? 0;
      classes.set(difference.kind, seen + 1);
      writeFileSync(join(opts.out, `seed-${seed}.json`), JSON.stringify({ seed, difference: difference.text, case: c, wazuh, arctl: arctlVerdict(c) }, null, 2));
      if (seen === 0) console.log(`seed ${seed}: ${difference.text}`);
    }
    if (opts.record && (difference !== undefined || i % 25 === 0 || atAnEdge(c, wazuh))) {
      const entry: RecordedExecdCase = { seed, ...c, ...(difference ? { note: difference.text } : {}), wazuh };
      // Cases under 12 KB: a few alerts with long keys, or many with short ones.
      if (JSON.stringify(entry).length < 12_000) recorded.push(entry);
    }
  }
  console.log(`execd oracle: ${opts.count} sequences (seeds ${opts.seed}..${opts.seed + opts.count - 1}), ${wrong} disagreeing`);
  for (const [cls, n] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`  ${n} x ${cls}`);
  if (opts.record) writeFileSync(opts.record, `[\n${recorded.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  return wrong;
}
