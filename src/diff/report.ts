/**
 * A diff report from its parts: the static changes, and what the alerts (and their replay) showed.
 * The command and the library API build it the same way.
 */
import { InputError } from '../util/errors.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { BehaviourDiff, DiffReport, TimelineSideSummary } from './model.ts';
import type { DiffSide, StaticDiff } from './static.ts';
import { configurationChanges } from './phrases.ts';

export interface DiffParts {
  target: TargetVersion;
  base: { label: string; side: DiffSide };
  head: { label: string; side: DiffSide };
  diff: StaticDiff;
  behaviour?: BehaviourDiff;
  timeline?: { base: TimelineSideSummary; head: TimelineSideSummary };
}

/** The kind of file a side is: a node's ossec.conf, or a shared agent.conf (`<agent_config>` roots). */
export type DiffRole = 'ossec.conf' | 'agent.conf';

/**
 * The report for two shared agent.conf files: no change, whatever they say (see DiffReport.sharedAgentConf);
 * undefined when both are ossec.conf. Files of two kinds are not compared: an error.
 */
export function sharedAgentConfReport(target: TargetVersion, base: { label: string; role: DiffRole }, head: { label: string; role: DiffRole }): DiffReport | undefined {
  if (base.role !== head.role) {
    throw new InputError(`BASE ${base.label} is ${base.role === 'agent.conf' ? 'a shared agent.conf' : 'an ossec.conf'} and HEAD ${head.label} ${head.role === 'agent.conf' ? 'a shared agent.conf' : 'an ossec.conf'}: arctl diff compares two files of one kind`);
  }
  if (base.role === 'ossec.conf') return undefined;
  return { targetVersion: target.text, base: { label: base.label, refused: false }, head: { label: head.label, refused: false }, static: [], sharedAgentConf: true, changed: false };
}

/** What the formatters say for two shared agent.conf files. */
export const SHARED_AGENT_CONF_NOTE =
  'shared agent.conf: no active-response change is possible here (agents run execd with their own ossec.conf only; analysisd, which reads <command> and <active-response>, runs on the manager)';

export function buildDiffReport(parts: DiffParts): DiffReport {
  const { behaviour, timeline, diff } = parts;
  // With alerts, the answer is whether some alert (or the replay) went differently; without, any static change.
  const changed = behaviour
    ? behaviour.changedAlerts > 0 || (timeline !== undefined && JSON.stringify(timeline.base) !== JSON.stringify(timeline.head))
    : configurationChanges(diff.changes).length > 0;
  return {
    targetVersion: parts.target.text,
    base: { label: parts.base.label, refused: parts.base.side.config.refusal.length > 0 },
    head: { label: parts.head.label, refused: parts.head.side.config.refusal.length > 0 },
    static: diff.changes,
    ...(behaviour ? { behaviour } : {}),
    ...(timeline ? { timeline } : {}),
    changed,
  };
}
