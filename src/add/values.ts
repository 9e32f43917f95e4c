/**
 * Checks for every value `arctl add` writes, shared by flag parsing and the prompts' validation as
 * you type. Each check returns the exact text to write or a one-line reason, stricter than Wazuh
 * where Wazuh would accept a value silently and then misbehave (see wazuh-semantics.md).
 */
import { refParentFolder } from '../wazuh/execd.ts';
import { durationSeconds } from '../wazuh/time-units.ts';
import { parseIpv4 } from '../wazuh/ip.ts';
import { IPV4_ENTRY_PATTERN, ipv6WhiteListEntry, validateIpv4Entry } from '../wazuh/whitelist.ts';
import { formatAgentId } from '../wazuh/agents.ts';
import { arConfSafeName, isArConfSafeName } from '../wazuh/command-name.ts';
import { CANONICAL_LOCATIONS as LOCATIONS, type CanonicalLocation as Location } from '../wazuh/location.ts';

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(error: string): Check<T> => ({ ok: false, error });

export { LOCATIONS, type Location };

/** Wazuh reads content verbatim: no trimming, no entities, and a raw `<` ends it. */
function plainText(label: string, text: string, { allowSpaces = true } = {}): Check<string> {
  if (text.length === 0) return fail(`${label} is empty`);
  if (text !== text.trim()) return fail(`${label} '${text}' has leading or trailing spaces, which Wazuh keeps as part of the value`);
  if (/[\u0000-\u001f\u007f]/.test(text)) return fail(`${label} contains a control character or line break`);
  if (text.includes('<')) return fail(`${label} contains '<', which Wazuh's XML reader cannot read inside a value`);
  if (!allowSpaces && /\s/.test(text)) return fail(`${label} '${text}' contains spaces`);
  if (text.length > 20480) return fail(`${label} is longer than Wazuh's 20480-byte limit`);
  return ok(text);
}

/** A name for a new `<command>`: one the flag and the prompt both accept, and ar.conf keeps whole. */
export function checkCommandName(text: string): Check<string> {
  const base = checkCommandReference(text);
  if (!base.ok) return base;
  if (!isArConfSafeName(text)) {
    const suggestion = arConfSafeName(text);
    return fail(
      `command name '${text}' has characters that break the line analysisd writes to etc/shared/ar.conf for its responses: use only letters, digits, '_', '.' and '-'${suggestion ? ` (e.g. '${suggestion}')` : ''}`,
    );
  }
  return base;
}

/** The name of a `<command>` the file defines (--command): it may predate these rules; the file decides. */
export function checkCommandReference(text: string): Check<string> {
  const base = plainText('command name', text, { allowSpaces: false });
  if (!base.ok) return base;
  if (text.startsWith('!')) return fail(`command name '${text}' starts with '!', which Wazuh refuses (error 1235)`);
  return base;
}

export function checkExecutable(text: string): Check<string> {
  const base = plainText('executable', text, { allowSpaces: false });
  if (!base.ok) return base;
  if (text.includes('/') || text.includes('\\')) return fail(`executable '${text}' is a path: give the file name inside active-response/bin`);
  // Paths are refused above; w_ref_parent_folder then flags only `..` itself (`a..b` runs).
  if (refParentFolder(text)) return fail(`executable '${text}' names the parent directory, which execd refuses as directory traversal`);
  return base;
}

export function checkExtraArgs(text: string): Check<string> {
  return plainText('extra_args', text);
}

/** Legacy `<expect>`: only `srcip`, `user` and `filename` have any effect (3.x; 4.0-4.1). */
export function checkExpect(text: string): Check<string> {
  if (text === '') return ok('');
  const base = plainText('expect', text);
  if (!base.ok) return base;
  const words = text.split(/\s*,\s*/);
  const unknown = words.filter((w) => !['srcip', 'user', 'filename'].includes(w));
  if (unknown.length > 0) return fail(`expect '${text}': '${unknown[0]}' is not one of srcip, user, filename`);
  return ok(words.join(','));
}

export function checkLocation(text: string): Check<Location> {
  if ((LOCATIONS as readonly string[]).includes(text)) return ok(text as Location);
  const near = LOCATIONS.find((l) => l.replace('-', '') === text.toLowerCase().replace(/[-_ ]/g, ''));
  return fail(`invalid location '${text}': expected one of ${LOCATIONS.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`);
}

/**
 * A single agent id, written in Wazuh's three-digit form (`5` -> `005`: analysisd reads it with atoi and
 * names the agent with "%.3d"); 0 (the manager) is dropped by Wazuh 4.3+ with warning 1306.
 */
export function checkAgentId(text: string): Check<string> {
  if (!/^\d{1,6}$/.test(text)) return fail(`invalid agent id '${text}': expected one agent id such as 001`);
  if (Number(text) === 0) return fail(`agent id '${text}' is the manager: use --location server to run on the manager (Wazuh drops the block, warning 1306)`);
  return ok(formatAgentId(Number(text)));
}

/** Rule levels go from 1 to 16; Wazuh's parser accepts 0..20 but 0 means "unset" and 17-20 never match. */
export function checkLevel(text: string): Check<string> {
  if (!/^\d+$/.test(text)) return fail(`invalid level '${text}': expected a whole number from 1 to 16`);
  const n = Number(text);
  if (n === 0) return fail(`invalid level '${text}': rule levels go from 1 to 16 (Wazuh reads level 0 as no level condition)`);
  if (n > 16 && n <= 20) return fail(`invalid level '${text}': rule levels go from 1 to 16 (Wazuh accepts up to 20, but no rule has a level above 16, so the response would never fire)`);
  if (n > 16) return fail(`invalid level '${text}': rule levels go from 1 to 16 (Wazuh refuses a level above 20: error 1235)`);
  return ok(String(n));
}

/** Comma-separated rule ids; Wazuh silently stops at any other separator (`5710|5712` keeps 5710 only). */
export function checkRuleIds(text: string): Check<string> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('rule id list is empty');
  const items = trimmed.split(/\s*,\s*/);
  for (const item of items) {
    if (!/^\d+$/.test(item)) {
      const sep = /[|; ]/.exec(item)?.[0];
      return fail(
        sep
          ? `invalid rule id list '${text}': separate ids with commas, not '${sep}' (Wazuh stops reading at '${sep}' and keeps only the first id)`
          : `invalid rule id '${item}' in '${text}': expected numbers separated by commas`,
      );
    }
  }
  return ok(items.join(','));
}

/** An OS_Regex group pattern. Unbalanced parentheses never match anything in Wazuh. */
export function checkGroupPattern(label: string, text: string): Check<string> {
  const base = plainText(label, text);
  if (!base.ok) return base;
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) break;
  }
  if (depth !== 0) return fail(`${label} '${text}' has unbalanced parentheses: Wazuh's regex would never match`);
  return base;
}

/** Seconds, or a number with a unit (`10m`, `1h`, `2d`); Wazuh itself reads `10m` as 10 seconds. */
export function checkTimeout(text: string): Check<number> {
  const seconds = durationSeconds(text);
  if (seconds === undefined) return fail(`invalid timeout '${text}': expected seconds or a number with s, m, h, d or w (e.g. 600, 10m, 1h)`);
  if (seconds <= 0) return fail(`invalid timeout '${text}': must be more than 0 seconds (leave it out for a response that is never undone)`);
  if (seconds > 2147483647) return fail(`invalid timeout '${text}': too large`);
  return ok(seconds);
}

/** Up to 5 increasing minute values, e.g. `30,60,120` (execd reads at most 5). */
export function checkRepeatedOffenders(text: string): Check<string> {
  const items = text.split(/\s*,\s*/);
  if (items.some((i) => !/^\d+$/.test(i) || Number(i) === 0)) {
    return fail(`invalid repeated offenders '${text}': expected a comma-separated list of minutes, e.g. 30,60,120`);
  }
  if (items.length > 5) return fail(`invalid repeated offenders '${text}': execd reads at most 5 values`);
  return ok(items.map(Number).join(','));
}

/**
 * One `<white_list>` entry: an IPv4 address or network (CIDR or dotted mask), an IPv6 address or
 * network, or a host-name pattern. IPv4-looking text must be valid or Wazuh refuses to start (1237).
 */
export function checkWhiteListEntry(text: string): Check<string> {
  const base = plainText('white_list entry', text);
  if (!base.ok) return base;
  if (/[,;\s]/.test(text)) return fail(`white_list entry '${text}' holds several values: give each address as its own argument`);
  if (/\*/.test(text)) return fail(`white_list entry '${text}' uses a wildcard, which Wazuh matches literally: use a CIDR such as 10.0.0.0/24`);
  if (/^\d+\.\d+\.\d+\.\d+-/.test(text)) return fail(`white_list entry '${text}' is a range: use CIDR networks`);
  // Read_Global's IPv4 entries and OS_IsValidIP's verdict on them (src/wazuh/whitelist.ts).
  if (IPV4_ENTRY_PATTERN.test(text)) {
    if (parseIpv4(text.replace(/^!/, '').split('/')[0]!) === null) return fail(`white_list entry '${text}' is not a valid IPv4 address (Wazuh refuses to start, error 1237)`);
    if (validateIpv4Entry(text) === null) return fail(`white_list entry '${text}' has an invalid network mask (Wazuh refuses to start, error 1237)`);
    return base;
  }
  if (ipv6WhiteListEntry(text) === 'network') {
    return fail(
      `white_list entry '${text}' is an IPv6 network: analysisd reads only IPv4 entries as addresses and matches any other text as a substring of the alert's srcip, which never contains '/${text.split('/')[1]}', so it would never match (give IPv4 networks, or single addresses)`,
    );
  }
  if (/^\d+(\.\d+){0,3}\/?$/.test(text) || /^\d+(\.\d+)*\/\d*$/.test(text)) {
    return fail(`white_list entry '${text}' is not a complete IPv4 address or network: Wazuh would use it as a text pattern`);
  }
  return base;
}

/** Entries as people type them (spaces, commas or semicolons between them; Wazuh takes one per element). */
export function checkWhiteListEntries(text: string): Check<string[]> {
  const items = text.split(/[\s,;]+/).filter(Boolean);
  if (items.length === 0) return fail('give at least one address');
  for (const item of items) {
    const r = checkWhiteListEntry(item);
    if (!r.ok) return r;
  }
  return ok(items);
}

/** An e-mail address as Wazuh checks it, one per element (lists are not allowed). */
export function checkEmail(text: string): Check<string> {
  if (/[,;]/.test(text.trim()) || /\S\s+\S/.test(text.trim())) return fail(`'${text}' is not one address`);
  const base = plainText('e-mail address', text, { allowSpaces: false });
  if (!base.ok) return base;
  if (!/^[a-zA-Z0-9._+-]+@[a-zA-Z0-9._-]+$/.test(text)) return fail(`invalid e-mail address '${text}'`);
  return base;
}

/**
 * Recipients as people type them: separated by commas, semicolons or spaces, each a bare address or
 * `Display Name <address>` (the address is what Wazuh gets: `<email_to>` holds one plain address).
 */
export function checkAddressList(text: string): Check<string[]> {
  // A display name (quoted, or words without '@') before <address>; else a run of anything but separators.
  const tokens = [...text.matchAll(/(?:"[^"]*"\s*|(?:[^\s,;<>"@]+\s+)*)<([^<>]*)>|[^\s,;]+/g)].map((m) => (m[1] !== undefined ? m[1].trim() : m[0]));
  if (tokens.length === 0) return fail('give at least one address');
  for (const token of tokens) {
    const r = checkEmail(token);
    if (!r.ok) return r;
  }
  return ok(tokens);
}

export const EMAIL_FORMATS = ['full', 'sms', 'default'] as const;

export function checkEmailFormat(text: string): Check<string> {
  if ((EMAIL_FORMATS as readonly string[]).includes(text)) return ok(text);
  return fail(`invalid format '${text}': expected full, sms or default`);
}

export function checkEventLocation(text: string): Check<string> {
  return plainText('event_location', text);
}

/** For prompt `validate`: true or the message. */
export function asValidator<T>(check: (text: string) => Check<T>): (text: string) => true | string {
  return (text) => {
    const r = check(text);
    return r.ok ? true : r.error;
  };
}

/** `yes` or `no`, as Wazuh's yes/no options take them (case-sensitive). */
export function checkYesNo(label: string, text: string): Check<string> {
  if (text === 'yes' || text === 'no') return ok(text);
  return fail(`invalid ${label} '${text}': expected yes or no (Wazuh reads nothing else, not even Yes or true)`);
}

/** A host name or address with no spaces (`<smtp_server>`). */
export function checkHost(label: string, text: string): Check<string> {
  return plainText(label, text, { allowSpaces: false });
}

/** `<email_maxperhour>`: Wazuh accepts 1 to 1000000. */
export function checkMaxPerHour(text: string): Check<string> {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000000) return fail(`invalid email_maxperhour '${text}': expected a whole number from 1 to 1000000`);
  return ok(String(Number(text)));
}
