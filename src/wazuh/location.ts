/**
 * How ReadActiveResponses (src/config/active-response.c) reads `<location>`: four independent OS_Regex
 * searches (case-insensitive, unanchored), so one value can set several flags (`local,server`) and any
 * value merely containing "as" means the manager (`east`, `wazuh-master`).
 */
import { osRegexMatch } from './os-regex.ts';

/** The OS_Regex patterns Wazuh tests, in the order it tests them. */
export const LOCATION_PATTERNS = {
  server: 'AS|analysisd|analysis-server|server',
  local: 'local',
  definedAgent: 'defined-agent',
  all: 'all|any',
} as const;

/** The location bitmask: AS_ONLY (server), REMOTE_AGENT (local), SPECIFIC_AGENT (defined-agent), ALL_AGENTS (all). */
export interface LocationFlags {
  server: boolean;
  local: boolean;
  definedAgent: boolean;
  all: boolean;
}

/** Every word the patterns name (`AS`, `analysisd`, ..., `any`), in Wazuh's order. */
export const LOCATION_KEYWORDS: readonly string[] = Object.values(LOCATION_PATTERNS).flatMap((p) => p.split('|'));

/** The documented location values, in the order arctl offers them. */
export const CANONICAL_LOCATIONS = ['local', 'server', 'defined-agent', 'all'] as const;
export type CanonicalLocation = (typeof CANONICAL_LOCATIONS)[number];

export function locationFlags(text: string): LocationFlags {
  return {
    server: osRegexMatch(LOCATION_PATTERNS.server, text),
    local: osRegexMatch(LOCATION_PATTERNS.local, text),
    definedAgent: osRegexMatch(LOCATION_PATTERNS.definedAgent, text),
    all: osRegexMatch(LOCATION_PATTERNS.all, text),
  };
}

/** True when no flag is set: Wazuh refuses the value with (1302). */
export function noLocationFlag(flags: LocationFlags): boolean {
  return !flags.server && !flags.local && !flags.definedAgent && !flags.all;
}

/** Every canonical value whose flag the text sets, in server/local/defined-agent/all order. */
export function canonicalLocations(flags: LocationFlags): CanonicalLocation[] {
  const out: CanonicalLocation[] = [];
  if (flags.server) out.push('server');
  if (flags.local) out.push('local');
  if (flags.definedAgent) out.push('defined-agent');
  if (flags.all) out.push('all');
  return out;
}

/**
 * Where OS_Exec actually sends the response (an if / else-if chain, src/analysisd/alerts/exec.c):
 * `server` wins over everything; otherwise `all`, then `defined-agent`, then `local`. (`local` also runs on
 * the manager when the alert comes from agent 000; that depends on the alert, not on the configuration.)
 */
export function effectiveLocation(flags: LocationFlags): CanonicalLocation | undefined {
  if (flags.server) return 'server';
  if (flags.all) return 'all';
  if (flags.definedAgent) return 'defined-agent';
  if (flags.local) return 'local';
  return undefined;
}

/**
 * What a `<location>` value means: the flags, the canonical values it sets, the one OS_Exec acts on, and
 * whether the text is exactly one documented value (so lint can say "`Local` means `local`").
 */
export function describeLocation(text: string): {
  flags: LocationFlags;
  canonical: CanonicalLocation[];
  effective: CanonicalLocation | undefined;
  exact: boolean;
} {
  const flags = locationFlags(text);
  const canonical = canonicalLocations(flags);
  const exact = canonical.length === 1 && canonical[0] === text;
  return { flags, canonical, effective: effectiveLocation(flags), exact };
}
