/**
 * `lint` reports everything `validate` reports (#14): for every configuration Wazuh's own code was run on
 * (verified/acceptance-full.json, acceptance.json, maild.json), each refusal validate lists has a lint
 * finding on the same line with the same severity whose message carries Wazuh's own text (code, text and
 * value). The lint finding may come from a more specific rule (untrimmed-value for a command name with a
 * line break), but it must say the same refusal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, validateText } from '../../src/index.ts';
import { specDir, specSkip } from '../helpers/paths.ts';

const FILES = ['acceptance-full.json', 'acceptance.json', 'maild.json'];

/** Wazuh's words in a validate message: without "wazuh-analysisd stops: " before and arctl's hint after. */
function wazuhText(message: string): string {
  return message.replace(/^wazuh-[a-z]+( and wazuh-[a-z]+)? stops?: /, '').replace(/ (Move it|Did you mean|<command> '|This file|Wrap the|\(no <global> sets).*$/s, '');
}

test('lint reports every refusal validate reports, on the same line, with the same severity and Wazuh\'s text', { skip: specSkip }, async () => {
  const missing: string[] = [];
  let refusals = 0;
  for (const file of FILES) {
    const path = join(specDir, 'verified', file);
    if (!existsSync(path)) continue;
    const { cases } = JSON.parse(readFileSync(path, 'utf8')) as { cases: Array<{ name: string; config?: unknown }> };
    for (const c of cases) {
      if (typeof c.config !== 'string') continue;
      const validated = (await validateText(c.config)).report.messages;
      const linted = (await lintText(c.config)).report.messages;
      for (const v of validated) {
        refusals++;
        const text = wazuhText(v.message);
        const found = linted.some((l) => l.line === v.line && l.severity === v.severity && l.message.includes(text));
        if (!found) missing.push(`${file} ${c.name}: ${v.line}:${v.column} ${v.ruleId}: ${v.message}`);
      }
    }
  }
  assert.ok(refusals > 300, `only ${refusals} refusals compared`);
  assert.deepEqual(missing, []);
});
