/**
 * What wazuh-execd reads of ossec.conf (src/os_execd/config.c ExecdConfig). It does not validate the
 * blocks ("We do not validate the xml in here"): it takes the first `ossec_config/active-response/disabled`
 * of the file (OS_GetOneContentforElement) for the whole host. `yes` logs `(1350): Active response
 * disabled.` and execd never opens its queue (src/os_execd/main.c), so nothing runs on that host.
 */
import type { ActiveResponseView, ConfigView, OptionValue } from '../document/views.ts';

/** Every `<disabled>` under an `<active-response>` of an `<ossec_config>` root, in document order. */
export function execdDisabledOptions(config: ConfigView): Array<{ option: OptionValue; response: ActiveResponseView }> {
  const out: Array<{ option: OptionValue; response: ActiveResponseView }> = [];
  for (const response of config.activeResponses) {
    if (response.root.name !== 'ossec_config') continue;
    for (const option of response.options.all('disabled')) out.push({ option, response });
  }
  return out;
}

/** The `<disabled>yes</disabled>` that turns this host's execd off, or undefined when execd runs. */
export function execdTurnedOffBy(config: ConfigView): OptionValue | undefined {
  const first = execdDisabledOptions(config)[0]?.option;
  return first?.text === 'yes' ? first : undefined;
}

/**
 * The first `<disabled>` when it stops this host's execd: `yes` turns it off (1350); any value but `no`
 * (even with a space) fails ExecdConfig with `(1235): Invalid value for element 'disabled'` and execd
 * exits at start (src/os_execd/config.c, main.c CONFIG_ERROR): `refused`. Undefined when execd runs.
 */
export function execdStoppedBy(config: ConfigView): { option: OptionValue; refused: boolean } | undefined {
  const first = execdDisabledOptions(config)[0]?.option;
  if (first === undefined || first.text === 'no') return undefined;
  return { option: first, refused: first.text !== 'yes' };
}

/** OS_SIZE_4096: execd's rkey buffer and the programs' COMMANDSIZE_4096 for the joined keys. */
const KEY_BUFFER = 4096;

/** basename_ex: the part after the last '/' (or '\' on Windows builds). */
export function programBasename(program: string): string {
  const slash = Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\'));
  return slash >= 0 ? program.slice(slash + 1) : program;
}

/** OS_SIZE_8192: ExecdRun reads the program's answer with fgets(response, 8192), so 8191 bytes of it. */
const ANSWER_BUFFER = 8192;

/**
 * Whether execd reads the program's whole check_keys line: the programs write it as cJSON prints it
 * (src/active-response/active_responses.c build_json_keys_message); a longer line is cut by fgets, its
 * JSON does not parse, and execd keys the entry on the program's basename alone.
 */
function answerFits(basename: string, keys: readonly string[]): boolean {
  let chars = basename.length;
  for (const k of keys) chars += k.length;
  // Fast path: even escaped as \u00XX (6 bytes a UTF-16 unit) with the message around it, it fits.
  if ((chars + keys.length) * 6 + 100 < ANSWER_BUFFER) return true;
  const line = JSON.stringify({ version: 1, origin: { name: basename, module: 'active-response' }, command: 'check_keys', parameters: { keys } });
  return Buffer.byteLength(line, 'utf8') < ANSWER_BUFFER;
}

/**
 * execd's timeout-list key (src/os_execd/execd.c ExecdRun): basename(program), cut at 4094 bytes by
 * snprintf(rkey, 4095), then the check_keys answer joined as "-k1-k2" (get_keys_from_json stops before a key
 * that would pass 4096 bytes with its dash) appended by strncat up to 4095 bytes in all; nothing appended when
 * the answer is longer than the 8191 bytes execd reads of it. `basename`: programBasename(program), when the
 * caller has it already. A key cut inside a UTF-8 character is returned as latin1 (one character a byte).
 */
export function execdKey(program: string, answer: readonly string[], basename = programBasename(program)): string {
  const keys = answerFits(basename, answer) ? answer : [];
  let key = basename;
  for (const k of keys) key += `-${k}`;
  // Fast path: a key that fits even at 3 bytes per UTF-16 unit needs no byte counting.
  if (key.length * 3 < KEY_BUFFER - 1) return key;
  let joined = '';
  let joinedBytes = 0;
  for (const k of keys) {
    const bytes = Buffer.byteLength(k, 'utf8');
    if (joinedBytes + bytes + 2 > KEY_BUFFER) break;
    joined += `-${k}`;
    joinedBytes += bytes + 1;
  }
  const base = Buffer.from(basename, 'utf8').subarray(0, KEY_BUFFER - 2);
  const rest = Buffer.from(joined, 'utf8').subarray(0, KEY_BUFFER - 1 - base.length);
  const whole = Buffer.concat([base, rest]);
  if (whole.length === Buffer.byteLength(key, 'utf8')) return key;
  // Whole characters read back as the same text as an uncut key of those bytes (a dropped key cuts nothing
  // else); bytes cut inside a character are kept as bytes (latin1 round-trips them).
  const text = whole.toString('utf8');
  return Buffer.from(text, 'utf8').equals(whole) ? text : whole.toString('latin1');
}

/**
 * w_ref_parent_folder (src/shared/file_op.c): whether a path climbs to a parent directory (`..` alone,
 * a leading `../`, or `/..` followed by `/` or the end; Windows builds also take `\`). execd's
 * ReadExecConfig refuses such an ar.conf executable ("vulnerable to directory traversal attack"), which
 * then never runs, and GetCommandbyName refuses such a `!name` custom command.
 */
export function refParentFolder(path: string, windows = false): boolean {
  const sep = (c: string | undefined) => c === '/' || (windows && c === '\\');
  if (path === '..' || (path.startsWith('..') && sep(path[2]))) return true;
  for (let at = 0; at < path.length; at++) {
    if (!sep(path[at]) || path[at + 1] !== '.' || path[at + 2] !== '.') continue;
    const after = path[at + 3];
    if (after === undefined || sep(after)) return true;
  }
  return false;
}

/**
 * ReadExecConfig (src/os_execd/exec.c) keeps etc/shared/ar.conf's entries in static tables of
 * MAX_AR + 1 rows (execd.h: MAX_AR 64) and never checks the bound: the 66th entry is written past
 * them, over the programs of the first entries and the entry count itself.
 */
export const EXECD_AR_ENTRIES = 65;

/**
 * How many table rows execd fills with these ar.conf lines (`name - program - timeout`), the first
 * `restartLines` of them Wazuh's own restart entries. A line whose name is already in the table joins
 * that row when the program of one of the two is missing on the host (exec.c dup_entry), and takes a
 * row of its own when both exist. So between `fewest` (the distinct names) and `most`: one row per
 * restart name (their programs are for different systems: restart-wazuh, restart-wazuh.exe, ...) and
 * one per response line. `restartRows`: the rows the restart entries take that way.
 */
export function execdRows(arConfLines: readonly string[], restartLines: number): { fewest: number; most: number; restartRows: number } {
  const name = (line: string) => line.slice(0, line.indexOf(' - '));
  const restartRows = new Set(arConfLines.slice(0, restartLines).map(name)).size;
  return { fewest: new Set(arConfLines.map(name)).size, most: restartRows + arConfLines.length - restartLines, restartRows };
}
