/**
 * The optional inputs that enable more rules: agent lists, the active-response bin dir, manager IPs.
 * A refused input is a SettingsError with a code and its arguments (./problems.ts), worded by the caller.
 */
import { readdirSync, statSync } from 'node:fs';
import { formatAgentId, type AgentInfo } from '../wazuh/agents.ts';
import { atoi } from '../wazuh/c-number.ts';
import { describeFsError, readTextInput, UnreadableInputError } from '../util/read-input.ts';
import { isIpAddress } from '../wazuh/ip.ts';
import { SettingsError, type SettingOrigin, type SettingsProblem } from './problems.ts';
import { isObject } from '../util/is-object.ts';
import { JsonTextError, parseJsonText } from '../util/json-text.ts';

const OPTION: SettingOrigin = { from: 'option' };

/**
 * `--agents FILE` (`-`: standard input): Wazuh's client.keys (`id name ip key` per line) or a JSON array of
 * agents. `source` says where the path came from, so that a refusal names it (default: an option).
 */
export function loadAgents(path: string, source: SettingOrigin = OPTION): AgentInfo[] {
  return readAgentsFile(path, source).list;
}

/**
 * A line of client.keys whose id an earlier line has (its exact text: remoted compares ids as strings). Wazuh's key
 * store keeps the first: OS_ReadKeys adds every line (src/os_crypto/shared/keys.c:319) but OS_AddKey's insert
 * into the id tree (keys.c:76) refuses a key it holds (src/shared/rbtree_op.c:499-502), so OS_IsAllowedID, which
 * remoted sends an agent's messages by (src/remoted/sendmsg.c:79), finds the first line's agent. Nothing says so:
 * only authd refuses to enroll a "Duplicate ID" (src/os_auth/local-server.c:369-375); a hand edit makes one.
 */
export interface DuplicateKeyId {
  id: string;
  line: number;
  name: string;
  firstLine: number;
  firstName: string;
}

/** loadAgents, with the client.keys lines whose id an earlier line has (none for a JSON list). */
export function readAgentsFile(path: string, source: SettingOrigin = OPTION): { list: AgentInfo[]; duplicates: DuplicateKeyId[] } {
  const text = readSettingsFile(path, (reason) => ({ code: 'agents-unreadable', source, path, reason }));
  if (text.trimStart().startsWith('[')) return { list: parseAgentsJson(text, path, source), duplicates: [] };
  const duplicates: DuplicateKeyId[] = [];
  return { list: parseClientKeys(text, path, source, duplicates), duplicates };
}

/** A file a setting names (`-`: standard input); a file that cannot be read is refused as `problem` says. */
export function readSettingsFile(path: string, problem: (reason: string) => SettingsProblem): string {
  try {
    return readTextInput(path, path);
  } catch (error) {
    if (error instanceof UnreadableInputError && error.label === path) throw new SettingsError(problem(error.reason));
    throw error;
  }
}

export function padAgentId(id: string | number): string | undefined {
  const s = String(id).trim();
  if (!/^\d{1,6}$/.test(s)) return undefined;
  return s.padStart(3, '0');
}

/** `duplicates`, when given, gets the lines whose id an earlier line has (DuplicateKeyId); they stay in the list, after the first. */
export function parseClientKeys(text: string, path: string, source: SettingOrigin = OPTION, duplicates?: DuplicateKeyId[]): AgentInfo[] {
  const agents: AgentInfo[] = [];
  const seen = new Map<string, { line: number; name: string }>();
  text.split(/\r?\n/).forEach((line, i) => {
    // keys.c OS_ReadKeys skips lines that start with '#' or a space.
    if (line.trim() === '' || line.startsWith('#') || line.startsWith(' ')) return;
    const fields = line.trim().split(/\s+/);
    const id = padAgentId(fields[0]);
    if (fields.length < 4 || !id) throw new SettingsError({ code: 'agents-line-malformed', source, path, line: i + 1 });
    // Removed agents keep their line with the name prefixed by '!' or '#' (keys.c OS_DeleteKey).
    if (fields[1].startsWith('!') || fields[1].startsWith('#')) return;
    const first = seen.get(fields[0]);
    if (first) duplicates?.push({ id: fields[0], line: i + 1, name: fields[1], firstLine: first.line, firstName: first.name });
    else seen.set(fields[0], { line: i + 1, name: fields[1] });
    const agent: AgentInfo = { id, name: fields[1], ip: fields[2], keysAddress: fields[2], status: 'active' };
    // remoted knows the agent by the id as written here (keys.c OS_IsAllowedID); analysisd sends to '%.3d'.
    if (fields[0] !== formatAgentId(atoi(fields[0]))) agent.keyId = fields[0];
    agents.push(agent);
  });
  return agents;
}

export function parseAgentsJson(text: string, path: string, source: SettingOrigin = OPTION): AgentInfo[] {
  let raw: unknown;
  try {
    raw = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new SettingsError({ code: 'agents-json-invalid', source, path, line: error.line, column: error.column, reason: error.reason });
  }
  if (!Array.isArray(raw)) throw new SettingsError({ code: 'agents-json-not-array', source, path });
  return raw.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null) throw new SettingsError({ code: 'agents-entry-not-object', source, path, index });
    const e = entry as Record<string, unknown>;
    const id = typeof e.id === 'string' || typeof e.id === 'number' ? padAgentId(e.id) : undefined;
    if (!id) throw new SettingsError({ code: 'agents-entry-id-invalid', source, path, index });
    const text = (key: string): string | undefined => {
      const v = e[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') throw new SettingsError({ code: 'agents-entry-not-text', source, path, index, key });
      return v;
    };
    const agent: AgentInfo = { id, name: text('name') ?? '', status: text('status') ?? 'active' };
    const ip = text('ip');
    // The Wazuh API gives os as an object ({ name, platform, version }); agent_control and hand-made lists as text.
    const os = isObject(e.os) ? [e.os.name ?? e.os.platform, e.os.version].filter((v) => typeof v === 'string').join(' ') || undefined : text('os');
    const version = text('version');
    // The API says 'unknown' for an agent that never connected.
    const node = text('node_name');
    if (node !== undefined && node !== '' && node !== 'unknown') agent.node = node;
    if (ip !== undefined) agent.ip = ip;
    // The Wazuh API's registerIP is the client.keys address; its ip the one the agent last connected from.
    const keysAddress = text('registerIP');
    if (keysAddress !== undefined && keysAddress !== '') agent.keysAddress = keysAddress;
    if (os !== undefined) agent.os = os;
    if (version !== undefined) agent.version = version;
    return agent;
  });
}

/** `--ar-bin DIR`: the file names in the active-response bin directory (`source`: as for `loadAgents`). */
export function listArBin(dir: string, source: SettingOrigin = OPTION): { dir: string; files: Set<string> } {
  try {
    if (!statSync(dir).isDirectory()) throw new SettingsError({ code: 'ar-bin-not-directory', source, dir });
    return { dir, files: new Set(readdirSync(dir)) };
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    throw new SettingsError({ code: 'ar-bin-unreadable', source, dir, reason: describeFsError(error) });
  }
}

/** `--manager-ip IP`: an IPv4 or IPv6 address. */
export function parseManagerIp(text: string): string {
  const ip = text.trim();
  if (!isIpAddress(ip)) throw new SettingsError({ code: 'manager-ip-invalid', text });
  return ip;
}
