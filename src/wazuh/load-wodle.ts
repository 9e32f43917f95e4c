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
 * 20-87, not built on Windows). And, from v4.3.0, those of `<wodle name="aws-s3">` (wm_aws_read, src/config/wmodules-aws.c)
 * and `<wodle name="azure-logs">` (wm_azure_read, src/config/wmodules-azure.c). The other modules' readers are not modelled.
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum, strtol, strtolToInt, strtoul, wParseSize } from './c-number.ts';
import { parseWazuhTime } from './time-units.ts';
import { childrenOf } from './load-global.ts';
import { configError, invalidElement, invalidValue, type StartupLog } from './load-log.ts';
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
  // The cloud modules, from 4.3 (whose readers are v4.14.7's but for the gates in each); neither is built on Windows.
  else if (!versionAtLeast(target, 4, 3)) return;
  else if ((first.value === 'aws-s3' || first.value === 'aws-cloudtrail') && reach.posix) readAws(wodle, log, target);
  else if (first.value === 'azure-logs' && reach.posix && (reach.manager || versionAtLeast(target, 4, 4))) readAzure(wodle, log, target);
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

/** The yes/no options of aws-s3's module, its buckets and its services (wmodules-aws.c:103-138, 238-247, 468-477). */
const AWS_SWITCHES = new Set(['disabled', 'run_on_start', 'skip_on_error', 'remove_from_bucket', 'remove_log_streams']);

/** The yes/no options of gcp-pubsub, gcp-bucket, github, office365 and ms-graph besides enabled and run_on_start (wmodules-gcp.c:33-35, wmodules-github.c:86-94, wmodules-office365.c:72-80, wmodules-ms-graph.c:85-93). */
const CLOUD_SWITCHES = new Set(['pull_on_start', 'only_future_events']);

/** Every yes/no option of the modules modelled here: their "Invalid content for tag" is a switch's refusal. */
export const MODULE_SWITCHES: ReadonlySet<string> = new Set([...SYSCOLLECTOR_SWITCHES, ...COMMAND_SWITCHES, ...OSQUERY_SWITCHES, ...SCA_SWITCHES, ...SCAN_MODULE_SWITCHES, ...KEY_POLLING_SWITCHES, ...AWS_SWITCHES, ...CLOUD_SWITCHES]);

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

/** aws-s3's bucket types (wmodules-aws.c:180-185; server_access and the load balancers are in 4.3's list too). */
const AWS_BUCKET_TYPES = new Set(['cloudtrail', 'config', 'custom', 'guardduty', 'vpcflow', 'cisco_umbrella', 'waf', 'alb', 'clb', 'nlb', 'server_access']);

/** The subscriber types and the release whose reader takes each (v4.5.1 security_lake, v4.7.0 buckets, v4.9.0 security_hub). */
const AWS_SUBSCRIBER_TYPES: ReadonlyMap<string, readonly [number, number, number]> = new Map([
  ['security_lake', [4, 5, 1]], ['buckets', [4, 7, 0]], ['security_hub', [4, 9, 0]],
]);

/** The children of a <bucket>, <service> and <subscriber> the reader takes (wmodules-aws.c:214-343, 402-514, 578-653). */
const AWS_CHILDREN: Readonly<Record<'bucket' | 'service' | 'subscriber', ReadonlySet<string>>> = {
  bucket: new Set([
    'name', 'aws_organization_id', 'aws_account_id', 'remove_from_bucket', 'access_key', 'aws_account_alias', 'secret_key', 'aws_profile',
    'iam_role_arn', 'iam_role_duration', 'path', 'path_suffix', 'only_logs_after', 'regions', 'discard_regex', 'sts_endpoint', 'service_endpoint',
  ]),
  service: new Set([
    'aws_account_id', 'access_key', 'aws_account_alias', 'secret_key', 'aws_profile', 'iam_role_arn', 'iam_role_duration', 'only_logs_after',
    'regions', 'aws_log_groups', 'remove_log_streams', 'discard_regex', 'sts_endpoint', 'service_endpoint',
  ]),
  subscriber: new Set(['sqs_name', 'external_id', 'iam_role_arn', 'iam_role_duration', 'sts_endpoint', 'service_endpoint', 'aws_profile', 'discard_regex']),
};

/**
 * wm_aws_read (src/config/wmodules-aws.c:70-716 at v4.14.7): each refusal of one `<wodle name="aws-s3">` (or its old
 * name aws-cloudtrail), from v4.3.0, whose reader is v4.14.7's but for what the gates below say (git diff v4.3.0
 * v4.14.7): <subscriber> is v4.5.1's (before, "No such tag"), and so is the refusal of a <discard_regex> without a field
 * attribute (before, a warning); a Security Lake subscriber's <aws_profile> is refused from v4.5.1 to v4.11.x. Not built
 * on Windows (wmodules-config.c:111-121: a warning there). Refused: no children at all; a yes/no option other than yes
 * or no; an empty legacy <bucket> (no attribute); a <bucket> with children whose first attribute is not type or whose
 * type is not one of the list (one without children is taken as it is, :174-176); a <service> or <subscriber> without
 * attributes, or with a first attribute other than type or a type the reader does not know; an empty <name>,
 * <aws_organization_id>, <aws_account_id>, <aws_log_groups>, <sqs_name>, <external_id> or subscriber <iam_role_arn>; a
 * child the block does not know; any other option but the schedule's (sched_scan_read); and a module without any
 * bucket, service or subscriber (:712-715, a warning's words, then OS_INVALID). Each ends wm_aws_read, and
 * wazuh-modulesd exits.
 */
function readAws(wodle: XmlElement, log: StartupLog, target: TargetVersion): void {
  const at = "at module 'aws-s3'";
  const subscribers = versionAtLeast(target, 4, 5, 1);
  const children = childrenOf(wodle);
  if (children.length === 0) return void log.fail(null, `Tag <bucket> not found ${at}.`, wodle);
  let sources = 0;
  for (const child of children) {
    const value = child.content;
    if (AWS_SWITCHES.has(child.name) && child.name !== 'remove_log_streams') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (child.name === 'access_key' || child.name === 'secret_key') {
      continue;
    } else if (child.name === 'bucket' && child.attributes.length === 0) {
      // :150-157: the legacy bucket, its name as the content.
      // Counted either way: once its refusal is fixed, it is a bucket (what is met one fix at a time).
      sources++;
      if (value === '') log.fail(null, `Empty content for tag 'bucket' ${at}.`, child);
    } else if (child.name === 'bucket') {
      sources++;
      const inner = childrenOf(child);
      if (inner.length === 0) continue;
      const first = child.attributes[0]!;
      if (first.name !== 'type') log.fail(null, `Attribute name '${first.name}' is not valid. The valid one is 'type'.`, child);
      // :188-192, with the quotes as Wazuh prints them.
      else if (!AWS_BUCKET_TYPES.has(first.value)) log.fail(null, `Invalid bucket type '${first.value}'. Valid ones are 'cloudtrail', 'config', 'guardduty', 'vpcflow', 'waf', 'cisco_umbrella', custom', alb', clb', nlb' or 'server_access'`, child);
      readAwsChildren(child, 'bucket', undefined, log, target);
    } else if (child.name === 'service' || (child.name === 'subscriber' && subscribers)) {
      const kind = child.name;
      const first = child.attributes[0];
      sources++;
      if (!first) {
        log.fail(null, `Undefined type for ${kind}.`, child);
        continue;
      }
      const known = kind === 'service' ? first.value === 'inspector' || first.value === 'cloudwatchlogs' : knownSubscriber(first.value, target);
      if (first.name !== 'type') log.fail(null, `Attribute name '${first.name}' is not valid. The valid one is 'type'.`, child);
      else if (!known) log.fail(null, `Invalid ${kind} type '${first.value}'. Valid ones are ${kind === 'service' ? "'inspector' or 'cloudwatchlogs'" : subscriberTypes(target)}`, child);
      readAwsChildren(child, kind, first.value, log, target);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    }
  }
  readSchedule(wodle, 'aws-s3', log, target);
  if (sources === 0) {
    const what = subscribers ? 'buckets, services or subscribers' : 'buckets or services';
    log.fail(null, `No ${what} definitions found ${at}.`, wodle);
  }
}

/** The subscriber types the target's reader lists in its refusal (:550-552). */
function subscriberTypes(target: TargetVersion): string {
  const types = [...AWS_SUBSCRIBER_TYPES.keys()].filter((t) => knownSubscriber(t, target)).map((t) => `'${t}'`);
  return types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types.at(-1)}` : types.join('');
}

function knownSubscriber(type: string, target: TargetVersion): boolean {
  const since = AWS_SUBSCRIBER_TYPES.get(type);
  return since !== undefined && versionAtLeast(target, ...since);
}

/** The children of one <bucket>, <service> or <subscriber> of aws-s3 (`type`: its type attribute). */
function readAwsChildren(block: XmlElement, kind: 'bucket' | 'service' | 'subscriber', type: string | undefined, log: StartupLog, target: TargetVersion): void {
  const at = "at module 'aws-s3'";
  const fieldRequired = versionAtLeast(target, 4, 5, 1);
  for (const child of childrenOf(block)) {
    const value = child.content;
    if (!AWS_CHILDREN[kind].has(child.name)) {
      // The subscriber's message says service (:650), as Wazuh writes it.
      log.fail(null, `No such child tag '${child.name}' of ${kind === 'bucket' ? 'bucket' : 'service'} ${at}.`, child);
    } else if (child.name === 'remove_from_bucket' || child.name === 'remove_log_streams') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (kind !== 'subscriber' && (child.name === 'name' || child.name === 'aws_organization_id' || child.name === 'aws_account_id' || child.name === 'aws_log_groups')) {
      // :215-235, 403-406: the messages of <aws_organization_id> and <aws_account_id> name the block, as Wazuh writes them.
      const named = child.name === 'name' || child.name === 'aws_log_groups' ? child.name : kind;
      if (value === '') log.fail(null, `Empty content for tag '${named}' ${at}.`, child);
    } else if (kind === 'subscriber' && (child.name === 'sqs_name' || child.name === 'external_id' || child.name === 'iam_role_arn')) {
      if (value === '') log.fail(null, `Invalid content for tag '${child.name}': It cannot be empty`, child);
    } else if (kind === 'subscriber' && child.name === 'aws_profile' && type === 'security_lake' && !versionAtLeast(target, 4, 12)) {
      log.fail(null, "The 'aws_profile' parameter is not available for Security Lake.", child);
    } else if (child.name === 'discard_regex') {
      // :312-328, 478-499, 628-648: a field attribute is needed (not for cloudwatchlogs nor subscribers); not for Security Lake.
      if (kind === 'subscriber' && type === 'security_lake') log.fail(null, "The 'discard_regex' parameter is not available for Security Lake.", child);
      else if (value !== '' && fieldRequired && kind !== 'subscriber' && type !== 'cloudwatchlogs' && !child.attributes.some((a) => a.name === 'field' && a.value !== '')) {
        log.fail(null, "Required attribute 'field' is missing in 'discard_regex'. This is a mandatory parameter.", child);
      }
    }
  }
}

/**
 * wm_azure_read (src/config/wmodules-azure.c:57-218 at v4.14.7, the same refusals from v4.3.0): each refusal of one
 * `<wodle name="azure-logs">`. A manager's from 4.3; from 4.4 agents other than Windows read it too (wmodules-config.c:
 * 132-149: before, it was under #ifndef CLIENT and agents warned "only works for the manager"). Refused: no children;
 * <timeout> (atol, above 0 and below UINT_MAX); <run_on_start> and <disabled> other than yes or no; a <log_analytics>,
 * <graph> or <storage> without children ((1230), :127-130); any other option but the schedule's. What is wrong inside
 * those blocks only drops the block ("Skipping block...", :133-141): the module runs on.
 */
function readAzure(wodle: XmlElement, log: StartupLog, target: TargetVersion): void {
  const at = "At module 'azure-logs'";
  const children = childrenOf(wodle);
  if (children.length === 0) return void log.fail(null, "Empty configuration at module 'azure-logs'.", wodle);
  for (const child of children) {
    if (child.name === 'timeout') {
      const timeout = atol(child.content);
      if (timeout <= 0n || timeout >= UINT_MAX) log.fail(null, `${at}: Invalid timeout.`, child);
    } else if (child.name === 'run_on_start' || child.name === 'disabled') {
      if (child.content !== 'yes' && child.content !== 'no') log.fail(null, `${at}: Invalid content for tag '${child.name}'.`, child);
    } else if (child.name === 'log_analytics' || child.name === 'graph' || child.name === 'storage') {
      // XML_INVELEM's words, (1230), for a known block written empty: invalid-value's, not an unknown option.
      if (childrenOf(child).length === 0) log.fail(null, invalidElement(child.name), child);
      else if (versionAtLeast(target, 4, 6) && child.name === 'storage') readAzureStorage(child, log);
      else if (versionAtLeast(target, 4, 6)) readAzureApi(child, log);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' at module 'azure-logs'.`, child);
    }
  }
  readSchedule(wodle, 'azure-logs', log, target);
}

/** What wazuh-modulesd keeps between sections of one file: gcp-pubsub's, gcp-bucket's and task-manager's module data is reused (Read_GCP_pubsub, Read_GCP_bucket, Read_TaskManager find the module by its tag, wmodules-config.c). */
export interface ModuleSections {
  pubsub: { project_id: boolean; subscription_name: boolean; credentials_file: boolean };
  buckets: number;
  /** task-manager's cleanup_time and task_timeout in seconds (defaults: wm_task_manager.h:21-23). */
  taskManager: { cleanup: number; timeout: number };
}

export function newModuleSections(): ModuleSections {
  return { pubsub: { project_id: false, subscription_name: false, credentials_file: false }, buckets: 0, taskManager: { cleanup: 604800, timeout: 900 } };
}

/** The values of gcp-pubsub's <logging> its reader took to 4.3.x (wmodules-gcp.c at v4.3.0); from 4.4.0 <logging> is not read. */
const GCP_LOGGING = new Set(['disabled', 'debug', 'info', 'warning', 'error', 'critical']);

/** gcp's <logging> before 4.4: empty or another value is refused. */
function readGcpLogging(child: XmlElement, log: StartupLog, target: TargetVersion): void {
  if (versionAtLeast(target, 4, 4)) return;
  if (child.content === '') log.fail(null, "Empty content for tag 'logging'", child);
  else if (!GCP_LOGGING.has(child.content)) log.fail(null, "Invalid content for tag 'logging'", child);
}

/** PATH_MAX: the gcp readers refuse a <credentials_file> this long or longer. */
const GCP_PATH_MAX = 4096;

/**
 * wm_gcp_pubsub_read (src/config/wmodules-gcp.c:57-218 at v4.14.7, the same refusals from v4.3.0 but <logging>): each
 * refusal of one `<gcp-pubsub>` (read with or without children, config.c:224-227; not on Windows, a warning there).
 * Refused: no children; <enabled> and <pull_on_start> other than yes or no; an empty <project_id> or
 * <subscription_name>; a <credentials_file> empty or PATH_MAX long; <max_messages> and <num_threads> empty or with a
 * character other than a digit; any other option but the schedule's; and, after the section, no <project_id>,
 * <subscription_name> or <credentials_file> in it or an earlier <gcp-pubsub> (the module's data is kept). Not judged:
 * whether the credentials file exists on the node (:122-138), which only the node knows.
 */
export function readGcpPubsub(section: XmlElement, log: StartupLog, target: TargetVersion, state: ModuleSections): void {
  const at = "at module 'gcp-pubsub'";
  const children = childrenOf(section);
  if (children.length === 0) return void log.fail(null, `Empty configuration ${at}.`, section);
  const seen = state.pubsub;
  for (const child of children) {
    const value = child.content;
    if (child.name === 'enabled' || child.name === 'pull_on_start') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}'`, child);
    } else if (child.name === 'project_id' || child.name === 'subscription_name') {
      // Marked as given either way: an empty one is refused at itself, not again as missing.
      seen[child.name] = true;
      if (value === '') log.fail(null, `Empty content for tag '${child.name}' ${at}`, child);
    } else if (child.name === 'credentials_file') {
      seen.credentials_file = true;
      if (Buffer.byteLength(value, 'latin1') >= GCP_PATH_MAX) log.fail(null, `File path is too long. Max path length is ${GCP_PATH_MAX}.`, child);
      else if (value === '') log.fail(null, `Empty content for tag 'credentials_file' ${at}`, child);
    } else if (child.name === 'max_messages' || child.name === 'num_threads') {
      if (value === '') log.fail(null, `Empty content for tag '${child.name}'`, child);
      else if (!/^[0-9]+$/.test(value)) log.fail(null, `Tag '${child.name}' from the 'gcp-pubsub' module should not have an alphabetic character.`, child);
    } else if (child.name === 'logging') {
      readGcpLogging(child, log, target);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    }
  }
  readSchedule(section, 'gcp-pubsub', log, target);
  // :202-215, after the options: in this order, the first missing one.
  const missing = (['project_id', 'subscription_name', 'credentials_file'] as const).find((name) => !seen[name]);
  if (missing) log.fail(null, `No value defined for tag '${missing}' in module 'gcp-pubsub'`, section);
}

/**
 * wm_gcp_bucket_read (wmodules-gcp.c:219-424 at v4.14.7, the same refusals from v4.3.0 but <logging>): each refusal of
 * one `<gcp-bucket>`. Refused: no children; <enabled> and <run_on_start> other than yes or no; a <bucket> with children
 * without a type attribute, with a first attribute other than type or a type other than access_logs; a child of a
 * <bucket> other than name, remove_from_bucket (yes or no), path, only_logs_after, credentials_file (none empty); a
 * <bucket> without a name or a credentials_file; any other option but the schedule's; and no bucket in this section or
 * an earlier one (the module's data is kept). A <bucket> without children is taken as it is (:288-290).
 */
export function readGcpBucket(section: XmlElement, log: StartupLog, target: TargetVersion, state: ModuleSections): void {
  const at = "at module 'gcp-bucket'";
  const children = childrenOf(section);
  if (children.length === 0) return void log.fail(null, `Empty configuration ${at}.`, section);
  for (const child of children) {
    if (child.name === 'enabled' || child.name === 'run_on_start') {
      if (child.content !== 'yes' && child.content !== 'no') log.fail(null, `Invalid content for tag '${child.name}'`, child);
    } else if (child.name === 'logging') {
      readGcpLogging(child, log, target);
    } else if (child.name === 'bucket') {
      state.buckets++;
      const options = childrenOf(child);
      if (options.length === 0) continue;
      const first = child.attributes[0];
      if (!first) log.fail(null, "No bucket type was specified. The valid one is 'access_logs'.", child);
      else if (first.name !== 'type') log.fail(null, `Attribute name '${first.name}' is not valid. The valid one is 'type'.`, child);
      else if (first.value !== 'access_logs') log.fail(null, `Invalid bucket type '${first.value}'. The valid one is 'access_logs'`, child);
      let name = false;
      let credentials = false;
      let refused = false;
      for (const option of options) {
        const value = option.content;
        const fail = (text: string): void => {
          refused = true;
          log.fail(null, text, option);
        };
        if (option.name === 'name') {
          if (value === '') fail(`Empty content for tag 'name' ${at}.`);
          else name = true;
        } else if (option.name === 'remove_from_bucket') {
          if (value !== 'yes' && value !== 'no') fail(`Invalid content for tag 'remove_from_bucket' ${at}.`);
        } else if (option.name === 'path' || option.name === 'only_logs_after') {
          if (value === '') fail(`Empty content for tag '${option.name}' ${at}`);
        } else if (option.name === 'credentials_file') {
          if (Buffer.byteLength(value, 'latin1') >= GCP_PATH_MAX) fail(`File path is too long. Max path length is ${GCP_PATH_MAX}.`);
          else if (value === '') fail(`Empty content for tag 'credentials_file' ${at}`);
          else credentials = true;
        } else {
          fail(`No such child tag '${option.name}' of bucket ${at}.`);
        }
      }
      // :395-404: after the bucket's options (an empty one is refused above, and counts as missing once fixed otherwise).
      if (!refused && !name) log.fail(null, "No value defined for tag 'name' in module 'gcp-bucket'.", child);
      else if (!refused && !credentials) log.fail(null, "No value defined for tag 'credentials_file' in module 'gcp-bucket'.", child);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    }
  }
  readSchedule(section, 'gcp-bucket', log, target);
  if (state.buckets === 0) log.fail(null, "No buckets or services definitions found at module 'gcp-bucket'.", section);
}

/** An empty-content refusal of the GitHub and Office 365 readers (`Empty content for tag 'X' at module 'M'.`). */
const emptyContent = (name: string, module: string): string => `Empty content for tag '${name}' at module '${module}'.`;

/** w_parse_time refuses the value (src/wazuh/time-units.ts). */
const timeRefused = (value: string): boolean => parseWazuhTime(value) < 0;

/**
 * wm_github_read (src/config/wmodules-github.c:27-172, the same from v4.3.0 to v4.14.7): each refusal of one `<github>`
 * (read only with children, config.c:285-288; on Windows, Linux and macOS). Refused: <enabled> and
 * <only_future_events> other than yes or no; <interval> and <time_delay> w_parse_time refuses; <curl_max_size> below
 * 1KB (w_parse_size); an <api_auth> with children other than org_name and api_token, one of them empty, or without
 * one of them; an <api_parameters> child other than event_type (all, git or web); any other option; and a section
 * without an <api_auth> (each section needs its own).
 */
export function readGithub(section: XmlElement, log: StartupLog): void {
  const module = 'github';
  const at = `at module '${module}'`;
  let auth = false;
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (child.name === 'enabled' || child.name === 'only_future_events') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (child.name === 'interval' || child.name === 'time_delay') {
      if (timeRefused(value)) log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (child.name === 'curl_max_size') {
      if (wParseSize(value) < 1024n) log.fail(null, `Invalid content for tag 'curl_max_size' ${at}. The minimum value allowed is 1KB.`, child);
    } else if (child.name === 'api_auth') {
      auth = true;
      const options = childrenOf(child);
      if (options.length === 0) continue;
      let refused = false;
      for (const option of options) {
        if (option.name !== 'org_name' && option.name !== 'api_token') {
          refused = true;
          log.fail(null, `No such tag '${option.name}' ${at}.`, option);
        } else if (option.content === '') {
          refused = true;
          log.fail(null, emptyContent(option.name, module), option);
        }
      }
      const missing = ['org_name', 'api_token'].find((name) => !options.some((o) => o.name === name));
      if (!refused && missing) log.fail(null, `'${missing}' is missing ${at}.`, child);
    } else if (child.name === 'api_parameters') {
      for (const option of childrenOf(child)) {
        if (option.name !== 'event_type') log.fail(null, `No such tag '${option.name}' ${at}.`, option);
        else if (!['all', 'git', 'web'].includes(option.content)) log.fail(null, `Invalid content for tag 'event_type' ${at}.`, option);
      }
    } else {
      log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    }
  }
  if (!auth) log.fail(null, emptyContent('api_auth', module), section);
}

/**
 * wm_office365_read (src/config/wmodules-office365.c:30-251 at v4.14.7; <api_type> is v4.6.0's, before "No such tag"):
 * each refusal of one `<office365>` (read only with children, config.c:289-292). Refused: <enabled> and
 * <only_future_events> other than yes or no; <interval> w_parse_time refuses or above a day; <curl_max_size> below 1KB;
 * in an <api_auth> with children: an option other than tenant_id, client_id, client_secret_path, client_secret and
 * api_type (commercial, gcc or gcc-high), one of them empty, both secrets, no secret, no client_id, no tenant_id; a
 * <subscriptions> child other than subscription, or an empty one; any other option; and a section without an
 * <api_auth> or without a <subscription>. Not judged: whether the client_secret_path file exists on the node (:182-185).
 */
export function readOffice365(section: XmlElement, log: StartupLog, target: TargetVersion): void {
  const module = 'office365';
  const at = `at module '${module}'`;
  const authOptions = new Set(['tenant_id', 'client_id', 'client_secret_path', 'client_secret', ...(versionAtLeast(target, 4, 6) ? ['api_type'] : [])]);
  let auth = false;
  let subscription = false;
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (child.name === 'enabled' || child.name === 'only_future_events') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (child.name === 'interval') {
      const seconds = parseWazuhTime(value);
      if (seconds < 0 || seconds > 86400) log.fail(null, `Invalid content for tag 'interval' ${at}. The maximum value allowed is 1 day.`, child);
    } else if (child.name === 'curl_max_size') {
      if (wParseSize(value) < 1024n) log.fail(null, `Invalid content for tag 'curl_max_size' ${at}. The minimum value allowed is 1KB.`, child);
    } else if (child.name === 'api_auth') {
      auth = true;
      const options = childrenOf(child);
      if (options.length === 0) continue;
      let refused = false;
      const fail = (text: string, el: XmlElement): void => {
        refused = true;
        log.fail(null, text, el);
      };
      for (const option of options) {
        if (!authOptions.has(option.name)) fail(`No such tag '${option.name}' ${at}.`, option);
        else if (option.content === '') fail(emptyContent(option.name, module), option);
        else if (option.name === 'api_type' && !['commercial', 'gcc', 'gcc-high'].includes(option.content)) fail(`Invalid content for tag 'api_type' ${at}.`, option);
      }
      if (refused) continue;
      const has = (name: string): boolean => options.some((o) => o.name === name);
      // :177-197, in this order.
      if (has('client_secret_path') && has('client_secret')) log.fail(null, `It is not allowed to set 'client_secret' and 'client_secret_path' ${at}.`, child);
      else if (!has('client_secret_path') && !has('client_secret')) log.fail(null, `'client_secret' is missing ${at}.`, child);
      else if (!has('client_id')) log.fail(null, `'client_id' is missing ${at}.`, child);
      else if (!has('tenant_id')) log.fail(null, `'tenant_id' is missing ${at}.`, child);
    } else if (child.name === 'subscriptions') {
      for (const option of childrenOf(child)) {
        if (option.name !== 'subscription') log.fail(null, `No such tag '${option.name}' ${at}.`, option);
        else {
          // Counted even when empty: its own refusal is the one met, and once fixed it is a subscription.
          subscription = true;
          if (option.content === '') log.fail(null, emptyContent('subscription', module), option);
        }
      }
    } else {
      log.fail(null, `No such tag '${child.name}' ${at}.`, child);
    }
  }
  if (!auth) log.fail(null, emptyContent('api_auth', module), section);
  else if (!subscription) log.fail(null, emptyContent('subscriptions', module), section);
}

/**
 * wm_ms_graph_read (src/config/wmodules-ms-graph.c:36-291 at v4.14.7): each refusal of one `<ms-graph>` (read only with
 * children, config.c:293-296), from v4.8.0 (several <api_auth>; <page_size> and <time_delay> are v4.12.0's, before
 * (1233)). Refused: <enabled>, <only_future_events>, <run_on_start> other than yes or no; <curl_max_size> below 1KB;
 * <time_delay> w_parse_time refuses; <page_size> (atol) below 1; <version> other than v1.0 or beta; an <api_auth> or
 * <resource> without children, with an empty or unknown option ((1233)), or without one it needs ((1228): client_id,
 * tenant_id, secret_value, api_type global, gcc-high or dod; name and a relationship); any other option but the
 * schedule's ((1233)); and a section without an <api_auth> or a <resource>.
 */
export function readMsGraph(section: XmlElement, log: StartupLog, target: TargetVersion): void {
  const module = 'ms-graph';
  const at = `at module '${module}'`;
  const invalid = (name: string): string => `(1233): Invalid attribute '${name}' in the configuration: '${module}'.`;
  const noElement = (name: string): string => `(1228): Element '${name}' without any option.`;
  const since412 = versionAtLeast(target, 4, 12);
  let auths = 0;
  let resources = 0;
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (child.name === 'enabled' || child.name === 'only_future_events' || child.name === 'run_on_start') {
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' ${at}.`, child);
    } else if (child.name === 'curl_max_size') {
      if (wParseSize(value) < 1024n) log.fail(null, `Invalid content for tag 'curl_max_size' ${at}. The minimum value allowed is 1KB.`, child);
    } else if (child.name === 'time_delay' && since412) {
      if (timeRefused(value)) log.fail(null, `Invalid content for tag 'time_delay' ${at}.`, child);
    } else if (child.name === 'page_size' && since412) {
      if (atol(value) < 1n) log.fail(null, `Invalid content for tag 'page_size' ${at}. The minimum value allowed is 1.`, child);
    } else if (child.name === 'version') {
      if (value !== 'v1.0' && value !== 'beta') log.fail(null, `Invalid content for tag 'version' ${at}.`, child);
    } else if (child.name === 'api_auth' || child.name === 'resource') {
      const auth = child.name === 'api_auth';
      if (auth) auths++;
      else resources++;
      const options = childrenOf(child);
      if (options.length === 0) {
        log.fail(null, emptyContent(child.name, module), child);
        continue;
      }
      const known = auth ? ['client_id', 'tenant_id', 'secret_value', 'api_type'] : ['name', 'relationship'];
      let refused = false;
      for (const option of options) {
        const fail = (text: string): void => {
          refused = true;
          log.fail(null, text, option);
        };
        if (!known.includes(option.name)) fail(invalid(option.name));
        else if (option.content === '') fail(emptyContent(option.name, module));
        else if (option.name === 'api_type' && !['global', 'gcc-high', 'dod'].includes(option.content)) fail(`Invalid content for tag 'api_type' ${at}.`);
      }
      const missing = known.find((name) => !options.some((o) => o.name === name));
      if (!refused && missing) log.fail(null, noElement(missing), child);
    } else if (!SCHED_TAGS.has(child.name)) {
      log.fail(null, invalid(child.name), child);
    }
  }
  readSchedule(section, module, log, target);
  if (auths === 0) log.fail(null, noElement('api_auth'), section);
  else if (resources === 0) log.fail(null, noElement('resource'), section);
}

/**
 * wm_agent_upgrade_read (src/config/wmodules-agent-upgrade.c:33-206 at v4.14.7, the same refusals from v4.3.0 but the
 * chunk size's maximum): each refusal of one `<agent-upgrade>` of a node's own ossec.conf (read only with children and
 * not from a shared agent.conf, config.c:263-266). A manager's build reads <chunk_size> (digits, 64 to 60000; to
 * 32768 before v4.10.0) and <max_threads> (digits, at most 256); an agent's <enabled> (yes or no),
 * <notification_wait_start> and <notification_wait_max> (strtol base 0 into an unsigned int, not 0 nor INT_MAX, then
 * h, m, s or nothing), <notification_wait_factor> (strtol, above 1) and <ca_verification> (children needed: without,
 * a refusal without a word; its <enabled> yes or no in any case). Any other option (the other build's included) is only
 * warned about and ignored (:182-184): a warning here.
 */
export function readAgentUpgrade(section: XmlElement, log: StartupLog, target: TargetVersion, manager: boolean): void {
  const at = "at module 'agent-upgrade'";
  const invalid = (el: XmlElement, period = '.'): void => void log.fail(null, `Invalid content for tag '${el.name}' ${at}${period}`, el);
  const chunkMax = versionAtLeast(target, 4, 10) ? 60000 : 32768;
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (manager) {
      if (child.name === 'chunk_size') {
        if (!isStrNum(value) || atoi(value) < 64 || atoi(value) > chunkMax) invalid(child);
      } else if (child.name === 'max_threads') {
        if (!isStrNum(value) || atoi(value) > 256) invalid(child);
      } else if (child.name !== 'wpk_repository') {
        log.warn(null, `No such tag <${child.name}> ${at}.`, child);
      }
    } else if (child.name === 'enabled') {
      if (value !== 'yes' && value !== 'no') invalid(child);
    } else if (child.name === 'notification_wait_start' || child.name === 'notification_wait_max') {
      const { value: n, end } = strtolToInt(value);
      const stored = n >>> 0;
      const start = child.name === 'notification_wait_start';
      if (stored === 0 || stored === 0x7fffffff) invalid(child);
      else if (!['h', 'm', 's', ''].includes(value.charAt(end))) {
        // :106 and :128 word the unit's refusal differently.
        if (start) log.fail(null, `Invalid notification_wait_start ${at}`, child);
        else invalid(child, '');
      }
    } else if (child.name === 'notification_wait_factor') {
      if (strtol(value).value <= 1n) invalid(child);
    } else if (child.name === 'ca_verification') {
      const options = childrenOf(child);
      if (options.length === 0) log.fail(null, configError(log.fileName), child);
      for (const option of options) {
        if (option.name === 'enabled' && option.content.toLowerCase() !== 'yes' && option.content.toLowerCase() !== 'no') {
          log.fail(null, 'Invalid content for tag <enabled>', option);
        }
      }
    } else {
      log.warn(null, `No such tag <${child.name}> ${at}.`, child);
    }
  }
}

/**
 * wm_task_manager_read (src/config/wmodules-task-manager.c:18-109, the same from v4.3.0 to v4.14.7): each refusal of
 * a manager's `<task-manager>` (read only with children, by a manager's build alone: config.c:267-274). <cleanup_time>
 * and <task_timeout>: strtol base 0 into an int, not 0 nor INT_MAX, then d, h, m, s or nothing; after the options, a
 * cleanup_time shorter than the task_timeout (the defaults a week and 900 seconds; the module's values are kept from
 * one section to the next). Any other option is only warned about (:96-98).
 */
export function readTaskManager(section: XmlElement, log: StartupLog, state: ModuleSections): void {
  const units: Readonly<Record<string, number>> = { d: 86400, h: 3600, m: 60, s: 1, '': 1 };
  let refused = false;
  for (const child of childrenOf(section)) {
    if (child.name !== 'cleanup_time' && child.name !== 'task_timeout') {
      log.warn(null, `No such tag <${child.name}> at module 'task-manager'.`, child);
      continue;
    }
    const { value: n, end } = strtolToInt(child.content);
    const unit = units[child.content.charAt(end)];
    if (n === 0 || n === 0x7fffffff || unit === undefined) {
      refused = true;
      log.fail(null, `Invalid ${child.name} at module 'task-manager'`, child);
      continue;
    }
    // An int multiplication: it wraps as the C code's does on the machines Wazuh runs on.
    const seconds = Number(BigInt.asIntN(32, BigInt(n) * BigInt(unit)));
    if (child.name === 'cleanup_time') state.taskManager.cleanup = seconds;
    else state.taskManager.timeout = seconds;
  }
  if (!refused && state.taskManager.cleanup < state.taskManager.timeout) log.fail(null, "Too short cleanup_time at module 'task-manager'", section);
}

/** How azure-logs' readers name themselves in what they log. */
const AZURE_AT = "At module 'azure-logs'";

/** The block holds a non-empty `<name>` (what wm_azure_*_read checks before it skips the block). */
function hasValue(block: XmlElement, name: string): boolean {
  return childrenOf(block).some((c) => c.name === name && c.content !== '');
}

/**
 * What wm_azure_api_read, wm_azure_request_read, wm_azure_storage_read and wm_azure_container_read (src/config/
 * wmodules-azure.c:220-597, the same from v4.6.0 to v4.14.7) drop with a message, the module running on: a
 * <log_analytics> or <graph> with an option it does not know ((1230)), without auth_path (or application_id and
 * application_key), tenantdomain or a request; a <request> with an unknown option, a <time_offset> that is 0 or
 * without an m, h or d unit, a <timeout> not 1 to 4294967294, no <query>, or (Log Analytics) no <workspace>; a
 * <storage> with an unknown or empty option, without auth_path (or account_name and account_key) or a container; a
 * <container> without a name attribute, or with a bad <content_type>, <time_offset>, <timeout> or an empty <path>.
 * Each is a warning (log.warn) at the element at fault; what holds it is dropped, and nothing is pulled from it. A
 * dropped request or container still counts for its block's own check (fixing it fixes both).
 */
function readAzureApi(api: XmlElement, log: StartupLog): void {
  const warn = (text: string, el: XmlElement, code: number | null = null): void => void log.warn(code, text, el, api);
  let requests = 0;
  for (const child of childrenOf(api)) {
    if (child.name === 'request') {
      requests++;
      const options = childrenOf(child);
      if (options.length === 0) {
        warn(invalidElement(child.name), child);
        return;
      }
      readAzureRequest(child, api.name === 'log_analytics', log);
    } else if (!['application_id', 'application_key', 'auth_path', 'tenantdomain'].includes(child.name)) {
      return warn(invalidElement(child.name), child);
    }
  }
  if (!hasValue(api, 'auth_path') && !(hasValue(api, 'application_id') && hasValue(api, 'application_key'))) warn(`${AZURE_AT}: No authentication method provided. Skipping block...`, api);
  else if (!hasValue(api, 'tenantdomain')) warn(`${AZURE_AT}: No tenant domain defined. Skipping block...`, api);
  else if (requests === 0) warn(`${AZURE_AT}: No request defined. Skipping block...`, api);
}

/** A time offset wm_azure_request_read and wm_azure_container_read take: strtoul base 0, not 0 nor UINT_MAX, then m, h or d. */
function azureTimeOffset(value: string): string | undefined {
  const { value: offset, end } = strtoul(value, 32);
  if (offset === 0 || offset === 0xffffffff) return `${AZURE_AT}: Invalid time offset.`;
  if (!['m', 'h', 'd'].includes(value.charAt(end))) return `${AZURE_AT}: Invalid time offset: It should be specified minutes, hours or days.`;
  return undefined;
}

/** A timeout wm_azure_request_read and wm_azure_container_read take: atol, above 0 and below UINT_MAX. */
function azureTimeout(value: string): string | undefined {
  return atol(value) <= 0n || atol(value) >= UINT_MAX ? `${AZURE_AT}: Invalid timeout.` : undefined;
}

function readAzureRequest(request: XmlElement, logAnalytics: boolean, log: StartupLog): void {
  const warn = (text: string, el: XmlElement): void => void log.warn(null, text, el, request);
  for (const child of childrenOf(request)) {
    const value = child.content;
    let problem: string | undefined;
    if (child.name === 'time_offset') problem = azureTimeOffset(value);
    else if (child.name === 'timeout') problem = azureTimeout(value);
    else if (!['tag', 'query', 'workspace'].includes(child.name)) problem = invalidElement(child.name);
    if (problem) return warn(problem, child);
  }
  if (!hasValue(request, 'query')) warn(`${AZURE_AT}: No query defined. Skipping request block...`, request);
  else if (logAnalytics && !hasValue(request, 'workspace')) warn(`${AZURE_AT}: No Workspace ID defined. Skipping request block...`, request);
}

function readAzureStorage(storage: XmlElement, log: StartupLog): void {
  const warn = (text: string, el: XmlElement, code: number | null = null): void => void log.warn(code, text, el, storage);
  let containers = 0;
  for (const child of childrenOf(storage)) {
    if (child.name === 'container') {
      containers++;
      const first = child.attributes[0];
      if (!first) log.warn(null, `${AZURE_AT}: Container name not found. Skipping container...`, child, child);
      else if (first.name !== 'name' || first.value === '') log.warn(null, `${AZURE_AT}: Invalid container name. Skipping container...`, child, child);
      else readAzureContainer(child, log);
    } else if (child.content === '') {
      return warn(`(1234): Invalid NULL content for element: ${child.name}.`, child, 1234);
    } else if (!['account_name', 'account_key', 'auth_path', 'tag'].includes(child.name)) {
      return warn(invalidElement(child.name), child);
    }
  }
  if (!hasValue(storage, 'auth_path') && !(hasValue(storage, 'account_name') && hasValue(storage, 'account_key'))) warn(`${AZURE_AT}: No authentication method provided. Skipping block...`, storage);
  else if (containers === 0) warn(`${AZURE_AT}: No container defined. Skipping block...`, storage);
}

function readAzureContainer(container: XmlElement, log: StartupLog): void {
  const warn = (text: string, el: XmlElement): void => void log.warn(null, text, el, container);
  for (const child of childrenOf(container)) {
    const value = child.content;
    let problem: string | undefined;
    if (child.name === 'content_type') {
      // strncmp against each name's length: a value that starts with one is taken.
      if (!['json_file', 'json_inline', 'text'].some((t) => value.startsWith(t))) problem = `${AZURE_AT}: Invalid content type. It should be 'json_file', 'json_inline' or 'text'.`;
    } else if (child.name === 'time_offset') problem = azureTimeOffset(value);
    else if (child.name === 'timeout') problem = azureTimeout(value);
    else if (child.name === 'path') problem = value === '' ? "Empty content for tag 'path' at module 'azure-logs'" : undefined;
    else if (child.name !== 'blobs') problem = invalidElement(child.name);
    if (problem) return warn(problem, child);
  }
}
