/**
 * A cheap test that rules out alerts.json lines no active response can fire on, so `--timeline`
 * parses only the alerts that matter (JSON parsing is most of the cost on large files). It is a
 * necessary condition, never a sufficient one: a line it lets through is parsed and simulated in full.
 * - a rules_id match needs the rule id in the line (`"id":"5712"`);
 * - a level match needs a `"level":N` with N at or above the block's level (not used with --ruleset,
 *   whose levels may differ from the alert's);
 * - a rules_group pattern (OS_Regex on the group string) cannot be ruled out cheaply: no filter then.
 */
import type { SimConfig } from '../simulate/model.ts';
import { parseRuleIdList } from '../wazuh/rules-id.ts';

export function buildLinePrefilter(config: SimConfig, rulesetLevels: boolean): ((line: string) => boolean) | undefined {
  const ids = new Set<number>();
  let minLevel = Infinity;
  for (const r of config.responses) {
    if (r.status !== 'active') continue;
    if (r.rulesId !== undefined) for (const id of parseRuleIdList(r.rulesId)) ids.add(id);
    if (r.level > 0) {
      if (rulesetLevels) return undefined;
      minLevel = Math.min(minLevel, r.level);
    } else if (r.rulesGroup !== undefined) {
      return undefined;
    }
  }
  const idPattern = ids.size > 0 ? new RegExp(`"id"\\s*:\\s*"?(?:${[...ids].join('|')})(?![0-9])`) : undefined;
  const levelPattern = /"level"\s*:\s*"?([0-9]+)/g;
  return (line) => {
    if (idPattern?.test(line)) return true;
    if (minLevel === Infinity) return false;
    levelPattern.lastIndex = 0;
    for (let m = levelPattern.exec(line); m; m = levelPattern.exec(line)) if (Number(m[1]) >= minLevel) return true;
    return false;
  };
}
