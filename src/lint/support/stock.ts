/**
 * Facts about Wazuh's shipped active-response programs and command definitions
 * (etc/templates/config/generic/ar-commands.template, src/Makefile, src/win32/wazuh-installer.wxs;
 * see wazuh-semantics.md section 7).
 */

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
