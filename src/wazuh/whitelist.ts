/**
 * `<global><white_list>` as wazuh-analysisd v4.x reads and applies it (src/config/global-config.c
 * Read_Global, src/shared/validate_op.c OS_IsValidIP / OS_IPFoundList, src/analysisd/alerts/exec.c get_ip).
 *
 * Reading: one entry per element. A value matching the POSIX regex IPV4_ENTRY_PATTERN is an IPv4 entry and
 * must pass OS_IsValidIP (else the fatal (1237)); anything else, IPv6 included, becomes an OSMatch pattern
 * of the "hostname white list".
 * Applying: the alert's srcip (a leading `::ffff:` removed) is whitelisted when it is inside one of the IPv4
 * networks, or when one of the patterns matches the srcip text (not a DNS name).
 *
 * Note on `!`: OS_IsValidIP (v4.4+) skips a leading `!` before it stores the entry, so OS_IPFoundList never
 * sees it and the old "negation flips the result" logic is dead code: `!10.0.0.0/8` whitelists 10.0.0.0/8.
 * A `!` at the start of a non-IP entry is OSMatch negation: `!foo` whitelists every srcip NOT containing foo.
 */
import { ipv6Kind, parseIpv4 } from './ip.ts';
import { compileOsMatch, type OsMatch } from './os-match.ts';

/** The POSIX ERE Read_Global uses to decide "this is an IPv4 entry". */
export const IPV4_ENTRY_PATTERN = /^!?[0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2}([0-9](\.[0-9]{1,3}){3})?)?$/;

/** A parsed IPv4 whitelist entry: `network` is already masked, both as unsigned 32-bit integers. */
export interface WhiteListNetwork {
  kind: 'ip';
  /** The element content, as written. */
  text: string;
  /** Written with a leading `!` (which Wazuh ignores, see the module note). */
  bang: boolean;
  network: number;
  netmask: number;
  /** Prefix length when the mask is contiguous, else null (a dotted mask like 255.0.255.0 is accepted). */
  prefix: number | null;
}

export interface WhiteListPattern {
  kind: 'pattern';
  text: string;
  matcher: OsMatch;
}

/** An IPv4-looking value OS_IsValidIP refuses: wazuh-analysisd stops with (1237). */
export interface WhiteListInvalidIp {
  kind: 'invalid-ip';
  text: string;
}

/** A pattern OSMatch cannot compile (longer than 20480 bytes): fatal REGEX_COMPILE (1450). */
export interface WhiteListBadPattern {
  kind: 'bad-pattern';
  text: string;
}

export type WhiteListEntry = WhiteListNetwork | WhiteListPattern | WhiteListInvalidIp | WhiteListBadPattern;

function maskFromPrefix(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function prefixOfMask(mask: number): number | null {
  for (let prefix = 0; prefix <= 32; prefix++) if (maskFromPrefix(prefix) === mask) return prefix;
  return null;
}

/**
 * ip_address_regex[0] of validate_op.c (the IPv4 one; the IPv6 ones never see a dotted entry):
 * `^(::ffff:)?(A)(/((3[0-2]|[1-2]?[0-9])|A))?$` where A is four octets 0..255 without leading zeros.
 * Here as the shape plus parseIpv4 (which accepts exactly those octets): V8 takes about 0.7 ms to
 * compile the single regex, which every lint with a white_list paid.
 */
const IPV4_VALID_SHAPE = /^(?:::[fF]{4}:)?([0-9.]+)(?:\/([0-9.]+))?$/;
const PREFIX_LENGTH = /^(?:3[0-2]|[1-2]?[0-9])$/;

/** OS_IsValidIP for an IPv4 entry: the network and mask, or null when Wazuh refuses it. */
export function validateIpv4Entry(text: string): Omit<WhiteListNetwork, 'kind' | 'text'> | null {
  const bang = text.startsWith('!');
  const body = bang ? text.slice(1) : text;
  const m = IPV4_VALID_SHAPE.exec(body);
  const address = m ? parseIpv4(m[1]!) : null;
  if (m === null || address === null) return null;
  let netmask = 0xffffffff;
  if (m[2] !== undefined) {
    if (PREFIX_LENGTH.test(m[2])) {
      netmask = maskFromPrefix(Number(m[2]));
    } else {
      const dotted = parseIpv4(m[2]);
      if (dotted === null) return null;
      netmask = dotted;
    }
  }
  return { bang, network: (address & netmask) >>> 0, netmask, prefix: prefixOfMask(netmask) };
}

/**
 * The IPv6 shapes of OS_IsValidIP's ip_address_regex (src/shared/validate_op.c:69-83, 4.4 to 4.14.7), tried
 * in order after the IPv4 one: the address, then an optional /prefix of 0 to 128.
 */
const IPV6_VALID_SHAPES: readonly RegExp[] = [
  '(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}',
  '(?:[0-9a-fA-F]{1,4}:){1,6}(?::[0-9a-fA-F]{1,4}){1}',
  '(?:[0-9a-fA-F]{1,4}:){1,5}(?::[0-9a-fA-F]{1,4}){1,2}',
  '(?:[0-9a-fA-F]{1,4}:){1,4}(?::[0-9a-fA-F]{1,4}){1,3}',
  '(?:[0-9a-fA-F]{1,4}:){1,3}(?::[0-9a-fA-F]{1,4}){1,4}',
  '(?:[0-9a-fA-F]{1,4}:){1,2}(?::[0-9a-fA-F]{1,4}){1,5}',
  '(?:[0-9a-fA-F]{1,4}:){1}(?::[0-9a-fA-F]{1,4}){1,6}',
  '(?:[0-9a-fA-F]{1,4}:){1,7}:',
  ':(?::[0-9a-fA-F]{1,4}){1,7}',
].map((address) => new RegExp(`^(${address})(?:/(12[0-8]|1[0-1][0-9]|[0-9]?[0-9]))?$`));

/**
 * OS_IsValidIP (src/shared/validate_op.c:396-558, the same from 4.4 to 4.14.7): 0 when Wazuh refuses the text,
 * 1 for an address, 2 for a network (a /mask or /prefix after it, or `any`). A leading `!` is skipped. IPv4
 * (`::ffff:` allowed before it) as the white list reads it (validateIpv4Entry); IPv6 by the shapes above
 * (`::` alone is an address; no embedded IPv4, no zone). Before 4.4 it was another function (OSRegex).
 */
export function osIsValidIp(text: string): 0 | 1 | 2 {
  const body = text.startsWith('!') ? text.slice(1) : text;
  if (body === 'any') return 2;
  if (body === '::') return 1;
  if (!body.startsWith('!') && validateIpv4Entry(body) !== null) return body.includes('/') ? 2 : 1;
  // The IPv4 shape matched but the text was not a valid IPv4 entry: no IPv6 shape takes dots.
  for (const shape of IPV6_VALID_SHAPES) {
    const m = shape.exec(body);
    if (m) return m[2] === undefined ? 1 : 2;
  }
  return 0;
}

/** Classifies one `<white_list>` value exactly as Read_Global does. */
export function classifyWhiteListEntry(text: string): WhiteListEntry {
  if (IPV4_ENTRY_PATTERN.test(text)) {
    const ip = validateIpv4Entry(text);
    return ip ? { kind: 'ip', text, ...ip } : { kind: 'invalid-ip', text };
  }
  const matcher = compileOsMatch(text);
  return matcher ? { kind: 'pattern', text, matcher } : { kind: 'bad-pattern', text };
}

/**
 * An entry Read_Global hands to OSMatch although it is an IPv6 address or network (`!` is OSMatch's
 * negation): to Wazuh it is text, never an address, so a network never matches and an address also
 * matches every longer srcip that contains it.
 */
export function ipv6WhiteListEntry(text: string): 'address' | 'network' | undefined {
  return ipv6Kind(text.startsWith('!') ? text.slice(1) : text);
}

/** Why an alert srcip is whitelisted, or undefined when it is not. */
export interface WhiteListHit {
  /** The srcip as compared (after removing `::ffff:`). */
  ip: string;
  entry: WhiteListNetwork | WhiteListPattern;
}

/** The srcip text get_ip() compares: a leading `::ffff:` (exact case) is removed. */
export function normalizeSrcip(srcip: string): string {
  return srcip.startsWith('::ffff:') ? srcip.slice(7) : srcip;
}

/**
 * get_ip(): is this srcip whitelisted? IPv4 networks first (OS_IPFoundList, only when the srcip parses as
 * IPv4; an IPv6 srcip cannot fall inside an IPv4 entry), then every pattern against the srcip text.
 */
export function whiteListMatch(srcip: string, entries: readonly WhiteListEntry[]): WhiteListHit | undefined {
  const ip = normalizeSrcip(srcip);
  const address = parseIpv4(ip);
  if (address !== null) {
    for (const entry of entries) {
      if (entry.kind === 'ip' && ((address & entry.netmask) >>> 0) === entry.network) return { ip, entry };
    }
  }
  for (const entry of entries) {
    if (entry.kind === 'pattern' && entry.matcher.test(ip)) return { ip, entry };
  }
  return undefined;
}
