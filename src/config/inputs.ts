/** The optional inputs that enable more rules: agent lists, the active-response bin dir, manager IPs. */
import { readdirSync, statSync } from 'node:fs';
import type { AgentInfo } from '../wazuh/agents.ts';
import { InputError } from '../util/errors.ts';
import { describeFsError, readTextInput } from '../util/read-input.ts';
import { lazyRequire } from '../util/lazy-require.ts';

/** Only --manager-ip needs it: loaded then, not at every start-up. */
const ipaddr = lazyRequire<typeof import('ipaddr.js')>('ipaddr.js');

/** `--agents FILE` (`-`: standard input): Wazuh's client.keys (`id name ip key` per line) or a JSON array of agents. */
export function loadAgents(path: string): AgentInfo[] {
  const text = readTextInput(path, `--agents ${path}`);
  return text.trimStart().startsWith('[') ? parseAgentsJson(text, path) : parseClientKeys(text, path);
}

export function padAgentId(id: string | number): string | undefined {
  const s = String(id).trim();
  if (!/^\d{1,6}$/.test(s)) return undefined;
  return s.padStart(3, '0');
}

export function parseClientKeys(text: string, path: string): AgentInfo[] {
  const agents: AgentInfo[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    // keys.c OS_ReadKeys skips lines that start with '#' or a space.
    if (line.trim() === '' || line.startsWith('#') || line.startsWith(' ')) return;
    const fields = line.trim().split(/\s+/);
    const id = padAgentId(fields[0]);
    if (fields.length < 4 || !id) throw new InputError(`--agents ${path}:${i + 1}: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`);
    // Removed agents keep their line with the name prefixed by '!' or '#' (keys.c OS_DeleteKey).
    if (fields[1].startsWith('!') || fields[1].startsWith('#')) return;
    agents.push({ id, name: fields[1], ip: fields[2], status: 'active' });
  });
  return agents;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseAgentsJson(text: string, path: string): AgentInfo[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`--agents ${path}: invalid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new InputError(`--agents ${path}: expected a JSON array of {id, name, ip, os, version, status}`);
  return raw.map((entry, i) => {
    const at = `--agents ${path}: entry ${i}`;
    if (typeof entry !== 'object' || entry === null) throw new InputError(`${at}: expected an object`);
    const e = entry as Record<string, unknown>;
    const id = typeof e.id === 'string' || typeof e.id === 'number' ? padAgentId(e.id) : undefined;
    if (!id) throw new InputError(`${at}: 'id' must be a numeric agent id such as "001"`);
    const text = (key: string): string | undefined => {
      const v = e[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') throw new InputError(`${at}: '${key}' must be a string`);
      return v;
    };
    const agent: AgentInfo = { id, name: text('name') ?? '', status: text('status') ?? 'active' };
    const ip = text('ip');
    // The Wazuh API gives os as an object ({ name, platform, version }); agent_control and hand-made lists as text.
    const os = isRecord(e.os) ? [e.os.name ?? e.os.platform, e.os.version].filter((v) => typeof v === 'string').join(' ') || undefined : text('os');
    const version = text('version');
    if (ip !== undefined) agent.ip = ip;
    if (os !== undefined) agent.os = os;
    if (version !== undefined) agent.version = version;
    return agent;
  });
}

/** `--ar-bin DIR`: the file names in the active-response bin directory. */
export function listArBin(dir: string): { dir: string; files: Set<string> } {
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`--ar-bin ${dir}: not a directory`);
    return { dir, files: new Set(readdirSync(dir)) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`--ar-bin ${dir}: ${describeFsError(error)}`);
  }
}

/** `--manager-ip IP`: an IPv4 or IPv6 address. */
export function parseManagerIp(text: string): string {
  const ip = text.trim();
  if (!ipaddr().isValid(ip)) throw new InputError(`--manager-ip '${text}': not an IP address`);
  return ip;
}
