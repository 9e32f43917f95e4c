/**
 * What wazuh-modulesd refuses in `<wodle name="syscollector">` (wm_syscollector_read, src/config/wmodules-syscollector.c:
 * 47-258, v4.14.7), the most common wodle of a shared agent.conf. In a node's own ossec.conf modulesd stops: wm_config
 * returns -1 and main exits (src/wazuh_modules/wmodules.c:77-79, main.c:145-147). In a shared agent.conf it is
 * Test_WModule's refusal (src/config/wmodules-config.c:669-686), verifyRemoteConf's sixth test: agents refuse the file.
 *
 * Also the readers of `<wodle name="command">` (wm_command_read, src/config/wmodules-command.c:27-191),
 * `<wodle name="osquery">` (wm_osquery_monitor_read, src/config/wmodules-osquery-monitor.c:28-135) and `<sca>`
 * (wm_sca_read, src/config/wmodules-sca.c:82-347, called by Read_SCA, wmodules-config.c:160-213), with the scheduling
 * options command and sca share (sched_scan_read, src/shared/schedule_scan.c:47-110). Each reader returns at its first
 * refusal; arctl reports every one, in the order they are met one fix at a time. A refusal Wazuh does not name
 * (osquery's <pack> without an attribute, an <sca><policies> without children) leaves only ReadConfig's
 * "(1202): Configuration error at 'FILE'." (src/config/config.c:370-371, 507-518). Read on managers too.
 * And, from v3.13.0 (the first release whose readers are v4.14.7's), those of `<wodle name="open-scap">`
 * (wm_oscap_read, src/config/wmodules-oscap.c:30-244), `<wodle name="cis-cat">` (wm_ciscat_read,
 * src/config/wmodules-ciscat.c:28-206) and `<wodle name="docker-listener">` (wm_docker_read, src/config/wmodules-docker.c:
 * 20-87, not built on Windows). The other modules' readers are not modelled.
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum, strtol, strtolToInt, strtoul } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { configError, invalidValue, type StartupLog } from './load-log.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';

/** The yes/no options, compared with strcmp (:128-242); hotfixes is read on Windows only, elsewhere warned about (:170-180). */
export const SYSCOLLECTOR_SWITCHES: ReadonlySet<string> = new Set([
  'scan_on_start', 'disabled', 'network', 'os', 'hardware', 'packages', 'processes', 'ports', 'groups', 'users', 'services', 'browser_extensions',
]);

/**
 * wm_syscollector_read: each refusal of one `<wodle name="syscollector">`, one fix at a time. An option the target's
 * reader did not know yet is its "No such tag" (OPTIONS_SINCE).
 */
export function readSyscollector(wodle: XmlElement, log: StartupLog, target: TargetVersion): void {
  const invalidInterval = "Invalid interval at module 'syscollector'";
  for (const child of childrenOf(wodle)) {
    const value = child.content;
    if (!optionKnownAt('syscollector', child.name, target)) {
      log.fail(null, `No such tag '${child.name}' at module 'syscollector'.`, child);
    } else if (child.name === 'interval') {
      // :97-127: strtoul base 0 into an unsigned int, not 0 nor UINT_MAX, then a unit d/h/m/s or nothing.
      if (intervalRefused(value, ['d', 'h', 'm', 's'])) log.fail(null, invalidInterval, child);
    } else if (child.name === 'hotfixes' || child.name === 'synchronization') {
      continue;
    } else if (SYSCOLLECTOR_SWITCHES.has(child.name)) {
      // :188-203: <ports> takes one attribute, all, yes or no (checked before the value).
      const first = child.attributes[0];
      if (child.name === 'ports' && first) {
        if (first.name !== 'all') log.fail(null, "Invalid attribute for tag 'ports' at module 'syscollector'.", child);
        else if (first.value !== 'yes' && first.value !== 'no') log.fail(null, "Invalid content for attribute 'all' at module 'syscollector'.", child);
      }
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' at module 'syscollector'.`, child);
    } else {
      log.fail(null, `No such tag '${child.name}' at module 'syscollector'.`, child);
    }
  }
}

/**
 * Read_WModule (src/config/wmodules-config.c:18-158): a `<wodle>` whose first attribute is not name is refused
 * (:26-34); the name picks the reader. An unknown name is only logged (:147-154), in every release from 3.0 (v3.0.0
 * :64-66, v3.4.0 :101-103: merror and return 0; wm_check then drops the module without a context, v3.4.0
 * src/wazuh_modules/wmodules.c:49-63): so is a module the target's release did not have yet (MODULE_SINCE).
 */
export function readWodle(wodle: XmlElement, log: StartupLog, target: TargetVersion, reach: WodleReach = POSIX_ONLY): void {
  const first = wodle.attributes[0];
  // os_xml leaves a node without attributes a NULL list (src/os_xml/os_xml_node_access.c:96), which :26 reads: the
  // daemon dies, as analysisd does on the same node (read_main_elements, src/wazuh/load.ts).
  if (!first) return void log.crash('<wodle> without a name attribute (Read_WModule reads node->attributes[0])', wodle);
  if (first.name !== 'name') return void log.fail(null, "Module attribute is not 'name'", wodle);
  if (!moduleKnownAt(first.value, target)) return;
  if (first.value === 'syscollector') readSyscollector(wodle, log, target);
  else if (first.value === 'command') readCommand(wodle, log, target);
  else if (first.value === 'osquery') readOsquery(wodle, log);
  // Only a manager's modulesd reads it (#ifndef CLIENT, wmodules-config.c:131-149 at v4.3.11): agents warn "The
  // 'agent-key-polling' module only works for the manager" (:150-153). From 4.4 it is authd's (src/wazuh/load-auth.ts).
  else if (first.value === 'agent-key-polling') {
    if (reach.manager && !versionAtLeast(target, 4, 4)) readKeyPolling(wodle, log, target);
  } else if (!versionAtLeast(target, 3, 13)) return;
  else if (first.value === 'open-scap') readScanModule(wodle, 'open-scap', log, target, reach);
  else if (first.value === 'cis-cat') readScanModule(wodle, 'cis-cat', log, target, reach);
  // wmodules-docker.c is built under #ifndef WIN32: Windows agents only warn "not available on Windows systems" (:103-110).
  else if (first.value === 'docker-listener' && reach.posix) readDocker(wodle, log, target);
}

/**
 * Which systems may read a `<wodle>`: managers and POSIX agents, Windows agents (an agent.conf's os filter, an agent's
 * own file); and whether it is a manager's own ossec.conf (the modules only a manager build reads).
 */
export interface WodleReach {
  posix: boolean;
  windows: boolean;
  manager?: boolean;
}

const POSIX_ONLY: WodleReach = { posix: true, windows: false };

/** C atol (glibc strtol, base 10, 64-bit long): what the scan modules read their <timeout> and docker its <attempts> with. */
function atol(text: string): bigint {
  return strtol(text).value;
}

const UINT_MAX = 0xffffffffn;
const INT_MAX = 0x7fffffffn;

/** The yes/no options of agent-key-polling (eval_bool: strcmp against yes and no, wmodules-key-request.c:21-24 at v4.3.11). */
const KEY_POLLING_SWITCHES = new Set(['enabled', 'force_insert']);

/**
 * wm_key_request_read (src/config/wmodules-key-request.c:27-127 at v4.3.11, the same reader from v3.8.0 to v4.3.11):
 * each refusal of a manager's `<wodle name="agent-key-polling">`, before 4.4. The first ends the reading and
 * Read_WModule's, and wazuh-modulesd exits (wm_config returns -1, src/wazuh_modules/wmodules.c:65-67; main.c:134-136). <enabled> and
 * <force_insert> yes or no; <exec_path> and <socket> shorter than PATH_MAX (empty is taken); <timeout> (not 0 nor
 * UINT_MAX), <threads> (1-32) and <queue_size> (1-220000) stored in unsigned ints, read by strtoul base 0 in 3.8.x and
 * by atol from v3.9.0 (git diff v3.8.0 v3.9.0). Any other option is only warned about (:120-123).
 */
function readKeyPolling(wodle: XmlElement, log: StartupLog, target: TargetVersion): void {
  const at = "at module 'agent-key-polling'";
  const PATH_MAX = 4096;
  const unsigned = (text: string): number => (versionAtLeast(target, 3, 9) ? Number(BigInt.asUintN(32, atol(text))) : strtoul(text, 32).value);
  for (const child of childrenOf(wodle)) {
    const value = child.content;
    if (KEY_POLLING_SWITCHES.has(child.name)) {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (child.name === 'exec_path' || child.name === 'socket') {
      const what = child.name === 'exec_path' ? 'Exec path' : 'Socket path';
      if (Buffer.byteLength(value, 'latin1') >= PATH_MAX) log.fail(null, `${what} is too long ${at}. Max path length is ${PATH_MAX}`, child);
    } else if (child.name === 'timeout') {
      const n = unsigned(value);
      if (n < 1 || n >= 0xffffffff) log.fail(null, `Invalid interval ${at}`, child);
    } else if (child.name === 'threads') {
      const n = unsigned(value);
      if (n < 1 || n > 32) log.fail(null, `Invalid number of threads ${at}`, child);
    } else if (child.name === 'queue_size') {
      const n = unsigned(value);
      if (n < 1 || n > 220000) log.fail(null, `Invalid queue size ${at}`, child);
    }
  }
}

/** The binaries cis-cat runs (src/wazuh_modules/wm_ciscat.h:21-24), by platform; <ciscat_binary> is v4.4.0's. */
const CISCAT_BINARIES = { posix: ['CIS-CAT.sh', 'Assessor-CLI.sh'], windows: ['CIS-CAT.BAT', 'Assessor-CLI.bat'] } as const;

/**
 * wm_oscap_read and wm_ciscat_read: each refusal of one `<wodle name="open-scap">` or `<wodle name="cis-cat">`. Both
 * read <timeout> with atol (refused when not above 0 and below UINT_MAX), <scan-on-start> and <disabled> (yes or no;
 * written with a hyphen, unlike syscollector's scan_on_start), the schedule (sched_scan_read) and each <content>:
 * its attributes path and type (xccdf or oval; open-scap needs both, cis-cat a path, as an attribute or a <path>
 * child), and its children (profile, timeout, and open-scap's xccdf-id, oval-id, datastream-id and cpe, cis-cat's
 * path). cis-cat also takes <java_path>, <ciscat_path> and, from v4.4.0, <ciscat_binary>, one of the binaries of the
 * agent's platform. Any other option is "No such tag".
 */
function readScanModule(wodle: XmlElement, module: 'open-scap' | 'cis-cat', log: StartupLog, target: TargetVersion, reach: WodleReach): void {
  const at = `at module '${module}'`;
  const timeoutRefused = (value: string): boolean => atol(value) <= 0n || atol(value) >= UINT_MAX;
  for (const child of childrenOf(wodle)) {
    const value = child.content;
    if (child.name === 'timeout') {
      if (timeoutRefused(value)) log.fail(null, `Invalid timeout ${at}`, child);
    } else if (child.name === 'content') {
      readScanContent(child, module, log, timeoutRefused);
    } else if (child.name === 'scan-on-start' || child.name === 'disabled') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (module === 'cis-cat' && (child.name === 'java_path' || child.name === 'ciscat_path')) {
      continue;
    } else if (module === 'cis-cat' && child.name === 'ciscat_binary' && versionAtLeast(target, 4, 4)) {
      // wmodules-ciscat.c:176-188 (mterror): each platform's build accepts its own two binaries. Where both systems
      // may read the block, the POSIX agents' list is the one checked.
      const accepted: readonly string[] = reach.posix || !reach.windows ? CISCAT_BINARIES.posix : CISCAT_BINARIES.windows;
      if (!accepted.includes(value)) log.fail(null, `Unsupported CIS-CAT Binary '${value}'.`, child);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    }
  }
  readSchedule(wodle, module, log, target);
}

/** One <content> of open-scap (wmodules-oscap.c:66-213) or cis-cat (wmodules-ciscat.c:70-160). */
function readScanContent(content: XmlElement, module: 'open-scap' | 'cis-cat', log: StartupLog, timeoutRefused: (value: string) => boolean): void {
  const at = `at module '${module}'`;
  let path = false;
  let type: 'xccdf' | 'oval' | undefined;
  for (const attribute of content.attributes) {
    if (attribute.name === 'path') path = true;
    else if (attribute.name === 'type') {
      if (attribute.value === 'xccdf' || attribute.value === 'oval') type = attribute.value;
      else return void log.fail(null, `Invalid content for attribute 'type' ${at}.`, content);
    } else {
      // Both name the first attribute, whichever is wrong.
      return void log.fail(null, `Invalid attribute '${content.attributes[0]!.name}' ${at}.`, content);
    }
  }
  if (module === 'open-scap') {
    if (!path) return void log.fail(null, `No such attribute 'path' ${at}.`, content);
    if (!type) return void log.fail(null, `No such attribute 'type' ${at}.`, content);
  }
  type ??= 'xccdf';
  // A <content> without children is taken as it is (:113-115, cis-cat :106-108): cis-cat's path check comes after them.
  if (childrenOf(content).length === 0) return;
  const onlyFor: Readonly<Record<string, 'xccdf' | 'oval' | undefined>> =
    module === 'open-scap' ? { profile: 'xccdf', 'xccdf-id': 'xccdf', 'oval-id': 'oval', cpe: 'xccdf', timeout: undefined, 'datastream-id': undefined } : { profile: 'xccdf', timeout: undefined, path: undefined };
  for (const child of childrenOf(content)) {
    if (!(child.name in onlyFor)) return void log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    const only = onlyFor[child.name];
    if (only && only !== type) return void log.fail(null, `Tag '${child.name}' on incorrect content type ${at}`, child);
    if (child.name === 'timeout' && timeoutRefused(child.content)) return void log.fail(null, `Invalid timeout ${at}`, child);
    // oval-id's refusal names xccdf-id, as wmodules-oscap.c:175 writes it.
    const named = child.name === 'oval-id' ? 'xccdf-id' : child.name;
    if (module === 'open-scap' && child.name !== 'profile' && child.name !== 'timeout' && child.content === '') return void log.fail(null, `Invalid content for tag '${named}' ${at}.`, child);
    if (child.name === 'path') path = true;
  }
  if (!path) log.fail(null, `No such content path ${at}.`, content);
}

/** wm_docker_read: each refusal of one `<wodle name="docker-listener">` (wmodules-docker.c:43-86). */
function readDocker(wodle: XmlElement, log: StartupLog, target: TargetVersion): void {
  const at = "At module 'docker-listener'";
  for (const child of childrenOf(wodle)) {
    if (child.name === 'attempts') {
      const attempts = atol(child.content);
      if (attempts <= 0n || attempts >= INT_MAX) log.fail(null, `${at}: Invalid content for tag 'attempts'.`, child);
    } else if (child.name === 'run_on_start' || child.name === 'disabled') {
      if (child.content !== 'yes' && child.content !== 'no') log.fail(null, `${at}: Invalid content for tag '${child.name}'.`, child);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' at module 'docker-listener'.`, child);
    }
  }
  readSchedule(wodle, 'docker-listener', log, target);
}

/**
 * The module names Read_WModule knows, from 3.0 to 4.14.7 (src/config/wmodules-config.c; aws-cloudtrail is aws-s3's old
 * name, still read with a warning), and the first release whose Read_WModule compares the name (the strcmp chain at
 * each tag: open-scap v3.0.0; command and cis-cat v3.1.0; syscollector, aws-cloudtrail (WM_AWS_CONTEXT's name until
 * 3.6) and vulnerability-detector v3.2.0; osquery v3.5.0; aws-s3 v3.6.0; azure-logs and docker-listener v3.7.0;
 * agent-key-polling v3.8.0). Any other name is logged, "Unknown module 'NAME'", and nothing runs for it (:147-154):
 * not a refusal.
 */
const MODULE_SINCE: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['open-scap', [3, 0]], ['command', [3, 1]], ['cis-cat', [3, 1]], ['syscollector', [3, 2]], ['aws-cloudtrail', [3, 2]],
  ['vulnerability-detector', [3, 2]], ['osquery', [3, 5]], ['aws-s3', [3, 6]], ['azure-logs', [3, 7]], ['docker-listener', [3, 7]],
  ['agent-key-polling', [3, 8]],
]);

export const MODULE_NAMES: ReadonlySet<string> = new Set(MODULE_SINCE.keys());

/** The first release whose Read_WModule knows the module name, as text ("3.5"), or undefined for a name none knows. */
export function moduleSince(name: string): string | undefined {
  const since = MODULE_SINCE.get(name);
  return since && since.join('.');
}

/** Whether the target's wazuh-modulesd knows the module name (it runs nothing for an unknown one). */
export function moduleKnownAt(name: string, target: TargetVersion): boolean {
  const since = MODULE_SINCE.get(name);
  return since !== undefined && versionAtLeast(target, since[0], since[1]);
}

/**
 * Options the module readers learnt after the module itself, and the release that learnt them (the readers' XML_
 * names at each tag): syscollector's <hotfixes> v3.11.0, <synchronization> v4.2.0, <groups>, <users>, <services>
 * and <browser_extensions> v4.14.0 (src/config/wmodules_syscollector.c, then wmodules-syscollector.c:26-29);
 * command's <timeout> v3.2.2, <skip_verification> and the <verify_*> hashes v3.6.0, and <day>, <wday>, <time> v3.13.0
 * (sched_scan_read; before, the reader's own <interval> alone: src/config/wmodules-command.c). Before, each is the
 * reader's "No such tag" refusal. The options of osquery (v3.5.0 on) and sca (v3.9.0 on) did not change.
 */
const OPTIONS_SINCE: Readonly<Record<string, Readonly<Record<string, readonly [number, number, number]>>>> = {
  syscollector: {
    hotfixes: [3, 11, 0], synchronization: [4, 2, 0], groups: [4, 14, 0], users: [4, 14, 0], services: [4, 14, 0], browser_extensions: [4, 14, 0],
  },
  command: {
    timeout: [3, 2, 2], skip_verification: [3, 6, 0], verify_md5: [3, 6, 0], verify_sha1: [3, 6, 0], verify_sha256: [3, 6, 0],
    day: [3, 13, 0], wday: [3, 13, 0], time: [3, 13, 0],
  },
};

function optionKnownAt(module: string, option: string, target: TargetVersion): boolean {
  const since = OPTIONS_SINCE[module]?.[option];
  return !since || versionAtLeast(target, ...since);
}

/** The yes/no options of the command, osquery and sca modules, compared with strcmp (wmodules-command.c:63-71, 108-125, 158-166; wmodules-osquery-monitor.c:22-25; wmodules-sca.c:76-79). */
const COMMAND_SWITCHES = new Set(['disabled', 'run_on_start', 'ignore_output', 'skip_verification']);
const OSQUERY_SWITCHES = new Set(['disabled', 'add_labels', 'run_daemon']);
const SCA_SWITCHES = new Set(['enabled', 'scan_on_start', 'skip_nfs']);

/** The yes/no options of open-scap and cis-cat (scan-on-start, disabled) and docker-listener (run_on_start, disabled). */
const SCAN_MODULE_SWITCHES = new Set(['scan-on-start', 'disabled', 'run_on_start']);

/** Every yes/no option of the modules modelled here: their "Invalid content for tag" is a switch's refusal. */
export const MODULE_SWITCHES: ReadonlySet<string> = new Set([...SYSCOLLECTOR_SWITCHES, ...COMMAND_SWITCHES, ...OSQUERY_SWITCHES, ...SCA_SWITCHES, ...SCAN_MODULE_SWITCHES, ...KEY_POLLING_SWITCHES]);

/** The scheduling options every reader with a schedule leaves to sched_scan_read (is_sched_tag, schedule_scan.c:21-23). */
const SCHED_TAGS = new Set(['interval', 'day', 'wday', 'time']);

/** The hash options of the command module and the length each must have (wmodules-command.c:134-157). */
const COMMAND_HASHES: Readonly<Record<string, number>> = { verify_md5: 32, verify_sha1: 40, verify_sha256: 64 };

/** wm_command_read: each refusal of one `<wodle name="command">`. */
function readCommand(wodle: XmlElement, log: StartupLog, target: TargetVersion): void {
  const invalid = (el: XmlElement): void => void log.fail(null, `Invalid content for tag '${el.name}' at module 'command'.`, el);
  let command = false;
  for (const child of childrenOf(wodle)) {
    const value = child.content;
    if (!optionKnownAt('command', child.name, target)) {
      log.fail(null, `No such tag '${child.name}' at module 'command'.`, child);
    } else if (COMMAND_SWITCHES.has(child.name)) {
      if (value !== 'yes' && value !== 'no') invalid(child);
    } else if (child.name === 'tag') {
      continue;
    } else if (child.name === 'command') {
      // :94-98: an empty command is refused; the last <command> is the one run.
      if (value === '') log.fail(null, "Empty content for tag 'command' at module 'command'.", child);
      command = true;
    } else if (child.name === 'timeout') {
      // :126-133: strtol base 0 into an int, the whole value, not negative.
      const { value: timeout, end } = strtolToInt(value);
      if (end < value.length || timeout < 0) invalid(child);
    } else if (child.name in COMMAND_HASHES) {
      if (value.length !== COMMAND_HASHES[child.name]) invalid(child);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' at module 'command'.`, child);
    }
  }
  readSchedule(wodle, 'command', log, target);
  // :185-188; also a <wodle name="command"/> without children (:36-39).
  if (!command) log.fail(null, "Tag <command> not found at module 'command'.", wodle);
}

/** wm_osquery_monitor_read: each refusal of one `<wodle name="osquery">`. An unknown option is only warned about (:129-131). */
function readOsquery(wodle: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(wodle)) {
    if (OSQUERY_SWITCHES.has(child.name)) {
      if (child.content !== 'yes' && child.content !== 'no') log.fail(null, `Invalid content for tag '${child.name}' at module 'osquery'.`, child);
    } else if (child.name === 'pack') {
      // :106-111: a <pack> needs a first attribute, name; without any attribute the reader fails without a word.
      const first = child.attributes[0];
      if (!first) log.fail(null, configError(log.fileName), child);
      else if (first.name !== 'name') log.fail(null, `No such attribute '${first.name}' in osquery element <pack>`, child);
    }
  }
}

/** PATH_MAX on Linux: wm_sca_read refuses a policy path this long or longer (wmodules-sca.c:246-249). */
const PATH_MAX = 4096;

/** wm_sca_read: each refusal of one `<sca>` (read by Read_SCA, with or without children; the section is v3.9.0's, src/config/config.c). */
export function readSca(sca: XmlElement, log: StartupLog, target: TargetVersion): void {
  for (const child of childrenOf(sca)) {
    const value = child.content;
    if (SCA_SWITCHES.has(child.name)) {
      // :200-222, 326-336: <scan_on_start>'s refusal names 'enabled' (:217), as Wazuh logs it.
      const named = child.name === 'skip_nfs' ? 'skip_nfs' : 'enabled';
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${named}'`, child);
    } else if (child.name === 'policies') {
      // :223-325: children needed (none: a refusal without a word); each must be a <policy>, not empty nor too long.
      const policies = childrenOf(child);
      if (policies.length === 0) log.fail(null, configError(log.fileName), child);
      for (const policy of policies) {
        if (policy.name !== 'policy') log.fail(1231, '(1231): Invalid NULL element in the configuration.', policy);
        else if (policy.content === '') log.fail(null, 'Empty policy value.', policy);
        else if (policy.content.length >= PATH_MAX) log.fail(null, `Policy path is too long. Max path length is ${PATH_MAX}.`, policy);
      }
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' at module 'sca'.`, child);
    }
  }
  readSchedule(sca, 'sca', log, target);
}

/**
 * sched_scan_read (src/shared/schedule_scan.c:47-110) and its check of the result (:163-197): <day> digits 1-31,
 * <wday> a day name w_validate_wday knows (a prefix match, any case, after leading spaces: src/shared/validate_op.c:
 * 1047-1077), <time> hh:mm as w_validate_time reads it (:1080-1113), <interval> by strtoul into an unsigned int, not 0
 * nor UINT_MAX, then M, w, d, h, m, s or nothing; <day> and <wday> not both.
 */
function readSchedule(section: XmlElement, module: string, log: StartupLog, target: TargetVersion): void {
  let day: XmlElement | undefined;
  let wday: XmlElement | undefined;
  for (const child of childrenOf(section)) {
    const value = child.content;
    // An option the module's reader did not know yet: refused above, not read here.
    if (!optionKnownAt(module, child.name, target)) continue;
    const refuse = (): void => void log.fail(1235, invalidValue(child.name, value), child);
    if (child.name === 'day') {
      if (!isStrNum(value) || atoi(value) < 1 || atoi(value) > 31) refuse();
      else day = child;
    } else if (child.name === 'wday') {
      if (!WEEK_DAYS.some((d) => value.replace(/^ +/, '').slice(0, d.length).toLowerCase() === d)) refuse();
      else wday = child;
    } else if (child.name === 'time') {
      if (!validTime(value)) refuse();
    } else if (child.name === 'interval') {
      if (intervalRefused(value, ['M', 'w', 'd', 'h', 'm', 's'])) log.fail(null, `Invalid interval value at module '${module}'`, child);
    }
  }
  if (day && wday) log.fail(null, "Options 'day' and 'wday' are not compatible.", day.range.start > wday.range.start ? day : wday);
}

/**
 * An <interval> the module readers refuse: strtoul (base 0) into an unsigned int that is 0 or UINT_MAX, or followed
 * by anything but one of the reader's `units` (or nothing).
 */
function intervalRefused(value: string, units: readonly string[]): boolean {
  const { value: interval, end } = strtoul(value, 32);
  return interval === 0 || interval === 0xffffffff || (end < value.length && !units.includes(value.charAt(end)));
}

/** w_validate_wday's names, matched as prefixes of the value (strncasecmp over the name's length). */
const WEEK_DAYS = ['sunday', 'sun', 'monday', 'mon', 'tuesday', 'tue', 'wednesday', 'wed', 'thursday', 'thu', 'friday', 'fri', 'saturday', 'sat'];

/** w_validate_time: a ':' somewhere, then sscanf "%d:%d" with the hour 0-23 and the minute 0-59 (what follows is not read). */
function validTime(value: string): boolean {
  if (!value.includes(':')) return false;
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+):[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(value);
  if (!m) return false;
  const hour = atoi(m[1]!);
  const min = atoi(m[2]!);
  return hour >= 0 && hour < 24 && min >= 0 && min < 60;
}
