/**
 * The section readers GlobalConf (src/analysisd/config.c) and MailConf (src/os_maild/config.c) run, ported
 * from v4.14.7: Read_Global and its <limits>, Read_GlobalSK (<syscheck>), Read_Alerts, Read_Rules
 * (<ruleset>), Read_Cluster, Read_AnalysisdSocket, Read_Labels (src/config/*.c).
 *
 * Each reader stops at its first error in Wazuh; here it records the refusal and goes on with the next
 * element, so one run lists every refusal (the log still ends at the first one).
 */
import type { XmlElement } from '../document/types.ts';
import { wazuhChildren } from '../document/os-xml.ts';
import { atoi, isStrNum, strtol } from './c-number.ts';
import { compileOsRegex } from './os-regex.ts';
import { parseWazuhTime } from './time-units.ts';
import { invalidElement, invalidValue, configError, type StartupLog } from './load-log.ts';
import { classifyWhiteListEntry, type WhiteListEntry } from './whitelist.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';

/** The `_Config` fields the start-up checks depend on. */
export interface GlobalState {
  whiteList: Array<{ entry: WhiteListEntry; element: XmlElement }>;
  /** Config.mailnotify: undefined while no `<email_notification>` was read. */
  emailNotification: boolean | undefined;
  jsonoutOutput: boolean;
  alertsLog: boolean;
  /** Seconds after the unit conversion, with the element that set it (the last one wins). */
  rotateInterval: { value: number; element: XmlElement } | undefined;
  /** Bytes after the unit conversion (ssize_t). */
  maxOutputSize: { value: bigint; element: XmlElement } | undefined;
  /** `<forward_to>` targets (the last element wins). */
  forwardTo: { targets: string[]; element: XmlElement } | undefined;
  /** Names of the `<socket>` blocks read. */
  sockets: string[];
}

/** The `MailConfig` fields maild's checks depend on. */
export interface MailState {
  /** Mail->to: global `<email_to>` addresses, in reading order. */
  to: string[];
  /** Mail->mn: the last `<email_notification>` read. */
  notify: boolean;
  /** Mail->source: unset, or what `<email_log_source>` chose (prefix match, JSON otherwise). */
  source: 'alerts.log' | 'alerts.json' | undefined;
}

export function newGlobalState(defaults: { jsonoutOutput: boolean }): GlobalState {
  return {
    whiteList: [],
    emailNotification: undefined,
    jsonoutOutput: defaults.jsonoutOutput,
    alertsLog: true,
    rotateInterval: undefined,
    maxOutputSize: undefined,
    forwardTo: undefined,
    sockets: [],
  };
}

export const childrenOf = wazuhChildren;

/** Fails inside a section: ReadConfig then adds "(1202): Configuration error at 'FILE'.". */
function fail(log: StartupLog, code: number | null, text: string, element: XmlElement | null, extra?: string[]): void {
  log.fail(code, text, element, { inRoot: true, ...(extra ? { extra } : {}) });
}

const YES_NO = new Set(['email_notification', 'prelude_output', 'zeromq_output', 'jsonout_output', 'alerts_log', 'logall', 'logall_json', 'update_check']);
const DIGITS = new Set(['prelude_log_level', 'integrity_checking', 'rootkit_detection', 'host_information', 'stats', 'memory_size']);
/** Options read as text (or ignored) without any check, whatever the structures passed. */
const FREE = new Set([
  'custom_alert_output', 'forward_to', 'geoipdb', 'prelude_profile', 'zeromq_uri', 'zeromq_server_cert', 'zeromq_client_cert',
  'compress_alerts', 'email_from', 'email_reply_to', 'email_idsname', 'smtp_server', 'helo_server', 'cti-url',
]);
/** Options checked only when Read_Global gets a `_Config` (analysisd, maild's second pass). */
const CONFIG_ONLY = new Set(['rotate_interval', 'max_output_size', 'queue_size', 'agents_disconnection_time', 'agents_disconnection_alert_time', 'white_list']);
/** Read_Global's unanchored e-mail test (OS_PRegex). */
const EMAIL_PATTERN = /[a-zA-Z0-9._-]+@[a-zA-Z0-9._-]/;

/** Read_Global's check of a `<global><email_to>` (OS_PRegex, unanchored): false refuses the file with "Invalid Email address". */
export function globalEmailToAccepted(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

/** Read_Global's refusal of a `<global><email_to>` value (src/config/global-config.c), in Wazuh's words. */
export function invalidEmailAddressText(value: string): string {
  return `Invalid Email address: ${value}.`;
}
/**
 * The largest <email_maxperhour> Read_Global takes (it refuses 0, more and non-digits with 1235): 1000000 from
 * Wazuh 3.10 (src/config/global-config.c:533 at v3.10.0, :605 at v4.14.7), 9999 before it (:533 at v3.9.5,
 * :503 at v3.0.0, :520 at v2.0), as in OSSEC.
 */
export function emailMaxPerHourMax(target: TargetVersion): number {
  return versionAtLeast(target, 3, 10) ? 1000000 : 9999;
}

/** The largest <email_maxperhour> of Wazuh before 3.10 (and OSSEC): what a value above it is refused by there. */
export const EMAIL_MAXPERHOUR_BEFORE_3_10 = 9999;

const EPS_MAX = 100000;
const EPS_TIMEFRAME = { min: 1, max: 3600 };

/**
 * Read_Global. `config` is null in maild's first pass (ReadConfig(CMAIL, ..., NULL, Mail)), `mail` is null
 * for analysisd and maild's second pass: the checks guarded by `if (Config)` / `if (Mail)` follow them.
 * `maxPerHour` is the target's emailMaxPerHourMax (maild's pass only checks it).
 */
export function readGlobal(section: XmlElement, config: GlobalState | null, mail: MailState | null, log: StartupLog, maxPerHour = 1000000): void {
  for (const child of childrenOf(section)) {
    const name = child.name;
    const value = child.content;
    if (YES_NO.has(name)) {
      if (value !== 'yes' && value !== 'no') {
        fail(log, 1235, invalidValue(name, value), child);
        continue;
      }
      const on = value === 'yes';
      if (name === 'email_notification') {
        if (config) config.emailNotification = on;
        if (mail) mail.notify = on;
      }
      if (config && name === 'jsonout_output') config.jsonoutOutput = on;
      if (config && name === 'alerts_log') config.alertsLog = on;
    } else if (DIGITS.has(name)) {
      if (!isStrNum(value)) fail(log, 1235, invalidValue(name, value), child);
    } else if (FREE.has(name)) {
      if (config && name === 'forward_to') config.forwardTo = { targets: value.split(',').map(trimC), element: child };
    } else if (name === 'limits') {
      readLimits(child, config !== null, log);
    } else if (name === 'email_to') {
      if (!globalEmailToAccepted(value)) fail(log, null, invalidEmailAddressText(value), child);
      else if (mail) mail.to.push(value);
    } else if (name === 'email_maxperhour') {
      if (mail && (!isStrNum(value) || atoi(value) <= 0 || atoi(value) > maxPerHour)) fail(log, 1235, invalidValue(name, value), child);
    } else if (name === 'email_log_source') {
      if (!mail) continue;
      if (isStrNum(value)) fail(log, 1235, invalidValue(name, value), child);
      else mail.source = value.startsWith('alerts.log') ? 'alerts.log' : 'alerts.json';
    } else if (CONFIG_ONLY.has(name)) {
      if (config) readConfigOption(child, config, log);
    } else {
      // geoip_db_path / geoip6_db_path exist only in GeoIP builds (USE_GEOIP=no by default).
      fail(log, 1230, invalidElement(name), child);
    }
  }
}

function readConfigOption(child: XmlElement, config: GlobalState, log: StartupLog): void {
  const { name, content: value } = child;
  switch (name) {
    case 'white_list': {
      const entry = classifyWhiteListEntry(value);
      if (entry.kind === 'invalid-ip') fail(log, 1237, `(1237): Invalid ip address: '${value}'.`, child);
      else if (entry.kind === 'bad-pattern') fail(log, 1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
      else config.whiteList.push({ entry, element: child });
      return;
    }
    case 'rotate_interval': {
      const seconds = scanWithUnit(value, { d: 86400, h: 3600, m: 60, s: 1 }, 32);
      if (seconds === undefined || seconds < 0n) fail(log, 1235, invalidValue(name, value), child);
      else config.rotateInterval = { value: Number(seconds), element: child };
      return;
    }
    case 'max_output_size': {
      const bytes = scanWithUnit(value, { G: 1073741824, g: 1073741824, M: 1048576, m: 1048576, K: 1024, k: 1024, B: 1, b: 1 }, 64);
      if (bytes === undefined) fail(log, 1235, invalidValue(name, value), child);
      else config.maxOutputSize = { value: bytes, element: child };
      return;
    }
    case 'queue_size': {
      const { value: size, rest } = strtol(value);
      if (rest !== '' || size < 1n) fail(log, null, "Invalid value for option '<queue_size>'", child);
      return;
    }
    default: {
      // agents_disconnection_time (at least 1 s) and agents_disconnection_alert_time (at least 0).
      const min = name === 'agents_disconnection_time' ? 1 : 0;
      if (parseWazuhTime(value) < min) fail(log, 1235, invalidValue(name, value), child);
    }
  }
}

/** Read_Global_limits / Read_Global_limits_eps: unknown children are ignored; ranges only with a `_Config`. */
function readLimits(limits: XmlElement, withConfig: boolean, log: StartupLog): void {
  const children = childrenOf(limits);
  if (children.length === 0) {
    fail(log, 1230, invalidElement(limits.name), limits);
    return;
  }
  for (const eps of children) {
    if (eps.name !== 'eps') continue;
    const options = childrenOf(eps);
    if (options.length === 0) {
      fail(log, 1230, invalidElement(eps.name), eps);
      continue;
    }
    for (const option of options) {
      const value = option.content;
      if (option.name !== 'maximum' && option.name !== 'timeframe') continue;
      if (!isStrNum(value)) {
        fail(log, 1235, invalidValue(option.name, value), option);
        continue;
      }
      if (!withConfig) continue;
      const n = atoi(value) >>> 0;
      const bad = option.name === 'maximum' ? n > EPS_MAX : n < EPS_TIMEFRAME.min || n > EPS_TIMEFRAME.max;
      if (bad) fail(log, 1235, invalidValue(option.name, value), option);
    }
  }
}

/**
 * `sscanf(text, "%d%c")` (bits 32) or `"%zd%c"` (bits 64) followed by the unit switch of rotate_interval /
 * max_output_size: undefined where Read_Global refuses the value. The product wraps like the C integer.
 */
function scanWithUnit(text: string, units: Record<string, number>, bits: 32 | 64): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*[+-]?[0-9]+/.exec(text);
  if (!m) return undefined;
  const { value } = strtol(m[0]);
  const number = BigInt.asIntN(bits, value);
  const next = text[m[0].length];
  if (next === undefined) return number;
  const factor = units[next];
  if (factor === undefined) return undefined;
  return BigInt.asIntN(bits, number * BigInt(factor));
}

/** w_strtrim: spaces at both ends. */
function trimC(text: string): string {
  return text.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
}

/**
 * GlobalConf's checks after reading (min_rotate_interval is internal_options' default 600). They fail
 * outside ReadConfig, so no "(1202) ... 'FILE'" line follows.
 */
export function globalRangeChecks(config: GlobalState, log: StartupLog, minRotateInterval = 600): void {
  const rotate = config.rotateInterval;
  if (rotate && rotate.value !== 0 && (rotate.value < minRotateInterval || rotate.value > 86400)) {
    log.fail(null, `Rotate interval setting must be between ${minRotateInterval} seconds and one day.`, rotate.element);
  }
  const size = config.maxOutputSize;
  if (size && size.value !== 0n && (size.value < 1000000n || size.value > 1099511627776n)) {
    log.fail(null, 'Maximum output size must be between 1 MiB and 1 TiB.', size.element);
  }
}

/**
 * Read_GlobalSK: `<syscheck>` options analysisd itself uses (auto_ignore, alert_new_files). Its attribute
 * loop reads values[0] for frequency and values[1] for timeframe whatever their position, so a
 * `timeframe` with no second attribute dereferences NULL.
 */
export function readGlobalSyscheck(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (child.name === 'alert_new_files') {
      if (value !== 'yes' && value !== 'no') fail(log, 1235, invalidValue(child.name, value), child);
      continue;
    }
    if (child.name !== 'auto_ignore') continue;
    if (value !== 'yes' && value !== 'no') {
      fail(log, 1235, invalidValue(child.name, value), child);
      continue;
    }
    const attrs = child.attributes;
    for (const attr of attrs) {
      if (attr.name === 'frequency') {
        const first = attrs[0]!.value;
        if (!isStrNum(first)) {
          fail(log, 1235, invalidValue(attr.name, attr.value), child);
          break;
        }
        const n = atoi(first);
        if (n < 1 || n > 99) {
          fail(log, 1235, invalidValue(attr.name, attr.value), child);
          break;
        }
      } else if (attr.name === 'timeframe') {
        if (!isStrNum(attr.value)) {
          fail(log, 1235, invalidValue(attr.name, attr.value), child);
          break;
        }
        const second = attrs[1];
        if (!second) {
          log.crash('<auto_ignore timeframe="..."> needs a second attribute, Read_GlobalSK reads values[1]', child);
          return;
        }
        const n = atoi(second.value);
        if (n < 0 || n > 43200) {
          fail(log, 1235, invalidValue(attr.name, attr.value), child);
          break;
        }
      } else {
        fail(log, 1233, `(1233): Invalid attribute '${attr.name}' in the configuration: '${child.name}'.`, child);
        break;
      }
    }
  }
}

/** Read_Alerts: both levels digits only; use_geoip exists only in GeoIP builds. */
export function readAlerts(section: XmlElement, log: StartupLog): { emailAlertLevel?: number; logAlertLevel?: number } {
  const out: { emailAlertLevel?: number; logAlertLevel?: number } = {};
  for (const child of childrenOf(section)) {
    if (child.name !== 'email_alert_level' && child.name !== 'log_alert_level') {
      fail(log, 1230, invalidElement(child.name), child);
      continue;
    }
    if (!isStrNum(child.content)) {
      fail(log, 1235, invalidValue(child.name, child.content), child);
      continue;
    }
    const level = atoi(child.content) & 0xff;
    if (child.name === 'email_alert_level') out.emailAlertLevel = level;
    else out.logAlertLevel = level;
  }
  return out;
}

const RULESET_OPTIONS = new Set(['rule_include', 'decoder_include', 'list', 'rule_exclude', 'decoder_exclude', 'decoder_dir', 'rule_dir']);

/**
 * Read_Rules: unknown children stop it; after the loop each `<decoder_dir>`, then each `<rule_dir>`, has
 * its file pattern compiled with OSRegex (attribute `pattern`, `.xml$` without attributes, none at all
 * when it has only other attributes).
 */
export function readRuleset(section: XmlElement, log: StartupLog): void {
  const children = childrenOf(section);
  let refused = false;
  for (const child of children) {
    if (!RULESET_OPTIONS.has(child.name)) {
      fail(log, 1230, invalidElement(child.name), child);
      refused = true;
    }
  }
  // Wazuh only gets to the patterns when every child was known.
  if (refused) return;
  for (const [option, label] of [['decoder_dir', 'decoder_dir'], ['rule_dir', 'rules_dir']] as const) {
    for (const dir of children.filter((c) => c.name === option)) {
      const pattern = dirPattern(dir);
      if (pattern === undefined || !compileOsRegex(pattern)) {
        fail(log, 1202, configError(`pattern in ${label} does not compile`), dir, ['Regex would not compile']);
        return;
      }
    }
  }
}

function dirPattern(dir: XmlElement): string | undefined {
  if (dir.attributes.length === 0) return '.xml$';
  let pattern: string | undefined;
  for (const a of dir.attributes) if (a.name.toLowerCase() === 'pattern') pattern = a.value;
  return pattern;
}

/** Characters Read_Cluster allows in `<name>` and `<node_name>` (its C_VALID, with its typo "QRESTUV"). */
const CLUSTER_VALID = `!"#$%&'-.0123456789:<=>?ABCDEFGHIJKLMNOPQRESTUVWXYZ[\\]^_abcdefghijklmnopqrstuvwxyz{|}~`;
const CLUSTER_IGNORED = new Set(['key', 'socket_timeout', 'connection_timeout', 'nodes', 'port', 'bind_addr']);
const HAPROXY_IGNORED = new Set([
  'frequency', 'haproxy_port', 'haproxy_cert', 'client_cert', 'client_cert_key', 'client_cert_password', 'haproxy_backend',
  'haproxy_resolver', 'excluded_nodes', 'agent_chunk_size', 'agent_reconnection_time', 'agent_reconnection_stability_time',
  'imbalance_tolerance', 'remove_disconnected_node_after',
]);

/** Read_Cluster (src/config/cluster-config.c). */
export function readCluster(section: XmlElement, log: StartupLog): void {
  const children = childrenOf(section);
  children.forEach((child, index) => {
    const { name, content: value } = child;
    const nameCheck = (what: string) => {
      if (value === '') fail(log, null, `${what[0]!.toUpperCase()}${what.slice(1)} is empty in configuration`, child);
      else if ([...value].some((c) => !CLUSTER_VALID.includes(c))) {
        fail(log, null, `Detected a not allowed character in ${what}: "${value}". Characters allowed: "${CLUSTER_VALID}".`, child);
      }
    };
    if (name === 'name') nameCheck('cluster name');
    else if (name === 'node_name') nameCheck('node name');
    else if (name === 'node_type') {
      if (value === '') fail(log, null, 'Node type is empty in configuration', child);
      else if (value !== 'worker' && value !== 'client' && value !== 'master') {
        fail(log, null, `Detected a not allowed node type '${value}'. Valid types are 'master' and 'worker'.`, child);
      }
    } else if (name === 'disabled') {
      if (value !== 'yes' && value !== 'no') fail(log, null, `Detected a not allowed value for disabled tag '${value}'. Valid values are 'yes' and 'no'.`, child);
    } else if (name === 'hidden') {
      if (value !== 'yes' && value !== 'no') fail(log, 1235, invalidValue(name, value), child);
    } else if (name === 'interval') {
      log.note('WARNING', null, 'Detected a deprecated configuration for cluster. Interval option is not longer available.', child);
    } else if (name === 'haproxy_helper') {
      readHaproxy(child, index, log);
    } else if (!CLUSTER_IGNORED.has(name)) {
      fail(log, 1230, invalidElement(name), child);
    }
  });
}

/**
 * The `<haproxy_helper>` loop. Its checks of address, user and password test the helper's own content,
 * and its unknown-element message names `child[i]`, i being the helper's place among the cluster options.
 */
function readHaproxy(helper: XmlElement, helperIndex: number, log: StartupLog): void {
  const children = childrenOf(helper);
  for (const child of children) {
    const value = child.content;
    const missing = (what: string) => {
      if (helper.content === '') fail(log, null, `HAProxy ${what} is missing in the configuration`, child);
    };
    if (child.name === 'haproxy_disabled') {
      if (value !== 'yes' && value !== 'no') fail(log, null, `Detected an invalid value for the disabled tag '${child.name}'. Valid values are 'yes' and 'no'.`, child);
    } else if (child.name === 'haproxy_protocol') {
      if (value !== 'http' && value !== 'https') fail(log, null, `Detected an invalid value for the haproxy_protocol tag '${child.name}'. Valid values are 'http' and 'https'.`, child);
    } else if (child.name === 'haproxy_address') missing('address');
    else if (child.name === 'haproxy_user') missing('user');
    else if (child.name === 'haproxy_password') missing('password');
    else if (!HAPROXY_IGNORED.has(child.name)) {
      const named = children[helperIndex];
      if (!named) {
        log.crash(`the unknown <${child.name}> in <haproxy_helper> makes Read_Cluster read a child that does not exist`, child);
        return;
      }
      fail(log, 1230, invalidElement(named.name), child);
    }
  }
}

/** Read_AnalysisdSocket (src/config/socket-config.c). Returns the socket's name when it is accepted. */
export function readSocket(section: XmlElement, log: StartupLog): string | undefined {
  let name: string | undefined;
  let location: string | undefined;
  let refused = false;
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (child.name === 'name') {
      if (value === 'agent') {
        fail(log, null, "Invalid socket name 'agent'.", child);
        refused = true;
      } else name = value;
    } else if (child.name === 'location') location = value;
    else if (child.name === 'mode') {
      const mode = value.toLowerCase();
      if (mode !== 'tcp' && mode !== 'udp') {
        fail(log, null, `Socket type '${value}' is not valid at <${child.name}>. Should be 'udp' or 'tcp'.`, child);
        refused = true;
      }
    } else if (child.name !== 'prefix') {
      fail(log, 1230, invalidElement(child.name), child);
      refused = true;
    }
  }
  if (refused) return undefined;
  if (!name) {
    fail(log, 1954, "(1954): Missing field 'name' for socket.", section);
    return undefined;
  }
  if (!location) {
    fail(log, 1955, "(1955): Missing field 'location' for socket.", section);
    return undefined;
  }
  return name;
}

/** Read_Labels (src/config/labels-config.c). */
export function readLabels(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    if (child.name !== 'label') {
      fail(log, 1230, invalidElement(child.name), child);
      continue;
    }
    let key: string | undefined;
    let system = false;
    let refused = false;
    for (const attr of child.attributes) {
      if (attr.name === 'key') {
        if (attr.value === '') {
          fail(log, null, 'Label with empty key.', child);
          refused = true;
          break;
        }
        if (attr.value.startsWith('_')) {
          log.note('WARNING', null, `Label keys starting with "_"  are reserved for internal use. Skipping label '${attr.value}'.`, child);
          system = true;
        }
        key = attr.value;
      } else if (attr.name === 'hidden' && attr.value !== 'yes' && attr.value !== 'no') {
        fail(log, null, `Invalid content for attribute '${attr.name}'.`, child);
        refused = true;
        break;
      }
    }
    if (refused || system) continue;
    if (key === undefined) {
      fail(log, null, "Expected 'key' attribute for label.", child);
      continue;
    }
    if (child.content === '') log.note('WARNING', null, `Label '${key}' is empty.`, child);
  }
}

/** analysisd's check of `<forward_to>` targets against the `<socket>` names, after GlobalConf. */
export function forwardWarnings(config: GlobalState, log: StartupLog): void {
  if (!config.forwardTo || config.sockets.length === 0) return;
  for (const target of config.forwardTo.targets) {
    for (const socket of config.sockets) {
      if (socket === target) break;
      // Wazuh warns for every socket before the matching one, not once per missing target.
      log.note('WARNING', null, `Socket for target '${target}' is not defined.`, config.forwardTo.element);
    }
  }
}
