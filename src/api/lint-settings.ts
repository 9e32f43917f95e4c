/**
 * The library's lint settings (what `lintText`, `lintFiles`, `fixText` and `planEdit` take) and the way
 * from resolved settings (src/config/settings.ts: `.arctl.json`, options, an installation) to them and to
 * the engine's options. The command line, the language server and a library user resolve settings with
 * `resolveSettings` and lint with what `lintSettingsOf` makes of them, so all three lint alike.
 */
import { SEVERITY_WORDS, SettingsError } from '../config/problems.ts';
import type { ResolvedSettings } from '../config/settings.ts';
import { knownRuleIds } from '../lint/rule-ids.ts';
import type { LintDocumentOptions, LintMode } from '../lint/engine.ts';
import type { AgentInfo, FileRole, SeveritySetting } from '../lint/types.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { Ruleset } from '../wazuh/ruleset-types.ts';
import { parseTargetVersion, type TargetVersion } from '../wazuh/version.ts';

/** What a lint run knows beyond the file: the same settings as `.arctl.json` and the lint flags. */
export interface LintSettings {
  /** The Wazuh version whose behaviour is checked, e.g. "4.14" (the default) or "3.13". */
  targetVersion?: string | TargetVersion;
  /** The managers' build: x86_64 (the default, signed char) or aarch64. */
  arch?: ManagerArch;
  /** Severity per rule id ("off" turns a rule off), as `.arctl.json` `rules`. */
  rules?: Record<string, SeveritySetting>;
  /** Wazuh's rules (`loadRuleset`): enables the rule-id and group checks. */
  ruleset?: Ruleset;
  /** The active-response bin directory's file names (`listArBin`). */
  arBin?: { dir: string; files: Set<string> };
  /** The registered agents (`loadAgents`, `parseClientKeys`, `parseAgentsJson`). */
  agents?: AgentInfo[];
  /** The manager's own IP addresses. */
  managerIps?: string[];
  /** `agent.conf` for a shared agent configuration; by default from the file name and root element. */
  role?: FileRole;
  /** Errors only, as `--quiet`. */
  quiet?: boolean;
}

export const targetOf = (version: string | TargetVersion | undefined): TargetVersion => (typeof version === 'object' ? version : parseTargetVersion(version));

/** The lint settings `resolveSettings`' result stands for. */
export function lintSettingsOf(resolved: ResolvedSettings): LintSettings {
  return {
    targetVersion: resolved.target,
    arch: resolved.arch,
    rules: resolved.ruleSettings,
    managerIps: resolved.managerIps,
    ...(resolved.ruleset ? { ruleset: resolved.ruleset.rules } : {}),
    ...(resolved.arBin ? { arBin: resolved.arBin } : {}),
    ...(resolved.agents ? { agents: resolved.agents.list } : {}),
  };
}

/**
 * The lint engine's options for these settings (`quiet` is the caller's: it filters findings). A rule
 * id arctl does not have, or a severity that is not one of off/info/warning/error, is refused as
 * `.arctl.json` refuses it (a SettingsError), rather than silently changing nothing.
 */
export function engineOptions(settings: LintSettings, mode: LintMode): LintDocumentOptions {
  const rules = settings.rules ?? {};
  for (const [id, severity] of Object.entries(rules)) {
    const known = knownRuleIds();
    if (!known.includes(id)) throw new SettingsError({ code: 'rule-unknown', id, knownRuleIds: known });
    if (!(SEVERITY_WORDS as readonly unknown[]).includes(severity)) throw new SettingsError({ code: 'rule-severity-invalid', id, value: String(severity) });
  }
  return {
    mode,
    target: targetOf(settings.targetVersion),
    ...(settings.arch ? { arch: settings.arch } : {}),
    ruleSettings: { ...rules },
    managerIps: settings.managerIps ?? [],
    ...(settings.ruleset ? { ruleset: settings.ruleset } : {}),
    ...(settings.arBin ? { arBin: settings.arBin } : {}),
    ...(settings.agents ? { agents: settings.agents } : {}),
    ...(settings.role ? { role: settings.role } : {}),
  };
}
