/** Text and JSON-lines output of `simulate --timeline`, formatted late from the replay's data. */
import type { TimelineEvent } from './execd-state.ts';
import type { UntimedEntry } from './decide.ts';
import type { AgentMessage } from '../simulate/payload.ts';
import type { TimelineFailure, TimelineSummary } from './replay.ts';
import { printable } from '../util/printable.ts';
import { withoutRuleNote } from '../simulate/render-text.ts';
import type { ShapeSample } from './sample-shape.ts';

/** `2021-05-09 12:31:26` in UTC (active-responses.log uses the host's local time; arctl says UTC). */
export function formatTime(seconds: number): string {
  return utcText(seconds, ' ', '');
}

/** `2021-05-09T12:31:26Z`. */
export function isoTime(seconds: number): string {
  return utcText(seconds, 'T', 'Z');
}

let cachedDay = NaN;
let cachedDayText = '';
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `YYYY-MM-DD<sep>HH:MM:SS<end>` in UTC, as Date#toISOString writes it; the date part is cached
 * (a timeline prints thousands of events per day).
 */
function utcText(seconds: number, sep: string, end: string): string {
  const second = Math.floor(seconds);
  const day = Math.floor(second / 86400);
  if (day !== cachedDay) {
    const iso = new Date(day * 86400000).toISOString();
    // Years outside 0000-9999 are written with a sign and six digits: no cached shortcut.
    if (iso.length !== 24) return new Date(second * 1000).toISOString().replace('T', sep).replace(/\.\d{3}Z$/, end);
    cachedDayText = iso.slice(0, 10);
    cachedDay = day;
  }
  const inDay = second - day * 86400;
  return `${cachedDayText}${sep}${TWO_DIGITS[Math.floor(inDay / 3600)]}:${TWO_DIGITS[Math.floor(inDay / 60) % 60]}:${TWO_DIGITS[inDay % 60]}${end}`;
}

/** A JSON string literal; plain text (the usual host, command, key, id) skips JSON.stringify. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * jsonString of a value that repeats from event to event (host, command, name, rule): looked up
 * instead of tested and quoted each time. Bounded: a hostile file with endless distinct values only
 * refills it.
 */
function repeatedJsonString(text: string): string {
  let literal = REPEATED.get(text);
  if (literal === undefined) {
    if (REPEATED.size >= REPEATED_MAX) REPEATED.clear();
    literal = jsonString(text);
    REPEATED.set(text, literal);
  }
  return literal;
}
const REPEATED = new Map<string, string>();
const REPEATED_MAX = 4096;

export function hostLabel(host: string): string {
  if (host.startsWith('000@')) return `manager@${host.slice(4)}`;
  return host === '000' ? 'manager' : host === 'all' ? 'all agents' : `agent ${host}`;
}

/**
 * A delete before its entry was due (execd's shutdown on a restart runs them all at once: execd-state.ts restart):
 * the seconds the entry stood, shown as `after 60s of 600s`. Undefined for a delete at its time.
 */
export function earlyDeleteAge(e: TimelineEvent): number | undefined {
  if (e.action !== 'delete' || e.addedAt === undefined) return undefined;
  const age = e.time - e.addedAt;
  return age <= e.timeout ? age : undefined;
}

export function eventLine(e: TimelineEvent): string {
  const early = earlyDeleteAge(e);
  const extra =
    e.action === 'delete'
      ? `after ${early !== undefined ? `${early}s of ` : ''}${e.timeout}s (added ${formatTime(e.addedAt ?? e.time)})`
      : e.timeout !== 0
        ? `timeout ${e.timeout}s${e.offense > 0 ? `, offense #${e.offense + 1}` : ''}`
        : 'no timeout: never undone';
  const line = printable(`${formatTime(e.time)}  ${hostLabel(e.host).padEnd(10)}  ${e.action.padEnd(6)}  ${e.key}  ${e.command}  ${extra}  rule ${e.rule} alert ${e.alert}`);
  const withMessage = e.message ? `${line}\n${messageLine(e.message)}` : line;
  return e.note ? `${withMessage}\n${noteLine(e.note)}` : withMessage;
}

/** What the event line alone would hide, under it. */
export function noteLine(note: string): string {
  return printable(`    note: ${note}`);
}

/** The message analysisd sent the agent, under its event (as simulate --payload shows it). */
export function messageLine(m: AgentMessage): string {
  const what = m.message ?? (m.version === null ? 'no version in --agents' : `version '${m.version}' unreadable: analysisd sends nothing`);
  return printable(`    message to agent ${m.agent} (${m.version ?? '?'}, ${m.format ?? '-'}): ${what}`);
}

export function failLine(f: TimelineFailure): string {
  return printable(`${formatTime(f.time)}  ${hostLabel(f.host).padEnd(10)}  ${'fail'.padEnd(6)}  ${f.command}: ${f.reason}  rule ${f.rule} alert ${f.alert}`);
}

/** Columns before `leftColumns` are left-aligned text, the rest right-aligned numbers. */
function table(cells: string[][], leftColumns: number): string[] {
  const rows = cells.map((r) => r.map(printable));
  const widths = rows[0].map((_, i) => rows.reduce((w, r) => Math.max(w, r[i].length), 0));
  return rows.map((r) => r.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
}

/** Where the first untimed alert is: `FILE:LINE, timestamp '...'`. */
function untimedWhere(entry: UntimedEntry, source: string): string {
  return `${source}:${entry.line}, ${entry.timestamp === undefined ? 'which has no timestamp' : `timestamp '${entry.timestamp}'`}`;
}

/**
 * `source`: the alerts file as the user named it (names the first untimed alert). `sample`: the input's
 * first alerts when no response fired (./sample-shape.ts): what they are, when they have no rule.id.
 */
export function summaryText(s: TimelineSummary, source = '<alerts>', sample?: ShapeSample): string {
  const lines: string[] = [];
  // The times are those of the alerts parsed: the prefilter rules the others out without reading their timestamp.
  const times = s.firstTime !== undefined && s.lastTime !== undefined ? `${formatTime(s.firstTime)} to ${formatTime(s.lastTime)} UTC` : undefined;
  const span = times === undefined ? '' : s.unparsed ? `; those parsed run from ${times}` : ` from ${times}`;
  lines.push(`${s.alerts} alert${s.alerts === 1 ? '' : 's'} replayed${span}.`);
  if (s.unparsed) lines.push(`${s.unparsed} of them could fire no response and ${s.unparsed === 1 ? 'was' : 'were'} not parsed.`);
  if (s.untimed) lines.push(printable(`${s.untimed} alert(s) without a readable timestamp were skipped${s.firstUntimed ? ` (the first: ${untimedWhere(s.firstUntimed, source)})` : ''}.`));
  if (s.outsideWindow) lines.push(`${s.outsideWindow} alert(s) outside --since/--until/--at were skipped.`);
  if (s.late) {
    lines.push(`${s.late} response(s) arrived later than the reorder window and were replayed at the current time.`);
    // Most of them late: the file is likely newest first (an indexer search sorted by time, descending), or in no
    // time order at all (a search sorted by score, as the dashboard's export and a bare _search return hits).
    const dispatched = s.groups.reduce((sum, g) => sum + g.adds + g.aborts + g.fails, 0);
    if (s.late * 2 > dispatched) lines.push('Most responses came late: are the alerts newest first, or in no time order (an indexer search not sorted on timestamp)? Replay them oldest first (`tac FILE` for newest-first lines; "sort": [{"timestamp": "asc"}] in the search), or raise --reorder-window.');
  }
  if (s.groups.length === 0) {
    lines.push('No active response fired.');
    if (sample && sample.withoutRule > 0) lines.push(printable(withoutRuleNote(sample, !sample.complete).trimEnd()));
  } else {
    lines.push('', ...table([['command', 'host', 'adds', 'aborts', 'deletes', 'fails', 'keys', 'peak active'], ...s.groups.map((g) => [g.command, hostLabel(g.host), String(g.adds), String(g.aborts), String(g.deletes), String(g.fails), String(g.distinctKeys), String(g.peakActive)])], 2));
  }
  lines.push('');
  // A group that added and never listed an entry: every add had timeout 0, which execd does not list (execd.c:344-345)
  // and never undoes. What those adds did stays done, though nothing is left to undo.
  const kept = s.groups.filter((g) => g.adds > 0 && g.peakActive === 0);
  const keptText = kept.length === 0 ? '' : `the responses without a timeout are never undone, what they did stays (${kept.map((g) => `${g.command} on ${hostLabel(g.host)}: ${g.distinctKeys} key${g.distinctKeys === 1 ? '' : 's'}`).join(', ')})`;
  if (s.stillActive.length === 0) {
    lines.push(printable(`Nothing is still active${s.at !== undefined ? ` at ${formatTime(s.at)} UTC` : ''}${keptText ? `; ${keptText}` : ''}.`));
  } else {
    lines.push(`Still active at ${formatTime(s.at ?? 0)} UTC (${s.stillActive.length}):`);
    for (const line of table([['host', 'key', 'command', 'added', 'expires'], ...s.stillActive.map((a) => [hostLabel(a.host), a.key, a.command, formatTime(a.addedAt), formatTime(a.expiresAt)])], 5)) lines.push(line);
    if (keptText) lines.push(printable(`Besides, ${keptText}.`));
  }
  return `${lines.join('\n')}\n`;
}

/** The same text as JSON.stringify of these fields in this order, built directly (one line per event). */
export function eventJson(e: TimelineEvent): string {
  return (
    `{"time":"${isoTime(e.time)}","host":${repeatedJsonString(e.host)},"action":"${e.action}","command":${repeatedJsonString(e.command)},"name":${repeatedJsonString(e.name)},` +
    `"key":${jsonString(e.key)},"alert":${jsonString(e.alert)},"rule":${repeatedJsonString(e.rule)},"timeout":${JSON.stringify(e.timeout)},"offense":${e.offense}` +
    `${e.message ? `,"message":${JSON.stringify({ version: e.message.version, format: e.message.format, message: e.message.message })}` : ''}${e.note ? `,"note":${JSON.stringify(e.note)}` : ''}}`
  );
}

export function failJson(f: TimelineFailure): string {
  return JSON.stringify({ time: isoTime(f.time), host: f.host, action: 'fail', command: f.command, name: f.name, alert: f.alert, rule: f.rule, reason: f.reason });
}

export function summaryJson(s: TimelineSummary, source = '<alerts>', sample?: ShapeSample): string {
  return JSON.stringify({
    summary: {
      alerts: s.alerts,
      untimed: s.untimed,
      ...(s.firstUntimed ? { firstUntimed: { file: source, ...s.firstUntimed } } : {}),
      outsideWindow: s.outsideWindow,
      late: s.late,
      ...(s.unparsed !== undefined ? { unparsed: s.unparsed } : {}),
      ...(s.firstTime !== undefined ? { first: isoTime(s.firstTime), last: isoTime(s.lastTime ?? s.firstTime) } : {}),
      ...(s.at !== undefined ? { at: isoTime(s.at) } : {}),
      groups: s.groups,
      stillActive: s.stillActive.map((a) => ({ host: a.host, key: a.key, command: a.command, name: a.name, added: isoTime(a.addedAt), timeout: a.timeout, expires: isoTime(a.expiresAt) })),
      ...(sample && sample.withoutRule > 0 ? { firstAlerts: sampleJson(sample) } : {}),
    },
  });
}

/** The sampled first alerts, as the JSON summary's `firstAlerts`: what those without rule.id are. */
function sampleJson(sample: ShapeSample): Record<string, unknown> {
  return {
    sampled: sample.alerts,
    complete: sample.complete,
    withoutRule: sample.withoutRule,
    ossec2: sample.ossec2,
    flattened: sample.flattened,
    notWazuh: sample.notWazuh,
  };
}
