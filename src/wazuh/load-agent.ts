/**
 * What an agent's wazuh-agentd refuses in the sections it alone reads, `<client_buffer>` and `<labels>`:
 * at start-up in the agent's own ossec.conf (ClientConf: ReadConfig(CLABELS | CBUFFER), src/client-agent/
 * config.c:67-69, OS_INVALID: agentd stops), and in a group's shared agent.conf, which the agent checks before
 * it reloads (verifyRemoteConf: Test_ClientBuffer, Test_Labels, src/client-agent/reload_agent.c:66-100;
 * the manager's verify-agent-conf runs the same tests). On a manager no daemon reads `<client_buffer>`, and
 * analysisd's reading of `<labels>` is src/wazuh/load.ts's.
 *
 * Also `<syscheck>`, read by wazuh-syscheckd (of agents and managers; src/wazuh/load-syscheck.ts): a refusal there in a
 * node's own file does not stop it, it warns and runs with file integrity monitoring disabled (src/syscheckd/src/main.c:
 * 134-136); in a shared agent.conf it is Test_Syscheck's refusal, the first of verifyRemoteConf. And `<localfile>`,
 * read by wazuh-logcollector (readLocalfile below); and the `<wodle>` sections (syscollector, command, osquery, the scan
 * modules, aws-s3, azure-logs), `<sca>`, `<gcp-pubsub>`, `<gcp-bucket>`, `<github>`, `<office365>` and `<ms-graph>`, read by
 * wazuh-modulesd (src/wazuh/load-wodle.ts), which stops on a refusal in a node's own file.
 *
 * Sources (v4.14.7): src/config/buffer-config.c Read_ClientBuffer, src/config/labels-config.c Read_Labels,
 * src/config/config.c:156-159 (`<client_buffer>` read with or without children; without, nothing) and
 * :243-246 (`<labels>` read only with children).
 */
import type { XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { atoi, isStrNum, strtoul } from './c-number.ts';
import { childrenOf, readLabels, readSocket } from './load-global.ts';
import { invalidElement, invalidValue, StartupLog, type LoadMessage } from './load-log.ts';
import { readRootcheck, readSyscheck } from './load-syscheck.ts';
import { newModuleSections, readAgentUpgrade, readGcpBucket, readGcpPubsub, readGithub, readMsGraph, readOffice365, readSca, readTaskManager, readWodle } from './load-wodle.ts';
import { csyslogdTested, readSyslogOutput } from './load-csyslog.ts';
import { readReports } from './load-reports.ts';
import { clusterdRefusals } from './load-cluster.ts';
import { readWazuhDb } from './load-wdb.ts';
import { readAgentless } from './load-agentless.ts';
import { compileOsMatch } from './os-match.ts';
import { osRegexCompiles } from './os-regex.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';
import { sectionKnownAt } from './sections.ts';

/** Read_ClientBuffer's numeric options and the range each must fall in (buffer-config.c:52-86). */
const BUFFER_NUMBERS: Readonly<Record<string, readonly [number, number]>> = {
  queue_size: [1, 100000],
  length: [1, 100000],
  events_per_second: [1, 1000],
};

/** `<disabled>` and its old spelling `<disable>`, compared with strcmp (buffer-config.c:43-51). */
const BUFFER_SWITCHES = new Set(['disabled', 'disable']);

/** Read_ClientBuffer: each refusal in a `<client_buffer>` (the first one is where agentd stops). */
export function readClientBuffer(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (BUFFER_SWITCHES.has(child.name)) {
      if (value !== 'yes' && value !== 'no') log.fail(1235, invalidValue(child.name, value), child);
    } else if (child.name in BUFFER_NUMBERS) {
      const [min, max] = BUFFER_NUMBERS[child.name]!;
      const n = atoi(value);
      if (!isStrNum(value) || n < min || n > max) log.fail(1235, invalidValue(child.name, value), child);
    } else {
      log.fail(1230, invalidElement(child.name), child);
    }
  }
}

/** A command a shared agent.conf asks agents to run, which they ignore unless their local_internal_options.conf allows it. */
export interface SharedRemoteCommand {
  /** The `<command>` of a `<localfile>`, or the `<wodle name="command">` section. */
  element: XmlElement;
  /** The internal option that allows it (0 by default, etc/internal_options.conf). */
  option: 'logcollector.remote_commands' | 'wazuh_command.remote_commands';
  /** What the agent logs when it drops it. */
  logged: string;
}

/**
 * The commands of a shared agent.conf agents drop by default: a `<localfile>` with a `<command>` (wazuh-logcollector
 * reads agent.conf with agent_cfg = 1 and, unless logcollector.remote_commands is 1, logs an error and drops the
 * block: src/config/localfile-config.c:267-281, src/logcollector/config.c:39, 90-94) and a `<wodle name="command">`
 * (wazuh-modulesd reads it with agent_cfg = 1 and the module exits unless wazuh_command.remote_commands is 1:
 * src/wazuh_modules/wmodules.c:83-84, wm_command.c:58-63). Neither is a refusal: the file is taken.
 */
export function sharedRemoteCommands(config: ConfigView): SharedRemoteCommand[] {
  const found: SharedRemoteCommand[] = [];
  for (const root of config.roots) {
    if (root.name !== 'agent_config') continue;
    for (const section of childrenOf(root)) {
      if (section.name === 'localfile') {
        const command = childrenOf(section).find((c) => c.name === 'command');
        if (command) found.push({ element: command, option: 'logcollector.remote_commands', logged: 'Remote commands are not accepted from the manager. Ignoring it on the agent.conf' });
      } else if (section.name === 'wodle' && section.attributes[0]?.name === 'name' && section.attributes[0].value === 'command') {
        const tag = childrenOf(section).find((c) => c.name === 'tag')?.content;
        found.push({ element: section, option: 'wazuh_command.remote_commands', logged: `Remote commands are disabled. Ignoring '${tag ?? 'command'}'.` });
      }
    }
  }
  return found;
}

/**
 * Read_Client_Shared (src/config/client-config.c:229-259): what agents read of `<client>` in a shared agent.conf,
 * only `<force_reconnect_interval>` (a bad time is only warned about); any other option is refused with (1230).
 * Test_Client (:588-604, verifyRemoteConf's fourth test) and agentd's reading of agent.conf (src/client-agent/
 * config.c:76) call it in place of Read_Client whenever the file is a shared one (config.c:137-143).
 */
export function readClientShared(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    if (child.name !== 'force_reconnect_interval') log.fail(1230, invalidElement(child.name), child);
  }
}

/**
 * The `<log_format>` values Read_Localfile takes as they are (src/config/localfile-config.c:350-404, strcmp), besides
 * `multi-line: N` (N >= 1), checked on its own: EVENTLOG, EVENTCHANNEL, MACOS, JOURNALD_LOG and MULTI_LINE_REGEX are
 * "eventlog", "eventchannel", "macos", "journald" and "multi-line-regex" (src/config/localfile-config.h:14-18). None
 * depends on the platform: a Linux agent takes eventchannel here (and never reads it).
 */
const LOG_FORMATS = new Set([
  'syslog', 'generic', 'json', 'snort-full', 'snort-fast', 'apache', 'iis', 'squid', 'nmapg', 'mysql_log', 'ossecalert', 'mssql_log',
  'postgresql_log', 'djb-multilog', 'syslog-pipe', 'command', 'full_command', 'audit', 'multi-line-regex', 'eventlog', 'eventchannel', 'macos', 'journald',
]);

/** Options Read_Localfile knows by strcmp (`<label>`, checked apart, too) and those it knows by strcasecmp (localfile-config.c:126-555). */
const LOCALFILE_OPTIONS = new Set(['only-future-events', 'query', 'target', 'out_format', 'reconnect_time', 'command', 'frequency', 'location', 'age']);
const LOCALFILE_OPTIONS_ANY_CASE = new Set(['log_format', 'multiline_regex', 'exclude', 'alias', 'ignore_binaries', 'ignore', 'restrict', 'filter']);

/** The unit suffixes Read_Localfile multiplies `<reconnect_time>` and `<age>` by (localfile-config.c:213-227, 448-463). */
const TIME_SUFFIXES = new Set(['w', 'd', 'h', 'm', 's']);

/**
 * Read_Localfile (src/config/localfile-config.c:41-835, v4.14.7): each refusal of one `<localfile>`, in the order
 * wazuh-logcollector (and an agent testing a shared agent.conf, Test_Localfile :837-853) meets them one fix at a
 * time. Not modelled: PCRE2 patterns (`<multiline_regex>`, and `<ignore>`/`<restrict>` without type="osregex" or
 * "osmatch"), which pcre2_compile judges; a `<filter>` journald refuses is only a warning (:550-554).
 */
export function readLocalfile(section: XmlElement, log: StartupLog): void {
  let logFormat: XmlElement | undefined;
  let location = false;
  let multiline = false;
  let unknown = false;
  for (const child of childrenOf(section)) {
    const value = child.content;
    const name = LOCALFILE_OPTIONS_ANY_CASE.has(child.name.toLowerCase()) ? child.name.toLowerCase() : child.name;
    if (name === 'label') {
      // :238-264: a key attribute, not empty (checked on every attribute first). A key starting with '_' is
      // 'skipped' by a continue that also skips the loop's i++ (:257-259, a while loop whose i++ is at :560):
      // the same <label> is read again, warned about again, for good.
      const keys = child.attributes.filter((a) => a.name === 'key');
      const reserved = keys.find((a) => a.value.startsWith('_'));
      if (keys.some((a) => a.value === '')) log.fail(null, 'Label with empty key.', child);
      else if (reserved) {
        log.hang(`Labels starting with "_"  are reserved for internal use. Skipping label '${reserved.value}'.`, child);
        return;
      } else if (keys.length === 0) log.fail(null, "Expected 'key' attribute for label.", child);
    } else if (name === 'frequency') {
      if (value !== 'hourly' && value !== 'daily' && !isStrNum(value)) log.fail(1235, invalidValue(child.name, value), child);
    } else if (name === 'reconnect_time') {
      const { value: time, end } = strtoul(value, 32);
      if (time !== 0 && !TIME_SUFFIXES.has(value.charAt(end))) log.fail(1235, invalidValue(child.name, value), child);
    } else if (name === 'age') {
      const { value: age, end } = strtoul(value, 32);
      if (age === 0 || age === 0xffffffff || (end < value.length && !TIME_SUFFIXES.has(value.charAt(end)))) log.fail(null, 'Invalid age for localfile', child);
    } else if (name === 'ignore_binaries') {
      if (value !== 'yes' && value !== 'no') log.fail(1235, invalidValue(child.name, value), child);
    } else if (name === 'log_format') {
      logFormat = child;
      if (!LOG_FORMATS.has(value) && !multiLineAccepted(value)) log.fail(1235, invalidValue(child.name, value), child);
    } else if (name === 'location' || name === 'command') {
      location = true;
    } else if (name === 'multiline_regex') {
      if (value !== '') multiline = true;
    } else if (name === 'ignore' || name === 'restrict') {
      // :486-544: a first attribute other than type is refused; type osregex/osmatch (any case) picks the engine, else PCRE2.
      const first = child.attributes[0];
      if (first && first.name !== 'type') log.fail(1975, `(1975): Syntax error on regex ${name}: '${value}'`, child);
      else if (first && first.value.toLowerCase() === 'osregex' && !osRegexCompiles(value)) log.fail(1975, `(1975): Syntax error on regex ${name}: '${value}'`, child);
      else if (first && first.value.toLowerCase() === 'osmatch' && compileOsMatch(value) === null) log.fail(1975, `(1975): Syntax error on regex ${name}: '${value}'`, child);
    } else if (!LOCALFILE_OPTIONS.has(name) && !LOCALFILE_OPTIONS_ANY_CASE.has(name)) {
      unknown = true;
      log.fail(1230, invalidElement(child.name), child);
    }
  }
  // An unknown option stops the reader (:555-557) before it looks for missing ones, and is most often one of them
  // misspelt (<log_location>): its (1230) alone, as ReadActiveResponses' unknown options are (src/wazuh/load.ts).
  if (unknown) return;
  // :568-588, 677-682: after the options.
  if (!logFormat) log.fail(1901, "(1901): Missing 'log_format' element.", section);
  else if (!location && logFormat.content !== 'macos' && logFormat.content !== 'journald') log.fail(1902, "(1902): Missing 'location' element.", section);
  else if (logFormat.content === 'multi-line-regex' && !multiline) log.fail(1968, "(1968): Missing 'multiline_regex' element.", section);
}

/** `multi-line` then spaces, ':' and a number >= 1 as strtol reads it (localfile-config.c:369-389). */
function multiLineAccepted(value: string): boolean {
  if (!value.startsWith('multi-line') || value === 'multi-line-regex') return false;
  const m = /^ *:[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(value.slice(10));
  return m !== null && BigInt(m[1]!) >= 1n;
}

/**
 * What getuname() gives on Windows agents (src/shared/file_op.c:1598-1620: "Microsoft " and the registry's ProductName,
 * Windows 11 for a "Windows 10" of build 22000 or later, src/shared/version_op.c:79-88, 181-186; then the version, the
 * host name and the machine), editions agents run on, for an os="..." filter (OS_Match2, src/config/config.c:410-423).
 */
const WINDOWS_UNAMES = [
  'Microsoft Windows 10 Enterprise [Ver: 10.0.19045.3803] |agent |x86_64 - Wazuh v4.14.7',
  'Microsoft Windows 10 Pro [Ver: 10.0.19045.3803] |agent |x86_64 - Wazuh v4.14.7',
  'Microsoft Windows 11 Pro [Ver: 10.0.22631.2861] |agent |x86_64 - Wazuh v4.14.7',
  'Microsoft Windows 7 Professional Service Pack 1 [Ver: 6.1.7601] |agent |i386 - Wazuh v4.14.7',
  'Microsoft Windows Server 2012 R2 Standard [Ver: 6.3.9600] |agent |x86_64 - Wazuh v4.14.7',
  'Microsoft Windows Server 2016 Standard [Ver: 10.0.14393.6529] |agent |x86_64 - Wazuh v4.14.7',
  'Microsoft Windows Server 2019 Datacenter [Ver: 10.0.17763.5206] |agent |x86_64 - Wazuh v4.14.7',
  'Microsoft Windows Server 2022 Standard [Ver: 10.0.20348.2159] |agent |x86_64 - Wazuh v4.14.7',
];

/**
 * What getuname() gives on other agents (src/shared/file_op.c:1164-1199: sysname, host name, release, version,
 * machine, then the OS name, platform and version get_unix_version reads, src/shared/version_op.c).
 */
const POSIX_UNAMES = [
  'Linux |agent |5.15.0-91-generic |#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 |x86_64 [Ubuntu|ubuntu: 22.04.3 LTS (Jammy Jellyfish)] - Wazuh v4.14.7',
  'Linux |agent |3.10.0-1160.el7.x86_64 |#1 SMP Mon Oct 19 16:18:59 UTC 2020 |x86_64 [CentOS Linux|centos: 7.9] - Wazuh v4.14.7',
  'Linux |agent |5.14.0-362.8.1.el9_3.x86_64 |#1 SMP PREEMPT_DYNAMIC |x86_64 [Red Hat Enterprise Linux|rhel: 9.3 (Plow)] - Wazuh v4.14.7',
  'Linux |agent |6.1.0-13-amd64 |#1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 |x86_64 [Debian GNU/Linux|debian: 12] - Wazuh v4.14.7',
  'Linux |agent |6.1.61-85.141.amzn2023.x86_64 |#1 SMP PREEMPT_DYNAMIC |x86_64 [Amazon Linux|amzn: 2023] - Wazuh v4.14.7',
  'Linux |agent |5.14.21-150500.55.36-default |#1 SMP PREEMPT_DYNAMIC |x86_64 [SLES|sles: 15-SP5] - Wazuh v4.14.7',
  'Darwin |agent |23.1.0 |Darwin Kernel Version 23.1.0: Mon Oct  9 21:27:24 PDT 2023; root:xnu-10002.41.9~6/RELEASE_ARM64_T6000 |arm64 [macOS|darwin: 14.1] - Wazuh v4.14.7',
  'FreeBSD |agent |13.2-RELEASE |FreeBSD 13.2-RELEASE releng/13.2-n254617-525ecfdad597 GENERIC |amd64 [FreeBSD|freebsd: 13.2] - Wazuh v4.14.7',
  'SunOS |agent |5.11 |11.4.0.15.0 |i86pc [SunOS|sunos: 11.4] - Wazuh v4.14.7',
  'AIX |agent |2 |7 |00F9C1964C00 [AIX|aix: 7.2] - Wazuh v4.14.7',
];

/** Whether an os filter matches one of these unames; a pattern OS_Match2 cannot compile matches none, but is taken as matching (undecided). */
function osFilterMatches(root: XmlElement, unames: readonly string[]): boolean | undefined {
  const os = root.attributes.find((a) => a.name === 'os');
  if (!os) return undefined;
  const pattern = compileOsMatch(os.value);
  return !pattern || unames.some((uname) => pattern.test(uname));
}

/**
 * Whether Windows agents may read this root's sections: an `<agent_config>` unless its os filter, an OSMatch pattern
 * against the agent's uname (src/config/config.c:410-423), matches no Windows agent's; an agent's own file unless
 * what it monitors says it is another system's (agentSystem).
 */
export function mayReachWindows(root: XmlElement, config?: ConfigView): boolean {
  if (root.name !== 'agent_config') return !config || agentSystem(config).system !== 'posix';
  return osFilterMatches(root, WINDOWS_UNAMES) ?? true;
}

/**
 * Whether agents on another system than Windows (and managers) may read this root's sections: an `<agent_config>`
 * unless its os filter matches Windows agents' unames and none of the others' (a filter that matches neither, a
 * host name or a system not listed, is not taken for a Windows one); an agent's own file unless what it monitors
 * says it is a Windows agent's (agentSystem).
 */
export function mayReachPosix(root: XmlElement, config?: ConfigView): boolean {
  if (root.name !== 'agent_config') return !config || agentSystem(config).system !== 'windows';
  return (osFilterMatches(root, POSIX_UNAMES) ?? true) || !(osFilterMatches(root, WINDOWS_UNAMES) ?? true);
}

/**
 * The `<query>` of each event-channel `<localfile>` of the file's roots that holds elements (a `<QueryList>` pasted
 * from the Event Viewer): os_xml reads them as child elements, and Read_Localfile copies only the text of `<query>`
 * (src/config/localfile-config.c:151-169), the blanks around them, so the query EvtSubscribe() is given is not the
 * one written (src/logcollector/read_win_event_channel.c:631-668). Written with \< and \>, os_xml keeps the
 * QueryList as text, and logcollector removes the backslashes (filter_special_chars, src/shared/string_op.c:260-270).
 */
export function queriesWithElements(config: ConfigView, root: 'ossec_config' | 'agent_config'): XmlElement[] {
  const out: XmlElement[] = [];
  for (const fileRoot of config.roots.filter((r) => r.name === root)) {
    for (const localfile of childrenOf(fileRoot).filter((s) => s.name === 'localfile')) {
      const options = childrenOf(localfile);
      if (!options.some((o) => o.name === 'log_format' && o.content.trim() === 'eventchannel')) continue;
      out.push(...options.filter((o) => o.name === 'query' && childrenOf(o).length > 0));
    }
  }
  return out;
}

/** What an agent's own ossec.conf says of the system it runs on, and the element that says it. */
export interface AgentSystem {
  /** windows or posix when the file shows only that system's signs; undefined when it shows none, or both. */
  system?: 'windows' | 'posix';
  /** The first sign of that system (for the message): `<log_format>eventchannel</log_format>`, a path. */
  sign?: string;
}

/** Windows paths as Wazuh's Windows template writes them: a drive (C:\...) or an environment variable (%WINDIR%\...). */
const WINDOWS_PATH = /^\s*(?:[A-Za-z]:[\\/]|%[A-Za-z_][A-Za-z0-9_]*%)/;

/**
 * The system an agent's own file is for, from what its `<localfile>` and `<syscheck>` read: Windows for an eventchannel
 * or eventlog `<log_format>` (the Windows event log) or a `<location>`/`<directories>` path with a drive or %VARIABLE%
 * (src/win32/ossec.conf writes both); another system for a path starting with '/' or a journald or macos
 * `<log_format>`. A file with signs of both (a template for every agent) or of neither is left undecided: Windows
 * agents may read it. Windows-only options (`<windows_registry>`) are no sign: they are what this judges.
 */
export function agentSystem(config: ConfigView): AgentSystem {
  let windows: string | undefined;
  let posix: string | undefined;
  for (const root of config.roots.filter((r) => r.name === 'ossec_config')) {
    for (const section of childrenOf(root)) {
      if (section.name !== 'localfile' && section.name !== 'syscheck') continue;
      for (const child of childrenOf(section)) {
        const value = child.content.trim();
        const tag = `<${child.name}>${value}</${child.name}>`;
        if (child.name === 'log_format') {
          const format = value.toLowerCase();
          if (format === 'eventchannel' || format === 'eventlog') windows ??= tag;
          else if (format === 'journald' || format === 'macos') posix ??= tag;
        } else if (child.name === 'location' || child.name === 'directories') {
          if (WINDOWS_PATH.test(value)) windows ??= tag;
          else if (value.startsWith('/')) posix ??= tag;
        }
      }
    }
  }
  if (windows && !posix) return { system: 'windows', sign: windows };
  if (posix && !windows) return { system: 'posix', sign: posix };
  return {};
}

/**
 * The sections a Windows agent's read_main_elements does not know: src/config/config.c compares them under #ifndef
 * WIN32 (v4.14.7: ruleset :107-113, anti_tampering :150-155, reports :169-175, fluent-forward and auth :233-242), so on
 * Windows each is (1230). fluent-forward and anti_tampering since their first release (SECTIONS' span: before it every
 * system refuses them); ruleset, reports and auth from v4.2.0 (to v4.1.x every system compared them).
 */
const WINDOWS_UNKNOWN_SECTIONS: ReadonlyMap<string, readonly [number, number] | 'first release'> = new Map<string, readonly [number, number] | 'first release'>([
  ['fluent-forward', 'first release'], ['anti_tampering', 'first release'], ['ruleset', [4, 2]], ['reports', [4, 2]], ['auth', [4, 2]],
]);

/** Whether a Windows agent of the target release stops at this section with (1230) where other agents pass over it. */
export function unknownOnWindows(name: string, target: TargetVersion): boolean {
  const since = WINDOWS_UNKNOWN_SECTIONS.get(name);
  if (since === undefined || !sectionKnownAt(name, target)) return false;
  return since === 'first release' || versionAtLeast(target, since[0], since[1]);
}

/**
 * Every refusal wazuh-agentd meets in the `<client_buffer>` and `<labels>` sections, wazuh-syscheckd in `<syscheck>`
 * and wazuh-logcollector in `<localfile>` and `<socket>` (managers run it too; it exits on a refusal: src/logcollector/main.c:133-135), of the file's roots
 * (`root`: `ossec_config` for the agent's own file, `agent_config` for a shared agent.conf), in file order, as the
 * target release reads them: a section it does not know yet (`<socket>` before v3.3.0, `<sca>` before v3.9.0:
 * src/config/config.c at those tags) is read_main_elements' (1230) (option-not-in-version's), not its reader's.
 * `managerFile`: the file is a manager's own ossec.conf, where modulesd reads the modules of a manager build too.
 */
export function agentdRefusals(config: ConfigView, root: 'ossec_config' | 'agent_config', target: TargetVersion, managerFile = false): LoadMessage[] {
  return readNodeSections(config, root, target, managerFile).problems;
}

/**
 * What those readers only warn about and ignore, the daemon running on: options of `<agent-upgrade>` and `<task-manager>`
 * wazuh-modulesd does not know (src/wazuh/load-wodle.ts).
 */
export function agentdWarnings(config: ConfigView, root: 'ossec_config' | 'agent_config', target: TargetVersion, managerFile = false): LoadMessage[] {
  return readNodeSections(config, root, target, managerFile).warnings;
}

/** Every reader of the node's sections, over the file once. */
function readNodeSections(config: ConfigView, root: 'ossec_config' | 'agent_config', target: TargetVersion, managerFile: boolean): { problems: LoadMessage[]; warnings: LoadMessage[] } {
  const fileName = root === 'agent_config' ? 'agent.conf' : 'ossec.conf';
  const log = new StartupLog('wazuh-agentd', fileName);
  const syscheckd = new StartupLog('wazuh-syscheckd', fileName);
  const logcollector = new StartupLog('wazuh-logcollector', fileName);
  const modulesd = new StartupLog('wazuh-modulesd', fileName);
  // Read on managers only (CSYSLOGD, CREPORTS): agents run neither daemon.
  const csyslogd = new StartupLog('wazuh-csyslogd', fileName);
  const monitord = new StartupLog('wazuh-monitord', fileName);
  const clusterd = new StartupLog('wazuh-clusterd', fileName);
  const wazuhDb = new StartupLog('wazuh-db', fileName);
  const agentlessd = new StartupLog('wazuh-agentlessd', fileName);
  const managerOwn = managerFile && root === 'ossec_config';
  // gcp-pubsub's and gcp-bucket's module data is kept from one section to the next (src/wazuh/load-wodle.ts).
  const moduleSections = newModuleSections();
  // The cloud modules' readers are modelled from 4.3 (ms-graph from 4.8), as <wodle name="aws-s3"> is.
  const cloudModules = versionAtLeast(target, 4, 3);
  for (const fileRoot of config.roots) {
    if (fileRoot.name !== root) continue;
    for (const section of childrenOf(fileRoot)) {
      if (section.name === 'client_buffer') readClientBuffer(section, log);
      else if (section.name === 'client' && root === 'agent_config') readClientShared(section, log);
      else if (section.name === 'labels') readLabels(section, log);
      else if (section.name === 'syscheck') readSyscheck(section, syscheckd, root === 'agent_config', mayReachWindows(fileRoot, config), target);
      // read_main_elements calls Read_Rootcheck with or without children (config.c:121-124); without, nothing is read.
      else if (section.name === 'rootcheck') readRootcheck(section, syscheckd);
      // read_main_elements reads <localfile> only with children (config.c:129); without, it is unknown-element's emptySection.
      else if (section.name === 'localfile' && childrenOf(section).length > 0) readLocalfile(section, logcollector);
      // Read_LogCollecSocket (src/config/socket-config.c:22-105), read only with children (config.c:252-255), is
      // Read_AnalysisdSocket's twin (:107-190): the same refusals. Test_Localfile reads it too (localfile-config.c:841).
      else if (section.name === 'socket' && childrenOf(section).length > 0 && sectionKnownAt('socket', target)) readSocket(section, logcollector);
      // Read_WModule picks the reader by the first attribute, name (src/config/wmodules-config.c:26-34, 74-154), and
      // Read_SCA reads <sca> (:160-213); read_main_elements calls both with or without children (config.c:176-191).
      else if (section.name === 'wodle') readWodle(section, modulesd, target, { posix: mayReachPosix(fileRoot, config), windows: mayReachWindows(fileRoot, config), manager: managerFile && root === 'ossec_config' });
      else if (section.name === 'sca' && sectionKnownAt('sca', target)) readSca(section, modulesd, target);
      // Read with or without children (config.c:224-232); not built on Windows, which only warns.
      else if (section.name === 'gcp-pubsub' && cloudModules && mayReachPosix(fileRoot, config)) readGcpPubsub(section, modulesd, target, moduleSections);
      else if (section.name === 'gcp-bucket' && cloudModules && mayReachPosix(fileRoot, config)) readGcpBucket(section, modulesd, target, moduleSections);
      // Read only with children (config.c:285-296), on Windows, Linux and macOS alike.
      else if (section.name === 'github' && cloudModules && childrenOf(section).length > 0) readGithub(section, modulesd);
      else if (section.name === 'office365' && cloudModules && childrenOf(section).length > 0) readOffice365(section, modulesd, target);
      else if (section.name === 'ms-graph' && versionAtLeast(target, 4, 8) && childrenOf(section).length > 0) readMsGraph(section, modulesd, target);
      // Read only with children and only from a node's own ossec.conf (config.c:263-274); task-manager by managers alone.
      else if (section.name === 'agent-upgrade' && cloudModules && root === 'ossec_config' && childrenOf(section).length > 0) readAgentUpgrade(section, modulesd, target, managerFile);
      else if (section.name === 'task-manager' && cloudModules && managerOwn && childrenOf(section).length > 0) readTaskManager(section, modulesd, moduleSections);
      // read_main_elements reads both only with children (config.c:94-97, :170-174); without, unknown-element's emptySection.
      else if (section.name === 'syslog_output' && managerOwn && csyslogdTested(target) && childrenOf(section).length > 0) readSyslogOutput(section, csyslogd);
      else if (section.name === 'reports' && managerOwn && childrenOf(section).length > 0) readReports(section, monitord);
      // Read only with children (config.c:102-106); tested whatever the file says from 3.9, as csyslogd.
      else if (section.name === 'agentless' && managerOwn && csyslogdTested(target) && childrenOf(section).length > 0) readAgentless(section, agentlessd);
      // Read only with children, by a manager's build (config.c:275-282), from 4.4 (an unknown section before).
      else if (section.name === 'wdb' && managerOwn && sectionKnownAt('wdb', target) && childrenOf(section).length > 0) readWazuhDb(section, wazuhDb);
    }
  }
  // wazuh-clusterd reads the last <cluster> of the file (src/wazuh/load-cluster.ts).
  if (managerOwn) {
    const sections = config.roots.filter((r) => r.name === 'ossec_config').flatMap((r) => childrenOf(r)).filter((s) => s.name === 'cluster');
    for (const refusal of clusterdRefusals(sections, target)) clusterd.fail(null, refusal.text, refusal.element);
  }
  return {
    problems: [...log.problems, ...syscheckd.problems, ...logcollector.problems, ...modulesd.problems, ...csyslogd.problems, ...monitord.problems, ...clusterd.problems, ...wazuhDb.problems, ...agentlessd.problems],
    warnings: modulesd.warnings,
  };
}
