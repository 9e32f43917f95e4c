/**
 * The address a stock 4.2+ IP blocker acts on, next to the one analysisd checked against `<white_list>`: a
 * note on a response that fires, where the row alone reads as if the white list had been applied to it.
 *
 * - analysisd compares the white list with the alert's srcip (lf->srcip, alerts.json's data.srcip) alone
 *   (src/analysisd/alerts/exec.c:43-49, get_ip:287-321), while the programs read data.win.eventdata.ipAddress
 *   or destinationIp before data.srcip (src/active-response/active_responses.c:250-273). Windows alerts carry
 *   only those: the eventchannel decoder hands the event to JSON_Decoder_Exec (decoders/winevtchannel.c:737),
 *   whose fillData sets lf->srcip for a key named "srcip" alone (decoders/plugins/json_decoder.c:24-25). So a
 *   whitelisted Windows address is blocked.
 * - A srcip that inet_pton refuses (a leading zero, `010.1.1.1`; a short or hex form) is no address to the
 *   white list's networks (src/shared/validate_op.c:350-356, get_ipv4_numeric), but the programs take it:
 *   get_ip_version's getaddrinfo (glibc's, on the Unix programs) reads it as inet_aton does
 *   (active_responses.c:562-590), `010` in octal, and they pass the text on as written. A Windows program asks
 *   Windows' getaddrinfo and hands the text to netsh.exe (netsh.c:115): which host that blocks is not modelled,
 *   but no white-list entry spares it either.
 * - netsh blocks `remoteip=<address>/32` (src/active-response/netsh.c:115): for an IPv6 address, a /32 network.
 * - host-deny writes `ALL:<address>` (host-deny.c:80): TCP wrappers split it at the colons of an IPv6 address
 *   (src/wazuh/hosts-deny.ts hostsDenyClientField), which denies nothing.
 * - An IPv4-mapped srcip (`::ffff:203.0.113.5`): analysisd strips the prefix for the white list (exec.c:291-293),
 *   but firewall-drop and firewalld-drop take the text as IPv6 and write an IPv6 rule, which IPv4 packets never meet.
 */
import { formatIpv4, inetAton, numericHostVersion, parseIpv4 } from '../wazuh/ip.ts';
import { programSrcip } from '../wazuh/program-input.ts';
import { ipv6BlockRule, LEGACY_SCRIPT_RENAMES, programBaseName, programPlatform, stockProgramKey } from '../wazuh/programs.ts';
import { runsModernProgram } from './inert-program.ts';
import { HOST_DENY_PROGRAM, hostsDenyClientField, hostsDenyLine } from '../wazuh/hosts-deny.ts';
import type { SimConfig, SimOptions, SimResponse } from './model.ts';

export function programAddressNote(
  config: SimConfig,
  response: SimResponse,
  /** The srcip analysisd checked against the white list (AlertFacts.srcip), asked only when a note needs it. */
  checkedSrcip: () => string | undefined,
  alert: Record<string, unknown>,
  targets: readonly string[],
  agents: SimOptions['agents'],
): string | undefined {
  if (stockProgramKey(response.executable) !== 'srcip' || LEGACY_SCRIPT_RENAMES.has(response.executable.trim())) return undefined;
  const key = programSrcip(alert);
  if (!('value' in key)) return undefined;
  const address = key.value;
  // The usual case, analysisd's own srcip as a plain IPv4 address, has nothing to say: decided before the
  // targets are looked at (the timeline asks this of every fired dispatch).
  if (key.path === 'data.srcip' && parseIpv4(address) !== null) return undefined;
  if (!runsModernProgram(response, targets, agents)) return undefined;
  const program = programBaseName(response.executable);
  const read = parseIpv4(address) === null && numericHostVersion(address) === 4 ? formatIpv4(inetAton(address)!) : undefined;
  const notes: string[] = [];
  if (key.path !== 'data.srcip') {
    const hit = config.matchers.whitelistHit(read ?? address);
    if (hit !== undefined) {
      const srcip = checkedSrcip();
      const checked = srcip === undefined ? 'which this alert does not have' : `'${srcip}' here`;
      notes.push(`${program} acts on ${key.path} ${address}, which <white_list> (${hit}) covers, but analysisd checks the white list against the alert's srcip alone (${checked}): the whitelisted address is blocked`);
    }
  }
  if (read !== undefined) notes.push(looseIpv4Note(config, program, key.path ?? 'data.srcip', address, read, programPlatform(response.executable) === 'windows'));
  if (program === HOST_DENY_PROGRAM && numericHostVersion(address) === 6) {
    const client = hostsDenyClientField(address);
    notes.push(`host-deny writes '${hostsDenyLine(address)}', whose fields TCP wrappers split at colons (an IPv6 address there must be in brackets, [${address}]): the line names ${client === '' ? 'no client' : `client '${client}'`}, so ${address} is not denied`);
  }
  if (program === 'netsh' && numericHostVersion(address) === 6) {
    notes.push(`netsh blocks remoteip=${address}/32, as it does every address: for an IPv6 one that is a whole /32 network, not the one host`);
  }
  const ipv6Rule = ipv6BlockRule(program);
  const mapped = ipv6Rule !== undefined && /^::ffff:/i.test(address) && parseIpv4(address.slice(7)) !== null ? address.slice(7) : undefined;
  if (mapped !== undefined) {
    notes.push(`${program} reads ${key.path} '${address}' as an IPv6 address (getaddrinfo) and drops it with ${ipv6Rule}, but ${mapped}'s packets reach the host as IPv4, which that rule never sees: nothing is blocked`);
  }
  return notes.length > 0 ? notes.join('; ') : undefined;
}

/**
 * `010.1.1.1`: what the white list and the program each make of an IPv4 address inet_pton refuses. The white
 * list is the manager's (inet_pton on glibc) for every program; a Windows program's get_ip_version asks
 * Windows' getaddrinfo, and netsh.exe or route.exe then read the text: neither is modelled, so no claim on
 * which host a Windows program blocks, only that no white-list entry spares it.
 */
function looseIpv4Note(config: SimConfig, program: string, path: string, address: string, read: string, windows: boolean): string {
  const whitelisted = config.matchers.whitelistHit(read);
  // What a reader who drops the leading zeros sees: four decimal parts.
  const parts = address.split('.');
  const decimal = parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255) ? parts.map(Number).join('.') : undefined;
  const decimalHit = decimal !== undefined && decimal !== read ? config.matchers.whitelistHit(decimal) : undefined;
  const covered = [
    whitelisted !== undefined ? `${read} is in <white_list> (${whitelisted})` : undefined,
    decimalHit !== undefined ? `${decimal}, the zeros dropped, is in <white_list> (${decimalHit})` : undefined,
  ].filter((c): c is string => c !== undefined);
  const taken = windows
    ? `so no entry spares it: ${program} passes it on as written if Windows' getaddrinfo takes it, and which host Windows then blocks (${read}, its zeros read as octal, or another) is not modelled here`
    : `but ${program} takes it (getaddrinfo reads it as inet_aton does: ${read}) and passes it on as written`;
  return (
    `${path} '${address}' is no address to the white list's networks (analysisd reads it with inet_pton, which refuses leading zeros and short forms), ${taken}` +
    (covered.length > 0 ? `: ${covered.join(' and ')}, never compared` : '')
  );
}
