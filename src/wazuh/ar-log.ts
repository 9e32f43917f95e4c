/**
 * The two shapes of active-responses.log (logs/active-responses.log; active-response\active-responses.log
 * on Windows), as the programs write them.
 *
 * 4.2 and later (src/active-response/active_responses.c write_debug_file, v4.14.7):
 *   fprintf(ar_log_file, "%s %s: %s\n", timestamp, ar_name, msg)
 * where timestamp is w_get_timestamp(time(NULL)) (src/shared/time_op.c: "%d/%02d/%02d %02d:%02d:%02d" of
 * localtime_r, no zone), ar_name is argv[0] as execd runs it (`active-response/bin/firewall-drop`), and msg
 * is "Starting", the message read from execd (fgets keeps its newline, so a blank line follows it), the
 * check_keys message sent back, an error, "Aborted" or "Ended".
 *
 * Before 4.2 the shell scripts wrote `echo "`date` $0 $1 $2 $3 $4 $5"` (e.g. v3.13.6
 * active-response/firewalls/default-firewall-drop.sh line 44): date(1)'s default output, the script path,
 * the action, user, source IP, alert id and rule id; their errors are `` `date` `` followed by text.
 */

/** A 4.x line: local time, argv[0], message. argv[0] holds no ": " (a relative path under the installation). */
const MODERN_LINE = /^(\d{4,})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) (.+?): (.*)$/;

/** date(1) in the C locale: `Sat Feb  3 21:24:43 UTC 2018` (the zone may be absent or numeric). */
const DATE_OUTPUT = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (?:([A-Za-z]{1,6}|[+-]\d{2}:?\d{2}) )?(\d{4}) (.*)$/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the programs log around a run that is not a failure. */
export const RUN_START = 'Starting';
export const RUN_END = 'Ended';
/** Written after execd answered "abort" to check_keys (the key was already active). */
export const RUN_ABORTED = 'Aborted';

/**
 * Messages that report no failure: the run goes on after them (active_responses.c lock handling and
 * binary lookup, host-deny's duplicate entry, wazuh-slack's wget fallback).
 */
const INFORMATIONAL = [
  /^Binary '.*' not found in default paths, the full path will not be used\.$/,
  /^Killed process \d+ holding lock\.$/,
  /^IP .* already exists on '.*'$/,
  /^Unable to run curl, trying with wget\.\.\.$/,
];

export function informationalMessage(message: string): boolean {
  return INFORMATIONAL.some((re) => re.test(message));
}

/** The command of the message a program sends execd with its keys (CHECK_KEYS_ENTRY). */
export const CHECK_KEYS = 'check_keys';

/** Seconds since the epoch of a calendar time read as UTC, or undefined when no such time exists. */
function naiveSeconds(year: number, month: number, day: number, h: number, m: number, s: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, h, m, s);
  const date = new Date(ms);
  return date.getUTCDate() === day ? ms / 1000 : undefined;
}

export interface ModernLogLine {
  format: 'json';
  /** The host's local time read as if it were UTC (the line says no zone). */
  localTime: number;
  program: string;
  message: string;
}

export interface LegacyLogLine {
  format: 'legacy';
  localTime: number;
  /** Seconds east of UTC when date(1) printed UTC, GMT or a numeric zone; undefined for other names. */
  zoneOffset?: number;
  /** Text after the date: `script action user srcip alert rule`, or a script's error. */
  rest: string;
}

/** One line of active-responses.log in either shape, or undefined when it is neither. */
export function readArLogLine(text: string): ModernLogLine | LegacyLogLine | undefined {
  let m = MODERN_LINE.exec(text);
  if (m) {
    const t = naiveSeconds(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    return t === undefined ? undefined : { format: 'json', localTime: t, program: m[7]!, message: m[8]! };
  }
  m = DATE_OUTPUT.exec(text);
  if (m) {
    const t = naiveSeconds(+m[7]!, MONTHS.indexOf(m[1]!) + 1, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
    if (t === undefined) return undefined;
    const zone = m[6];
    let zoneOffset: number | undefined;
    if (zone === 'UTC' || zone === 'GMT' || zone === 'Z') zoneOffset = 0;
    else if (zone !== undefined && /^[+-]/.test(zone)) {
      const digits = zone.slice(1).replace(':', '');
      zoneOffset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
    }
    return { format: 'legacy', localTime: t, ...(zoneOffset !== undefined ? { zoneOffset } : {}), rest: m[8]! };
  }
  return undefined;
}

/** A pre-4.2 run line: `$0 $1 $2 $3 $4 $5` = script, add|delete, user, srcip, alert id, rule id. */
export interface LegacyRun {
  script: string;
  action: 'add' | 'delete';
  user: string;
  srcip: string;
  alertId: string;
  ruleId: string;
}

export function readLegacyRun(rest: string): LegacyRun | undefined {
  const parts = rest.split(' ');
  if (parts.length < 6 || (parts[1] !== 'add' && parts[1] !== 'delete') || !/\//.test(parts[0]!)) return undefined;
  return { script: parts[0]!, action: parts[1], user: parts[2]!, srcip: parts[3]!, alertId: parts[4]!, ruleId: parts[5]! };
}
