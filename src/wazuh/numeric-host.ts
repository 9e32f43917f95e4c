/**
 * getaddrinfo(ip, NULL, {AI_NUMERICHOST, AF_UNSPEC}) as the shipped 4.2+ active-response programs call it
 * (src/active-response/active_responses.c get_ip_version) on glibc: IPv4 in every inet_aton form (`10.1`,
 * `1.2.3`, `167772161`, `0x0a000001`, octal `010.0.0.1`), nothing after it, or an IPv6 address (inet_pton)
 * with an optional numeric scope id (`fe80::1%2`; an interface name depends on the host and is refused here).
 */

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

/** get_ip_version: 4, 6, or null (OS_INVALID: the program stops). */
export function numericHostVersion(text: string): 4 | 6 | null {
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
