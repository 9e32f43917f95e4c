/**
 * Read_Authd (src/config/authd-config.c, v4.14.7) as wazuh-authd runs it at start-up: authd_read_config
 * (src/os_auth/config.c:17-44) reads every `<auth>` of a manager's ossec.conf with ReadConfig(CAUTHD), and main
 * exits with "(1202): Configuration error" when it fails (src/os_auth/main-server.c:396-398), before it looks at
 * `<disabled>`: a refused `<auth>` stops authd even when it is disabled. Without authd no agent enrols.
 *
 * Modelled from 3.10 (the file is the same from v4.6.0 to v4.14.7, and from v3.10.0 to v4.0.4; main reads it the same
 * way throughout). 4.4 and 4.5 know no <agents> (1230), take any <force_time> and log nothing about the legacy
 * options (mdebug1 only; git diff v4.4.0 v4.6.0). 4.3 is 4.4 without <ipv6> and <key_request> (git diff v4.3.11
 * v4.4.0). Before 4.3 there is no <force> and <force_time> is strtol'd in base 10 with nothing after the number
 * (else 1235; git diff v4.2.7 v4.3.0); before 4.2 no <remote_enrollment> (git diff v4.1.5 v4.2.0); before 4.1
 * <limit_maxagents> is a yes/no switch (git diff v4.0.0 v4.1.5). Each option a version does not know is (1230).
 * `<key_request>` (4.4 on): its reader's refusals are logged and its return value ignored (:201-211), so authd runs
 * without the rest of the block: warnings here, as what it warns about in `<agents>`. The same reader for a
 * `<wodle name="agent-key-polling">` (4.4 on) is a refusal: read_main_elements fails on what it returns.
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, strtol, strtoul } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue, type StartupLog } from './load-log.ts';
import type { RemotedWarning } from './load-remote.ts';
import { versionAtLeast, versionAtLeastText, type TargetVersion } from './version.ts';

/** Whether arctl models the target's Read_Authd (3.10 and later). */
export function authdModelled(target: TargetVersion): boolean {
  return versionAtLeast(target, 3, 10);
}

/** The `<auth>` options of 4.14.7 a modelled version (3.10 on) does not know yet, by the version that reads them ((1230) before). */
export const AUTH_OPTIONS_SINCE: Readonly<Record<string, string>> = { remote_enrollment: '4.2', force: '4.3', ipv6: '4.4', key_request: '4.4', agents: '4.6' };

/** The `<auth>` options Read_Authd reads with eval_bool (strcmp against yes and no; else 1235). */
export const AUTH_SWITCHES: readonly string[] = [
  'disabled', 'use_source_ip', 'force_insert', 'purge', 'use_password', 'remote_enrollment', 'ssl_verify_host', 'ssl_auto_negotiate',
];

/** Whether Read_Authd reads the element as a yes/no switch (eval_bool, or strcasecmp for <ipv6>; <force>'s enabled and key_mismatch). */
export function isAuthSwitch(el: XmlElement): boolean {
  if (el.parent?.name === 'force') return el.name === 'enabled' || el.name === 'key_mismatch';
  return el.parent?.name === 'auth' && (AUTH_SWITCHES.includes(el.name) || el.name === 'ipv6');
}

/** The `<auth>` options whose value Read_Authd takes as it is. */
const AUTH_FREE = new Set(['limit_maxagents', 'ciphers', 'ssl_agent_ca', 'ssl_manager_cert', 'ssl_manager_key']);

/** Every `<auth>` option Read_Authd knows (4.6 to 4.14.7; 4.4 and 4.5 all but agents). */
export const AUTH_OPTIONS: readonly string[] = [...AUTH_SWITCHES, ...AUTH_FREE, 'port', 'ipv6', 'force_time', 'force', 'key_request', 'agents'];

/** What authd warns about and then ignores (it starts, not as written): shaped as remoted's. */
export type AuthdWarning = RemotedWarning;

/** One `<auth>` section: refusals to `log.fail`, what authd warns about and ignores to `warnings`. */
/** What Read_Authd keeps from one section to the next: key_request.compatibility_flag (src/os_auth/config.c:19 sets it to 0). */
export interface AuthdState {
  /** A `<key_request>` with children was read: authd_read_key_request passes over every later block (authd-config.c:201-211, authd-key-request-config.c:34-36). */
  keyRequestRead: boolean;
}

export function newAuthdState(): AuthdState {
  return { keyRequestRead: false };
}

export function readAuthSection(section: XmlElement, target: TargetVersion, log: StartupLog, warnings: AuthdWarning[], state: AuthdState = newAuthdState()): void {
  const since46 = versionAtLeast(target, 4, 6);
  const fail = (code: number | null, text: string, at: XmlElement) => log.fail(code, text, at, { inRoot: true });
  const warn: Warn = (code, text, at, applied, level) => warnings.push({ message: log.note(level ?? 'WARNING', code, text, at), element: at, applied });
  const legacy: XmlElement[] = [];
  let force = false;
  for (const child of childrenOf(section)) {
    const name = child.name;
    const value = child.content;
    const since = AUTH_OPTIONS_SINCE[name.toLowerCase() === 'agents' ? 'agents' : name];
    if (since !== undefined && !versionAtLeastText(target, since)) {
      fail(1230, invalidElement(name), child);
    } else if (name === 'limit_maxagents' && !versionAtLeast(target, 4, 1)) {
      if (value !== 'yes' && value !== 'no') fail(1235, invalidValue(name, value), child);
    } else if (AUTH_SWITCHES.includes(name)) {
      if (value !== 'yes' && value !== 'no') fail(1235, invalidValue(name, value), child);
      if (name === 'force_insert') legacy.push(child);
    } else if (name === 'port') {
      // (unsigned short)atoi: 0 (no digits, 0, 65536) is refused; 70000 is taken as 4464.
      if ((atoi(value) & 0xffff) === 0) fail(1235, invalidValue(name, value), child);
    } else if (name === 'ipv6') {
      if (!/^(yes|no)$/i.test(value)) fail(1235, invalidValue(name, value), child);
    } else if (name === 'force_time') {
      legacy.push(child);
      // int b = strtol(...): only a negative int is refused (4.6 on); before 4.3, strtol(..., 10) with anything after the number.
      if (since46 && BigInt.asIntN(32, strtol(value).value) < 0n) fail(1235, invalidValue(name, value), child);
      else if (!versionAtLeast(target, 4, 3) && strtol(value).rest !== '') fail(1235, invalidValue(name, value), child);
    } else if (name === 'force') {
      force = true;
      const options = childrenOf(child);
      if (options.length === 0) fail(1230, invalidElement(name), child);
      for (const option of options) readForceOption(option, fail);
    } else if (name === 'key_request') {
      // The first <key_request> with children only (of every <auth> and agent-key-polling wodle read so far): compatibility_flag.
      if (!state.keyRequestRead && childrenOf(child).length > 0) {
        state.keyRequestRead = true;
        // Read_Authd ignores what authd_read_key_request returns: a refusal is logged, the rest of the block unread, authd runs.
        readKeyRequest(child, {
          refuse: (text, option, applied, rest) => warn(null, text, option, `${applied}${rest}`, 'ERROR'),
          warn: (text, option, applied) => warn(null, text, option, applied),
        });
      }
    } else if (AUTH_FREE.has(name)) {
      // Any value.
    } else if (name.toLowerCase() === 'agents') {
      // No children: skipped (a for loop: no endless loop here, unlike remoted's).
      for (const agent of childrenOf(child)) {
        if (agent.name.toLowerCase() !== 'allow_higher_versions') warn(1230, invalidElement(agent.name), agent, 'ignores it');
        else if (agent.content !== 'yes' && agent.content !== 'no') {
          warn(9001, `(9001): Ignored invalid value '${agent.content}' for 'allow_higher_versions'.`, agent, 'keeps the value it had (no, unless set before)');
        }
      }
    } else fail(1230, invalidElement(name), child);
  }
  // The legacy options are applied only without <force> (:260-280); the deprecation warning is logged either way.
  if (force && since46) {
    for (const el of legacy) warn(null, `The <${el.name}> tag is deprecated. Use <force> instead.`, el, 'ignores it: the <force> block of this <auth> decides');
  }
}

type Warn = (code: number | null, text: string, at: XmlElement, applied: string, level?: 'ERROR') => void;

/** What readKeyRequest does with a refused value (`rest`: ", and reads no more of <key_request> (...)") and with an ignored option. */
interface KeyRequestLog {
  refuse(text: string, option: XmlElement, applied: string, rest: string): void;
  warn(text: string, option: XmlElement, applied: string): void;
}

/**
 * authd_read_key_request (src/config/authd-key-request-config.c:26-122, the same from 4.4 to 4.14.7), called from
 * `<auth><key_request>` and for `<wodle name="agent-key-polling">`: names compared exactly; a refused value is an
 * ERROR that ends the reading of the block (`refuse`, then it returns); an unknown option or the deprecated
 * force_insert is logged and skipped (`warn`).
 */
function readKeyRequest(block: XmlElement, log: KeyRequestLog, stopAtRefusal = true): void {
  const PATH_MAX = 4096;
  const unsigned = (text: string) => Number(BigInt.asUintN(32, strtol(text).value));
  const options = childrenOf(block);
  for (const [i, option] of options.entries()) {
    const value = option.content;
    const rest = options.slice(i + 1).map((o) => `<${o.name}>`);
    const stops = rest.length > 0 ? `, and reads no more of <${block.name}> (${rest.join(', ')} not applied)` : '';
    let refused = false;
    const refuse = (text: string, what: string) => {
      log.refuse(text, option, what, stops);
      refused = true;
    };
    switch (option.name) {
      case 'enabled':
        if (value !== 'yes' && value !== 'no') refuse("Invalid content for tag 'enabled' at module 'key-request'", 'runs with the key request on');
        break;
      case 'exec_path':
      case 'socket': {
        const what = option.name === 'exec_path' ? 'Exec path' : 'Socket path';
        if (Buffer.byteLength(value, 'latin1') >= PATH_MAX) refuse(`${what} is too long at module 'key-request'. Max path length is '${PATH_MAX}'`, `runs without a <${option.name}>`);
        else if (value === '' || value.startsWith(' ')) refuse(`Invalid ${option.name === 'exec_path' ? 'exec' : 'socket'} path at module 'key-request'`, `runs without a <${option.name}>`);
        break;
      }
      case 'timeout': {
        const n = unsigned(value);
        if (n < 1 || n >= 0xffffffff) refuse("Invalid interval at module 'key-request'", `runs with a timeout of ${n}`);
        break;
      }
      case 'threads': {
        const n = unsigned(value);
        if (n < 1 || n > 32) refuse("Invalid number of threads at module 'key-request'", `runs with ${n} threads`);
        break;
      }
      case 'queue_size': {
        const n = unsigned(value);
        if (n < 1 || n > 220000) refuse("Invalid queue size at module 'key-request'", `runs with a queue of ${n}`);
        break;
      }
      case 'force_insert':
        log.warn('Deprecated option. This parameter is now inherited from Authd configuration.', option, "ignores it: <auth>'s <force> decides");
        break;
      default:
        log.warn(`No such tag <${option.name}> at module 'key-request'`, option, 'ignores it');
    }
    if (refused && stopAtRefusal) return;
  }
}

/** Whether a section is `<wodle name="agent-key-polling">` as read_main_elements tells it (its first attribute name, strcmp). */
export function isKeyPollingWodle(section: XmlElement | null | undefined): boolean {
  const first = section?.attributes[0];
  return section?.name === 'wodle' && first?.name === 'name' && first.value === 'agent-key-polling';
}

/**
 * `<wodle name="agent-key-polling">` (the module authd took over in 4.4) in authd's ReadConfig(CAUTHD) pass:
 * read_main_elements calls authd_read_key_request for it (src/config/config.c:180-186) and, unlike Read_Authd for
 * `<key_request>`, fails on what it returns: a refused value stops authd with (1202). Unless a `<key_request>` with
 * children came first (compatibility_flag). wazuh-modulesd only logs that it ignores the block (wmodules-key-request.c:15).
 * Refusals to `log.fail` (each one found, one fix at a time), ignored options to `warnings`.
 */
export function readKeyPollingWodle(section: XmlElement, log: StartupLog, warnings: AuthdWarning[], state: AuthdState): void {
  if (state.keyRequestRead) return;
  readKeyRequest(
    section,
    {
      refuse: (text, option) => log.fail(null, text, option, { inRoot: true }),
      warn: (text, option, applied) => warnings.push({ message: log.note('WARNING', null, text, option), element: option, applied }),
    },
    false,
  );
}

/** w_read_force_config (authd-config.c:325-399): one child of `<force>`. */
function readForceOption(option: XmlElement, fail: (code: number | null, text: string, at: XmlElement) => void): void {
  const value = option.content;
  if (option.name === 'enabled' || option.name === 'key_mismatch') {
    if (value !== 'yes' && value !== 'no') fail(1235, invalidValue(option.name, value), option);
  } else if (option.name === 'disconnected_time') {
    const first = option.attributes[0];
    if (!first) fail(null, `Empty attribute for ${option.name}`, option);
    else if (first.name !== 'enabled') fail(1233, `(1233): Invalid attribute '${first.name}' in the configuration: '${option.name}'.`, option);
    else if (first.value !== 'yes' && first.value !== 'no') fail(2122, `(2122): Invalid value for attribute: '${first.name}'`, option);
    else if (first.value === 'yes' && !timeInterval(value)) fail(null, `Invalid interval for '${option.name}' option`, option);
  } else if (option.name === 'after_registration_time') {
    if (!timeInterval(value)) fail(null, `Invalid interval for '${option.name}' option`, option);
  } else fail(1230, invalidElement(option.name), option);
}

/**
 * get_time_interval (authd-config.c:297-323): strtoul with base 0 into a time_t (negative past LONG_MAX, refused),
 * no digits refused, then nothing or one of s, m, h, d (no w) right after the number.
 */
function timeInterval(text: string): boolean {
  const { end } = strtoul(text, 32);
  if (end === 0) return false;
  const digits = /^[ \t\n\v\f\r]*([+-]?)/.exec(text)!;
  // A '-' wraps strtoul's result past LONG_MAX: a negative time_t (except -0).
  if (digits[1] === '-' && /[1-9]/.test(text.slice(digits[0].length, end))) return false;
  const next = text.charAt(end);
  return next === '' || 'smhd'.includes(next);
}
