/** The Wazuh version whose behaviour arctl reproduces (`--target-version`). */
export interface TargetVersion {
  major: number;
  minor: number;
  /** As given, e.g. "4.14". */
  text: string;
  /** Below 4.2: expect-driven, `.sh`/`.cmd` scripts, positional script arguments (OSSEC 2.x, Wazuh 3.x, 4.0, 4.1). */
  legacy: boolean;
  /** 4.3+: `agent_id` 0 / non-numeric with defined-agent drops the block (warning 1306). */
  dropsAgentZero: boolean;
}

export const DEFAULT_TARGET_VERSION = '4.14';

export class TargetVersionError extends Error {}

export function parseTargetVersion(text: string = DEFAULT_TARGET_VERSION): TargetVersion {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(text.trim());
  if (!m) throw new TargetVersionError(`invalid --target-version '${text}': expected MAJOR.MINOR, e.g. 4.14 or 3.13`);
  const major = Number(m[1]);
  const minor = m[2] === undefined ? 0 : Number(m[2]);
  if (major >= 5) {
    throw new TargetVersionError(`--target-version ${text} is not supported yet: Wazuh 5.x replaces analysisd and uses a different file layout (supported: 2.x, 3.x and 4.x)`);
  }
  if (major < 2) throw new TargetVersionError(`--target-version ${text} is not a Wazuh/OSSEC version arctl knows (supported: 2.x, 3.x and 4.x)`);
  const atLeast = (a: number, b: number) => major > a || (major === a && minor >= b);
  return { major, minor, text: `${major}.${minor}`, legacy: !atLeast(4, 2), dropsAgentZero: atLeast(4, 3) };
}

export function versionAtLeast(v: TargetVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
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
