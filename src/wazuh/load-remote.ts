/**
 * Read_Remote (src/config/remote-config.c, v4.14.7) as wazuh-remoted runs it at start-up: RemotedConfig
 * (src/remoted/config.c:48-114) reads every `<remote>` of ossec.conf with ReadConfig(CREMOTE), and main exits
 * with "(1202): Configuration error" when it fails (src/remoted/main.c:133-135). Without remoted no agent
 * receives anything from the manager: no active response reaches an agent.
 *
 * Each `<remote>` is one connection. Read_Remote returns at its first refusal; the reader here goes on
 * through the block (and the next blocks) so that every refusal is found, but skips a block's final checks
 * once it refused something in it (a `<connection>` it refused would otherwise also be "not configured").
 *
 * Versions: modelled from 3.7, whose Read_Remote is the one of 4.0.4 (git diff v3.7.0 v4.0.4: the default protocol and
 * constant names only). Before 4.2 `<protocol>` is one word, tcp or udp in any case, anything else (1235) (4.2 took
 * w_remoted_get_net_protocol's list, warnings and TCP default); before 4.1.2 `<ipv6>` is yes (any case) or silently
 * no, from 4.1.2 another value is (9001). `<rids_closing_time>` is read from 4.1: 4.1.0 and 4.1.1 refuse a value
 * strtol reads as 0 or INT_MAX or that ends in another letter than d, h, m or s ("Invalid value for option
 * '<rids_closing_time>'"), from 4.1.2 it is warned about and defaulted ((9004)). `<agents>` and
 * `<connection_overtake_time>` are read from 4.6 ((1230) before); 4.2 and 4.3 warn about `<ipv6>yes</ipv6>` on a secure
 * connection and turn it off ((9003), removed in 4.4); the addresses are judged with OS_IsValidIP as it is from 4.4
 * (./whitelist.ts osIsValidIp; before, another function, not judged here). Before 3.7 (no syslog `<queue_size>`
 * check, 3.2.2 to 3.6: no `<queue_size>` before) not modelled.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum, strtol, strtolToInt } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue, type LoadMessage, type StartupLog } from './load-log.ts';
import { parseWazuhTime } from './time-units.ts';
import { versionAtLeast, versionAtLeastText, type TargetVersion } from './version.ts';
import { osIsValidIp } from './whitelist.ts';

/** The `<remote>` options of 4.14.7 a modelled version (3.7 on) does not know yet, by the version that reads them. */
export const REMOTE_OPTIONS_SINCE: Readonly<Record<string, string>> = { rids_closing_time: '4.1', connection_overtake_time: '4.6', agents: '4.6' };

/** What the remoted of `target` reads in `<remote>`: the options Read_Remote compares, and how (strcasecmp or strcmp). */
export function remoteOptions(target: TargetVersion): Array<{ name: string; anyCase: boolean }> {
  const options = [
    { name: 'connection', anyCase: true },
    { name: 'port', anyCase: true },
    { name: 'protocol', anyCase: true },
    { name: 'ipv6', anyCase: true },
    { name: 'local_ip', anyCase: true },
    { name: 'allowed-ips', anyCase: false },
    { name: 'denied-ips', anyCase: false },
    { name: 'queue_size', anyCase: false },
    { name: 'rids_closing_time', anyCase: false },
  ];
  options.push({ name: 'connection_overtake_time', anyCase: false }, { name: 'agents', anyCase: true });
  return options.filter((o) => versionAtLeastText(target, REMOTE_OPTIONS_SINCE[o.name] ?? '3.7'));
}

/** Whether arctl models the target's Read_Remote (3.7 and later). */
export function remotedModelled(target: TargetVersion): boolean {
  return versionAtLeast(target, 3, 7);
}

/** What Read_Remote keeps from one `<remote>` block to the next (the remoted structure). */
export interface RemotedState {
  /** The connections read so far (conn[0..pl-1]). */
  connections: Array<'secure' | 'syslog'>;
  /** logr->connection_overtake_time: 60, or the last value a block set. */
  connectionOvertakeTime: number;
  allowHigherVersions: boolean;
}

export function newRemotedState(): RemotedState {
  return { connections: [], connectionOvertakeTime: 60, allowHigherVersions: false };
}

const TCP = 1;
const UDP = 2;

/** A value remoted warns about and then ignores or replaces: it starts, but not as written. */
export interface RemotedWarning {
  /** What remoted logs (WARNING). */
  message: LoadMessage;
  element: XmlElement;
  /** What it does instead, completing "wazuh-remoted logs ... and": `listens on TCP only`. */
  applied: string;
}

/**
 * One `<remote>` block. Refusals go to `log.fail`; what remoted warns about and then ignores or defaults
 * (it starts, but not as written) to `warnings`.
 */
export function readRemoteBlock(section: XmlElement, target: TargetVersion, state: RemotedState, log: StartupLog, warnings: RemotedWarning[]): void {
  const known = remoteOptions(target);
  const optionOf = (name: string): string | undefined =>
    known.find((o) => (o.anyCase ? o.name.toLowerCase() === name.toLowerCase() : o.name === name))?.name;
  const warn = (code: number | null, text: string, at: XmlElement, applied: string) => warnings.push({ message: log.note('WARNING', code, text, at), element: at, applied });
  let refused = false;
  const fail = (code: number | null, text: string, at: XmlElement) => {
    log.fail(code, text, at, { inRoot: true });
    refused = true;
  };
  let secureCount = state.connections.filter((c) => c === 'secure').length;
  let connection: 'secure' | 'syslog' | undefined;
  let proto = 0;
  let protoElement: XmlElement | undefined;
  let ipv6: XmlElement | undefined;
  let queueSize: XmlElement | undefined;
  // logr->allow_higher_versions: false (REMOTED_ALLOW_AGENTS_HIGHER_VERSIONS_DEFAULT), or what an earlier <agents> set.
  let allowHigher = state.allowHigherVersions;
  const ips = versionAtLeast(target, 4, 4);
  for (const child of childrenOf(section)) {
    const value = child.content;
    switch (optionOf(child.name)) {
      case 'connection':
        if (value === 'syslog') connection = 'syslog';
        else if (value === 'secure') {
          connection = 'secure';
          if (++secureCount > 1) fail(1244, "(1244): Can't add more than one secure connection.", child);
        } else fail(1235, invalidValue(child.name, value), child);
        break;
      case 'port': {
        if (!isStrNum(value)) {
          fail(1235, invalidValue(child.name, value), child);
          break;
        }
        const port = atoi(value);
        if (port <= 0 || port > 65535) fail(1205, `(1205): Invalid port number: '${port}'.`, child);
        break;
      }
      case 'protocol':
        if (!versionAtLeast(target, 4, 2)) {
          // One word (strcasecmp): anything else is XML_VALUEERR (remote-config.c:148-163 at v4.1.5).
          if (/^tcp$/i.test(value)) proto = TCP;
          else if (/^udp$/i.test(value)) proto = UDP;
          else fail(1235, invalidValue(child.name, value), child);
          break;
        }
        proto = readProtocol(child, (code, text, applied) => warn(code, text, child, applied));
        protoElement = child;
        break;
      case 'ipv6':
        if (/^yes$/i.test(value)) ipv6 = child;
        else if (/^no$/i.test(value)) ipv6 = undefined;
        // Before 4.1.2 only yes is compared: any other value is taken as no, silently.
        else if (!versionAtLeast(target, 4, 1, 2)) ipv6 = undefined;
        else warn(9001, ignoredValue(value, 'ipv6'), child, ipv6 ? 'keeps the yes written before it' : 'listens on IPv4 only (the default, no)');
        break;
      case 'local_ip':
        if (ips && osIsValidIp(value) !== 1) fail(1237, `(1237): Invalid ip address: '${value}'.`, child);
        break;
      case 'allowed-ips':
      case 'denied-ips':
        if (ips && osIsValidIp(value) === 0) fail(1237, `(1237): Invalid ip address: '${value}'.`, child);
        break;
      case 'queue_size': {
        const { value: size, rest } = strtol(value);
        if (rest !== '' || size < 1n) fail(null, "Invalid value for option '<queue_size>'", child);
        else queueSize = child;
        break;
      }
      case 'rids_closing_time': {
        if (!versionAtLeast(target, 4, 1, 2)) {
          if (ridsClosingTimeRefused(value)) fail(null, "Invalid value for option '<rids_closing_time>'", child);
          break;
        }
        // strpbrk finds the first unit letter (either case): anything after it, or a time w_parse_time refuses, is warned about.
        const unitAt = value.search(/[sSmMhHdD]/);
        const seconds = parseWazuhTime(value);
        if ((unitAt >= 0 && unitAt < value.length - 1) || seconds <= 0 || seconds > 2147483647) {
          warn(9004, `(9004): Invalid value '${value}' in 'rids_closing_time' option. Default value will be used.`, child, 'uses 5m (300 seconds)');
        }
        break;
      }
      case 'connection_overtake_time': {
        const seconds = atoi(value);
        if (!isStrNum(value) || seconds < 0 || seconds > 3600) {
          warn(null, `Invalid value for element '${child.name}':'${value}'. Setting to default value: '${state.connectionOvertakeTime}'.`, child, `uses ${state.connectionOvertakeTime} seconds`);
        } else state.connectionOvertakeTime = seconds;
        break;
      }
      case 'agents': {
        const agents = childrenOf(child);
        // OS_GetElementsbyNode gives NULL and the 'continue' skips the loop's i++ (remote-config.c:262-266).
        if (agents.length === 0) {
          log.hang('an <agents> without child elements makes Read_Remote read it again and again (src/config/remote-config.c:262-266: the continue skips i++)', child);
          refused = true;
          break;
        }
        for (const agent of agents) {
          if (agent.name.toLowerCase() !== 'allow_higher_versions') warn(1230, invalidElement(agent.name), agent, 'ignores it');
          else if (agent.content !== 'yes' && agent.content !== 'no') {
            warn(9001, ignoredValue(agent.content, 'allow_higher_versions'), agent, allowHigher ? 'keeps the yes written before it' : 'refuses agents newer than the manager (the default, no)');
          } else allowHigher = agent.content === 'yes';
        }
        break;
      }
      default:
        fail(1230, invalidElement(child.name), child);
    }
  }
  state.allowHigherVersions = allowHigher;
  if (refused) return;
  if (connection === undefined) {
    fail(1201, '(1201): No remote connection configured.', section);
    return;
  }
  state.connections.push(connection);
  if (connection !== 'secure' && proto === (TCP | UDP)) {
    warn(9002, '(9002): Only secure connection supports TCP and UDP at the same time. Default value (TCP) will be used.', protoElement!, 'listens on TCP only');
  }
  if (connection === 'secure' && ipv6 && versionAtLeast(target, 4, 2) && !versionAtLeast(target, 4, 4)) {
    warn(9003, '(9003): Secure connection does not support IPv6. IPv4 will be used instead.', ipv6, 'listens on IPv4 only');
  }
  if (connection === 'syslog' && queueSize) fail(null, 'Invalid option <queue_size> for Syslog remote connection.', queueSize);
}

const ignoredValue = (value: string, option: string): string => `(9001): Ignored invalid value '${value}' for '${option}'.`;

/**
 * `<rids_closing_time>` at v4.1.0 and v4.1.1 (remote-config.c, git diff v4.1.0 v4.1.2): strtol with base 0 into the
 * int logr->rids_closing_time, refused when that is 0 or INT_MAX, then the character after the number must be d, h,
 * m, s or the end (lower case; the product is not checked).
 */
function ridsClosingTimeRefused(value: string): boolean {
  const { value: stored, end } = strtolToInt(value);
  if (stored === 0 || stored === 2147483647) return true;
  return !['', 'd', 'h', 'm', 's'].includes(value.charAt(end));
}

/**
 * w_remoted_get_net_protocol (remote-config.c:313-349): comma-separated words (an empty one after a trailing
 * comma too), leading spaces skipped and anything from a space on cut off (not tabs nor new lines), TCP and UDP in any case; every other word is warned about and
 * ignored, and none left means TCP (9000).
 */
function readProtocol(child: XmlElement, warn: (code: number, text: string, applied: string) => void): number {
  let proto = 0;
  const words: string[] = [];
  // OS_StrBreak (src/os_regex/os_regex_strbreak.c): a comma after a backslash is kept (the backslash dropped).
  for (const piece of child.content.split(/(?<!\\),/).map((p) => p.replace(/\\,/g, ','))) {
    const word = piece.replace(/^ +/, '').split(' ')[0]!;
    if (word.toLowerCase() === 'tcp') proto |= TCP;
    else if (word.toLowerCase() === 'udp') proto |= UDP;
    else words.push(word);
  }
  const taken = proto === (TCP | UDP) ? 'TCP and UDP' : proto === TCP ? 'TCP only' : 'UDP only';
  // Split always gives a word: with none valid, each is warned about and then (9000), TCP.
  for (const word of words) warn(9001, ignoredValue(word, 'protocol'), proto === 0 ? "then '(9000): Error getting protocol. Default value (TCP) will be used.', and listens on TCP only" : `ignores it: it listens on ${taken}`);
  return proto;
}

/**
 * A manager's file with no `<remote>` at all: RemotedConfig leaves logr.conn NULL and wazuh-remoted's main exits
 * (src/remoted/main.c:157-160 at v4.7.0 to v4.14.7: merror_exit("Remoted connection is not configured."), before the
 * -t exit, so `wazuh-control restart`'s test of every daemon stops there too; v3.9.0 to v4.6.0 log it as INFO
 * "Remoted connection is not configured... Exiting." after the -t exit, and OSSEC 2.x to Wazuh 3.8 say nothing, all
 * with exit(0)). From v3.12.0, wazuh-control start waits for every daemon that is not optional to run
 * (src/init/wazuh-server.sh is_optional, OP_DAEMONS without remoted) and stops with "wazuh-remoted did not start
 * correctly." and exit 1: the manager does not start. Before 3.12 ossec-control says "Started ossec-remoted..." and
 * the manager runs without it: no agent connects (no event from agents, no response sent to one).
 *
 * Only a manager installation's file: a local installation's (install type local, WriteLocal in
 * src/init/inst-functions.sh) has no `<remote>` and its wazuh-control runs no remoted (src/init/wazuh-local.sh
 * DAEMONS). What tells them apart is what only WriteManager writes, `<auth>` and `<cluster>` (wazuh-local runs
 * neither authd nor clusterd), in a whole file (one with `<ruleset>`, the rules analysisd loads), not a fragment.
 * `sign`: the first such section; `root`: the first `<ossec_config>`.
 */
export function remoteNotConfigured(doc: ConfigDocument): { root: XmlElement; sign: XmlElement } | undefined {
  if (doc.parseError) return undefined;
  const roots = doc.roots.filter((r) => r.name === 'ossec_config' && !r.isVariable);
  const sections = roots.flatMap((r) => childrenOf(r));
  if (roots.length === 0 || sections.some((s) => s.name === 'remote') || !sections.some((s) => s.name === 'ruleset')) return undefined;
  const sign = sections.find((s) => MANAGER_INSTALL_SECTIONS.includes(s.name));
  return sign ? { root: roots[0]!, sign } : undefined;
}

/** The sections only a manager installation's file has (WriteManager, src/init/inst-functions.sh; not WriteLocal). */
export const MANAGER_INSTALL_SECTIONS: readonly string[] = ['auth', 'cluster'];

/** Whether wazuh-control start stops when remoted exits at start (v3.12.0 on: is_optional's wait, src/init/wazuh-server.sh). */
export function remotedExitStopsManager(target: TargetVersion): boolean {
  return versionAtLeast(target, 3, 12);
}

/** What remoted logs when no `<remote>` is read: ERROR from 4.7 (merror_exit), INFO from 3.9 to 4.6. */
export function remoteNotConfiguredText(target: TargetVersion): string {
  return versionAtLeast(target, 4, 7) ? 'Remoted connection is not configured.' : 'Remoted connection is not configured... Exiting.';
}
