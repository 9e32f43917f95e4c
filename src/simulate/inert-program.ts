/**
 * A stock program that runs but does nothing on its host's system: the 4.2+ Unix programs answer check_keys
 * (execd keeps the entry and its timeout), then read uname() and log "Invalid system" on a system they have
 * no command for (src/wazuh/programs.ts programSystems): firewall-drop on macOS, pf on Linux. The manager
 * runs Linux; an agent's system is known from the `os` --agents gives. And one that acts on nothing for
 * this alert: it lacks the program's key (keylessProgramNote).
 */
import { listedAgent, registeredAs, type AgentInfo } from '../wazuh/agents.ts';
import { addressElsewhere, programSrcip, programUser, type ProgramField } from '../wazuh/program-input.ts';
import { EXTRA_ARGS_REFUSAL, extraArgsProgramOutcome, LEGACY_SCRIPT_RENAMES, osSystemName, programBaseName, programSystems, splitExtraArgs, stockProgramKey, stockProgramKeyRefusal } from '../wazuh/programs.ts';
import { absentProgram } from './absent-program.ts';
import { oldAgentVersion } from './old-agents.ts';
import { unreachableAgent } from './unreachable.ts';
import type { SimResponse } from './model.ts';
import { TargetListMemo } from './target-memo.ts';

export { sameTargets } from './target-memo.ts';

/**
 * Agent `target` runs no 4.2+ program for `response`, for a reason the other notes give: below 4.2 (its own .sh
 * script, or nothing: old-agents.ts), a version analysisd cannot read, or remoted does not reach it (not connected, or registered as '1').
 */
function runsNoModernProgram(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined): boolean {
  const listed = agents && target !== 'all' ? listedAgent(agents, target) : undefined;
  return listed !== undefined && (listed.format === null || oldAgentVersion(response, target, agents) !== undefined || unreachableAgent(response, target, agents) !== undefined || registeredAs(agents!, target) !== undefined);
}

/** The alert field a stock program keys on, as the program reads it: disable-account's user, a blocker's srcip. */
function stockKeyField(response: SimResponse, alert: Record<string, unknown>): ProgramField {
  return stockProgramKey(response.executable) === 'user' ? programUser(alert) : programSrcip(alert);
}

/** Why `response` does nothing on some of `targets`, or undefined. */
export function inertProgramNote(response: SimResponse, alert: Record<string, unknown>, targets: readonly string[], agents: readonly AgentInfo[] | undefined): string | undefined {
  const systems = programSystems(response.executable);
  if (systems === undefined) return undefined;
  // Without its key (srcip, or disable-account's user) the program stops before uname(): keylessProgramNote says so.
  const key = stockKeyField(response, alert);
  if (!('value' in key)) return undefined;
  return invalidSystemNotes.get(response, targets, agents, '', () => invalidSystemNote(response, systems, targets, agents));
}
const invalidSystemNotes = new TargetListMemo<string | undefined>();

/** The hosts among `targets` whose system `systems` leaves out, in one note (what inertProgramNote says once the alert has the key). */
function invalidSystemNote(response: SimResponse, systems: readonly string[], targets: readonly string[], agents: readonly AgentInfo[] | undefined): string | undefined {
  const hosts: string[] = [];
  for (const target of targets) {
    const onManager = response.location.server || target === '000';
    if (!onManager && runsNoModernProgram(response, target, agents)) continue;
    const os = onManager || !agents || target === 'all' ? undefined : listedAgent(agents, target)?.agent.os;
    const system = onManager ? 'Linux' : osSystemName(os);
    if (system !== undefined && !systems.includes(system)) hosts.push(onManager ? 'the manager (Linux)' : `agent ${target} (${os})`);
  }
  if (hosts.length === 0) return undefined;
  const named = hosts.length > 3 ? `${hosts.slice(0, 3).join(', ')} and ${hosts.length - 3} more` : hosts.join(', ');
  return `'${response.executable}' does nothing on ${named}: it answers check_keys (execd keeps the entry), then logs "Invalid system", as it acts on ${systems.join(', ')} only`;
}

/**
 * A stock program whose key the alert lacks (a blocker's srcip, disable-account's user: src/wazuh/program-input.ts)
 * stops before check_keys, blocking nothing, on every host that runs it (the timeline's fail): said here too,
 * unless no target runs the 4.2+ program (absent there, an agent below 4.2, one that gets nothing).
 */
export function keylessProgramNote(response: SimResponse, alert: Record<string, unknown>, targets: readonly string[], agents: readonly AgentInfo[] | undefined): string | undefined {
  const refusal = stockProgramKeyRefusal(response.executable);
  if (refusal === undefined || LEGACY_SCRIPT_RENAMES.has(response.executable.trim())) return undefined;
  const key = stockKeyField(response, alert);
  if ('value' in key) return undefined;
  if (!runsModernProgram(response, targets, agents)) return undefined;
  // An address under another name (data.src_ip): neither analysisd (lf->srcip) nor the program reads it.
  const other = key.fail === 'no srcip in the alert' ? addressElsewhere(alert) : undefined;
  const elsewhere = other ? `; its ${other.path} '${other.value}' is another field, which neither analysisd nor the program reads (they take data.srcip, what a decoder's <order>srcip</order> or a JSON key srcip fills)` : '';
  return `${key.fail}${elsewhere}: ${programBaseName(response.executable)} logs "${refusal}" and exits before check_keys, acting on nothing`;
}

/**
 * A stock program that needs <extra_args> (wazuh-slack's webhook URL, kaspersky's arguments: src/wazuh/programs.ts
 * extraArgsProgramOutcome) sent none: it logs "Cannot read 'extra_args' from data" and exits on every host that
 * runs the 4.2+ program (the timeline's fail).
 */
export function argslessProgramNote(response: SimResponse, targets: readonly string[], agents: readonly AgentInfo[] | undefined): string | undefined {
  const outcome = extraArgsProgramOutcome(response.executable);
  if (outcome === undefined || splitExtraArgs(response.extraArgs).length > 0) return undefined;
  if (!runsModernProgram(response, targets, agents)) return undefined;
  const given = response.extraArgs === undefined ? 'the command has no <extra_args>' : 'the command\'s <extra_args> holds no word (analysisd sends none)';
  return `${given}: ${programBaseName(response.executable)} logs "${EXTRA_ARGS_REFUSAL}" and exits, ${outcome}`;
}

/**
 * Some target runs the 4.2+ program and reads the alert as src/wazuh/program-input.ts does: not where it is
 * absent, on an agent below 4.2, on one that gets nothing. For 4.2+ managers only (engine.ts): their ar.conf
 * maps restart-wazuh0.
 */
export function runsModernProgram(response: SimResponse, targets: readonly string[], agents: readonly AgentInfo[] | undefined): boolean {
  // Location all gives every alert one list, every active agent --agents names: walked once (target-memo.ts).
  return modernAnswers.get(response, targets, agents, '', () =>
    targets.some((target) => absentProgram(response, target, agents, false) === undefined && (response.location.server || target === '000' || !runsNoModernProgram(response, target, agents))),
  );
}
const modernAnswers = new TargetListMemo<boolean>();
