/**
 * Rule fixtures: XML files that mark each expected finding next to the offending line with
 * `<!-- expect: rule-id/messageId -->` (several comma-separated; `expect@N:` points at line N instead).
 * A first-line `<!-- arctl-test: {...} -->` gives options: targetVersion, ruleset (dirs, `corpus:`
 * prefix = ../shared/corpus), agents (JSON list), managerIps, arBin (file names), role.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import type { LintOptions } from '../../src/lint/engine.ts';
import type { AgentInfo, FileRole } from '../../src/lint/types.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir } from './paths.ts';

export interface FixtureOptions {
  targetVersion?: string;
  ruleset?: string[];
  agents?: AgentInfo[];
  managerIps?: string[];
  arBin?: string[];
  role?: FileRole;
}

export interface Expectation {
  line: number;
  ruleId: string;
  /** The message id after the slash; undefined when the marker names only the rule. */
  messageId: string | undefined;
}

export function readFixture(path: string): { doc: ConfigDocument; options: FixtureOptions; expected: Expectation[] } {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  const header = /<!--\s*arctl-test:\s*(\{[\s\S]*?\})\s*-->/.exec(text);
  const options: FixtureOptions = header ? JSON.parse(header[1]) : {};
  const expected: Expectation[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/<!--\s*expect(?:@(\d+))?:\s*([^>]*?)\s*-->/g)) {
      for (const marker of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
        const [ruleId, messageId] = marker.split('/');
        expected.push({ line: m[1] ? Number(m[1]) : i + 1, ruleId, messageId });
      }
    }
  });
  return { doc: new ConfigDocument(path, bytes), options, expected };
}

type RulesetLoader = (dirs: string[]) => LintOptions['ruleset'];

/** Rulesets loaded so far, per loader and directories: most fixtures name the same stock rules, read once per process. */
const rulesets = new WeakMap<RulesetLoader, Map<string, LintOptions['ruleset']>>();

function loadOnce(loadRuleset: RulesetLoader, dirs: string[]): LintOptions['ruleset'] {
  let loaded = rulesets.get(loadRuleset);
  if (!loaded) rulesets.set(loadRuleset, (loaded = new Map()));
  const key = JSON.stringify(dirs);
  if (!loaded.has(key)) loaded.set(key, loadRuleset(dirs));
  return loaded.get(key);
}

/** Turns fixture options into engine options; the ruleset loader is passed in to keep this file light. */
export function lintOptions(options: FixtureOptions, loadRuleset?: RulesetLoader): LintOptions {
  const dirs = (options.ruleset ?? []).map((d) => (d.startsWith('corpus:') ? join(corpusDir, d.slice(7)) : d));
  return {
    target: parseTargetVersion(options.targetVersion ?? '4.14'),
    managerIps: options.managerIps ?? [],
    ...(options.agents ? { agents: options.agents } : {}),
    ...(options.arBin ? { arBin: { dir: '/var/ossec/active-response/bin', files: new Set(options.arBin) } } : {}),
    ...(dirs.length && loadRuleset ? { ruleset: loadOnce(loadRuleset, dirs) } : {}),
    ...(options.role ? { role: options.role } : {}),
  };
}
