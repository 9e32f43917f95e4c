/**
 * How wazuh-execd talks to an active-response program (src/os_execd/execd.c ExecdRun and
 * ExecdTimeoutRun, src/shared/exec_op.c wpopenv/wpclose, src/active-response/active_responses.c; v4.14.7).
 *
 * 4.2+ (JSON protocol):
 * - add: wpopenv(program, [program], W_BIND_STDIN | W_BIND_STDOUT): argv is the program path alone
 *   (`active-response/bin/NAME`, relative to execd's working directory, the installation directory),
 *   stdin and stdout are pipes, stderr is /dev/null, setsid(), execd's own environment. execd writes the
 *   message and "\n", then fgets() one reply line of at most 8191 bytes from stdout, with no time limit.
 *   No line (the program closed stdout or exited): nothing is kept, no continue/abort is written.
 *   A line: parsed as execd parses it; the key is basename(program) followed by "-" + each string key of
 *   a valid check_keys reply; any other line leaves the key as the bare basename. execd then writes
 *   "continue" (or "abort" when the key is in its timeout list) as the same message with `command`
 *   replaced, closes both pipes and waits for the program to exit, again with no time limit.
 * - delete (at the timeout): wpopenv(program, [program], W_BIND_STDIN): the message with command
 *   "delete" and "\n" on stdin, stdout and stderr /dev/null, stdin closed, waited for.
 * Before 4.2 (and 4.2+ managers talking to agents older than 4.2): execd fork()s and execv()s
 * [program, "add"|"delete", user, srcip, alert id, rule id, location, filename, extra args...] with its
 * own (daemon, /dev/null) standard streams and does not wait.
 */
import { CjsonObject, cjsonParse } from './cjson.ts';

/** The directory execd runs programs from, relative to its working directory (AR_BINDIR). */
export const AR_BINDIR = 'active-response/bin';

/** execd's fgets() buffer for the reply (OS_SIZE_8192): longer lines are cut and read as two. */
export const REPLY_LINE_MAX = 8191;

/** The log the stock programs append to, relative to the installation directory. */
export const AR_LOG_FILE = 'logs/active-responses.log';

/**
 * The environment execd's programs inherit: wazuh-manager/wazuh-agent are systemd services, so it is
 * systemd's default environment (PATH) with nothing of the admin's shell.
 */
export const EXECD_ENVIRONMENT: Readonly<Record<string, string>> = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
};

export type ExecdReply =
  | { kind: 'check_keys'; keys: string[]; ignored: number }
  | { kind: 'other'; reason: string };

/**
 * What execd makes of a reply line: get_json_from_input (cJSON_Parse, so text after the object is
 * ignored; then a number `version`, an object `origin`, a string `command` and an object `parameters`,
 * each found by cJSON_GetObjectItem, which ignores ASCII case and takes the first of duplicates), then
 * command "check_keys" (compared exactly) and a `parameters.keys` array whose string items become the
 * key (other items are skipped).
 */
export function parseExecdReply(line: string): ExecdReply {
  const value = cjsonParse(line);
  if (value === undefined) return { kind: 'other', reason: 'the line is not JSON' };
  if (!(value instanceof CjsonObject)) return { kind: 'other', reason: 'the line is not a JSON object' };
  const command = value.get('command');
  const parameters = value.get('parameters');
  const missing = [
    typeof value.get('version') !== 'number' ? '"version" (a number)' : undefined,
    !(value.get('origin') instanceof CjsonObject) ? '"origin" (an object)' : undefined,
    typeof command !== 'string' ? '"command" (a string)' : undefined,
    !(parameters instanceof CjsonObject) ? '"parameters" (an object)' : undefined,
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) return { kind: 'other', reason: `execd's get_json_from_input rejects it: no ${missing.join(', ')}` };
  if (command !== 'check_keys') return { kind: 'other', reason: `"command" is '${String(command)}', not 'check_keys'` };
  const keys = (parameters as CjsonObject).get('keys');
  if (!Array.isArray(keys)) return { kind: 'other', reason: '"parameters.keys" is not an array' };
  const strings = keys.filter((k): k is string => typeof k === 'string');
  return { kind: 'check_keys', keys: strings, ignored: keys.length - strings.length };
}

/** The reply the stock programs send (build_json_keys_message), for reports and examples. */
export function checkKeysMessage(programBasename: string, keys: string[]): string {
  return JSON.stringify({ version: 1, origin: { name: programBasename, module: 'active-response' }, command: 'check_keys', parameters: { keys } });
}

/** execd's follow-up messages: the add message with `command` replaced in place (cJSON_ReplaceItemInObject). */
export function withCommand(message: Record<string, unknown>, command: 'continue' | 'abort' | 'delete'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(message)) out[k] = k === 'command' ? command : v;
  return out;
}
