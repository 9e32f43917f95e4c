/**
 * What Wazuh's manager daemons do when they read ossec.conf at start-up (wazuh-semantics.md §0-2, §5, §9):
 * whether wazuh-analysisd and wazuh-maild start, every message they log while reading, every refusal
 * (not only the first), and the model analysisd loads (commands, responses, AR queue flags, global
 * options, white list, alert levels) plus the `<email_alerts>` blocks maild reads.
 *
 * analysisd.c main runs AR_Init + AR_ReadConfig (ReadConfig with CAR: every `<command>` and
 * `<active-response>` in document order), then GlobalConf (ReadConfig with CGLOBAL|CRULES|CALERTS|CCLUSTER|
 * CANDSOCKET, then ReadConfig with CLABELS, then its rotate_interval and max_output_size ranges). Each
 * ReadConfig walks every root and section in document order (read_main_elements checks the section
 * itself in every pass) and stops at its first error. maild.c runs MailConf: ReadConfig(CMAIL) (Read_Global
 * with the mail structure and every `<email_alerts>`), ReadConfig(CGLOBAL), then its own checks.
 *
 * Sources (v4.14.7): src/analysisd/analysisd.c, src/analysisd/config.c, src/analysisd/active-response.c,
 * src/os_maild/config.c, src/config/config.c and the readers in src/config/*.c.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { formatAgentId } from './agents.ts';
import { atoi, isStrNum } from './c-number.ts';
import { locationFlags, type LocationFlags } from './location.ts';
import { osRegexMatch } from './os-regex.ts';
import { parseRuleIdList } from './rules-id.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';
import type { WhiteListEntry } from './whitelist.ts';
import { invalidElement, invalidValue, StartupLog, type LoadLevel, type LoadMessage } from './load-log.ts';
import {
  childrenOf, emailMaxPerHourMax, forwardWarnings, globalRangeChecks, newGlobalState, readAlerts, readCluster, readGlobal, readGlobalSyscheck,
  readLabels, readRuleset, readSocket, type MailState,
} from './load-global.ts';
import { readEmailAlertsBlock, type LoadedEmailAlerts } from './load-mail.ts';
import { authdModelled, isKeyPollingWodle, newAuthdState, readAuthSection, readKeyPollingWodle } from './load-auth.ts';
import {
  newRemotedState, readRemoteBlock, remotedExitStopsManager, remotedModelled, remoteNotConfigured, remoteNotConfiguredText, type RemotedWarning,
} from './load-remote.ts';
import { mainSectionAccepted } from './startup-sections.ts';

export type { LoadDaemon, LoadLevel, LoadMessage } from './load-log.ts';
export type { LoadedEmailAlerts } from './load-mail.ts';

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
  /** Its `<command>` was refused for its own content: analysisd stops there, this block has no message of its own. */
  commandRefused?: true;
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
  /** analysisd's Config.mailnotify is 1. */
  emailNotification: boolean;
  /** maild's global recipients (Mail->to). */
  emailTo: string[];
  /** `alerts.json` unless `<email_log_source>` starts with `alerts.log`. */
  emailLogSource: 'alerts.json' | 'alerts.log';
  jsonoutOutput: boolean;
  alertsLog: boolean;
}

/**
 * What wazuh-maild's MailConf decides: go on, refuse (exit with 1202), exit cleanly (notification off), or
 * die with SIGSEGV (its ReadConfig passes read a `<wodle>` without attributes as analysisd's do).
 */
export type MaildVerdict = 'accepted' | 'rejected' | 'disabled' | 'crash';

export interface MaildConfig {
  verdict: MaildVerdict;
  /** What MailConf logs, up to where maild stops. */
  messages: LoadMessage[];
  /** Every refusal found (maild shows the first). */
  problems: LoadMessage[];
}

export interface AnalysisdConfig {
  /** wazuh-analysisd starts with this file. */
  accepted: boolean;
  /** analysisd dies with SIGSEGV while reading (a `<wodle>` without attributes, ...). */
  crashed: boolean;
  /** What analysisd logs while reading, up to where it stops. */
  messages: LoadMessage[];
  /** The first fatal error Wazuh reports, if any. */
  firstFatal: LoadMessage | undefined;
  /** Every refusal found, in the order analysisd would meet them (it only shows the first). */
  problems: LoadMessage[];
  /** What MailConf logs (wazuh-maild starts separately). */
  maildMessages: LoadMessage[];
  maild: MaildConfig;
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

const AR_CHILDREN = new Set(['command', 'location', 'agent_id', 'rules_id', 'rules_group', 'level', 'timeout', 'disabled', 'repeated_offenders', 'ca_store']);
const OS_FLSIZE = 256;

/** A line of a block reader: errors stop the daemon (inside a root, so ReadConfig adds its 1202 line). */
function add(log: StartupLog, level: LoadLevel, code: number | null, text: string, element: XmlElement | null): LoadMessage {
  return level === 'ERROR' ? log.fail(code, text, element, { inRoot: true }) : log.note(level, code, text, element);
}

/**
 * One ReadConfig pass: roots other than `<ossec_config>` and sections read_main_elements refuses are
 * reported in the first pass only (every later pass would stop at the same place); `<database_output>`
 * warns in every pass the daemon reaches it; a `<wodle>` without attributes crashes the daemon.
 * In a file with no `<ossec_config>` root at all, ReadConfig stops at the first top-level element
 * (src/config/config.c:492-496, XML_INVELEM) and one fix, wrapping the file in `<ossec_config>`, is due for
 * every one: only the first is a problem, not one per element.
 */
function readConfigPass(doc: ConfigDocument, log: StartupLog, first: boolean, ossec: boolean, visit: (section: XmlElement) => void): void {
  const rooted = doc.roots.some((r) => r.name === 'ossec_config');
  let unrootedRefused = false;
  for (const root of doc.roots) {
    if (root.isVariable) continue;
    if (root.name !== 'ossec_config') {
      if (first && (rooted || !unrootedRefused)) log.fail(1230, invalidElement(root.name), root);
      unrootedRefused = true;
      continue;
    }
    for (const section of childrenOf(root)) {
      const hasChildren = childrenOf(section).length > 0;
      if (!mainSectionAccepted(section.name, hasChildren, ossec)) {
        if (first) log.fail(1230, invalidElement(section.name), section, { inRoot: true });
        continue;
      }
      if (section.name === 'database_output') {
        log.note('WARNING', null, "The 'database_output' configuration is deprecated and no longer supported. This configuration will be ignored.", section);
      } else if (section.name === 'wodle' && section.attributes.length === 0) {
        if (first) log.crash('<wodle> without a name attribute (read_main_elements reads node->attributes[0])', section);
        continue;
      }
      visit(section);
    }
  }
}

function xmlError(doc: ConfigDocument, fileName: string): string {
  const e = doc.parseError!;
  return `(1226): Error reading XML file '${fileName}': ${e.message} (line ${e.wazuhLine}).`;
}

/**
 * Reads the document as wazuh-analysisd (and wazuh-maild) of `target` do. The view must come from the
 * same document (buildConfigView). Pure: no I/O.
 */
export function loadAnalysisdConfig(doc: ConfigDocument, view: ConfigView, target: TargetVersion, options: LoadOptions = {}): AnalysisdConfig {
  const fileName = options.fileName ?? doc.path;
  const log = new StartupLog('wazuh-analysisd', fileName);
  const config = newGlobalState({ jsonoutOutput: true });
  const alerts = { emailAlertLevel: 7, logAlertLevel: 1 };
  const ar: ArState = { commands: [], responses: [], arFlag: { remote: false, local: false }, refusedCommandNames: new Set() };
  const ossec = target.major < 3;
  if (doc.parseError) {
    log.fail(1226, xmlError(doc, fileName), null);
  } else {
    const index = new Map<XmlElement, number>([...view.commands.map((c) => [c.element, c.index] as const), ...view.activeResponses.map((r) => [r.element, r.index] as const)]);
    const byName = new Map<string, LoadedCommand>();
    // AR_ReadConfig.
    readConfigPass(doc, log, true, ossec, (section) => {
      if (section.name === 'command') readCommandBlock(index.get(section)!, section, target, log, ar, byName);
      else if (section.name === 'active-response') readResponseBlock(index.get(section)!, section, target, log, ar, byName);
    });
    // GlobalConf: the main pass, the labels pass, the range checks.
    readConfigPass(doc, log, false, ossec, (section) => {
      if (section.name === 'global') readGlobal(section, config, null, log);
      else if (section.name === 'syscheck') readGlobalSyscheck(section, log);
      else if (section.name === 'ruleset') readRuleset(section, log);
      else if (section.name === 'alerts') Object.assign(alerts, readAlerts(section, log));
      else if (section.name === 'cluster') readCluster(section, log);
      else if (section.name === 'socket') {
        const name = readSocket(section, log);
        if (name !== undefined) config.sockets.push(name);
      }
    });
    readConfigPass(doc, log, false, ossec, (section) => {
      if (section.name === 'labels') readLabels(section, log);
    });
    globalRangeChecks(config, log);
    if (!config.alertsLog && !config.jsonoutOutput) {
      log.note('WARNING', null, "All alert formats are disabled. Mail reporting, Syslog client and Integrator won't work properly.", null);
    }
    forwardWarnings(config, log);
  }
  const maild = loadMaild(doc, fileName, target);
  const accepted = log.problems.length === 0;
  const responses = ar.responses.sort((a, b) => a.index - b.index);
  // A block never read (its section refused, or in a foreign root) is refused.
  // A Set, not a search per block: N responses cost N steps (a search each cost N x N).
  const read = new Set(responses.map((x) => x.index));
  for (const r of view.activeResponses) if (!read.has(r.index)) responses.push(emptyResponse(r.index, r.element, 'refused'));
  responses.sort((a, b) => a.index - b.index);
  const activeResponses = responses.filter((r) => r.status === 'active');
  const result: AnalysisdConfig = {
    accepted,
    crashed: log.crashed,
    messages: log.lines,
    firstFatal: log.problems[0],
    problems: log.problems,
    maildMessages: maild.config.messages,
    maild: maild.config,
    commands: ar.commands,
    responses,
    activeResponses,
    arQueues: ar.arFlag,
    global: {
      whiteList: config.whiteList,
      emailNotification: config.emailNotification === true,
      emailTo: maild.mail.to,
      emailLogSource: maild.mail.source ?? 'alerts.json',
      jsonoutOutput: config.jsonoutOutput,
      alertsLog: config.alertsLog,
    },
    arConf: [
      ...(target.legacy ? AR_CONF_HEADER_LEGACY : AR_CONF_HEADER_4X),
      ...activeResponses.map((r) => `${r.name} - ${r.executable} - ${r.timeout}`),
    ],
    startupMessages: [],
    emailAlerts: maild.emailAlerts,
    alerts,
  };
  if (accepted && (ar.arFlag.local || ar.arFlag.remote)) result.startupMessages = whiteListStartupMessages(result.global);
  return result;
}

/**
 * MailConf (src/os_maild/config.c) as maild.c main calls it. Its second pass reads `<global>` into a
 * zeroed `_Config` where only alerts_log is on, so alerts.json counts as off unless the file says yes.
 */
function loadMaild(doc: ConfigDocument, fileName: string, target: TargetVersion): { config: MaildConfig; mail: MailState; emailAlerts: LoadedEmailAlerts[] } {
  const log = new StartupLog('wazuh-maild', fileName);
  const ossec = target.major < 3;
  const mail: MailState = { to: [], notify: false, source: undefined };
  const config = newGlobalState({ jsonoutOutput: false });
  const emailAlerts: LoadedEmailAlerts[] = [];
  let notifyElement: XmlElement | null = null;
  if (doc.parseError) {
    log.fail(1226, xmlError(doc, fileName), null);
  } else {
    let blockIndex = 0;
    const blockIndexes = new Map<XmlElement, number>();
    for (const root of doc.roots) for (const s of childrenOf(root)) if (s.name === 'email_alerts') blockIndexes.set(s, blockIndex++);
    readConfigPass(doc, log, true, ossec, (section) => {
      if (section.name === 'global') {
        readGlobal(section, null, mail, log, emailMaxPerHourMax(target));
        for (const c of childrenOf(section)) if (c.name === 'email_notification' && (c.content === 'yes' || c.content === 'no')) notifyElement = c;
      } else if (section.name === 'email_alerts') {
        emailAlerts.push(readEmailAlertsBlock(blockIndexes.get(section)!, section, mail, log));
      }
    });
    readConfigPass(doc, log, false, ossec, (section) => {
      if (section.name === 'global') readGlobal(section, config, null, log);
      else if (section.name === 'syscheck') readGlobalSyscheck(section, log);
    });
  }
  let verdict: MaildVerdict = log.crashed ? 'crash' : log.problems.length > 0 ? 'rejected' : 'accepted';
  if (verdict === 'crash') {
    // Nothing after the crash runs.
  } else if (verdict === 'accepted' && !mail.notify) {
    log.note('INFO', null, 'E-Mail notification disabled. Clean Exit.', null);
    verdict = 'disabled';
  } else if (mail.notify && versionAtLeast(target, 3, 8)) {
    // Wazuh 3.8 made maild read alerts.json by default and check that the file it reads is written.
    const source = mail.source ?? 'alerts.json';
    const formatElement = (name: string) => lastGlobalOption(doc, name) ?? notifyElement;
    if (!config.alertsLog && !config.jsonoutOutput) log.fail(null, 'All alert formats are disabled.', formatElement('alerts_log'));
    else if (!config.alertsLog && source === 'alerts.log') log.fail(null, 'Alerts.log is disabled', formatElement('alerts_log'));
    else if (!config.jsonoutOutput && source === 'alerts.json') log.fail(null, 'Alerts.json is disabled', formatElement('jsonout_output'));
    if (log.problems.length > 0) verdict = 'rejected';
  }
  return { config: { verdict, messages: log.lines, problems: log.problems }, mail, emailAlerts };
}

/** What wazuh-remoted does with the file's `<remote>` sections at start-up (src/wazuh/load-remote.ts). */
export interface RemotedConfig {
  /** Every refusal found, in document order (remoted shows the first and exits). */
  problems: LoadMessage[];
  /** What it warns about and then ignores or defaults: it runs, not as written. */
  warnings: RemotedWarning[];
}

/**
 * RemotedConfig (src/remoted/config.c:48-114) as remoted's main calls it (src/remoted/main.c:133-135):
 * ReadConfig(CREMOTE) reads every `<remote>` in document order. The sections themselves are read_main_elements'
 * (analysisd's refusals above name them). Targets before 4.2: not modelled (no finding), but for a manager's file
 * without any `<remote>`, where remoted exits at start (src/wazuh/load-remote.ts remoteNotConfigured) and from 3.12
 * wazuh-control start stops with it.
 */
export function loadRemoted(doc: ConfigDocument, target: TargetVersion, fileName = doc.path): RemotedConfig {
  const log = new StartupLog('wazuh-remoted', fileName);
  const warnings: RemotedWarning[] = [];
  if (doc.parseError) return { problems: [], warnings };
  const missing = remoteNotConfigured(doc);
  // No <remote>: nothing for Read_Remote to read; main exits (src/wazuh/load-remote.ts remoteNotConfigured).
  if (missing) {
    if (remotedExitStopsManager(target)) log.fail(null, remoteNotConfiguredText(target), missing.root);
    return { problems: log.problems, warnings };
  }
  if (!remotedModelled(target)) return { problems: [], warnings };
  const state = newRemotedState();
  readConfigPass(doc, log, false, target.major < 3, (section) => {
    if (section.name === 'remote') readRemoteBlock(section, target, state, log, warnings);
  });
  return { problems: log.problems, warnings };
}

/**
 * authd_read_config (src/os_auth/config.c:17-44) as wazuh-authd's main calls it (src/os_auth/main-server.c:396-398):
 * ReadConfig(CAUTHD) reads every `<auth>`, and every `<wodle name="agent-key-polling">`, in document order
 * (src/wazuh/load-auth.ts). Targets before 3.10: not
 * modelled (no finding). Shaped as remoted's.
 */
export function loadAuthd(doc: ConfigDocument, target: TargetVersion, fileName = doc.path): RemotedConfig {
  const log = new StartupLog('wazuh-authd', fileName);
  const warnings: RemotedWarning[] = [];
  if (doc.parseError || !authdModelled(target)) return { problems: [], warnings };
  const state = newAuthdState();
  readConfigPass(doc, log, false, target.major < 3, (section) => {
    if (section.name === 'auth') readAuthSection(section, target, log, warnings, state);
    // Before 4.4 the block is wazuh-modulesd's module (src/config/wmodules-key-request.c), not authd's.
    else if (isKeyPollingWodle(section) && versionAtLeast(target, 4, 4)) readKeyPollingWodle(section, log, warnings, state);
  });
  return { problems: log.problems, warnings };
}

/**
 * The last `<global>` option of this name in the file's `<ossec_config>` roots: Read_Global reads every
 * `<global>` block, so that is the value Wazuh uses.
 */
export function lastGlobalOption(doc: ConfigDocument, name: string): XmlElement | null {
  let found: XmlElement | null = null;
  for (const root of doc.roots) {
    if (root.name !== 'ossec_config') continue;
    for (const s of childrenOf(root)) if (s.name === 'global') for (const c of childrenOf(s)) if (c.name === name) found = c;
  }
  return found;
}

interface ArState {
  commands: LoadedCommand[];
  responses: LoadedResponse[];
  /** The global ar_flag: queue bits, reset by a disabled block. */
  arFlag: { remote: boolean; local: boolean };
  /**
   * Names of `<command>` blocks refused for their own content: analysisd stops at that refusal and never
   * reads the responses after it, so a response naming one gets no (1303) of its own (one cause, one message).
   */
  refusedCommandNames: Set<string>;
}

function readCommandBlock(index: number, element: XmlElement, target: TargetVersion, log: StartupLog, ar: ArState, byName: Map<string, LoadedCommand>): void {
  const command = readCommand(index, element, target, log);
  if (!command) {
    const name = childrenOf(element).find((c) => c.name === 'name')?.content;
    if (name !== undefined) ar.refusedCommandNames.add(name);
    return;
  }
  const first = byName.get(command.name);
  if (first) command.shadowedBy = first.index;
  else byName.set(command.name, command);
  ar.commands.push(command);
}

function readResponseBlock(index: number, element: XmlElement, target: TargetVersion, log: StartupLog, ar: ArState, byName: Map<string, LoadedCommand>): void {
  const response = readResponse(index, element, target, byName, log, ar.refusedCommandNames);
  ar.responses.push(response);
  if (response.status === 'disabled') ar.arFlag = { remote: false, local: false };
  if (response.status === 'active') {
    ar.arFlag = { remote: ar.arFlag.remote || response.queues.remote, local: ar.arFlag.local || response.queues.local };
  }
}

/**
 * Restart entries AR_ReadConfig always writes first (so `restart-wazuh0` / `restart-ossec0` work everywhere): from
 * 4.2.0 (analysisd/active-response.c:51-53); 4.0 and 4.1 write the restart-ossec0 lines only, as 3.x does.
 */
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
  // Loops, not push(...list): a white list of 100k entries would overflow the call stack.
  if (ips.length === 0) out.push('No IP in the white list for active response.');
  else {
    for (const ip of ips) out.push(`White listing IP: '${ip}'`);
    out.push(`${ips.length} IPs in the white list for active response.`);
  }
  if (patterns.length === 0) out.push('No Hostname in the white list for active response.');
  else {
    for (const p of patterns) out.push(`White listing Hostname: '${p}'`);
    out.push(`${patterns.length} Hostname(s) in the white list for active response.`);
  }
  return out;
}


function readCommand(index: number, element: XmlElement, target: TargetVersion, log: StartupLog): LoadedCommand | undefined {
  let name: string | undefined;
  let executable: string | undefined;
  let timeoutAllowed = false;
  let extraArgs: string | undefined;
  let expect: LoadedCommand['expect'];
  // Wazuh stops at the first bad child; every one is listed here, then the block counts as refused.
  let refused = false;
  for (const child of childrenOf(element)) {
    const value = child.content;
    switch (child.name) {
      case 'name':
        if (value.startsWith('!')) {
          add(log, 'ERROR', 1235, invalidValue(child.name, value), child);
          refused = true;
          break;
        }
        name = value;
        break;
      case 'executable':
        executable = value;
        break;
      case 'timeout_allowed':
        if (value !== 'yes' && value !== 'no') {
          add(log, 'ERROR', 1235, invalidValue(child.name, value), child);
          refused = true;
          break;
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
        add(log, 'ERROR', 1230, invalidElement(child.name), child);
        refused = true;
    }
  }
  if (refused) return undefined;
  if (name === undefined || executable === undefined) {
    add(log, 'ERROR', 1280, `(1280): Missing command options. You must specify a 'name' and 'executable'.`, element);
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

function readResponse(index: number, element: XmlElement, target: TargetVersion, commands: Map<string, LoadedCommand>, log: StartupLog, refusedCommands: ReadonlySet<string> = new Set()): LoadedResponse {
  const response = emptyResponse(index, element, 'refused');
  const note = (level: LoadLevel, code: number | null, text: string, at: XmlElement | null) => {
    response.messages.push(add(log, level, code, text, at));
  };
  let commandEl: XmlElement | undefined;
  let locationEl: XmlElement | undefined;
  let agentIdEl: XmlElement | undefined;
  let timeoutEl: XmlElement | undefined;
  let disabled = false;
  let repeatedOffenders = false;
  // Wazuh stops at the first bad child; every one is listed here, then the block counts as refused.
  let refused = false;
  for (const child of childrenOf(element)) {
    const value = child.content;
    if (!AR_CHILDREN.has(child.name)) {
      note('ERROR', 1230, invalidElement(child.name), child);
      refused = true;
      continue;
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
          refused = true;
          break;
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
          refused = true;
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
  if (refused) return response;
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
  // A command refused for its own content is that refusal's cause: the response stays refused, silently.
  if (!command && refusedCommands.has(response.commandName!)) {
    response.commandRefused = true;
    return response;
  }
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

