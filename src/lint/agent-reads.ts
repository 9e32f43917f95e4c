/**
 * What an agent reads of the blocks arctl lints. Agents run no analysisd or maild: nothing on an agent
 * calls ReadActiveCommands, ReadActiveResponses, Read_Global or Read_EmailAlerts (CAR, CGLOBAL and CMAIL
 * are manager daemons' modules), so a value those readers would refuse stops nothing there. What agents
 * do read: execd, the first `ossec_config/active-response/disabled` and `<repeated_offenders>` of their own
 * ossec.conf (src/os_execd/config.c ExecdConfig); wazuh-modulesd, `<ca_store>` and `<ca_verification>`
 * (src/config/wmodules-agent-upgrade.c); and every daemon, through read_main_elements, the section names,
 * refusing one it does not know or one without children (src/config/config.c). A shared agent.conf is
 * read by none of the first two (they open ossec.conf).
 */
import { ROOT_ELEMENTS } from '../schema/elements.ts';
import type { Range } from '../document/types.ts';
import type { XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { execdDisabledOptions } from '../wazuh/execd.ts';
import { agentdRefusals, agentdWarnings, mayReachWindows } from '../wazuh/load-agent.ts';
import { crashed, daemonName, type LoadMessage } from '../wazuh/load-log.ts';
import { cappedRecursionLevels, diffStops, ROOTCHECK_SWITCHES, skippedDirectories, SYSCHECK_SWITCHES } from '../wazuh/load-syscheck.ts';
import { childrenOf } from '../wazuh/load-global.ts';
import { MODULE_SWITCHES } from '../wazuh/load-wodle.ts';
import { refuseSharedFile } from '../wazuh/shared-conf.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import { versionAtLeast, type TargetVersion } from '../wazuh/version.ts';
import { elementValueRange } from './active-response.ts';
import { lintedBlocks } from './support/blocks.ts';
import type { Diagnostic, FileRole } from './types.ts';
import { looksLikePlaceholder } from '../util/placeholder.ts';

/** Rules about what agents do with these blocks: their findings stand on agents' files. */
const AGENT_RULES = new Set(['ar-in-agent-conf', 'repeated-offenders-format', 'repeated-offenders-placement', 'disabled-first-block-kills-execd']);

/** `<active-response>` options an agent reads from its own ossec.conf, besides execd's first `<disabled>`. */
const AGENT_AR_OPTIONS = new Set(['repeated_offenders', 'ca_store', 'ca_verification']);

/**
 * For a file no analysisd reads (an agent's own ossec.conf, a shared agent.conf): whether a finding is about
 * something an agent reads. Findings inside a block's options that only the manager's readers look at are not.
 */
export function agentReadsFinding(config: ConfigView, role: FileRole): (d: Pick<Diagnostic, 'ruleId' | 'range'>) => boolean {
  const blocks = lintedBlocks(config).map((b) => b.element);
  const read = agentReadOptions(config, role);
  return (d) => {
    if (AGENT_RULES.has(d.ruleId)) return true;
    const block = blocks.find((el) => within(d.range, el.range));
    // Outside the blocks (sections, roots), or a block without children, which read_main_elements refuses everywhere.
    if (!block || block.children.length === 0) return true;
    return read.some((el) => within(d.range, el.range));
  };
}

/**
 * validate on a file no analysisd reads: of what agents read, what stops them. Before 4.1 execd read
 * <ca_verification> and only warned about a bad value (v4.0.4 src/os_execd/config.c:166-180); from 4.1
 * wazuh-modulesd exits on it.
 */
export function agentRefusal(config: ConfigView, role: FileRole, target: TargetVersion): (d: Pick<Diagnostic, 'ruleId' | 'range'>) => boolean {
  const reads = agentReadsFinding(config, role);
  const warnedOnly = versionAtLeast(target, 4, 1) ? [] : agentReadOptions(config, role).filter((el) => el.name === 'ca_verification');
  return (d) => reads(d) && !warnedOnly.some((el) => within(d.range, el.range));
}

/** The <active-response> options an agent reads from its own ossec.conf (none from a shared agent.conf). */
function agentReadOptions(config: ConfigView, role: FileRole): XmlElement[] {
  const read: XmlElement[] = [];
  if (role !== 'ossec.conf') return read;
  const first = execdDisabledOptions(config)[0];
  if (first) read.push(first.option.element);
  for (const ar of config.activeResponses) {
    if (ar.root.name === 'ossec_config') read.push(...ar.element.children.filter((c) => AGENT_AR_OPTIONS.has(c.name)));
  }
  return read;
}

function within(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.start < Math.max(outer.end, outer.start + 1);
}

/** A refusal of wazuh-agentd (src/wazuh/load-agent.ts), as the rule that owns its cause reports it. */
export type AgentdFinding =
  | AgentdFindingOf<'unknown-element', AgentdMessageId | 'clientShared'>
  | AgentdFindingOf<'invalid-boolean', AgentdMessageId>
  | AgentdFindingOf<'invalid-value', AgentdMessageId | 'labelLoop' | 'labelLoopShared' | 'windows' | 'windowsExits' | 'windowsShared' | 'crash' | 'crashShared'>;

/** The messages agentdMessages gives each rule. */
type AgentdMessageId = 'agentd' | 'agentdShared' | 'logcollector' | 'syscheckd' | 'syscheckdExits' | 'rootcheck' | 'modulesd' | 'csyslogd' | 'monitord' | 'clusterd' | 'clusterdPlaceholder' | 'wazuhDb' | 'agentlessd';

interface AgentdFindingOf<R extends string, M extends string> {
  ruleId: R;
  /**
   * In a node's own ossec.conf: agentd (wazuh-agentd stops), logcollector (wazuh-logcollector exits), syscheckd and
   * rootcheck (warnings: syscheckd runs without file integrity monitoring, or without rootcheck), modulesd, and in a
   * manager's csyslogd, monitord and clusterd (they exit, and wazuh-control start with them); agentdShared in a shared agent.conf;
   * labelLoop(Shared): where logcollector loops for good.
   */
  messageId: M;
  /** text: Wazuh's, without its final period (`(1235): Invalid value for element 'disabled': maybe`); section, name, value. */
  data: { text: string; section: string; name: string; value: string };
  range: Range;
}

/**
 * What wazuh-agentd refuses in `<client_buffer>` and `<labels>` of an agent's own ossec.conf (it stops at
 * start-up) or of a shared agent.conf (agents refuse the file), wazuh-syscheckd in `<syscheck>` and
 * wazuh-logcollector in `<localfile>`. Of a manager's file only syscheckd's and logcollector's (managers run
 * both): no manager daemon reads `<client_buffer>`, and analysisd's refusals of `<labels>` are validate's start-up model.
 */
export function agentdFindings(config: ConfigView, role: FileRole, target: TargetVersion): AgentdFinding[] {
  const root = ROOT_ELEMENTS[role];
  const shared = root === 'agent_config';
  const managerFile = role === 'ossec.conf' && !isAgentNodeConfig(config);
  // On a manager analysisd reads <socket> first, with the same reader: its refusal is the start-up model's.
  // Nor does a manager run on Windows. And a <wodle> without attributes crashes analysisd and maild before modulesd
  // reads it (config.c:181-182 reads node->attributes[0]): the start-up model's crash stands for it.
  const managerReads = (m: LoadMessage): boolean =>
    MANAGER_DAEMONS.has(m.daemon) && !m.platform && !(m.element && (topSection(m.element).name === 'socket' || (m.element.name === 'wodle' && m.element.attributes.length === 0)));
  return agentdRefusals(config, root, target, managerFile).filter((m) => !managerFile || managerReads(m)).flatMap((m): AgentdFinding[] => {
    const el = m.element;
    if (!el) return [];
    const rootcheck = m.daemon === 'wazuh-syscheckd' && topSection(el).name === 'rootcheck';
    const ownFile = OWN_FILE_MESSAGES[m.daemon] ?? 'agentd';
    // Before 3.13 syscheckd exits on a refused <syscheck> (merror_exit, src/syscheckd/main.c:108-109 at v3.12.0).
    const messageId = shared ? 'agentdShared' : rootcheck ? 'rootcheck' : ownFile === 'syscheckd' && !versionAtLeast(target, 3, 13) ? 'syscheckdExits' : ownFile;
    const data = { text: m.text.replace(/\.$/, ''), section: el.parent?.name ?? '', name: el.name, value: el.content };
    // Windows agents' syscheckd alone refuses these (src/wazuh/load-syscheck.ts readWindowsOptions).
    // Before 3.13 the Windows agent's syscheck exits too (Start_win32_Syscheck: merror_exit, src/syscheckd/syscheck.c:112-113 at v3.12.0).
    if (m.platform === 'windows') return [{ ruleId: 'invalid-value', messageId: shared ? 'windowsShared' : versionAtLeast(target, 3, 13) ? 'windows' : 'windowsExits', data, range: el.openTag }];
    if (m.hang) return [{ ruleId: 'invalid-value', messageId: shared ? 'labelLoopShared' : 'labelLoop', data: { ...data, text: m.text }, range: el.openTag }];
    // An agent's daemon dies on it (managers' are left to the start-up model above): in a shared agent.conf
    // wazuh-agentd, which tests the file with the same reader (Test_WModule, wmodules-config.c:669-677).
    if (m.crash) return [{ ruleId: 'invalid-value', messageId: shared ? 'crashShared' : 'crash', data: { ...data, text: `${crashed(daemonName(m.daemon, target))}${m.text}` }, range: el.openTag }];
    // 1231: what syscheckd says of an unknown child of <whodata>.
    // wazuh-modulesd's module messages carry no code (src/config/wmodules-*.c).
    if (m.daemon === 'wazuh-modulesd' && /^No such (child )?tag /.test(m.text)) return [{ ruleId: 'unknown-element', messageId, data, range: el.openTag }];
    // docker-listener's starts "At module 'docker-listener': " (src/config/wmodules-docker.c:51-72).
    if (m.daemon === 'wazuh-modulesd' && /^(At module '[^']*': )?Invalid content for tag /.test(m.text)) {
      return [valueFinding(MODULE_SWITCHES.has(el.name), messageId, data, elementValueRange(el))];
    }
    // The Python daemon's checks: at the value, or at the <cluster> whose option is left to its default.
    if (m.daemon === 'wazuh-clusterd') {
      // A template's key (wazuh-kubernetes: to_be_replaced_by_cluster_key) is refused as written; said so, still an error.
      const placeholder = el.name === 'key' && looksLikePlaceholder(el.content);
      return [{ ruleId: 'invalid-value', messageId: placeholder ? 'clusterdPlaceholder' : messageId, data, range: el.name === 'cluster' ? el.openTag : elementValueRange(el) }];
    }
    if (m.code === 1230 && shared && el.parent?.name === 'client') return [{ ruleId: 'unknown-element', messageId: 'clientShared', data, range: el.openTag }];
    if (m.code === 1230 || m.code === 1231) return [{ ruleId: 'unknown-element', messageId, data, range: el.openTag }];
    if (m.code === 1235) return [valueFinding(YES_NO_REFUSED.has(el.name), messageId, data, elementValueRange(el))];
    return [{ ruleId: 'invalid-value', messageId, data, range: el.openTag }];
  });
}

/** An option wazuh-modulesd warns about and ignores (an unknown option of <agent-upgrade> or <task-manager>): unknown-element's warning. */
export interface ModulesdIgnored {
  ruleId: 'unknown-element';
  messageId: 'modulesdIgnored';
  data: { text: string; section: string; name: string };
  range: Range;
}

/** What wazuh-modulesd of the node reading this file warns about and ignores, in its own ossec.conf (agents' or a manager's). */
export function modulesdIgnored(config: ConfigView, role: FileRole, target: TargetVersion): ModulesdIgnored[] {
  if (role !== 'ossec.conf') return [];
  const managerFile = !isAgentNodeConfig(config);
  return agentdWarnings(config, ROOT_ELEMENTS[role], target, managerFile).flatMap((m) => {
    const el = m.element;
    if (!el || m.drops) return [];
    return [{ ruleId: 'unknown-element' as const, messageId: 'modulesdIgnored' as const, data: { text: m.text, section: el.parent?.name ?? '', name: el.name }, range: el.openTag }];
  });
}

/** A block wazuh-modulesd drops with a message and runs without (azure-logs' requests, APIs, storages, containers): invalid-value's warning. */
export interface ModulesdSkipped {
  ruleId: 'invalid-value';
  messageId: 'modulesdSkips';
  data: { text: string; section: string; name: string; block: string };
  range: Range;
}

/** What wazuh-modulesd drops and runs without, in a node's own ossec.conf or a shared agent.conf. */
export function modulesdSkipped(config: ConfigView, role: FileRole, target: TargetVersion): ModulesdSkipped[] {
  const managerFile = role === 'ossec.conf' && !isAgentNodeConfig(config);
  return agentdWarnings(config, ROOT_ELEMENTS[role], target, managerFile).flatMap((m) => {
    const el = m.element;
    if (!el || !m.drops) return [];
    return [{ ruleId: 'invalid-value' as const, messageId: 'modulesdSkips' as const, data: { text: m.text, section: el.parent?.name ?? '', name: el.name, block: m.drops.name }, range: el.openTag }];
  });
}

/** A refused value: a yes/no switch's (invalid-boolean) or another option's (invalid-value). */
function valueFinding(yesNo: boolean, messageId: AgentdMessageId, data: AgentdFinding['data'], range: Range): AgentdFinding {
  return yesNo ? { ruleId: 'invalid-boolean', messageId, data, range } : { ruleId: 'invalid-value', messageId, data, range };
}

/** The daemons of agents that managers run too, reading the manager's own ossec.conf; and csyslogd, monitord and clusterd, which only managers run. */
const MANAGER_DAEMONS = new Set(['wazuh-syscheckd', 'wazuh-logcollector', 'wazuh-modulesd', 'wazuh-csyslogd', 'wazuh-monitord', 'wazuh-clusterd', 'wazuh-db', 'wazuh-agentlessd']);

/** The section (a child of the root) an element is in. */
function topSection(el: XmlElement): XmlElement {
  let at = el;
  while (at.parent?.parent) at = at.parent;
  return at;
}

/** The message of a refusal in a node's own file, by daemon (wazuh-agentd's: agentd). */
const OWN_FILE_MESSAGES: Partial<Record<string, AgentdMessageId>> = {
  'wazuh-logcollector': 'logcollector', 'wazuh-syscheckd': 'syscheckd', 'wazuh-modulesd': 'modulesd', 'wazuh-csyslogd': 'csyslogd', 'wazuh-monitord': 'monitord',
  'wazuh-clusterd': 'clusterd', 'wazuh-db': 'wazuhDb', 'wazuh-agentlessd': 'agentlessd',
};

/** The options whose (1235) is a yes/no switch's (strcmp against yes and no): invalid-boolean's. */
const YES_NO_REFUSED = new Set([
  'disabled', 'disable', 'ignore_binaries', ...SYSCHECK_SWITCHES, ...ROOTCHECK_SWITCHES, 'enabled', 'startup_healthcheck', 'use_fqdn',
]);

/**
 * The two messages of a rule for wazuh-agentd's refusals: `lead` says what is wrong ({{section}}, {{name}},
 * {{value}}), then what the agent does, in its own file (agentd stops) or in a shared agent.conf.
 */
export function agentdMessages(lead: string) {
  return {
    agentd: { severity: 'error' as const, text: `${lead}: the agent's {{agentd}} stops with {{text}}.` },
    agentdShared: { severity: 'error' as const, text: `${lead}: agents ${refuseSharedFile('{{text}}')}.` },
    logcollector: { severity: 'error' as const, text: `${lead}: {{logcollector}} stops with {{text}}.` },
    syscheckd: { severity: 'warning' as const, text: `${lead}: {{syscheckd}} logs {{text}}, and runs with file integrity monitoring disabled.` },
    syscheckdExits: { severity: 'error' as const, text: `${lead}: {{syscheckd}} stops with {{text}} (before 3.13 it exits on a refused <syscheck>: src/syscheckd/main.c, merror_exit), and {{control}} start stops there.` },
    rootcheck: { severity: 'warning' as const, text: `${lead}: {{syscheckd}} logs {{text}}, and runs without rootcheck.` },
    modulesd: { severity: 'error' as const, text: `${lead}: wazuh-modulesd stops with "{{text}}".` },
    // Daemons only managers run, whose refusal stops wazuh-control start at their -t (src/wazuh/load-csyslog.ts, load-reports.ts).
    csyslogd: { severity: 'error' as const, text: `${lead}: {{csyslogd}} stops with {{text}}, and {{control}} start with it.` },
    monitord: { severity: 'error' as const, text: `${lead}: {{monitord}} stops with {{text}}, and {{control}} start with it.` },
    // wazuh-agentlessd exits on a refused <agentless> (src/wazuh/load-agentless.ts).
    agentlessd: { severity: 'error' as const, text: `${lead}: {{agentlessd}} stops with {{text}}, and {{control}} start with it.` },
    // wazuh-db exits on a refused <wdb> (src/wazuh/load-wdb.ts).
    wazuhDb: { severity: 'error' as const, text: `${lead}: wazuh-db stops with {{text}} ("Invalid configuration block for Wazuh-DB."), and {{control}} start with it.` },
    // Tested even where the cluster is disabled and clusterd is not started (src/wazuh/load-cluster.ts).
    clusterd: { severity: 'error' as const, text: `${lead}: wazuh-clusterd -t exits 1 with "{{text}}", and {{control}} start stops there.` },
    clusterdPlaceholder: { severity: 'error' as const, text: `${lead}: wazuh-clusterd -t exits 1 with "{{text}}", and {{control}} start stops there. '{{value}}' reads as a placeholder: a deployment that puts a key of 32 letters and digits in its place before Wazuh starts is fine; the file as written is not.` },
  };
}

/** What wazuh-syscheckd reads other than written without refusing the file (src/wazuh/load-syscheck.ts), as the rule that owns its cause reports it. */
export type SyscheckdSkip = SyscheckdSkipOf<'invalid-boolean', 'directoriesSkipped' | 'diffStops'> | SyscheckdSkipOf<'invalid-value', 'directoriesSkipped' | 'recursionCapped' | 'diffStops'>;

interface SyscheckdSkipOf<R extends string, M extends string> {
  ruleId: R;
  /** directoriesSkipped: the line is not monitored; recursionCapped: monitored less deep; diffStops: the rest of <diff> unread (`unread` says what). */
  messageId: M;
  data: { name: string; value: string; text: string; section?: string; unread?: string; hint?: string; applied?: string };
  range: Range;
}

/** How to write the values syscheckd reads with read_data_unit and atoi. */
const VALUE_HINTS: Readonly<Record<string, string>> = {
  diff_size_limit: ' Write a number of KB, or one with KB, MB, GB or TB (50MB).',
  limit: ' Write a number of KB, or one with KB, MB, GB or TB (1GB).',
  recursion_level: ' Write a number of levels, 0 to 320.',
};

/** The `<syscheck>` values wazuh-syscheckd skips or caps with a warning, on managers, agents and in a shared agent.conf alike. */
export function syscheckdSkips(config: ConfigView, role: FileRole): SyscheckdSkip[] {
  const shared = role === 'agent.conf';
  const managerFile = role === 'ossec.conf' && !isAgentNodeConfig(config);
  const out: SyscheckdSkip[] = [];
  for (const root of config.roots.filter((r) => r.name === ROOT_ELEMENTS[role])) {
    for (const syscheck of childrenOf(root).filter((s) => s.name === 'syscheck')) {
      for (const s of skippedDirectories(syscheck, shared)) {
        const data = { name: s.attribute.name, value: s.attribute.value, text: s.logged, hint: VALUE_HINTS[s.attribute.name] ?? '' };
        out.push({ ruleId: s.cause === 'switch' ? 'invalid-boolean' : 'invalid-value', messageId: 'directoriesSkipped', data, range: s.attribute.valueRange } as SyscheckdSkip);
      }
      for (const c of cappedRecursionLevels(syscheck, shared)) {
        out.push({ ruleId: 'invalid-value', messageId: 'recursionCapped', data: { name: c.attribute.name, value: c.attribute.value, text: c.logged, applied: String(c.applied) }, range: c.attribute.valueRange });
      }
      // No manager runs on Windows: <registry_nodiff> is read only where Windows agents may read the section.
      for (const d of diffStops(syscheck, !managerFile && mayReachWindows(root, config))) {
        const after = d.unread.map((u) => `<${u.name}>`).join(', ');
        const unread = after ? `this value and ${after} after it are not applied` : 'this value is not applied';
        const value = d.attribute ? `${d.attribute.name}="${d.attribute.value}"` : d.element.content;
        const hint = d.windows ? ` Only Windows agents read <${d.element.name}>; other systems pass over it.` : (VALUE_HINTS[d.element.name] ?? '');
        const data = { name: d.element.name, value, text: d.logged, section: d.element.parent?.name ?? '', unread, hint };
        const range = d.attribute ? { start: d.attribute.range.start, end: d.attribute.range.end } : elementValueRange(d.element);
        out.push({ ruleId: d.element.name === 'enabled' ? 'invalid-boolean' : 'invalid-value', messageId: 'diffStops', data, range } as SyscheckdSkip);
      }
    }
  }
  return out;
}
