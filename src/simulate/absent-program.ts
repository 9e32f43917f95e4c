/**
 * A response delivered to a host that has no such program: the platform-only stock programs (`netsh.exe`
 * and the other `.exe`/`.cmd` on Windows agents; `firewall-drop`, `host-deny`, `route-null`... on
 * Linux/Unix) where the other platform runs them. execd finds no file when it reads ar.conf ("Active
 * response command not present", src/os_execd/exec.c ReadExecConfig), keeps an empty program for the
 * name and runs nothing for it (execd.c ExecdRun: `cmd[0][0] == '\0'`). The manager runs Linux; an
 * agent's platform is known from the `os` --agents gives.
 */
import { isBuiltinRestartName, provenProgramPlatform, PLATFORM_NAMES, type Platform } from '../wazuh/programs.ts';
import { listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import type { SimResponse } from './model.ts';

function platformOf(target: string, onManager: boolean, agents: readonly AgentInfo[] | undefined): { platform: Platform; os?: string } | undefined {
  if (onManager || target === '000') return { platform: 'unix' };
  if (!agents) return undefined;
  const listed = listedAgent(agents, target);
  return listed?.platform === undefined ? undefined : { platform: listed.platform, os: listed.agent.os };
}

/** The host a target names, in words. */
function hostName(target: string, onManager: boolean, os: string | undefined): string {
  return onManager || target === '000' ? 'the manager (Linux)' : `agent ${target}${os ? ` (${os})` : ''}`;
}

/** Per executable text: a timeline asks for the same few programs millions of times. */
const programPlatforms = new Map<string, Platform | null>();

function needsPlatform(executable: string): Platform | undefined {
  let platform = programPlatforms.get(executable);
  if (platform === undefined) {
    // A custom block.ps1 may be a Linux script: like any custom program, it is taken to be there.
    platform = provenProgramPlatform(executable) ?? null;
    programPlatforms.set(executable, platform);
  }
  return platform ?? undefined;
}

/** The targets among `targets` that have no such program, each named in words. */
export function absentProgramHosts(response: SimResponse, targets: readonly string[], agents: readonly AgentInfo[] | undefined, managerBefore42: boolean): string[] {
  const needs = needsPlatform(response.executable);
  // restart-wazuh0 (from a 4.2 manager on) and restart-ossec0 run whichever restart program the host has (Windows or not).
  if (needs === undefined || isBuiltinRestartName(response.name, managerBefore42)) return [];
  const onManager = response.location.server;
  const hosts: string[] = [];
  for (const target of targets) {
    const host = platformOf(target, onManager, agents);
    if (host !== undefined && host.platform !== needs) hosts.push(hostName(target, onManager, host.os));
  }
  return hosts;
}

/** Why `target` runs nothing for `response` (no such program there), or undefined. */
export function absentProgram(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined, managerBefore42: boolean): string | undefined {
  const [host] = absentProgramHosts(response, [target], agents, managerBefore42);
  return host === undefined ? undefined : absentText(response.executable, host);
}

export function absentText(executable: string, hosts: string): string {
  const needs = needsPlatform(executable)!;
  return `'${executable}' is a ${PLATFORM_NAMES[needs]} program, which ${hosts} ${hosts.includes(', ') ? 'do' : 'does'} not have: execd found no such file in active-response/bin ("Active response command not present") and runs nothing`;
}
