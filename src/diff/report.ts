/**
 * A diff report from its parts: the static changes, and what the alerts (and their replay) showed.
 * The command and the library API build it the same way.
 */
import type { TargetVersion } from '../wazuh/version.ts';
import type { BehaviourDiff, DiffReport, TimelineSideSummary } from './model.ts';
import type { DiffSide, StaticDiff } from './static.ts';

export interface DiffParts {
  target: TargetVersion;
  base: { label: string; side: DiffSide };
  head: { label: string; side: DiffSide };
  diff: StaticDiff;
  behaviour?: BehaviourDiff;
  timeline?: { base: TimelineSideSummary; head: TimelineSideSummary };
}

export function buildDiffReport(parts: DiffParts): DiffReport {
  const { behaviour, timeline, diff } = parts;
  // With alerts, the answer is whether some alert (or the replay) went differently; without, any static change.
  const changed = behaviour
    ? behaviour.changedAlerts > 0 || (timeline !== undefined && JSON.stringify(timeline.base) !== JSON.stringify(timeline.head))
    : diff.changes.length > 0;
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
