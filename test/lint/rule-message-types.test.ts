/**
 * A rule reports only the message and suggestion ids of its own tables: defineRule types them, so a
 * wrong id does not compile. `npm run typecheck` (run by .ci/run) checks this file: each
 * `@ts-expect-error` below fails the type check if the line after it compiles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { defineRule, type Report, type RuleContext } from '../../src/lint/types.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

const range = { start: 0, end: 1 };
const fix = { start: 0, end: 1, text: '<' };

const rule = defineRule({
  id: 'typed-ids',
  fixable: false,
  needs: [],
  summary: 'A rule whose tables name one message and one suggestion',
  docs: { what: 'x', why: 'x', bad: '<ossec_config/>', good: '<ossec_config/>' },
  messages: { found: { severity: 'warning', text: 'Found {{what}}' } },
  suggestionMessages: { replace: 'Replace it' },
  check(ctx) {
    ctx.report({ messageId: 'found', data: { what: 'it' }, range, suggestions: [{ messageId: 'replace', fix }] });
    // @ts-expect-error a message id the rule's table does not have
    ctx.report({ messageId: 'missing', range });
    // @ts-expect-error a suggestion id the rule's suggestion table does not have
    ctx.report({ messageId: 'found', range, suggestions: [{ messageId: 'other', fix }] });
  },
});

test('a rule reports with the ids of its own tables (wrong ids are type errors, see the @ts-expect-error lines)', () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config/>\n');
  const reports: Report[] = [];
  const ctx: RuleContext = { doc, config: buildConfigView(doc), role: 'ossec.conf', schema: [], target: parseTargetVersion('4.14'), managerIps: [], report: (r) => reports.push(r) };
  rule.check(ctx);
  assert.deepEqual(reports.map((r) => [r.messageId, r.suggestions?.map((s) => s.messageId) ?? []]), [
    ['found', ['replace']],
    ['missing', []],
    ['found', ['other']],
  ]);
  assert.deepEqual(Object.keys(rule.messages), ['found']);
});
