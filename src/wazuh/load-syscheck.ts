/**
 * What wazuh-syscheckd refuses in `<syscheck>` (Read_Syscheck, src/config/syscheck-config.c:1622-2255, v4.14.7):
 * a refusal makes Read_Syscheck return OS_INVALID. In a node's own ossec.conf syscheckd does not stop: it warns
 * and runs with file integrity monitoring disabled (src/syscheckd/src/main.c:134-136; from v3.13.0: before, merror_exit,
 * src/syscheckd/main.c:108-109 at v3.12.0, so it exits: src/lint/agent-reads.ts syscheckdExits). In a shared agent.conf it is
 * Test_Syscheck's refusal (:2331-2351), the first test of verifyRemoteConf (src/client-agent/reload_agent.c:71):
 * agents refuse the file.
 *
 * The Windows-only options (`<windows_registry>`, `<registry_ignore*>`, `<windows_audit_interval>`, read under
 * #ifdef WIN32) are readWindowsOptions'. Not modelled: what depends on the agent's disk (`<prefilter_cmd>` is
 * refused when its program does not exist there, :2041-2066). An unknown option, only warned about from 3.12 (:2225-2227),
 * is unknownSyscheckOptions'; before 3.12 a refusal (refusedUnknownOption). What syscheckd reads
 * otherwise than written without a refusal (a `<directories>` line skipped, a recursion_level capped, the rest of a
 * `<diff>` unread) is skippedDirectories', cappedRecursionLevels' and diffStops' below.
 */
import type { XmlAttribute, XmlElement } from '../document/types.ts';
import { atoi, isStrNum, strtol } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue, StartupLog } from './load-log.ts';
import { compileOsMatch } from './os-match.ts';
import { versionAtLeastText, type TargetVersion } from './version.ts';

/** The `<syscheck>` options read with strcmp against yes and no, refused on any other word (:1870-1938, 2070-2079, 2203-2216). */
export const SYSCHECK_SWITCHES: ReadonlySet<string> = new Set(['disabled', 'scan_on_start', 'skip_nfs', 'skip_dev', 'skip_sys', 'skip_proc', 'restart_audit', 'allow_remote_prefilter_cmd']);

/** The options read with OS_StrIsNum, refused unless all digits (:1753-1760, 2218-2223). */
const DIGITS = new Set(['frequency', 'max_files_per_second']);

/**
 * `<allow_remote_prefilter_cmd>` in a shared agent.conf: Read_Syscheck warns and skips it, and the option after it
 * too (its branch does `i++; continue;` inside a `for (...; i++)` loop, :2202-2208). `skipped` is that option, or
 * null when it is the last one: the loop then reads one entry past the end of the list of options.
 */
export function remotePrefilterSkips(section: XmlElement): { option: XmlElement; skipped: XmlElement | null }[] {
  const children = childrenOf(section);
  const out: { option: XmlElement; skipped: XmlElement | null }[] = [];
  for (let i = 0; i < children.length; i++) {
    if (children[i]!.name !== 'allow_remote_prefilter_cmd') continue;
    out.push({ option: children[i]!, skipped: children[i + 1] ?? null });
    i++;
  }
  return out;
}

/**
 * Read_Syscheck: each value it refuses, one fix at a time (`shared`: a group's agent.conf, read with CAGENT_CONFIG;
 * `windows`: the section may reach Windows agents, which read the Windows-only options: readWindowsOptions).
 */
export function readSyscheck(section: XmlElement, log: StartupLog, shared: boolean, windows = false, target?: TargetVersion): void {
  if (windows) readWindowsOptions(section, log, shared);
  const skipped = new Set(shared ? remotePrefilterSkips(section).flatMap((s) => [s.option, ...(s.skipped ? [s.skipped] : [])]) : []);
  for (const child of childrenOf(section)) {
    if (skipped.has(child)) continue;
    // Before 3.12 an option Read_Syscheck does not know is a refusal (refusedUnknownOption).
    if (target && refusedUnknownOption(child, target)) {
      log.fail(1230, invalidElement(child.name), child);
      continue;
    }
    const value = child.content;
    const refuse = (el: XmlElement = child): void => void log.fail(1235, invalidValue(el.name, el.content), el);
    if (SYSCHECK_SWITCHES.has(child.name)) {
      if (value !== 'yes' && value !== 'no') refuse();
    } else if (DIGITS.has(child.name)) {
      if (!isStrNum(value)) refuse();
    } else if (child.name === 'scan_time') {
      if (!isValidUniqueTime(value)) refuse();
    } else if (child.name === 'scan_day') {
      if (!isValidDay(value)) refuse();
    } else if (child.name === 'process_priority') {
      // :2162-2172: strtol, the whole value, -20 to 19.
      const n = strtol10(value);
      if (n === null || n < -20n || n > 19n) refuse();
    } else if (child.name === 'file_limit' || child.name === 'registry_limit') {
      // :1783-1866: <enabled> yes or no and <entries> digits (read on every platform); other children are ignored.
      for (const option of childrenOf(child)) {
        if (option.name === 'enabled' && option.content !== 'yes' && option.content !== 'no') refuse(option);
        else if (option.name === 'entries' && !isStrNum(option.content)) refuse(option);
      }
    } else if (child.name === 'ignore' || child.name === 'nodiff') {
      // :1952-1967, 2021-2036: an attribute is taken only as type="sregex"; any other first attribute is refused.
      const first = child.attributes[0];
      if (first && !(first.name === 'type' && first.value === 'sregex')) log.fail(6679, `(6679): Invalid attribute '${first.name}' for '${child.name}' option.`, child);
    } else if (child.name === 'whodata') {
      readWhodata(child, log, refuse);
    }
  }
}

/** `<whodata>` (:2083-2161): its switches, provider, queue_size (not on Windows) and no other child. */
function readWhodata(whodata: XmlElement, log: StartupLog, refuse: (el: XmlElement) => void): void {
  for (const option of childrenOf(whodata)) {
    const value = option.content;
    if (option.name === 'audit_key') continue;
    if (option.name === 'startup_healthcheck' || option.name === 'restart_audit') {
      if (value !== 'yes' && value !== 'no') refuse(option);
    } else if (option.name === 'provider') {
      if (value !== 'ebpf' && value !== 'audit') refuse(option);
    } else if (option.name === 'queue_size') {
      const n = strtol10(value);
      if (n === null || n < 10n || n > 1024n * 1024n) refuse(option);
    } else {
      log.fail(1231, '(1231): Invalid NULL element in the configuration.', option);
    }
  }
}

/** C strtol with base 10 over the whole text (`*end` must be the terminator); null when anything else follows. */
function strtol10(text: string): bigint | null {
  const { value, rest } = strtol(text);
  return rest === '' ? value : null;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** __gethour (src/shared/validate_op.c:670-766): where the hour ends in `s` from `at`, or null when refused. Past the end reads '\0'. */
function getHour(s: string, at: number): number | null {
  const ch = (k: number): string => s.charAt(k);
  let p = at;
  const hour = atoi(s.slice(p));
  if (hour < 0 || hour >= 24) return null;
  let size = 0;
  while (isDigit(ch(p))) {
    size++;
    p++;
  }
  if (size > 2) return null;
  let minute = 0;
  if (ch(p) === ':') {
    p++;
    if ((!isDigit(ch(p)) || !isDigit(ch(p + 1))) && isDigit(ch(p + 2))) return null;
    minute = atoi(s.slice(p));
    p += 2;
  }
  while (ch(p) === ' ') p++;
  // snprintf("%02d:%02d") into 7 bytes: refused when it does not fit.
  const fits = (h: number): boolean => `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`.length < 7;
  const c = ch(p).toLowerCase();
  if (c === 'a' || c === 'p') {
    if (ch(p + 1).toLowerCase() !== 'm') return null;
    const h = (hour === 12 ? 0 : hour) + (c === 'p' ? 12 : 0);
    if (h >= 24 || !fits(h)) return null;
    return p + 2;
  }
  return fits(hour) ? p : null;
}

/** OS_IsValidTime (validate_op.c:768-840): `[!] hour - hour`, nothing after. */
function isValidTime(s: string): boolean {
  // RM_WHITE: past the spaces from k.
  const skip = (k: number): number => (s.charAt(k) === ' ' ? skip(k + 1) : k);
  let p = skip(0);
  if (s.charAt(p) === '!') p = skip(p + 1);
  const first = getHour(s, p);
  if (first === null || s.charAt(skip(first)) !== '-') return false;
  const second = getHour(s, skip(skip(first) + 1));
  return second !== null && s.charAt(skip(second)) === '';
}

/** OS_IsValidUniqueTime (validate_op.c:859-871): one time, written into "T-T" (128 bytes at most) and checked as a range. */
export function isValidUniqueTime(value: string): boolean {
  if (value.startsWith('!')) return false;
  return isValidTime(`${value}-${value}`.slice(0, 128));
}

/** The names in the order OS_IsValidDay tries them. */
const DAYS = ['sunday', 'sun', 'monday', 'mon', 'tuesday', 'tue', 'wednesday', 'wed', 'thursday', 'thu', 'friday', 'fri', 'saturday', 'sat', 'weekdays', 'weekends'];

/**
 * OS_IsValidDay (validate_op.c:907-987): day names (any case, a name may be a prefix: the first that matches is
 * taken) separated by spaces or commas, at least one. A leading '!' is refused: the '!' is noted but not skipped.
 */
export function isValidDay(value: string): boolean {
  let p = 0;
  while (value.charAt(p) === ' ') p++;
  // Every name sets at least one day (weekdays: Monday to Friday, weekends: Saturday and Sunday).
  let any = false;
  while (p < value.length) {
    const rest = value.slice(p).toLowerCase();
    const day = DAYS.find((name) => rest.startsWith(name));
    if (!day) return false;
    any = true;
    p += day.length;
    const c = value.charAt(p);
    if (c === ' ' || c === ',') {
      while (value.charAt(p) === ' ' || value.charAt(p) === ',') p++;
    } else if (c !== '') {
      return false;
    }
  }
  return any;
}

/** The `<rootcheck>` options Read_Rootcheck knows (src/config/rootcheck-config.c:37-60): those read as yes/no (eval_bool, :17-28), those read as text. */
export const ROOTCHECK_SWITCHES: ReadonlySet<string> = new Set([
  'scanall', 'readall', 'disabled', 'skip_nfs', 'check_dev', 'check_files', 'check_if', 'check_pids', 'check_ports', 'check_sys', 'check_trojans',
  'check_unixaudit', 'check_winapps', 'check_winaudit', 'check_winmalware',
]);
const ROOTCHECK_TEXT = new Set(['rootkit_files', 'rootkit_trojans', 'windows_audit', 'system_audit', 'windows_apps', 'windows_malware', 'base_directory']);

/**
 * Read_Rootcheck (src/config/rootcheck-config.c:31-270, v4.14.7): each refusal, one fix at a time. wazuh-syscheckd
 * reads `<rootcheck>` (rootcheck_init, src/rootcheck/rootcheck.c:177-180): in a node's own file a refusal turns
 * rootcheck off (src/syscheckd/src/main.c:156-160) and syscheckd runs on; in a shared agent.conf it is Test_Rootcheck's
 * (:272-290), the second test of verifyRemoteConf. The check_win* switches are read on Windows only and check_unixaudit
 * everywhere else (:231-268): each is judged as Linux agents, the most common, judge it (a check_winapps of 'true' is
 * refused by Windows agents only, and not reported).
 */
export function readRootcheck(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (ROOTCHECK_SWITCHES.has(child.name)) {
      const windowsOnly = child.name.startsWith('check_win');
      if (!windowsOnly && value !== 'yes' && value !== 'no') log.fail(1235, invalidValue(child.name, value), child);
    } else if (child.name === 'frequency') {
      if (!isStrNum(value)) log.fail(1235, invalidValue(child.name, value), child);
    } else if (child.name === 'ignore') {
      // :145-176: an attribute must be type="sregex" (the first one is checked).
      const first = child.attributes[0];
      if (first && first.name !== 'type') log.fail(null, `Invalid attribute for '${child.name}': '${first.name}'.`, child);
      else if (first && first.value !== 'sregex') log.fail(null, `Invalid value for '${first.name}': '${first.value}'.`, child);
    } else if (!ROOTCHECK_TEXT.has(child.name)) {
      log.fail(1230, invalidElement(child.name), child);
    }
  }
}

/**
 * The `<syscheck>` options Read_Syscheck knows, and the release that brought each (its strcmp list, read at every
 * x.y.0 from v3.12.0 to v4.14.7; none was dropped): on any other name it logs (1230) and goes on, from 3.12
 * (`mwarn(XML_INVELEM)`, :2225-2227; before 3.12 it refused the section: refusedUnknownOption).
 * `registry_ignore` is compared as a prefix from 4.1 (strncmp: registry_ignore_value too), exactly before.
 */
const SYSCHECK_OPTIONS: ReadonlyMap<string, string | undefined> = new Map([
  ...['alert_new_files', 'allow_remote_prefilter_cmd', 'auto_ignore', 'database', 'directories', 'disabled', 'frequency', 'ignore', 'max_eps', 'nodiff',
    'prefilter_cmd', 'process_priority', 'registry_ignore', 'remove_old_diff', 'restart_audit', 'scan_day', 'scan_on_start', 'scan_time', 'skip_dev',
    'skip_nfs', 'skip_proc', 'skip_sys', 'synchronization', 'whodata', 'windows_audit_interval', 'windows_registry'].map((n): [string, string | undefined] => [n, undefined]),
  ['file_limit', '3.13'],
  ['diff', '4.0'],
  ['max_files_per_second', '4.2'],
  ['registry_limit', '4.6'],
]);

/** The release that brought a `<syscheck>` option, when it is one of those a later release added. */
export function syscheckOptionSince(name: string): string | undefined {
  return SYSCHECK_OPTIONS.get(name);
}

/** Whether the target's Read_Syscheck knows a `<syscheck>` option. */
export function syscheckKnows(name: string, target: TargetVersion): boolean {
  if (versionAtLeastText(target, '4.1') && name.startsWith('registry_ignore')) return true;
  if (!SYSCHECK_OPTIONS.has(name)) return false;
  const since = SYSCHECK_OPTIONS.get(name);
  return since === undefined || versionAtLeastText(target, since);
}

/** The `<syscheck>` options the target knows (for suggestions). */
export function syscheckOptionNames(target: TargetVersion): string[] {
  return [...SYSCHECK_OPTIONS.keys()].filter((n) => syscheckKnows(n, target));
}

/**
 * The children of a `<syscheck>` section the target's wazuh-syscheckd does not know: it logs (1230): Invalid element
 * in the configuration and reads the rest (3.12 and later; none before, when it refused the section instead).
 */
export function unknownSyscheckOptions(section: XmlElement, target: TargetVersion): XmlElement[] {
  if (!versionAtLeastText(target, '3.12')) return [];
  return childrenOf(section).filter((c) => !c.isVariable && !syscheckKnows(c.name, target));
}

/**
 * The `<syscheck>` options Read_Syscheck compared before 3.12, and the release that brought each (its strcmp chain at
 * every x.y.0 from v3.0.0 to v3.11.0, the same on every platform: the Windows-only ones are read under #ifdef WIN32
 * inside their branch). Any other child was `merror(XML_INVELEM)` and OS_INVALID (src/config/syscheck-config.c:550 at
 * v3.11.0): a refusal, where 3.12 only warns (SYSCHECK_OPTIONS). database, max_eps, process_priority, skip_dev,
 * skip_proc, skip_sys and synchronization are v3.12.0's.
 */
const SYSCHECK_OPTIONS_BEFORE_3_12: ReadonlyMap<string, string> = new Map([
  ...['alert_new_files', 'auto_ignore', 'directories', 'disabled', 'frequency', 'ignore', 'nodiff', 'prefilter_cmd', 'windows_registry', 'registry_ignore',
    'scan_on_start', 'scan_day', 'scan_time', 'skip_nfs'].map((n): [string, string] => [n, '3.0']),
  ['remove_old_diff', '3.4'], ['restart_audit', '3.4'], ['windows_audit_interval', '3.4'],
  ['whodata', '3.8'],
  ['allow_remote_prefilter_cmd', '3.11'],
]);

/** A `<syscheck>` child a 3.0-3.11 Read_Syscheck refuses ((1230), the section fails): one it did not know yet. */
function refusedUnknownOption(child: XmlElement, target: TargetVersion): boolean {
  if (child.isVariable || !versionAtLeastText(target, '3.0') || versionAtLeastText(target, '3.12')) return false;
  const since = SYSCHECK_OPTIONS_BEFORE_3_12.get(child.name);
  return since === undefined || !versionAtLeastText(target, since);
}

/** Whether `name` is a yes/no attribute of `<directories>` (check_md5sum, realtime, ...), which some write as an option. */
export function isDirectoriesAttribute(name: string): boolean {
  return DIRECTORY_SWITCHES.has(name);
}

/** The `<directories>` attributes read_attr compares with strcmp against yes and no (:800-1022; check_attrs is Windows-only). */
const DIRECTORY_SWITCHES = new Set([
  'check_all', 'check_sum', 'check_md5sum', 'check_sha1sum', 'check_sha256sum', 'whodata', 'check_perm', 'check_size', 'check_owner',
  'check_group', 'check_mtime', 'check_inode', 'realtime', 'report_changes', 'follow_symbolic_link',
]);

/** Why a `<directories>` line is skipped: a yes/no attribute (6924), or a recursion_level or diff_size_limit syscheckd cannot read. */
export type SkipCause = 'switch' | 'value';

/**
 * The `<directories>` lines wazuh-syscheckd skips whole (read_attr, src/config/syscheck-config.c:752-1202): read_attr
 * reads the attributes in order and, at the first it cannot take, logs a warning and reads no path of the line
 * (`goto out_free`): a yes/no attribute with another value ("(6924): Invalid option ... will not be monitored."), a
 * recursion_level not all digits ("(1235): Invalid value for element 'recursion_level': V.", :990-994), a
 * diff_size_limit read_data_unit refuses ((6924), :1022-1040). Read_Syscheck goes on, so nothing is refused. Each
 * with that attribute and what syscheckd logs. In a shared agent.conf, a line skipped after
 * <allow_remote_prefilter_cmd> is not read at all.
 */
export function skippedDirectories(section: XmlElement, shared: boolean): { directories: XmlElement; attribute: XmlAttribute; logged: string; cause: SkipCause }[] {
  const out: { directories: XmlElement; attribute: XmlAttribute; logged: string; cause: SkipCause }[] = [];
  for (const child of readDirectories(section, shared)) {
    const skip = (bad: XmlAttribute): string => `(6924): Invalid option '${bad.value}' for attribute '${bad.name}'. The paths '${child.content}' will not be monitored.`;
    for (const a of child.attributes) {
      if (DIRECTORY_SWITCHES.has(a.name) && a.value !== 'yes' && a.value !== 'no') {
        out.push({ directories: child, attribute: a, logged: skip(a), cause: 'switch' });
      } else if (a.name === 'recursion_level' && !isStrNum(a.value)) {
        out.push({ directories: child, attribute: a, logged: invalidValue(a.name, a.value), cause: 'value' });
      } else if (a.name === 'diff_size_limit' && dataUnitRefused(a.value)) {
        out.push({ directories: child, attribute: a, logged: skip(a), cause: 'value' });
      } else {
        continue;
      }
      break;
    }
  }
  return out;
}

/** MAX_DEPTH_ALLOWED (src/config/syscheck-config.h:141), and the default depth syscheck.default_max_depth sets (etc/internal_options.conf). */
const MAX_DEPTH_ALLOWED = 320;
const DEFAULT_MAX_DEPTH = 256;

/**
 * The `<directories recursion_level>` over MAX_DEPTH_ALLOWED (read_attr, :995-1002): syscheckd logs "Recursion level
 * 'N' exceeding limit. Setting 320." but sets syscheck.default_max_depth (256 unless local_internal_options.conf
 * says otherwise), and monitors the line. (atoi into an unsigned int: a number past INT_MAX is over the limit too.)
 */
export function cappedRecursionLevels(section: XmlElement, shared: boolean): { attribute: XmlAttribute; logged: string; applied: number }[] {
  const out: { attribute: XmlAttribute; logged: string; applied: number }[] = [];
  const skipped = new Set(skippedDirectories(section, shared).map((s) => s.directories));
  for (const child of readDirectories(section, shared)) {
    if (skipped.has(child)) continue;
    for (const a of child.attributes) {
      if (a.name !== 'recursion_level' || !isStrNum(a.value)) continue;
      const level = atoi(a.value);
      if (level < 0 || level > MAX_DEPTH_ALLOWED) out.push({ attribute: a, logged: `Recursion level '${level}' exceeding limit. Setting ${MAX_DEPTH_ALLOWED}.`, applied: DEFAULT_MAX_DEPTH });
    }
  }
  return out;
}

/** The `<directories>` lines Read_Syscheck hands to read_attr (in a shared agent.conf, not one after <allow_remote_prefilter_cmd>). */
function readDirectories(section: XmlElement, shared: boolean): XmlElement[] {
  const unread = new Set(shared ? remotePrefilterSkips(section).flatMap((s) => (s.skipped ? [s.skipped] : [])) : []);
  return childrenOf(section).filter((c) => c.name === 'directories' && !unread.has(c));
}

/**
 * read_data_unit (src/config/syscheck-config.c:1298-1366) refuses the value (-1): a number of KB, or a number with
 * KB, MB, GB or TB (any case; another letter before the B is taken as KB). Refused: bytes ("100B"), a unit without its
 * B ("50M", "1G"), anything not digits before the unit. Values whose reading is undefined in C (empty, "B") pass.
 */
export function dataUnitRefused(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  const last = value.charAt(n - 1);
  if (last === 'B' || last === 'b') {
    if (n < 2) return false;
    const unit = value.charAt(n - 2);
    if (/^[A-Za-z]$/.test(unit)) return !isStrNum(value.slice(0, n - 2));
    return isDigit(unit);
  }
  if (isDigit(last)) return !isStrNum(value);
  return true;
}

/** What parse_diff could not take: the element (or its attribute), what syscheckd logs, and the options after it it leaves unread. */
export interface DiffStop {
  element: XmlElement;
  /** The attribute it refused, for a `<nodiff>` or `<registry_nodiff>`. */
  attribute?: XmlAttribute;
  logged: string;
  unread: XmlElement[];
  /** Read by Windows agents only (`<registry_nodiff>`). */
  windows?: boolean;
}

/**
 * The `<diff>` values wazuh-syscheckd cannot take (parse_diff, src/config/syscheck-config.c:1368-1620): a
 * <disk_quota> or <file_size> whose <enabled> is not yes or no or whose <limit> read_data_unit refuses. It logs
 * "(1235): Invalid value for element ..." as a warning and returns (:1540-1543, 1549-1553, 1583-1586, 1592-1596):
 * that value and every <diff> option after it keep their defaults (disk_quota 1 GB, file_size 50 MB). Likewise a
 * <nodiff> whose first attribute is not type="sregex" ((6679), :1407-1438) or whose sregex pattern OSMatch does not
 * compile (:1424-1428), and, on Windows agents only (`windows`: the section may reach them), a <registry_nodiff>
 * attribute other than type="sregex" or an arch of 32bit, 64bit or both ((1233), :1465-1524). The first one of
 * each `<diff>`, with what it leaves unread.
 */
export function diffStops(section: XmlElement, windows = false): DiffStop[] {
  const out: DiffStop[] = [];
  for (const diff of childrenOf(section).filter((c) => c.name === 'diff')) {
    const options = childrenOf(diff);
    for (const [i, option] of options.entries()) {
      const unread = options.slice(i + 1);
      if (option.name === 'nodiff') {
        const first = option.attributes[0];
        if (first && !(first.name === 'type' && first.value === 'sregex')) {
          out.push({ element: option, attribute: first, logged: `(6679): Invalid attribute '${first.name}' for '${option.name}' option.`, unread });
          break;
        }
        if (first && compileOsMatch(option.content) === null) {
          out.push({ element: option, attribute: first, logged: `(1450): Syntax error on regex: '${option.content}': 3.`, unread });
          break;
        }
        continue;
      }
      if (option.name === 'registry_nodiff') {
        const bad = windows ? option.attributes.find(registryAttributeRefused) : undefined;
        if (bad) {
          out.push({ element: option, attribute: bad, logged: `(1233): Invalid attribute '${bad.name}' in the configuration: '${option.content}'.`, unread, windows: true });
          break;
        }
        continue;
      }
      if (option.name !== 'disk_quota' && option.name !== 'file_size') continue;
      const bad = childrenOf(option).find((c) => (c.name === 'enabled' && c.content !== 'yes' && c.content !== 'no') || (c.name === 'limit' && dataUnitRefused(c.content)));
      if (!bad) continue;
      out.push({ element: bad, logged: invalidValue(bad.name, bad.content), unread });
      break;
    }
  }
  return out;
}

/** The `<syscheck>` options Read_Syscheck reads on Windows only (#ifdef WIN32, :1720-1737, 1970-2015); elsewhere passed over. */
export function isWindowsOnlySyscheckOption(name: string): boolean {
  return name === 'windows_registry' || name === 'windows_audit_interval' || name.startsWith('registry_ignore');
}

/** The `<windows_registry>` attributes read_reg compares with strcmp against yes and no (src/config/syscheck-config.c:452-565). */
const REGISTRY_SWITCHES = new Set([
  'report_changes', 'check_all', 'check_sum', 'check_md5sum', 'check_sha1sum', 'check_sha256sum', 'check_size', 'check_owner', 'check_group',
  'check_perm', 'check_mtime', 'check_type',
]);
const ARCHES = new Set(['32bit', '64bit', 'both']);
/** An attribute of `<registry_ignore>` or `<registry_nodiff>` other than type="sregex" or an arch, which the Windows reader refuses (1233). */
const registryAttributeRefused = (a: XmlAttribute) => !(a.name === 'type' && a.value === 'sregex') && !(a.name === 'arch' && ARCHES.has(a.value));

/**
 * What only Windows agents' wazuh-syscheckd refuses in `<syscheck>` (#ifdef WIN32 in Read_Syscheck; elsewhere these
 * options are passed over without a word): a `<windows_registry>` line read_reg cannot take (:384-665: an arch other
 * than 32bit/64bit/both, a yes/no attribute with another value, a recursion_level not digits, a diff_size_limit
 * read_data_unit refuses, any other attribute; read_reg returns 0 and Read_Syscheck OS_INVALID, :1720-1726), a
 * `<windows_audit_interval>` not digits (:1729-1737), a `<registry_ignore*>` attribute other than type="sregex" or
 * arch (:1970-2000). Each refusal is marked `platform: 'windows'`.
 */
function readWindowsOptions(section: XmlElement, log: StartupLog, shared: boolean): void {
  const windows = (code: number | null, text: string, el: XmlElement): void => void (log.fail(code, text, el).platform = 'windows');
  const skipped = new Set(shared ? remotePrefilterSkips(section).flatMap((s) => [s.option, ...(s.skipped ? [s.skipped] : [])]) : []);
  for (const child of childrenOf(section)) {
    if (skipped.has(child)) continue;
    const entries = child.content;
    if (child.name === 'windows_registry') {
      for (const a of child.attributes) {
        const invalidAttribute = `(1233): Invalid attribute '${a.name}' in the configuration: '${entries}'.`;
        if (a.name === 'tags' || a.name === 'restrict_key' || a.name === 'restrict_value') continue;
        if (a.name === 'arch') {
          if (ARCHES.has(a.value)) continue;
          windows(1233, invalidAttribute, child);
        } else if (REGISTRY_SWITCHES.has(a.name) || a.name === 'diff_size_limit') {
          const bad = a.name === 'diff_size_limit' ? dataUnitRefused(a.value) : a.value !== 'yes' && a.value !== 'no';
          if (!bad) continue;
          windows(6937, `(6937): Invalid option '${a.value}' for attribute '${a.name}'. The registry '${entries}' not be monitored.`, child);
        } else if (a.name === 'recursion_level') {
          if (isStrNum(a.value)) continue;
          // :442-444: the message names the registry entries, not the value.
          windows(1235, invalidValue(a.name, entries), child);
        } else {
          windows(1233, invalidAttribute, child);
        }
        break;
      }
    } else if (child.name === 'windows_audit_interval') {
      if (!isStrNum(entries)) windows(1235, invalidValue(child.name, entries), child);
    } else if (isWindowsOnlySyscheckOption(child.name)) {
      const bad = child.attributes.find(registryAttributeRefused);
      if (bad) windows(1233, `(1233): Invalid attribute '${bad.name}' in the configuration: '${entries}'.`, child);
    }
  }
}
