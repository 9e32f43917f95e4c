/**
 * IP address text as Wazuh's C code reads it, in one place: inet_pton(AF_INET) (`parseIpv4`, what
 * OS_IsValidIP's IPv4 regex accepts as an address), inet_aton and inet_pton(AF_INET6) and getaddrinfo
 * with AI_NUMERICHOST as the shipped 4.2+ active-response programs call it (`numericHostVersion`), IPv6
 * addresses and networks as a user writes them (`ipv6Kind`), and the manager's own addresses
 * (`isIpAddress`). The white list's reading of entries (Read_Global, OS_IsValidIP) builds on these in
 * ./whitelist.ts.
 *
 * getaddrinfo(ip, NULL, {AI_NUMERICHOST, AF_UNSPEC}) as the active-response programs call it
 * (src/active-response/active_responses.c get_ip_version) on glibc: IPv4 in every inet_aton form (`10.1`,
 * `1.2.3`, `167772161`, `0x0a000001`, octal `010.0.0.1`), nothing after it, or an IPv6 address (inet_pton)
 * with an optional numeric scope id (`fe80::1%2`; an interface name depends on the host and is refused here).
 */
import { codeAt } from '../util/char-code.ts';
import { lazyRequire } from '../util/lazy-require.ts';

/** Only IPv6-looking text and --manager-ip need it: loaded then, not at every start-up. */
const ipaddr = lazyRequire<typeof import('ipaddr.js')>('ipaddr.js');

/**
 * inet_pton(AF_INET): the address as an unsigned 32-bit integer, or null. Four decimal octets 0..255,
 * no leading zeros, nothing else (what /^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$/ with each
 * octet at most 255 accepts). Read with character codes: a timeline reads the srcip of every alert
 * that fires (white list, getaddrinfo), and a regular expression's match array cost more than the rest.
 */
export function parseIpv4(text: string): number | null {
  const length = text.length;
  if (length < 7 || length > 15) return null;
  let value = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0 && codeAt(text, i++) !== 0x2e) return null;
    const start = i;
    let octet = 0;
    for (let d = codeAt(text, i) - 0x30; d >= 0 && d <= 9 && i - start < 3; d = codeAt(text, ++i) - 0x30) octet = octet * 10 + d;
    if (i === start || octet > 255 || (i - start > 1 && text.charCodeAt(start) === 0x30)) return null;
    value = value * 256 + octet;
  }
  return i === length ? value >>> 0 : null;
}

/** An unsigned 32-bit address as dotted decimal. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** An IPv6 address (`2001:db8::1`, with a zone `fe80::1%eth0`) or network (`2001:db8::/32`), or neither. */
export function ipv6Kind(text: string): 'address' | 'network' | undefined {
  if (!text.includes(':')) return undefined;
  if (ipaddr().IPv6.isValidCIDR(text)) return 'network';
  return ipaddr().IPv6.isValid(text) ? 'address' : undefined;
}

/** An IPv4 address in any inet_aton form or an IPv6 address: what `--manager-ip` takes. */
export function isIpAddress(text: string): boolean {
  return ipaddr().isValid(text);
}

/** One inet_aton part: 0x hex, 0 octal, else decimal; null when malformed. */
function atonPart(text: string): number | null {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^0[0-7]*$/.test(text)) return text.length === 1 ? 0 : Number.parseInt(text.slice(1), 8);
  if (/^[1-9][0-9]*$/.test(text)) return Number(text);
  return null;
}

/** inet_aton_exact: the 32-bit address, or null. */
export function inetAton(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    // Huge parts: parse safely, then the range checks below refuse them.
    const value = part.length > 12 ? null : atonPart(part);
    if (value === null) return null;
    values.push(value);
  }
  const last = values[values.length - 1]!;
  const head = values.slice(0, -1);
  if (head.some((v) => v > 255)) return null;
  const lastMax = [0xffffffff, 0xffffff, 0xffff, 0xff][values.length - 1]!;
  if (last > lastMax) return null;
  let address = 0;
  head.forEach((v, i) => {
    address += v * 2 ** (24 - 8 * i);
  });
  return address + last;
}

const HEX16 = /^[0-9a-fA-F]{1,4}$/;

/** inet_pton(AF_INET6). */
export function isInet6(text: string): boolean {
  let body = text;
  let groups = 8;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!/^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$/.test(tail) || tail.split('.').some((o) => Number(o) > 255)) return false;
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  if (halves.length === 1) {
    const parts = split(body);
    return parts.length === groups && parts.every((p) => HEX16.test(p));
  }
  const [left, right] = [split(halves[0]!), split(halves[1]!)];
  if (![...left, ...right].every((p) => HEX16.test(p))) return false;
  groups -= 1; // '::' stands for at least one group
  return left.length + right.length <= groups;
}

/**
 * OS_ExpandIPv6 (src/shared/validate_op.c:588-630, 4.4+): an IPv6 address as its sixteen bytes in eight
 * groups of four upper-case hex digits (`2001:db8::1` -> `2001:0DB8:0000:0000:0000:0000:0000:0001`); null
 * for text inet_pton refuses.
 */
export function expandIpv6(text: string): string | null {
  if (!isInet6(text)) return null;
  const bytes = ipaddr().IPv6.parse(text).toByteArray();
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16).toUpperCase().padStart(4, '0'));
  return groups.join(':');
}

/** get_ip_version: 4, 6, or null (OS_INVALID: the program stops). */
export function numericHostVersion(text: string): 4 | 6 | null {
  // The usual srcip, a plain dotted quad, is one inet_aton reads too: this spares the general parse
  // below for almost every alert of a timeline.
  if (parseIpv4(text) !== null) return 4;
  if (text.includes(':')) {
    const percent = text.indexOf('%');
    if (percent >= 0) {
      const scope = text.slice(percent + 1);
      if (!/^[0-9]+$/.test(scope) || Number(scope) > 0xffffffff) return null;
      return isInet6(text.slice(0, percent)) ? 6 : null;
    }
    return isInet6(text) ? 6 : null;
  }
  return inetAton(text) !== null ? 4 : null;
}
