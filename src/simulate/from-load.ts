/**
 * Builds the engine's view of a configuration from what src/wazuh/load.ts says analysisd reads:
 * responses with their status, the AR queues, the white list and the e-mail setup. No reading rules
 * live here: only the mapping and what load.ts does not model (execd's node name and on/off, lines).
 */
import { DEFAULT_MANAGER_ARCH, type ManagerArch } from '../wazuh/arch.ts';
import type { ConfigDocument, XmlElement } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { bindResponse } from '../wazuh/binding.ts';
import { execdStoppedBy, execdTurnedOffBy } from '../wazuh/execd.ts';
import { UNSET_NODE_NAME } from '../wazuh/exec-message.ts';
import { loadAnalysisdConfig, type AnalysisdConfig, type LoadedResponse, type LoadMessage } from '../wazuh/load.ts';
import { crashed, daemonName } from '../wazuh/load-log.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { whiteListMatch } from '../wazuh/whitelist.ts';
import type { SimConfig, SimEmailBlock, SimResponse } from './model.ts';

/**
 * How a load message reads on the terminal, the daemon named as the target's log names it:
 * `wazuh-analysisd: ERROR: (1303): ... (line 12)` (`ossec-analysisd` before 4.2); a crash, which Wazuh
 * logs nothing for, as `wazuh-maild crashes (SIGSEGV): ... (line 12)`.
 */
export function formatLoadMessage(doc: ConfigDocument, message: LoadMessage, target: TargetVersion): string {
  const at = message.range ? ` (line ${doc.lineOf(message.range.start)})` : '';
  const daemon = daemonName(message.daemon, target);
  return message.crash ? `${crashed(daemon)}${message.text}${at}` : `${daemon}: ${message.level}: ${message.text}${at}`;
}

/**
 * get_node_name() (src/shared/cluster_utils.c, called by ar_json.c for every message): the first
 * `ossec_config/cluster/node_name` content, read from the file; UNSET_NODE_NAME when there is none.
 */
export function clusterNodeName(doc: ConfigDocument): string {
  for (const root of doc.roots) {
    if (root.name !== 'ossec_config') continue;
    for (const section of root.children) {
      if (section.name !== 'cluster') continue;
      const node = section.children.find((c) => c.name === 'node_name');
      if (node) return node.content;
    }
  }
  return UNSET_NODE_NAME;
}

function line(doc: ConfigDocument, element: XmlElement): number {
  return doc.lineOf(element.range.start);
}

function statusOf(response: LoadedResponse): SimResponse['status'] {
  return response.status === 'refused' ? 'rejected' : response.status;
}

function toSimResponse(doc: ConfigDocument, response: LoadedResponse): SimResponse {
  const problem = response.messages.find((m) => m.fatal) ?? response.messages.find((m) => m.level !== 'INFO');
  return {
    block: response.index,
    line: line(doc, response.element),
    command: response.commandName ?? '',
    status: statusOf(response),
    ...(problem ? { statusMessage: problem.text } : {}),
    ...(response.commandRefused ? { commandRefused: true as const } : {}),
    name: response.name ?? '',
    executable: response.executable ?? '',
    timeout: response.timeout,
    timeoutForced: response.timeout !== response.configuredTimeout,
    location: response.location,
    locationText: response.locationText ?? '',
    ...(response.agentIdText !== undefined ? { agentId: response.agentIdText } : {}),
    level: response.level,
    ...(response.rulesGroup !== undefined ? { rulesGroup: response.rulesGroup } : {}),
    ...(response.rulesIdText !== undefined ? { rulesId: response.rulesIdText } : {}),
    ...(response.command?.extraArgs !== undefined ? { extraArgs: response.command.extraArgs } : {}),
    expect: response.command?.expect ?? { user: false, srcip: false, filename: false },
  };
}

function toEmailBlocks(doc: ConfigDocument, loaded: AnalysisdConfig): SimEmailBlock[] {
  return loaded.emailAlerts
    .filter((b) => b.valid)
    .map((b) => ({
      block: b.index,
      line: line(doc, b.element),
      recipients: b.emailTo,
      level: b.level,
      ruleIds: b.ruleIds,
      ...(b.group && b.groupText !== undefined ? { group: { text: b.groupText, test: (s: string) => b.group!.test(s) } } : {}),
      ...(b.eventLocation && b.eventLocationText !== undefined ? { eventLocation: { text: b.eventLocationText, test: (s: string) => b.eventLocation!.test(s) } } : {}),
      format: b.format,
    }));
}

/** The line of the `<disabled>yes</disabled>` that turns this host's execd off (src/wazuh/execd.ts), if any. */
export function execdOffLine(doc: ConfigDocument, view = buildConfigView(doc)): number | undefined {
  const off = execdTurnedOffBy(view);
  return off ? line(doc, off.element) : undefined;
}

/** Where an agents' ossec.conf stops their execd (src/wazuh/execd.ts execdStoppedBy), with the value execd refuses. */
export function agentsExecdStop(doc: ConfigDocument): { line: number; refusedValue?: string } | undefined {
  const stop = execdStoppedBy(buildConfigView(doc));
  if (!stop) return undefined;
  return { line: line(doc, stop.option.element), ...(stop.refused ? { refusedValue: stop.option.text } : {}) };
}

/** MailConf refuses the file (exit 1202) or crashes reading it: maild never runs, whatever analysisd does. */
function maildStops(doc: ConfigDocument, loaded: AnalysisdConfig, target: TargetVersion): { maildStops?: string } {
  const { verdict, problems } = loaded.maild;
  const maild = daemonName('wazuh-maild', target);
  if (verdict === 'rejected') return { maildStops: problems[0] ? formatLoadMessage(doc, problems[0], target) : `${maild} refuses the configuration` };
  if (verdict === 'crash') return { maildStops: problems[0]?.crash ? formatLoadMessage(doc, problems[0], target) : `${maild} dies (SIGSEGV) reading the configuration` };
  return {};
}

export function loadSimConfig(doc: ConfigDocument, target: TargetVersion, arch: ManagerArch = DEFAULT_MANAGER_ARCH): SimConfig & { loaded: AnalysisdConfig } {
  const view = buildConfigView(doc);
  const loaded = loadAnalysisdConfig(doc, view, target);
  const execdOff = execdOffLine(doc, view);
  const byIndex = new Map(loaded.responses.map((r) => [r.index, r]));
  const whiteList = loaded.global.whiteList.map((w) => w.entry);
  return {
    path: doc.path,
    target,
    arch,
    refusal: loaded.accepted ? [] : loaded.problems.map((m) => formatLoadMessage(doc, m, target)),
    responses: loaded.responses.map((r) => toSimResponse(doc, r)),
    queue: loaded.arQueues,
    managerExecd: execdOff === undefined ? { enabled: true } : { enabled: false, line: execdOff },
    email: {
      notification: loaded.global.emailNotification,
      ...maildStops(doc, loaded, target),
      recipients: loaded.global.emailTo,
      logSource: loaded.global.emailLogSource,
      alertLevel: loaded.alerts.emailAlertLevel,
      logAlertLevel: loaded.alerts.logAlertLevel,
      blocks: toEmailBlocks(doc, loaded),
    },
    nodeName: clusterNodeName(doc),
    matchers: {
      bind: (response, rule) => bindResponse(byIndex.get(response.block)!, rule, arch),
      whitelistHit: (ip) => whiteListMatch(ip, whiteList)?.entry.text,
    },
    loaded,
  };
}
