/**
 * What wazuh-analysisd does when it reads ossec.conf (wazuh-semantics.md §0-2, §5, §9): whether it starts,
 * every message it logs while reading, and the model it loads (commands, responses, AR queue flags,
 * global options, white list, alert levels, plus the `<email_alerts>` blocks maild would read).
 *
 * analysisd reads the file in two passes (GlobalConf, then AR_ReadConfig). Each pass walks the roots
 * and their sections in document order and stops at the first fatal error; the daemon then logs
 * "(1202): Configuration error at '<file>'." and exits. `messages` is exactly that log. To let callers show
 * every problem at once, the loader does not stop: it records each fatal problem in `problems`, treats the
 * offending block as refused, and goes on.
 *
 * Sources: src/config/config.c (ReadConfig, read_main_elements), src/config/active-response.c,
 * src/config/global-config.c, src/config/alerts-config.c, src/config/email-alerts-config.c.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { Range, XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { formatAgentId } from './agents.ts';
import { isKnownSection } from './sections.ts';
import { parseWazuhTime } from './time-units.ts';
import { atoi, atoiU8, isStrNum } from './c-number.ts';
import { locationFlags, type LocationFlags } from './location.ts';
import { compileOsMatch, type OsMatch } from './os-match.ts';
import { osRegexMatch } from './os-regex.ts';
import { parseRuleIdList } from './rules-id.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';
import { classifyWhiteListEntry, type WhiteListEntry } from './whitelist.ts';

export type LoadLevel = 'ERROR' | 'WARNING' | 'INFO';
export type LoadDaemon = 'wazuh-analysisd' | 'wazuh-maild';

/** One line Wazuh logs while reading the configuration. */
export interface LoadMessage {
  daemon: LoadDaemon;
  level: LoadLevel;
  /** Wazuh's message number (1230, 1235, ...), or null for the few uncoded messages. */
  code: number | null;
  /** The exact text after `LEVEL: `, e.g. `(1230): Invalid element in the configuration: 'x'.` */
  text: string;
  /** The daemon refuses to start because of it. */
  fatal: boolean;
  /** Bytes of the element concerned (null for file-level messages such as 1202). */
  range: Range | null;
  element: XmlElement | null;
}

/** A `<command>` as ReadActiveCommands stores it. */
export interface LoadedCommand {
  /** Index among the file's `<command>` blocks (ConfigView.commands). */
  index: number;
  element: XmlElement;
  name: string;
  executable: string;
  timeoutAllowed: boolean;
  extraArgs: string | undefined;
  /** Legacy targets (< 4.2) only: what `<expect>` asks for. From 4.2 on `<expect>` is ignored. */
  expect: { user: boolean; srcip: boolean; filename: boolean } | undefined;
  /** An earlier command with the same name exists, so responses never use this one. */
  shadowedBy: number | undefined;
}

/**
 * What became of an `<active-response>` block:
 * - active: accepted, bound to rules, written to ar.conf;
 * - disabled: `<disabled>yes</disabled>` (children still checked, nothing else);
 * - dropped: defined-agent with agent_id 0 / non-numeric, warning (1306), 4.3+;
 * - skipped: command or location missing but `<repeated_offenders>` present (an execd-only block);
 * - refused: a fatal error in this block (analysisd would not start).
 */
export type ResponseStatus = 'active' | 'disabled' | 'dropped' | 'skipped' | 'refused';

export interface LoadedResponse {
  /** Index among the file's `<active-response>` blocks (ConfigView.activeResponses). */
  index: number;
  element: XmlElement;
  status: ResponseStatus;
  /** `<command>` text as written (last occurrence), if any. */
  commandName: string | undefined;
  /** The command bound (first definition of that name read before this block). */
  command: LoadedCommand | undefined;
  /** The AR name execd knows it by: command name + timeout (e.g. `firewall-drop600`). */
  name: string | undefined;
  executable: string | undefined;
  /** Timeout used (after the 1305 check forced it to 0 when the command does not allow one). */
  timeout: number;
  /** atoi of `<timeout>` as written. */
  configuredTimeout: number;
  locationText: string | undefined;
  location: LocationFlags;
  /** `<agent_id>` text and its atoi value (used with defined-agent). */
  agentIdText: string | undefined;
  agentId: number | undefined;
  /** With defined-agent: the agent OS_Exec sends to, `%.3d` of agentId (`7` -> `007`, `-1` -> `-001`). */
  agentTarget: string | undefined;
  /** 0 = not set. */
  level: number;
  rulesGroup: string | undefined;
  rulesIdText: string | undefined;
  rulesId: number[];
  repeatedOffenders: string | undefined;
  /** Queue bits this block asks for (REMOTE_AR for agents, LOCAL_AR for the manager). */
  queues: { remote: boolean; local: boolean };
  /** Messages about this block (any level), in the order Wazuh would log them. */
  messages: LoadMessage[];
}

export interface LoadedGlobal {
  whiteList: Array<{ entry: WhiteListEntry; element: XmlElement }>;
  emailNotification: boolean;
  emailTo: string[];
  /** `alerts.json` unless `<email_log_source>` starts with `alerts.log`. */
  emailLogSource: 'alerts.json' | 'alerts.log';
  jsonoutOutput: boolean;
  alertsLog: boolean;
}

export interface LoadedEmailAlerts {
  index: number;
  element: XmlElement;
  emailTo: string[];
  level: number;
  group: OsMatch | undefined;
  groupText: string | undefined;
  eventLocation: OsMatch | undefined;
  eventLocationText: string | undefined;
  ruleIds: number[];
  format: 'full' | 'sms';
  doNotDelay: boolean;
  doNotGroup: boolean;
  /** maild refuses the block ((1264) or a bad value). */
  valid: boolean;
}

export interface AnalysisdConfig {
  /** wazuh-analysisd starts with this file. */
  accepted: boolean;
  /** What analysisd logs while reading, up to and including the first fatal error and (1202). */
  messages: LoadMessage[];
  /** The first fatal error Wazuh reports, if any. */
  firstFatal: LoadMessage | undefined;
  /** Every fatal problem found (analysisd only shows the first). */
  problems: LoadMessage[];
  /** Messages of maild's reading of `<global>` e-mail options and `<email_alerts>` (it starts separately). */
  maildMessages: LoadMessage[];
  commands: LoadedCommand[];
  /** One per `<active-response>` block, by index. */
  responses: LoadedResponse[];
  /** The responses analysisd binds to rules, in config order. */
  activeResponses: LoadedResponse[];
  /**
   * Config.ar: the AR queues analysisd opens. A disabled block resets the bits accumulated so far
   * (§2a), so this is the union of the active blocks after the last disabled one.
   */
  arQueues: { remote: boolean; local: boolean };
  global: LoadedGlobal;
  /**
   * etc/shared/ar.conf as AR_ReadConfig writes it: the hard-coded restart entries, then one
   * `<name> - <executable> - <timeout>` line per active response. execd maps AR names to programs with it.
   */
  arConf: string[];
  /**
   * The INFO lines analysisd prints about the white list once it has started (only when AR is enabled,
   * i.e. some AR queue is open); empty when it does not start.
   */
  startupMessages: string[];
  emailAlerts: LoadedEmailAlerts[];
  alerts: { emailAlertLevel: number; logAlertLevel: number };
}

export interface LoadOptions {
  /** File name used in messages (default: the document's path). */
  fileName?: string;
}

/** Top-level sections read_main_elements accepts only with children (an empty one is (1230)). */
const NEEDS_CHILDREN = new Set([
  'global', 'analysis', 'email_alerts', 'mail', 'database_output', 'syslog_output', 'csyslog', 'integration',
  'agentless', 'ruleset', 'alerts', 'localfile', 'logcollector', 'remote', 'client', 'command', 'reports',
  'active-response', 'labels', 'logging', 'monitor', 'cluster', 'socket', 'exec', 'integrator', 'download',
]);
/** Sections of read_main_elements that the schema table does not list (internal ones). */
const EXTRA_SECTIONS = new Set(['analysis', 'mail', 'csyslog', 'logcollector', 'monitor', 'exec', 'integrator', 'modules', 'database', 'download']);

function knownSection(name: string): boolean {
  return isKnownSection(name) || EXTRA_SECTIONS.has(name);
}

const YES_NO_GLOBAL = new Set(['email_notification', 'jsonout_output', 'alerts_log', 'logall', 'logall_json', 'prelude_output', 'zeromq_output', 'update_check']);
const DIGITS_GLOBAL = new Set(['integrity_checking', 'rootkit_detection', 'host_information', 'stats', 'memory_size', 'prelude_log_level']);
const FREE_GLOBAL = new Set([
  'email_from', 'email_reply_to', 'email_idsname', 'smtp_server', 'helo_server', 'email_maxperhour', 'email_log_source',
  'compress_alerts', 'custom_alert_output', 'rotate_interval', 'max_output_size', 'prelude_profile', 'geoipdb',
  'geoip_db_path', 'geoip6_db_path', 'zeromq_uri', 'zeromq_server_cert', 'zeromq_client_cert', 'forward_to', 'cti-url',
]);
const EMAIL_PATTERN = /[a-zA-Z0-9._-]+@[a-zA-Z0-9._-]/;
const AR_CHILDREN = new Set(['command', 'location', 'agent_id', 'rules_id', 'rules_group', 'level', 'timeout', 'disabled', 'repeated_offenders', 'ca_store']);
const OS_FLSIZE = 256;


class Log {
  readonly analysisd: LoadMessage[] = [];
  readonly problems: LoadMessage[] = [];
  readonly maild: LoadMessage[] = [];
  /** Set once the first fatal error is logged: analysisd has stopped, later messages are not printed. */
  stopped = false;

  add(level: LoadLevel, code: number | null, text: string, element: XmlElement | null, fatal = level === 'ERROR'): LoadMessage {
    const message: LoadMessage = { daemon: 'wazuh-analysisd', level, code, text, fatal, range: element?.range ?? null, element };
    if (fatal) this.problems.push(message);
    if (!this.stopped) this.analysisd.push(message);
    if (fatal) this.stopped = true;
    return message;
  }

  mail(level: LoadLevel, code: number | null, text: string, element: XmlElement | null): LoadMessage {
    const message: LoadMessage = { daemon: 'wazuh-maild', level, code, text, fatal: level === 'ERROR', range: element?.range ?? null, element };
    this.maild.push(message);
    return message;
  }
}

const invalidElement = (name: string) => `(1230): Invalid element in the configuration: '${name}'.`;
const invalidValue = (name: string, value: string) => `(1235): Invalid value for element '${name}': ${value}.`;

/**
 * Reads the document as wazuh-analysisd of `target` does. The view must come from the same document
 * (buildConfigView). Pure: no I/O.
 */
export function loadAnalysisdConfig(doc: ConfigDocument, view: ConfigView, target: TargetVersion, options: LoadOptions = {}): AnalysisdConfig {
  const fileName = options.fileName ?? doc.path;
  const log = new Log();
  const result: AnalysisdConfig = {
    accepted: true,
    messages: log.analysisd,
    firstFatal: undefined,
    problems: log.problems,
    maildMessages: log.maild,
    commands: [],
    responses: [],
    activeResponses: [],
    arQueues: { remote: false, local: false },
    global: { whiteList: [], emailNotification: false, emailTo: [], emailLogSource: 'alerts.json', jsonoutOutput: false, alertsLog: true },
    arConf: [],
    startupMessages: [],
    emailAlerts: [],
    alerts: { emailAlertLevel: 7, logAlertLevel: 1 },
  };

  if (doc.parseError) {
    log.add('ERROR', 1226, `(1226): Error reading XML file '${fileName}': ${doc.parseError.message} (line ${doc.parseError.wazuhLine}).`, null);
  } else {
    // Pass 1 (GlobalConf): the section structure, <global> and <alerts>.
    const badSections = readStructure(doc, log);
    for (const root of doc.roots) {
      if (root.name !== 'ossec_config') continue;
      for (const section of root.children) {
        if (section.isVariable || badSections.has(section)) continue;
        if (section.name === 'global') readGlobal(section, result.global, log);
        else if (section.name === 'alerts') readAlerts(section, result.alerts, log);
      }
    }
    // Pass 2 (AR_ReadConfig): <command> and <active-response> in one ordered walk.
    readActiveResponse(view, target, result, log, badSections);
    // maild reads <email_alerts> on its own; its failures do not stop analysisd.
    readEmailAlerts(view, result, log, badSections);
  }

  const firstFatal = log.problems[0];
  if (firstFatal) {
    result.accepted = false;
    result.firstFatal = firstFatal;
    log.stopped = false;
    log.add('ERROR', 1202, `(1202): Configuration error at '${fileName}'.`, null, false);
  }
  result.activeResponses = result.responses.filter((r) => r.status === 'active');
  result.arConf = [
    ...(target.major >= 4 ? AR_CONF_HEADER_4X : AR_CONF_HEADER_LEGACY),
    ...result.activeResponses.map((r) => `${r.name} - ${r.executable} - ${r.timeout}`),
  ];
  if (result.accepted && (result.arQueues.local || result.arQueues.remote)) result.startupMessages = whiteListStartupMessages(result.global);
  return result;
}

/** Restart entries AR_ReadConfig always writes first (so `restart-wazuh0` / `restart-ossec0` work everywhere). */
const AR_CONF_HEADER_4X = [
  'restart-ossec0 - restart-ossec.sh - 0',
  'restart-ossec0 - restart-ossec.cmd - 0',
  'restart-wazuh0 - restart-ossec.sh - 0',
  'restart-wazuh0 - restart-ossec.cmd - 0',
  'restart-wazuh0 - restart-wazuh - 0',
  'restart-wazuh0 - restart-wazuh.exe - 0',
];
const AR_CONF_HEADER_LEGACY = ['restart-ossec0 - restart-ossec.sh - 0', 'restart-ossec0 - restart-ossec.cmd - 0'];

/**
 * analysisd's start-up report of the white list: IP entries as stored (OS_IsValidIP drops a leading `!`),
 * host patterns as OSMatch stores them (folded, anchors removed, one line per `|` alternative).
 */
function whiteListStartupMessages(global: LoadedGlobal): string[] {
  const out: string[] = [];
  const ips = global.whiteList.flatMap(({ entry }) => (entry.kind === 'ip' ? [entry.text.replace(/^!/, '')] : []));
  const patterns = global.whiteList.flatMap(({ entry }) => (entry.kind === 'pattern' ? entry.matcher.alternatives.map((a) => a.text) : []));
  if (ips.length === 0) out.push('No IP in the white list for active response.');
  else out.push(...ips.map((ip) => `White listing IP: '${ip}'`), `${ips.length} IPs in the white list for active response.`);
  if (patterns.length === 0) out.push('No Hostname in the white list for active response.');
  else out.push(...patterns.map((p) => `White listing Hostname: '${p}'`), `${patterns.length} Hostname(s) in the white list for active response.`);
  return out;
}

/** ReadConfig / read_main_elements: roots must be <ossec_config>; sections must be known and, for most, have children. */
function readStructure(doc: ConfigDocument, log: Log): Set<XmlElement> {
  const bad = new Set<XmlElement>();
  for (const root of doc.roots) {
    if (root.isVariable) continue;
    if (root.name !== 'ossec_config') {
      log.add('ERROR', 1230, invalidElement(root.name), root);
      bad.add(root);
      continue;
    }
    for (const section of root.children) {
      if (section.isVariable) continue;
      const hasChildren = section.children.some((c) => !c.isVariable);
      if (!knownSection(section.name) || (NEEDS_CHILDREN.has(section.name) && !hasChildren)) {
        log.add('ERROR', 1230, invalidElement(section.name), section);
        bad.add(section);
      }
    }
  }
  return bad;
}

function childrenOf(element: XmlElement): XmlElement[] {
  return element.children.filter((c) => !c.isVariable);
}

/** Read_Global as analysisd calls it (Config set, no Mail struct: e-mail limits are maild's business). */
function readGlobal(section: XmlElement, global: LoadedGlobal, log: Log): void {
  for (const child of childrenOf(section)) {
    const name = child.name;
    const value = child.content;
    if (YES_NO_GLOBAL.has(name)) {
      if (value !== 'yes' && value !== 'no') {
        log.add('ERROR', 1235, invalidValue(name, value), child);
        return;
      }
      if (name === 'email_notification') global.emailNotification = value === 'yes';
      if (name === 'jsonout_output') global.jsonoutOutput = value === 'yes';
      if (name === 'alerts_log') global.alertsLog = value === 'yes';
    } else if (DIGITS_GLOBAL.has(name)) {
      if (!isStrNum(value)) {
        log.add('ERROR', 1235, invalidValue(name, value), child);
        return;
      }
    } else if (name === 'white_list') {
      const entry = classifyWhiteListEntry(value);
      if (entry.kind === 'invalid-ip') {
        log.add('ERROR', 1237, `(1237): Invalid ip address: '${value}'.`, child);
        return;
      }
      if (entry.kind === 'bad-pattern') {
        log.add('ERROR', 1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
        return;
      }
      global.whiteList.push({ entry, element: child });
    } else if (name === 'email_to') {
      if (!EMAIL_PATTERN.test(value)) {
        log.add('ERROR', null, `Invalid Email address: ${value}.`, child);
        return;
      }
      global.emailTo.push(value);
    } else if (name === 'queue_size') {
      if (!/^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(value) || atoi(value) < 1) {
        log.add('ERROR', null, `Invalid value for option '<queue_size>'`, child);
        return;
      }
    } else if (name === 'agents_disconnection_time' || name === 'agents_disconnection_alert_time') {
      const seconds = parseWazuhTime(value);
      if (seconds < (name === 'agents_disconnection_time' ? 1 : 0)) {
        log.add('ERROR', 1235, invalidValue(name, value), child);
        return;
      }
    } else if (name === 'limits') {
      if (childrenOf(child).length === 0) {
        log.add('ERROR', 1230, invalidElement(name), child);
        return;
      }
    } else if (name === 'email_log_source') {
      global.emailLogSource = value.startsWith('alerts.log') ? 'alerts.log' : 'alerts.json';
    } else if (!FREE_GLOBAL.has(name)) {
      log.add('ERROR', 1230, invalidElement(name), child);
      return;
    }
  }
}

/** Read_Alerts: both levels digits only (stored as u_int8), anything else unknown (1230). */
function readAlerts(section: XmlElement, alerts: AnalysisdConfig['alerts'], log: Log): void {
  for (const child of childrenOf(section)) {
    if (child.name === 'email_alert_level' || child.name === 'log_alert_level') {
      if (!isStrNum(child.content)) {
        log.add('ERROR', 1235, invalidValue(child.name, child.content), child);
        return;
      }
      if (child.name === 'email_alert_level') alerts.emailAlertLevel = atoiU8(child.content);
      else alerts.logAlertLevel = atoiU8(child.content);
    } else {
      // use_geoip exists only in builds with LIBGEOIP_ENABLED (Makefile USE_GEOIP=no by default): unknown here.
      log.add('ERROR', 1230, invalidElement(child.name), child);
      return;
    }
  }
}

/** ReadActiveCommands and ReadActiveResponses over the single ordered walk of both kinds of block. */
function readActiveResponse(view: ConfigView, target: TargetVersion, result: AnalysisdConfig, log: Log, bad: Set<XmlElement>): void {
  // The global ar_flag: queue bits, and -1 while a disabled block is being read.
  let arFlag = { remote: false, local: false };
  const byName = new Map<string, LoadedCommand>();
  for (const block of view.blocks) {
    if (block.view.root.name !== 'ossec_config' || bad.has(block.view.element)) {
      if (block.type === 'active-response') result.responses.push(emptyResponse(block.view.index, block.view.element, 'refused'));
      continue;
    }
    if (block.type === 'command') {
      const command = readCommand(block.view.index, block.view.element, target, log);
      if (!command) continue;
      const first = byName.get(command.name);
      if (first) command.shadowedBy = first.index;
      else byName.set(command.name, command);
      result.commands.push(command);
      continue;
    }
    const response = readResponse(block.view.index, block.view.element, target, byName, log);
    result.responses.push(response);
    if (response.status === 'disabled') arFlag = { remote: false, local: false };
    if (response.status === 'active') {
      arFlag = { remote: arFlag.remote || response.queues.remote, local: arFlag.local || response.queues.local };
    }
  }
  result.arQueues = arFlag;
}

function readCommand(index: number, element: XmlElement, target: TargetVersion, log: Log): LoadedCommand | undefined {
  let name: string | undefined;
  let executable: string | undefined;
  let timeoutAllowed = false;
  let extraArgs: string | undefined;
  let expect: LoadedCommand['expect'];
  for (const child of childrenOf(element)) {
    const value = child.content;
    switch (child.name) {
      case 'name':
        if (value.startsWith('!')) {
          log.add('ERROR', 1235, invalidValue(child.name, value), child);
          return undefined;
        }
        name = value;
        break;
      case 'executable':
        executable = value;
        break;
      case 'timeout_allowed':
        if (value !== 'yes' && value !== 'no') {
          log.add('ERROR', 1235, invalidValue(child.name, value), child);
          return undefined;
        }
        timeoutAllowed = value === 'yes';
        break;
      case 'extra_args':
        extraArgs = value;
        break;
      case 'expect':
        // 4.2+: accepted and ignored (a debug log only). Before: parsed when at least 4 characters long.
        if (!versionAtLeast(target, 4, 2)) {
          expect = value.length >= 4
            ? { user: osRegexMatch('user', value), srcip: osRegexMatch('srcip', value), filename: osRegexMatch('filename', value) }
            : { user: false, srcip: false, filename: false };
        }
        break;
      default:
        log.add('ERROR', 1230, invalidElement(child.name), child);
        return undefined;
    }
  }
  if (name === undefined || executable === undefined) {
    log.add('ERROR', 1280, `(1280): Missing command options. You must specify a 'name' and 'executable'.`, element);
    return undefined;
  }
  return { index, element, name, executable, timeoutAllowed, extraArgs, expect, shadowedBy: undefined };
}

function emptyResponse(index: number, element: XmlElement, status: ResponseStatus): LoadedResponse {
  return {
    index,
    element,
    status,
    commandName: undefined,
    command: undefined,
    name: undefined,
    executable: undefined,
    timeout: 0,
    configuredTimeout: 0,
    locationText: undefined,
    location: { server: false, local: false, definedAgent: false, all: false },
    agentIdText: undefined,
    agentId: undefined,
    agentTarget: undefined,
    level: 0,
    rulesGroup: undefined,
    rulesIdText: undefined,
    rulesId: [],
    repeatedOffenders: undefined,
    queues: { remote: false, local: false },
    messages: [],
  };
}

function readResponse(index: number, element: XmlElement, target: TargetVersion, commands: Map<string, LoadedCommand>, log: Log): LoadedResponse {
  const response = emptyResponse(index, element, 'refused');
  const note = (level: LoadLevel, code: number | null, text: string, at: XmlElement | null) => {
    response.messages.push(log.add(level, code, text, at));
  };
  let commandEl: XmlElement | undefined;
  let locationEl: XmlElement | undefined;
  let agentIdEl: XmlElement | undefined;
  let timeoutEl: XmlElement | undefined;
  let disabled = false;
  let repeatedOffenders = false;
  for (const child of childrenOf(element)) {
    const value = child.content;
    if (!AR_CHILDREN.has(child.name)) {
      note('ERROR', 1230, invalidElement(child.name), child);
      return response;
    }
    switch (child.name) {
      case 'command':
        commandEl = child;
        response.commandName = value;
        break;
      case 'location':
        locationEl = child;
        response.locationText = value;
        break;
      case 'agent_id':
        agentIdEl = child;
        response.agentIdText = value;
        break;
      case 'rules_id':
        response.rulesIdText = value;
        response.rulesId = parseRuleIdList(value);
        break;
      case 'rules_group':
        response.rulesGroup = value;
        break;
      case 'level': {
        const level = atoi(value);
        if (!isStrNum(value) || level < 0 || level > 20) {
          note('ERROR', 1235, invalidValue(child.name, value), child);
          return response;
        }
        response.level = level;
        break;
      }
      case 'timeout':
        timeoutEl = child;
        response.configuredTimeout = atoi(value);
        break;
      case 'disabled':
        if (value === 'yes') disabled = true;
        else if (value !== 'no') {
          note('ERROR', 1235, invalidValue(child.name, value), child);
          return response;
        }
        break;
      case 'repeated_offenders':
        repeatedOffenders = true;
        response.repeatedOffenders = value;
        break;
      default:
        break;
    }
  }
  if (disabled) {
    response.status = 'disabled';
    return response;
  }
  // 4.x also treats an empty command or location as missing; older readers only checked presence.
  const emptyIsMissing = target.major >= 4;
  const missing = (text: string | undefined) => text === undefined || (emptyIsMissing && text === '');
  if (missing(response.commandName) || missing(response.locationText)) {
    if (repeatedOffenders) {
      response.status = 'skipped';
      return response;
    }
    note('ERROR', 1281, `(1281): Missing options in the active response configuration. `, element);
    return response;
  }
  const locationText = response.locationText!;
  const flags = locationFlags(locationText);
  response.location = { server: flags.server, local: flags.local, definedAgent: false, all: false };
  if (flags.definedAgent) {
    if (response.agentIdText === undefined) {
      note('ERROR', 1304, `(1304): No agent defined for response.`, locationEl ?? element);
      return response;
    }
    response.agentId = atoi(response.agentIdText);
    if (response.agentId === 0 && target.dropsAgentZero) {
      note('WARNING', 1306, `(1306): Invalid agent ID. Use location=server to run AR on the manager.`, agentIdEl ?? element);
      response.status = 'dropped';
      return response;
    }
    response.location.definedAgent = true;
    response.agentTarget = formatAgentId(response.agentId);
  }
  response.location.all = flags.all;
  const { server, local, definedAgent, all } = response.location;
  if (!server && !local && !definedAgent && !all) {
    note('ERROR', 1302, `(1302): Invalid active response location: '${locationText}'.`, locationEl ?? element);
    return response;
  }
  const command = commands.get(response.commandName!);
  if (!command) {
    note('ERROR', 1303, `(1303): Invalid command '${response.commandName}' in the active response.`, commandEl ?? element);
    return response;
  }
  response.command = command;
  response.executable = command.executable;
  response.timeout = response.configuredTimeout;
  if (response.timeout !== 0 && !command.timeoutAllowed) {
    // Wazuh 3.x/4.x: INFO and the timeout becomes 0. OSSEC 2.x: an error, and the daemon refused to start.
    if (target.major < 3) {
      note('ERROR', 1305, `(1305): Timeout not allowed for command: '${command.name}'.`, timeoutEl ?? element);
      return response;
    }
    note('INFO', 1305, `(1305): Timeout not allowed for command: '${command.name}'.`, timeoutEl ?? element);
    response.timeout = 0;
  }
  response.name = truncateBytes(`${command.name}${response.timeout}`, OS_FLSIZE - 1);
  response.queues = { remote: all || local || definedAgent, local: server || local };
  response.status = 'active';
  return response;
}

/** snprintf into a buffer of `max + 1` bytes. */
function truncateBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= max ? text : bytes.subarray(0, max).toString('utf8');
}

/** Read_EmailAlerts as maild runs it (one block each; errors stop maild, not analysisd). */
function readEmailAlerts(view: ConfigView, result: AnalysisdConfig, log: Log, bad: Set<XmlElement>): void {
  for (const block of view.emailAlerts) {
    if (block.root.name !== 'ossec_config' || bad.has(block.element)) continue;
    const loaded: LoadedEmailAlerts = {
      index: block.index,
      element: block.element,
      emailTo: [],
      level: 0,
      group: undefined,
      groupText: undefined,
      eventLocation: undefined,
      eventLocationText: undefined,
      ruleIds: [],
      format: 'full',
      doNotDelay: false,
      doNotGroup: false,
      valid: true,
    };
    result.emailAlerts.push(loaded);
    const fail = (code: number | null, text: string, at: XmlElement) => {
      log.mail('ERROR', code, text, at);
      loaded.valid = false;
    };
    for (const child of childrenOf(block.element)) {
      const value = child.content;
      switch (child.name) {
        case 'email_to':
          loaded.emailTo.push(value);
          break;
        case 'level':
          if (!isStrNum(value)) fail(1235, invalidValue(child.name, value), child);
          else loaded.level = atoi(value);
          break;
        case 'group':
          loaded.groupText = value;
          loaded.group = compileOsMatch(value) ?? undefined;
          if (!loaded.group) fail(1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
          break;
        case 'event_location':
          loaded.eventLocationText = value;
          loaded.eventLocation = compileOsMatch(value) ?? undefined;
          if (!loaded.eventLocation) fail(1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
          break;
        case 'rule_id':
          loaded.ruleIds = parseRuleIdList(value);
          break;
        case 'format':
          if (value === 'sms') loaded.format = 'sms';
          else if (value !== 'full' && value !== 'default') fail(1235, invalidValue(child.name, value), child);
          break;
        case 'do_not_delay':
          loaded.doNotDelay = true;
          break;
        case 'do_not_group':
          loaded.doNotGroup = true;
          break;
        default:
          fail(1230, invalidElement(child.name), child);
      }
      if (!loaded.valid) break;
    }
    if (!loaded.valid) continue;
    const hasCriterion =
      loaded.eventLocation !== undefined || loaded.level !== 0 || loaded.group !== undefined || loaded.ruleIds.length > 0 ||
      loaded.format === 'sms' || loaded.doNotDelay || loaded.doNotGroup;
    // The recipient test looks at this block's own list (gran_to), not at the global <email_to>.
    if (!hasCriterion || loaded.emailTo.length === 0) {
      fail(1264, `(1264): Invalid 'email_alerts' config (missing parameters).`, block.element);
    }
  }
}
