/**
 * A diff report from its parts: the static changes, and what the alerts (and their replay) showed.
 * The command and the library API build it the same way.
 */
import { InputError } from '../util/errors.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { BehaviourDiff, DiffReport, DiffTimeline } from './model.ts';
import type { DiffSide, StaticDiff } from './static.ts';
import { configurationChanges } from './phrases.ts';

export interface DiffParts {
  target: TargetVersion;
  base: { label: string; side: DiffSide };
  head: { label: string; side: DiffSide };
  diff: StaticDiff;
  behaviour?: BehaviourDiff;
  timeline?: DiffTimeline;
}

/** The kind of file a side is: a node's ossec.conf, or a shared agent.conf (`<agent_config>` roots). */
export type DiffRole = 'ossec.conf' | 'agent.conf';

/** A side's kind and what told it (lint's judgedRole): its name, its root elements, or nothing (no root element at all). */
export interface DiffSideKind {
  label: string;
  role: DiffRole;
  by: 'name' | 'root' | 'nothing';
}

const kindText = (k: DiffSideKind) =>
  `${k.role === 'agent.conf' ? 'a shared agent.conf' : 'an ossec.conf'} (${k.by === 'name' ? 'by its name' : k.by === 'root' ? 'by its root element' : 'it has no root element'})`;

/**
 * The kind both sides are of: a side with nothing that tells its kind (`kindOf` undefined: an empty file,
 * /dev/null for a new file) is of the other side's; undefined when neither tells. Files of two kinds are not
 * compared: an InputError, each side's kind said by `describe`.
 */
export function kindOfBoth<S extends { label: string }, K>(base: S, head: S, kindOf: (side: S) => K | undefined, describe: (side: S) => string): K | undefined {
  const [b, h] = [kindOf(base), kindOf(head)];
  if (b !== undefined && h !== undefined && b !== h) {
    throw new InputError(`BASE ${base.label} is ${describe(base)} and HEAD ${head.label} ${describe(head)}: arctl diff compares two files of one kind`);
  }
  return b ?? h;
}

/**
 * The report for two shared agent.conf files: no change, whatever they say (see DiffReport.sharedAgentConf);
 * undefined when both are ossec.conf (kindOfBoth: an empty side is of the other's kind, two kinds an error).
 */
export function sharedAgentConfReport(target: TargetVersion, base: DiffSideKind, head: DiffSideKind): DiffReport | undefined {
  const role = kindOfBoth(base, head, (k) => (k.by === 'nothing' ? undefined : k.role), kindText) ?? head.role;
  if (role === 'ossec.conf') return undefined;
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
