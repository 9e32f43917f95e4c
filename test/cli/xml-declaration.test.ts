import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

// Editors and generators open XML files with '<?xml version="1.0" encoding="UTF-8"?>'. Wazuh's os_xml
// refuses it (spec verified/os_xml.json 'xml declaration': "XMLERR: Bad attribute closing for
// 'version'='1.0'."), words that do not point at the declaration as the cause: lint and validate say it.

const BODY = '<ossec_config>\n  <global>\n    <email_to>soc@example.com</email_to>\n  </global>\n</ossec_config>\n';

test('a configuration opening with an XML declaration: parse-error says the declaration is what Wazuh refuses, in lint and validate', () => {
  const dir = tempFiles({
    'declared.ossec.conf': `<?xml version="1.0" encoding="UTF-8"?>\n${BODY}`,
    'commented.ossec.conf': `\uFEFF<!-- managed by ansible -->\n<?xml version="1.0"?>\n${BODY}`,
    'bare.ossec.conf': `<?xml?>\n${BODY}`,
    // Text before it, which os_xml skips up to the first '<' (a generator's banner): still the declaration.
    'banner.ossec.conf': `# managed by salt: do not edit\n<?xml version="1.0"?>\n${BODY}`,
    // Not a declaration that opens the file: Wazuh's words alone.
    'inside.ossec.conf': BODY.replace('<global>', '<global><?xml version="1.0"?>'),
  });
  for (const command of ['lint', 'validate']) {
    const r = runArctl([command, '--format', 'json', dir]);
    assert.equal(r.status, 1, r.stderr);
    const byFile = new Map((JSON.parse(r.stdout) as JsonReportFile[]).map((f) => [f.filePath.slice(dir.length + 1), f.messages]));
    const only = (name: string) => {
      const messages = byFile.get(name)!;
      assert.equal(messages.length, 1, `${command} ${name}: ${JSON.stringify(messages)}`);
      assert.equal(messages[0].ruleId, 'parse-error');
      return messages[0];
    };
    const declared = only('declared.ossec.conf');
    assert.equal(declared.messageId, 'xmlDeclaration');
    assert.deepEqual([declared.line, declared.column], [1, 37]);
    assert.equal(
      declared.message,
      "Wazuh cannot read this file: XMLERR: Bad attribute closing for 'encoding'='UTF-8'. (Wazuh reports line 1; error 1226). Its XML reader knows no XML declaration: it reads '<?xml ...?>' as an element, which it refuses. Remove the declaration line.",
    );
    assert.equal(only('commented.ossec.conf').messageId, 'xmlDeclaration');
    assert.equal(only('commented.ossec.conf').line, 2);
    assert.equal(only('bare.ossec.conf').messageId, 'xmlDeclaration');
    assert.deepEqual([only('banner.ossec.conf').messageId, only('banner.ossec.conf').line], ['xmlDeclaration', 2]);
    assert.match(only('banner.ossec.conf').message, /\(Wazuh reports line 2; error 1226\)/);
    assert.equal(only('inside.ossec.conf').messageId, 'xml');
  }
  // Without the line, Wazuh reads the file.
  const without = tempFiles({ 'ossec.conf': BODY });
  assert.equal(runArctl(['validate', join(without, 'ossec.conf')]).status, 0);
});
