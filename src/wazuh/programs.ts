/**
 * What arctl knows about the active-response programs Wazuh ships (wazuh-semantics.md §7): which ones
 * block something and undo it on the timeout's "delete" call, and which platform each runs on.
 * Programs are recognised by their `<executable>` file name; the 3.x `.sh`/`.cmd` and 4.2+ `.exe`
 * spellings of one program share a base name. The command definitions and script names come from
 * etc/templates/config/generic/ar-commands.template, src/Makefile and src/win32/wazuh-installer.wxs.
 */

/** The executable's file name without a directory part or a `.sh` / `.cmd` / `.exe` / `.bat` / `.ps1` suffix. */
export function programBaseName(executable: string): string {
  const file = executable.trim().split(/[\\/]/).pop() ?? '';
  return file.replace(/\.(sh|cmd|exe|bat|ps1)$/i, '');
}

/**
 * Stock programs that block or disable something and undo it when the timeout expires
 * (lint-rules.md rule 20 list): firewall drops, host.deny, null routes, netsh, account disabling.
 */
const BLOCKING_PROGRAMS = new Set([
  'firewall-drop',
  'default-firewall-drop',
  'firewalld-drop',
  'host-deny',
  'route-null',
  'route-null-2012',
  'netsh',
  'netsh-win-2016',
  'disable-account',
  'pf',
  'ipfw',
  'ipfw_mac',
  'npf',
  'ip-customblock',
]);

/** Shipped programs that do something once and keep nothing to undo (they never answer execd's check_keys). */
const ONE_SHOT_PROGRAMS = new Set(['restart-wazuh', 'restart-ossec', 'restart', 'wazuh-slack', 'ossec-slack', 'ossec-tweeter', 'kaspersky']);

/** Any program Wazuh ships (3.x and 4.x names). */
export function isStockProgram(executable: string): boolean {
  const base = programBaseName(executable);
  return BLOCKING_PROGRAMS.has(base) || ONE_SHOT_PROGRAMS.has(base);
}

/**
 * What a shipped 4.2+ program answers execd's check_keys with (src/active-response/*.c): the IP
 * blockers the srcip, disable-account the user; one-shot programs answer nothing. Undefined for
 * programs Wazuh does not ship.
 */
export function stockProgramKey(executable: string): 'srcip' | 'user' | 'none' | undefined {
  const base = programBaseName(executable);
  if (base === 'disable-account') return 'user';
  if (BLOCKING_PROGRAMS.has(base)) return 'srcip';
  if (ONE_SHOT_PROGRAMS.has(base)) return 'none';
  return undefined;
}

/**
 * The line a shipped 4.2+ program writes to active-responses.log when the alert lacks its key (or the key is
 * not valid), just before it exits without answering check_keys (v4.14.7, src/active-response/): the IP
 * blockers read the source IP (get_srcip_from_json), disable-account the user (get_username_from_json).
 * Their wording differs: firewall-drop (firewalls/default-firewall-drop.c:33), firewalld-drop.c:33,
 * host-deny.c:38 and ip-customblock.c:28 add "or invalid IP format"; route-null.c:31, netsh.c:78,
 * firewalls/pf.c:50, ipfw.c:30 and npf.c:28 do not. Undefined for programs 4.2+ hosts do not ship.
 */
const KEY_REFUSALS: ReadonlyMap<string, string> = new Map([
  ...['firewall-drop', 'firewalld-drop', 'host-deny', 'ip-customblock'].map((p) => [p, "Cannot read 'srcip' from data or invalid IP format"] as const),
  ...['route-null', 'netsh', 'pf', 'ipfw', 'npf'].map((p) => [p, "Cannot read 'srcip' from data"] as const),
  ['disable-account', "Cannot read 'dstuser' from data or invalid username format"],
]);

export function stockProgramKeyRefusal(executable: string): string | undefined {
  return KEY_REFUSALS.get(programBaseName(executable));
}

/**
 * Stock 4.2+ programs that take what they act on from the command's <extra_args> (v4.14.7): wazuh-slack the
 * webhook URL it posts the alert to (wazuh-slack.c:64-70), kaspersky the arguments it hands kaspersky.py
 * (kaspersky.c:27-33). Without one, get_extra_args_from_json (active_responses.c:405-442) gives NULL and the
 * program logs EXTRA_ARGS_REFUSAL and exits: nothing is posted or run. By file name, as 4.2+ ships them
 * (src/init/inst-functions.sh:1064-1065); the pre-4.2 ossec-slack.sh / kaspersky.sh are other programs.
 */
const EXTRA_ARGS_PROGRAMS: ReadonlyMap<string, string> = new Map([
  ['wazuh-slack', 'posting nothing to Slack, as its <extra_args> is the webhook URL'],
  ['kaspersky', 'running nothing, as its <extra_args> are the arguments for kaspersky.py'],
]);
export const EXTRA_ARGS_REFUSAL = "Cannot read 'extra_args' from data";

/** The words analysisd sends as parameters.extra_args: ar_json.c copies <extra_args> into a 2048-byte buffer and strtok()s it on single spaces. */
export function splitExtraArgs(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text.slice(0, 2047).split(' ').filter((t) => t !== '');
}

/** What a stock program that needs <extra_args> fails to do without them (`posting nothing to Slack ...`), or undefined. */
export function extraArgsProgramOutcome(executable: string): string | undefined {
  return EXTRA_ARGS_PROGRAMS.get(executable.trim().split(/[\\/]/).pop() ?? '');
}

/** Command names of the stock blocking commands (templates name them, not only their executables). */
const BLOCKING_COMMAND_NAMES = new Set(['win_route-null', 'win_route-null-2012', 'netsh-win-2016']);

export function isBlockingProgram(executable: string, commandName?: string): boolean {
  return BLOCKING_PROGRAMS.has(programBaseName(executable)) || (commandName !== undefined && BLOCKING_COMMAND_NAMES.has(commandName));
}

export type Platform = 'windows' | 'unix';

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { windows: 'Windows', unix: 'Linux/Unix' };

/** The platform an agent's operating system text names (--agents `os`): Windows, else Linux/Unix; undefined without one. */
export function osPlatform(os: string | undefined): Platform | undefined {
  if (!os) return undefined;
  return /windows|microsoft/i.test(os) ? 'windows' : 'unix';
}

/**
 * The system (uname's sysname) an agent's operating system text names (--agents `os`, e.g. 'macOS 14.2',
 * 'Ubuntu 22.04', 'CentOS Linux 7', as the Wazuh API's os.name and os.version give it), or undefined when
 * it is Windows or not one arctl knows.
 */
export function osSystemName(os: string | undefined): string | undefined {
  if (!os || osPlatform(os) !== 'unix') return undefined;
  for (const [pattern, name] of SYSTEM_NAMES) if (pattern.test(os)) return name;
  return undefined;
}
const SYSTEM_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  // An agent on macOS names its system by the first word of system_profiler's "System Version" (v4.14.7
  // src/shared/version_op.c:729-738): 'macOS', but 'OS' for OS X 10.8-10.11 and 'Mac' for Mac OS X before.
  // OpenBSD, NetBSD and a FreeBSD without os-release are all 'BSD' (version_op.c:847-851): not one system.
  [/darwin|mac ?os|os ?x\b|^(?:mac|os)(?: |$)/i, 'Darwin'],
  [/freebsd/i, 'FreeBSD'],
  [/openbsd/i, 'OpenBSD'],
  [/netbsd/i, 'NetBSD'],
  [/sunos|solaris/i, 'SunOS'],
  [/\baix\b/i, 'AIX'],
  [/hp-?ux/i, 'HP-UX'],
  [/linux|ubuntu|debian|cent ?os|red ?hat|rhel|fedora|suse|amazon|alma|rocky|oracle|arch|alpine|raspbian|kali|gentoo|mint/i, 'Linux'],
];

/**
 * The systems a 4.2+ stock Unix program acts on: each reads uname() after it has answered check_keys and logs
 * "Invalid system" on any other (v4.14.7 src/active-response/: firewalls/default-firewall-drop.c:82-325,
 * firewalls/pf.c:86, firewalls/ipfw.c:66, firewalld-drop.c:83, route-null.c:80-121, disable-account.c:65-103),
 * so execd keeps the entry and nothing is blocked. Undefined: a program that acts everywhere (host-deny...).
 */
export function programSystems(executable: string): readonly string[] | undefined {
  // The file name as 4.2+ ships it: a pre-4.2 `.sh` script of the same name is another program.
  return PROGRAM_SYSTEMS.get(executable.trim().split(/[\\/]/).pop() ?? '');
}
const FIREWALL_DROP_SYSTEMS = ['Linux', 'FreeBSD', 'SunOS', 'NetBSD', 'AIX'];
const PROGRAM_SYSTEMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['firewall-drop', FIREWALL_DROP_SYSTEMS],
  ['default-firewall-drop', FIREWALL_DROP_SYSTEMS],
  ['pf', ['OpenBSD', 'FreeBSD', 'Darwin']],
  ['ipfw', ['FreeBSD']],
  ['firewalld-drop', ['Linux']],
  ['route-null', ['Linux', 'FreeBSD']],
  ['disable-account', ['Linux', 'SunOS', 'AIX']],
]);

/**
 * What the Linux blockers do with an IPv6 address (default-firewall-drop.c:63-67, firewalld-drop.c:63-68): an
 * IPv4-mapped `::ffff:a.b.c.d` (how a dual-stack server logs an IPv4 client) is one to getaddrinfo, so the rule
 * goes to the IPv6 tables, while netfilter passes the client's IPv4 packets through the IPv4 ones.
 */
const IPV6_RULES: ReadonlyMap<string, string> = new Map([
  ['firewall-drop', 'ip6tables'],
  ['default-firewall-drop', 'ip6tables'],
  ['firewalld-drop', 'a firewalld rule of family ipv6'],
]);

/** How a stock blocker drops an IPv6 address (ip6tables...), or undefined for one that does not say here. */
export function ipv6BlockRule(program: string): string | undefined {
  return IPV6_RULES.get(program);
}

/**
 * The stock restart programs whose run stops Wazuh on a Unix host, its execd with it: restart-wazuh runs
 * `bin/wazuh-control restart` (v4.14.7 active-response/restart-wazuh.c:29-36), the pre-4.2 restart-ossec.sh
 * `ossec-control restart` (v4.1.5 active-response/restart-ossec.sh). The stop sends execd SIGTERM (main.c:136
 * StartSIG2), on which ExecdShutdown (os_execd/execd.c:95-131; v3.13.6 execd_shutdown) runs the delete of every
 * entry of its timeout list at once, in list order; the execd started again has an empty list and no repeat
 * counts (repeated_hash lives in memory, execd.c:497-498). By file name. Windows' restart-wazuh.exe stops the
 * service instead (net.exe stop Wazuh, restart-wazuh.c:45-49), whose exit is not modelled.
 */
const EXECD_RESTARTING_PROGRAMS = new Set(['restart-wazuh', 'restart-ossec.sh']);
export function restartsExecd(program: string): boolean {
  return EXECD_RESTARTING_PROGRAMS.has(program.trim().split(/[\\/]/).pop() ?? '');
}

/** Stock programs that only exist on Windows agents (4.2+ `.exe`, 3.x `.cmd`). */
const WINDOWS_PROGRAMS = new Set(['netsh', 'netsh-win-2016', 'route-null-2012']);
/**
 * Stock programs that only exist on Linux/Unix agents. A Windows agent has restart-wazuh.exe, not restart-wazuh
 * (src/win32/wazuh-installer.wxs:379-388 installs restart-wazuh.exe, route-null.exe and netsh.exe), and execd
 * opens the file as named (os_execd/exec.c ReadExecConfig: no .exe added); only restart-wazuh0 reaches it anyway,
 * through ar.conf's first lines (execdProgram).
 */
const UNIX_PROGRAMS = new Set(['firewall-drop', 'default-firewall-drop', 'firewalld-drop', 'host-deny', 'route-null', 'pf', 'ipfw', 'ipfw_mac', 'npf', 'ip-customblock', 'disable-account', 'restart-wazuh', 'wazuh-slack', 'kaspersky']);

/**
 * The platform an executable can run on, or undefined when it may exist on both (custom scripts).
 * Suffixes decide first: `route-null.exe` is Windows, `route-null` / `route-null.sh` Unix.
 */
export function programPlatform(executable: string): Platform | undefined {
  const file = executable.trim().split(/[\\/]/).pop() ?? '';
  if (/\.(exe|cmd|bat|ps1)$/i.test(file)) return 'windows';
  const base = programBaseName(file);
  if (WINDOWS_PROGRAMS.has(base)) return 'windows';
  if (/\.sh$/i.test(file)) return 'unix';
  if (UNIX_PROGRAMS.has(base)) return 'unix';
  return undefined;
}

/**
 * Whether `executable` names a program Wazuh ships for Windows only: a file of a stock Windows command
 * (STOCK_COMMANDS: netsh.exe, route-null.exe, restart-wazuh.exe, the 3.x .cmd scripts) or a Windows-only stock
 * program under any suffix (netsh). Such a file is a Windows binary or batch script, which a Linux host neither
 * has nor can run. Any other `.exe` / `.cmd` / `.bat` / `.ps1` name is only named like one: a Linux execd runs
 * whatever file of that name active-response/bin holds (src/shared/exec_op.c wpopenv: execvp of
 * active-response/bin/NAME; a script with a '#!' line, or without one through /bin/sh, runs whatever its suffix).
 */
export function isStockWindowsProgram(executable: string): boolean {
  const file = executable.trim().split(/[\\/]/).pop() ?? '';
  return programPlatform(file) === 'windows' && (STOCK_WINDOWS_FILES.has(file) || WINDOWS_PROGRAMS.has(programBaseName(file)));
}

/**
 * The platform whose hosts alone have `executable`, as far as its name proves it: a stock program of one platform,
 * or a `.sh` script. A custom name with a Windows suffix (`block.ps1`) proves nothing: a Linux host runs whatever
 * file of that name its active-response/bin holds (isStockWindowsProgram).
 */
export function provenProgramPlatform(executable: string): Platform | undefined {
  const platform = programPlatform(executable);
  return platform === 'windows' && !isStockWindowsProgram(executable) ? undefined : platform;
}

/** Pre-4.2 script names and the 4.2+ program that replaced them (undefined: dropped, no successor). */
export const LEGACY_SCRIPT_RENAMES: ReadonlyMap<string, string | undefined> = new Map([
  ['firewall-drop.sh', 'firewall-drop'],
  ['host-deny.sh', 'host-deny'],
  ['route-null.sh', 'route-null'],
  ['disable-account.sh', 'disable-account'],
  ['restart-ossec.sh', 'restart-wazuh'],
  ['firewalld-drop.sh', 'firewalld-drop'],
  ['ip-customblock.sh', 'ip-customblock'],
  ['pf.sh', 'pf'],
  ['ipfw.sh', 'ipfw'],
  ['ipfw_mac.sh', undefined],
  ['npf.sh', 'npf'],
  ['ossec-slack.sh', 'wazuh-slack'],
  ['ossec-tweeter.sh', undefined],
  ['kaspersky.sh', undefined],
  ['route-null.cmd', 'route-null.exe'],
  ['netsh.cmd', 'netsh.exe'],
  ['restart-ossec.cmd', 'restart-wazuh.exe'],
  // Windows variants the 4.2 installer removes (src/win32/wazuh-installer.wxs).
  ['route-null-2012.cmd', undefined],
  ['netsh-win-2016.cmd', undefined],
]);

/** Command names the manager and API use for remote restarts (analysisd writes them to ar.conf itself). */
export const RESTART_COMMAND_NAMES: ReadonlySet<string> = new Set(['restart-wazuh', 'restart-ossec']);

/**
 * An AR name ar.conf's first lines already map (restart-ossec0 always; restart-wazuh0 from a 4.2.0 manager on:
 * analysisd/active-response.c:51-53 writes it for restart-ossec.sh, .cmd, restart-wazuh and restart-wazuh.exe,
 * v4.1.0's writes the restart-ossec0 lines only): execd takes the first of those its host has (exec.c
 * ReadExecConfig dup_entry, GetCommandbyName), whatever <executable> the response's own line names.
 * `managerBefore42`: the manager that writes ar.conf (and shares it with its agents) runs Wazuh below 4.2.
 */
export function isBuiltinRestartName(arName: string, managerBefore42: boolean): boolean {
  return arConfHeaderPrograms(arName, managerBefore42) !== undefined;
}

/** The programs ar.conf's first lines give an AR name (analysisd/active-response.c:51-53 from 4.2.0; before, the restart-ossec0 lines only). */
function arConfHeaderPrograms(arName: string, managerBefore42: boolean): readonly string[] | undefined {
  if (arName === 'restart-ossec0') return ['restart-ossec.sh', 'restart-ossec.cmd'];
  if (arName === 'restart-wazuh0' && !managerBefore42) return ['restart-ossec.sh', 'restart-ossec.cmd', 'restart-wazuh', 'restart-wazuh.exe'];
  return undefined;
}

/** What execd's host is, as far as the programs it has go (unknown platform: Linux/Unix, as the manager). */
export interface ProgramHost {
  platform?: Platform;
  /** An agent below 4.2: restart-ossec.sh / .cmd, not restart-wazuh / restart-wazuh.exe. */
  before42?: boolean;
}

/**
 * The program execd runs for AR name `arName`, whose own ar.conf line names `executable`, on `host`. Of the
 * lines of one name execd keeps the first whose program its host has (exec.c ReadExecConfig: dup_entry fills
 * an earlier empty entry, drops a later one; GetCommandbyName returns the first entry of a name), and the
 * lines analysisd writes first map restart-wazuh0 to a restart program every Wazuh host has: a restart-wazuh
 * command with timeout 0 runs the host's stock restart-wazuh (restart-wazuh.exe on Windows, restart-ossec.sh
 * / .cmd below 4.2), never its own <executable>. restart-ossec0 runs the stock script on hosts below 4.2
 * only (4.2+ hosts have none: its own line decides there).
 */
export function execdProgram(arName: string, executable: string, managerBefore42: boolean, host: ProgramHost = {}, earlier: readonly string[] = []): string {
  const header = arConfHeaderPrograms(arName, managerBefore42);
  if (header !== undefined) {
    const windows = host.platform === 'windows';
    const has = host.before42 ? (windows ? 'restart-ossec.cmd' : 'restart-ossec.sh') : windows ? 'restart-wazuh.exe' : 'restart-wazuh';
    if (header.includes(has)) return has;
  }
  // `earlier`: the executables of the responses whose ar.conf line has the same name and comes first (two
  // commands whose name + timeout give one string, `block` + 10 and `block1` + 0: ar-name-collision).
  const platform = host.platform ?? 'unix';
  return earlier.find((program) => (programPlatform(program) ?? platform) === platform) ?? executable;
}

/**
 * The timeout execd keeps for AR name `arName` (exec.c:125-143 ReadExecConfig): its first ar.conf line's, which the
 * entries that fill or duplicate the name never change (dup_entry copies the program only). The restart lines
 * analysisd writes first have 0; else the first response line of that name (`earlier[0]`), else this one's.
 */
export function execdTimeout(arName: string, timeout: number, managerBefore42: boolean, earlier: readonly number[] = []): number {
  if (arConfHeaderPrograms(arName, managerBefore42) !== undefined) return 0;
  return earlier[0] ?? timeout;
}

/**
 * The `<command>` definitions Wazuh ships in its templates (name -> executables across 3.x and 4.x).
 * They are a library for `<active-response>` blocks to use, so defining them without using them is normal.
 */
export const STOCK_COMMANDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['disable-account', ['disable-account', 'disable-account.sh']],
  ['restart-wazuh', ['restart-wazuh', 'restart-wazuh.exe']],
  ['restart-ossec', ['restart-ossec.sh', 'restart-ossec.cmd']],
  ['firewall-drop', ['firewall-drop', 'firewall-drop.sh']],
  ['host-deny', ['host-deny', 'host-deny.sh']],
  ['route-null', ['route-null', 'route-null.sh']],
  ['win_route-null', ['route-null.exe', 'route-null.cmd']],
  ['win_route-null-2012', ['route-null-2012.cmd']],
  ['netsh', ['netsh.exe', 'netsh.cmd']],
  ['netsh-win-2016', ['netsh-win-2016.cmd']],
]);

/** The files of the stock commands that only Windows hosts have. */
const STOCK_WINDOWS_FILES: ReadonlySet<string> = new Set([...STOCK_COMMANDS.values()].flat().filter((file) => programPlatform(file) === 'windows'));

/** 4.2+ program names and the script name the same program had before 4.2 (LEGACY_SCRIPT_RENAMES reversed). */
export const PRE_4_2_SCRIPT_NAMES: ReadonlyMap<string, string> = new Map(
  [...LEGACY_SCRIPT_RENAMES].flatMap(([legacy, modern]) => (modern === undefined ? [] : [[modern, legacy] as [string, string]])),
);

/** Programs that restart the agent or manager (3.x and 4.x names). */
const RESTART_PROGRAMS = new Set(['restart-wazuh', 'restart-ossec', 'restart']);

export function isRestartProgram(executable: string): boolean {
  return RESTART_PROGRAMS.has(programBaseName(executable));
}
