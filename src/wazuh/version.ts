import { InputError } from '../util/errors.ts';

/** The Wazuh version whose behaviour arctl reproduces (`--target-version`). */
export interface TargetVersion {
  major: number;
  minor: number;
  /** The patch release: as given, else the latest known patch of major.minor (`4.14` is 4.14.7). */
  patch: number;
  /** As given, normalised: "4.14" or "4.14.7". */
  text: string;
  /** Below 4.2: expect-driven, `.sh`/`.cmd` scripts, positional script arguments (OSSEC 2.x, Wazuh 3.x, 4.0, 4.1). */
  legacy: boolean;
  /** 4.3+: `agent_id` 0 / non-numeric with defined-agent drops the block (warning 1306). */
  dropsAgentZero: boolean;
}

export const DEFAULT_TARGET_VERSION = '4.14';

/** Why a version text was refused: a code and its arguments, worded late by `describe` under the name the user typed it. */
export type TargetVersionProblem =
  | { code: 'malformed'; text: string }
  | { code: 'unsupported-major'; text: string }
  | { code: 'unknown'; text: string }
  | { code: 'unreleased'; text: string; series: string; latest: string };

/** A refused version: an input error (exit 2, an ArctlError to a library caller). */
export class TargetVersionError extends InputError {
  constructor(readonly problem: TargetVersionProblem) {
    super(describeTargetVersionProblem(problem, 'targetVersion'));
  }

  /** The message with the version named as the user gave it: `--target-version`, `targetVersion`, `--agent-version`. */
  describe(name: string): string {
    return describeTargetVersionProblem(this.problem, name);
  }
}

function describeTargetVersionProblem(problem: TargetVersionProblem, name: string): string {
  switch (problem.code) {
    case 'malformed':
      return `invalid ${name} '${problem.text}': expected MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. 4.14 or 4.14.7; ${knownVersionsText()}`;
    case 'unsupported-major':
      return `${name} ${problem.text} is not supported yet: Wazuh 5.x replaces analysisd and uses a different file layout (supported: 2.x, 3.x and 4.x)`;
    case 'unknown':
      return `${name} ${problem.text} is not a Wazuh/OSSEC version arctl knows (${knownVersionsText()})`;
    case 'unreleased':
      return `${name} ${problem.text} is not a released version (the latest ${problem.series} release arctl knows is ${problem.latest})`;
  }
}

/**
 * The releases arctl knows: major.minor -> latest patch. Wazuh 3.x and 4.x from wazuh/wazuh's release tags
 * (v3.0.0 .. v3.13.6, v4.0.0 .. v4.14.7); 2.x covers OSSEC 2.0-2.9 and Wazuh 2.0/2.1 (same daemons).
 */
const LATEST_PATCH: ReadonlyMap<string, number> = new Map([
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((minor) => [`2.${minor}`, minor === 9 ? 3 : minor === 8 ? 3 : minor === 1 || minor === 5 || minor === 7 ? 1 : 0] as const),
  ...([0, 0, 4, 1, 0, 0, 1, 2, 2, 5, 2, 4, 3, 6] as const).map((patch, minor) => [`3.${minor}`, patch] as const),
  ...([4, 5, 7, 11, 5, 4, 0, 5, 2, 2, 4, 2, 0, 1, 7] as const).map((patch, minor) => [`4.${minor}`, patch] as const),
]);

/** One line naming the known versions, for error messages. */
function knownVersionsText(): string {
  const minors = (major: number) => [...LATEST_PATCH.keys()].filter((k) => k.startsWith(`${major}.`));
  const span = (major: number) => {
    const list = minors(major);
    return `${list[0]}-${list[list.length - 1]}`;
  };
  return `known: ${span(2)}, ${span(3)}, ${span(4)} (latest ${[...LATEST_PATCH.keys()].at(-1)}.${[...LATEST_PATCH.values()].at(-1)})`;
}

export function parseTargetVersion(text: string = DEFAULT_TARGET_VERSION): TargetVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) {
    throw new TargetVersionError({ code: 'malformed', text });
  }
  const major = Number(m[1]);
  const minor = Number(m[2]);
  // 5.x is Wazuh's next series (not supported yet); a higher major is no Wazuh or OSSEC release at all.
  if (major === 5) {
    throw new TargetVersionError({ code: 'unsupported-major', text });
  }
  const latest = LATEST_PATCH.get(`${major}.${minor}`);
  if (latest === undefined) throw new TargetVersionError({ code: 'unknown', text });
  const patch = m[3] === undefined ? latest : Number(m[3]);
  if (patch > latest) throw new TargetVersionError({ code: 'unreleased', text, series: `${major}.${minor}`, latest: `${major}.${minor}.${latest}` });
  const atLeast = (a: number, b: number) => major > a || (major === a && minor >= b);
  return {
    major,
    minor,
    patch,
    text: m[3] === undefined ? `${major}.${minor}` : `${major}.${minor}.${patch}`,
    legacy: !atLeast(4, 2),
    dropsAgentZero: atLeast(4, 3),
  };
}

export function versionAtLeast(v: TargetVersion, major: number, minor: number, patch = 0): boolean {
  if (v.major !== major) return v.major > major;
  if (v.minor !== minor) return v.minor > minor;
  return v.patch >= patch;
}

/** `version` is major.minor or major.minor.patch ('3.2.3': a target of 3.2 is its latest patch, 3.2.4). */
export function versionAtLeastText(target: TargetVersion, version: string): boolean {
  const [major, minor = '0', patch = '0'] = version.split('.');
  return versionAtLeast(target, Number(major), Number(minor), Number(patch));
}

/** Whether the target's reader knows what `span` describes: from its `since`, before its `removedIn`. */
export function existsIn(span: VersionSpan, target: TargetVersion): boolean {
  if (span.since && !versionAtLeastText(target, span.since)) return false;
  return !(span.removedIn && versionAtLeastText(target, span.removedIn));
}

export interface VersionSpan {
  /** First version with the option (inclusive), e.g. "3.5". Absent: since OSSEC. */
  since?: string;
  /** From this version on the option is accepted but has no effect. */
  deprecatedSince?: string;
  /** From this version on the reader no longer knows the option (1230). */
  removedIn?: string;
  /** True when the versions above were not checked against the source of each release. */
  approximate?: boolean;
}
