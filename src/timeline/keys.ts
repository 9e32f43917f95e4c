/**
 * The keys a 4.2+ active-response program answers execd's check_keys with, read from the alert the
 * way the shipped programs read it (src/active-response/active_responses.c): the IP blockers key on
 * the source IP, disable-account on the user. A program that cannot find its key exits before
 * answering, so execd keeps nothing.
 */
import ipaddr from 'ipaddr.js';
import { LEGACY_SCRIPT_RENAMES, programBaseName, stockProgramKey } from '../wazuh/programs.ts';
import { parseIpv4 } from '../wazuh/whitelist.ts';

/** What a custom program keys on (`--key`): srcip (default, when the alert has one), user, or none (it never answers check_keys). */
export type KeyMode = 'srcip' | 'user' | 'none';

export type ScriptKeys = { kind: 'keys'; keys: string[] } | { kind: 'stateless' } | { kind: 'fail'; reason: string };

function field(alert: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = alert;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** The srcip a shipped 4.2+ program reads: Windows eventdata ipAddress, destinationIp, then data.srcip. */
export function scriptSrcip(alert: Record<string, unknown>): string | undefined {
  for (const path of [['data', 'win', 'eventdata', 'ipAddress'], ['data', 'win', 'eventdata', 'destinationIp'], ['data', 'srcip']]) {
    const value = field(alert, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function validIp(text: string): boolean {
  // parseIpv4 is inet_pton's dotted quad, the same set as isValidFourPartDecimal, without its regexes.
  return parseIpv4(text) !== null || ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** The user disable-account accepts (recent 4.x refuses root and names that could escape the command). */
export function scriptUser(alert: Record<string, unknown>): string | undefined {
  const user = field(alert, ['data', 'dstuser']);
  if (typeof user !== 'string' || user === '' || user.length > 256 || user === 'root') return undefined;
  if (/[:,\s/\\]/.test(user) || user.includes('..') || /^[-+~]/.test(user)) return undefined;
  return user;
}

/** What keysFor needs to know of a program, which depends on its name only. */
interface ProgramFacts {
  /** A pre-4.2 script name: 4.2+ hosts do not have it. */
  legacyFile?: string;
  base: string;
  stock: KeyMode | undefined;
}

/** Per executable text: a timeline asks for the same few programs millions of times. */
const programFacts = new Map<string, ProgramFacts>();

function factsOf(executable: string): ProgramFacts {
  let facts = programFacts.get(executable);
  if (!facts) {
    const file = executable.trim().split(/[\\/]/).pop() ?? '';
    facts = { ...(LEGACY_SCRIPT_RENAMES.has(file) ? { legacyFile: file } : {}), base: programBaseName(executable), stock: stockProgramKey(executable) };
    programFacts.set(executable, facts);
  }
  return facts;
}

/** The check_keys answer of the program behind `executable` for this alert (4.2+ protocol). */
export function keysFor(executable: string, alert: Record<string, unknown>, customKey: KeyMode | undefined): ScriptKeys {
  const { legacyFile, base, stock } = factsOf(executable);
  if (legacyFile !== undefined) {
    return { kind: 'fail', reason: `${legacyFile} is a pre-4.2 script that 4.2+ hosts do not have: execd logs "Active response command not present" and runs nothing` };
  }
  const mode: KeyMode = stock ?? customKey ?? 'srcip';
  if (mode === 'none') return { kind: 'stateless' };
  if (mode === 'user') {
    const user = scriptUser(alert);
    if (user !== undefined) return { kind: 'keys', keys: [user] };
    return { kind: 'fail', reason: 'no usable data.dstuser: the program exits before answering check_keys' };
  }
  const ip = scriptSrcip(alert);
  if (ip !== undefined && validIp(ip)) return { kind: 'keys', keys: [ip] };
  if (stock === 'srcip') return { kind: 'fail', reason: `${ip === undefined ? 'no srcip in the alert' : `'${ip}' is not an IP address`}: ${base} logs "Cannot read 'srcip' from data or invalid IP format" and exits` };
  // A custom program keyed on srcip (the default) with no srcip answers with no key at all.
  return { kind: 'keys', keys: [] };
}

/** Legacy (< 4.2) execd keyed its timeout list on the script and its srcip argument. */
export function legacyKeys(argv: string[] | undefined): ScriptKeys {
  return { kind: 'keys', keys: [argv?.[3] ?? '-'] };
}
