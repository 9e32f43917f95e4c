/**
 * Disagreements the oracle found (scripts/oracle: Wazuh v4.14.7's own configuration readers compiled and
 * run on generated configurations), one entry per class, kept as data: the file, what wazuh-analysisd
 * and wazuh-maild did with it (recorded with `npm run oracle -- --record`) and the Wazuh source that
 * decides it. Runs without the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { loadAnalysisdConfig, type LoadMessage } from '../../src/wazuh/load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

interface OracleCase {
  name: string;
  /** The Wazuh v4.14.7 source that decides the case. */
  wazuh: string;
  config: string;
  analysisd: { verdict: 'accepted' | 'refused' | 'crash'; says: string[] };
  maild: { verdict: 'accepted' | 'rejected' | 'disabled' | 'crash'; says: string[] };
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/oracle/startup-cases.json', import.meta.url), 'utf8')) as OracleCase[];

/** The acceptance.json convention: every physical line that starts with ERROR, WARNING or INFO. */
function says(messages: readonly LoadMessage[]): string[] {
  return messages.flatMap((m) => `${m.level}: ${m.text}`.split('\n')).filter((line) => /^(ERROR|WARNING|INFO): /.test(line));
}

for (const c of cases) {
  test(`${c.name} (${c.wazuh})`, () => {
    const doc = ConfigDocument.fromText('FILE', c.config);
    const loaded = loadAnalysisdConfig(doc, buildConfigView(doc), parseTargetVersion('4.14'), { fileName: 'FILE' });
    const analysisd = loaded.crashed ? 'crash' : loaded.accepted ? 'accepted' : 'refused';
    assert.deepEqual({ verdict: analysisd, says: says(loaded.messages) }, c.analysisd);
    assert.deepEqual({ verdict: loaded.maild.verdict, says: says(loaded.maild.messages) }, c.maild);
  });
}
