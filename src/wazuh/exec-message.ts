/**
 * The message analysisd sends an agent for a response (src/analysisd/alerts/exec.c OS_Exec, v4.14.7): it
 * reads the agent's version and picks a format per agent.
 * - below 4.2: the legacy string (getActiveResponseInString), snprintf'd into OS_SIZE_1024:
 *   `<name> <user|-> <ip|-> <tv_sec>.<alert second id> <rule id> <location> <filename|-> <extra_args|->`
 *   with filename (syscheck events only) and extra_args passed through os_shell_escape;
 * - 4.2.0 to 4.2.4: the JSON message with `! $ ' \`` replaced by `\\x21 \\x24 \\x27 \\x60` (those agents'
 *   execd unescaped them);
 * - 4.2.5 and later: the JSON message as is.
 * A version it cannot read (no "v" then MAJOR.MINOR.PATCH) means "Unable to read agent version." and nothing
 * is sent to that agent.
 */
import { atoi } from './c-number.ts';

export type AgentMessageFormat = 'legacy' | 'json-escaped' | 'json';

/**
 * origin.name of every AR message when ossec.conf has no <cluster><node_name>: get_node_name
 * (src/shared/cluster_utils.c) falls back to strdup("undefined"), so ar_json.c's `node_name ? node_name : ""`
 * never gives ''.
 */
export const UNSET_NODE_NAME = 'undefined';

/** OS_SIZE_1024: getActiveResponseInString's buffer (snprintf keeps 1023 bytes). */
const LEGACY_MESSAGE_SIZE = 1024;

/** C strtok: the next token after skipping leading delimiters, and the rest after one delimiter. */
function strtok(text: string | undefined, delimiters: string): [token: string | undefined, rest: string | undefined] {
  if (text === undefined) return [undefined, undefined];
  let i = 0;
  while (i < text.length && delimiters.includes(text[i]!)) i++;
  if (i === text.length) return [undefined, undefined];
  let j = i;
  while (j < text.length && !delimiters.includes(text[j]!)) j++;
  return [text.slice(i, j), j < text.length ? text.slice(j + 1) : undefined];
}

/**
 * The format OS_Exec picks for an agent reporting `version` (e.g. "Wazuh v4.2.3"): strtok on "v" drops the
 * text before the first "v", then major, minor and patch are split on "."; null when one is missing.
 */
export function agentMessageFormat(version: string): AgentMessageFormat | null {
  const [, afterV] = strtok(version, 'v');
  const [major, rest1] = strtok(afterV, '.');
  const [minor, rest2] = strtok(rest1, '.');
  const [patch] = strtok(rest2, '.');
  if (major === undefined || minor === undefined || patch === undefined) return null;
  const [ma, mi, pa] = [atoi(major), atoi(minor), atoi(patch)];
  if (ma < 4 || (ma === 4 && mi < 2)) return 'legacy';
  return ma === 4 && mi === 2 && pa < 5 ? 'json-escaped' : 'json';
}

const SHELL_ESCAPES = '\\"\'\t;`><|#*[]{}&$!:()';

/** os_shell_escape (src/shared/string_op.c): a backslash before each shell character, an existing escape kept. */
export function osShellEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (SHELL_ESCAPES.includes(c)) {
      const next = text[i + 1];
      if (c === '\\' && next !== undefined && SHELL_ESCAPES.includes(next)) {
        out += c + next;
        i++;
        continue;
      }
      out += '\\';
    }
    out += c;
  }
  return out;
}

export interface LegacyMessageFields {
  name: string;
  user?: string;
  ip?: string;
  /** The alert id, `<tv_sec>.<second id>` (alerts.json's "id"). */
  alertId: string;
  ruleId: string;
  /** analysisd's lf->location, agent prefix included: `(ubuntu) any->syscheck`. */
  location: string;
  /** Only for syscheck events. */
  filename?: string;
  extraArgs?: string;
}

/** getActiveResponseInString, cut at 1023 bytes as snprintf into OS_SIZE_1024 does. */
export function legacyAgentMessage(f: LegacyMessageFields): string {
  const filename = f.filename !== undefined ? osShellEscape(f.filename) : '-';
  const extra = f.extraArgs !== undefined ? osShellEscape(f.extraArgs) : '-';
  const text = `${f.name} ${f.user ?? '-'} ${f.ip ?? '-'} ${f.alertId} ${f.ruleId} ${f.location} ${filename} ${extra}`;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length < LEGACY_MESSAGE_SIZE ? text : bytes.subarray(0, LEGACY_MESSAGE_SIZE - 1).toString('utf8');
}

/** getActiveResponseInJSON's escape for 4.2.0-4.2.4 agents (wstr_replace of each character, in this order). */
export function escapeFor42Agents(json: string): string {
  return json.replaceAll('!', '\\\\x21').replaceAll('$', '\\\\x24').replaceAll("'", '\\\\x27').replaceAll('`', '\\\\x60');
}

/** OS_MAXSTR: getActiveResponseInJSON strncpy's the message into OS_MAXSTR + 1 bytes and ends it at OS_MAXSTR. */
export const EXEC_MESSAGE_MAX = 65536;
/**
 * The longest message that reaches a program whole: execd reads its queue with OS_RecvUnix(q, OS_MAXSTR),
 * which takes OS_MAXSTR - 1 bytes of a datagram (the message and its NUL); remoted reads the AR queue with
 * OS_RecvUnix(arq, OS_MAXSTR - 1), one byte less (src/os_net/os_net.c, src/remoted/ar-forward.c).
 */
export const EXECD_QUEUE_MESSAGE_MAX = EXEC_MESSAGE_MAX - 2;
export const AR_QUEUE_MESSAGE_MAX = EXEC_MESSAGE_MAX - 3;
/**
 * The longest line a 4.2+ program reads whole: setup_and_check_message and send_keys_and_check_message read
 * stdin with fgets into OS_MAXSTR bytes (src/active-response/active_responses.c:62, 117), OS_MAXSTR - 1
 * characters at most. execd writes the program the message it got, rewritten (command "add", origin.module
 * "wazuh-execd", parameters.program added: execd.c:281-285), and later "continue" (5 bytes longer than "add")
 * on the same stdin. A longer line is read cut: the program logs "Invalid input format" and exits.
 */
export const PROGRAM_LINE_MAX = EXEC_MESSAGE_MAX - 1;
/** "continue" replaces "add" in the second line execd writes the program (execd.c:429). */
export const CONTINUE_LINE_EXTRA = 'continue'.length - 'add'.length;

/** The first `max` bytes of a UTF-8 text, as C's byte copies keep them. */
export function cutBytes(text: string, max: number): string {
  // A UTF-16 unit is at most 3 bytes: most texts need no measuring.
  if (text.length * 3 <= max) return text;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= max ? text : bytes.subarray(0, max).toString('utf8');
}

/**
 * get_exec_msg: the header analysisd puts before the message on the AR queue to remoted, the whole cut at
 * OS_MAXSTR bytes (os_snprintf into OS_MAXSTR + 1).
 */
export function execQueueMessage(location: { local: boolean; definedAgent: boolean; all: boolean }, agentId: string, message: string): string {
  const flags = `N${location.local ? 'R' : 'N'}${location.definedAgent || location.all ? 'S' : 'N'}`;
  return cutBytes(`(local_source) [] ${flags} ${agentId} ${message}`, EXEC_MESSAGE_MAX);
}
