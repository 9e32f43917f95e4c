/**
 * Values from a configuration, an alert or a file name reach the terminal as text, never as control
 * sequences: an attacker who can put `ESC ] 0 ; title BEL` or a carriage return into a log line (and so
 * into an alert) must not be able to drive the admin's terminal through arctl's human output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { join } from 'node:path';
import { printable } from '../../src/util/printable.ts';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

const ESC_TITLE = '\u001b]0;pwned\u0007';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('printable: no control or bidi character survives, plain text is untouched, escapes are readable', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const shown = printable(text);
      assert.doesNotMatch(shown, RAW_CONTROL);
      if (!RAW_CONTROL.test(text) && !text.includes('\n')) assert.equal(shown, text);
    }),
  );
  assert.equal(printable(`a${ESC_TITLE}\rb\u202ec\td`), 'a\\x1b]0;pwned\\x07\\x0db\\u202ec\td');
});

test('lint: a value with escape sequences is shown escaped in the text formats, kept exact in JSON', () => {
  const dir = tempFiles({
    'ossec.conf': `<ossec_config>\n  <active-response>\n    <command>drop${ESC_TITLE}</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n  </active-response>\n</ossec_config>\n`,
  });
  for (const format of ['stylish', 'github']) {
    const r = runArctl(['lint', '--format', format, 'ossec.conf'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_CONTROL, format);
    assert.match(r.stdout, /drop\\x1b\]0;pwned\\x07/, format);
  }
  const json = runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.doesNotMatch(json.stdout, RAW_CONTROL);
  assert.ok(JSON.parse(json.stdout)[0].messages.some((m: { message: string }) => m.message.includes('drop\\x1b]0;pwned\\x07')));
});

test('simulate and the timeline: alert fields with escape sequences are shown escaped', () => {
  const alert = {
    timestamp: '2024-05-01T10:00:00.000+0000',
    id: `1714557600.1${ESC_TITLE}`,
    rule: { level: 10, id: '5712', groups: [`sshd${ESC_TITLE}`] },
    agent: { id: '001', name: `web\r${ESC_TITLE}` },
    data: { srcip: '203.0.113.9', dstuser: `root${ESC_TITLE}` },
    location: '/var/log/auth.log',
  };
  const dir = tempFiles({ 'alerts.json': `${JSON.stringify(alert)}\n` });
  const config = join(projectRoot, 'examples/ossec.conf');
  const text = runArctl(['simulate', 'alerts.json', '--file', config, '--payload'], { cwd: dir });
  assert.equal(text.status, 0, text.stderr);
  assert.doesNotMatch(text.stdout, RAW_CONTROL);
  assert.match(text.stdout, /web\\x0d\\x1b\]0;pwned\\x07/);
  // A crafted user name stops every response (analysisd's check): the timeline gets an alert without one.
  const quiet = tempFiles({ 'alerts.json': `${JSON.stringify({ ...alert, data: { srcip: '203.0.113.9' } })}\n` });
  const timeline = runArctl(['simulate', 'alerts.json', '--file', config, '--timeline'], { cwd: quiet });
  assert.equal(timeline.status, 0, timeline.stderr);
  assert.match(timeline.stdout, /add .*alert 1714557600\.1\\x1b\]0;pwned\\x07/);
  assert.doesNotMatch(timeline.stdout, RAW_CONTROL);
});

test('error messages name a file with control characters escaped', () => {
  const r = runArctl(['lint', `missing${ESC_TITLE}.conf`]);
  assert.equal(r.status, 2);
  assert.doesNotMatch(r.stderr, RAW_CONTROL);
  assert.match(r.stderr, /missing\\x1b\]0;pwned\\x07\.conf/);
});

test('diffs (--fix-dry-run, add --dry-run) and simulate --assert show file and alert text escaped', () => {
  const dir = tempFiles({
    'ossec.conf': `<ossec_config>\n  <!-- ${ESC_TITLE} -->\n  <command>\n    <name>Firewall-Drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>Firewall-Drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>\n`,
    'assert.json': JSON.stringify([{ alert: { rule: { id: '5712', level: 10 }, agent: { id: '001', name: `web${ESC_TITLE}` }, data: { srcip: `192.0.2.7${ESC_TITLE}` } }, fires: [`no-such${ESC_TITLE}`] }]),
  });
  // A fix that moves a block holding the hostile comment: the diff shows it (an empty diff proves nothing).
  const late = tempFiles({
    'ossec.conf': `<ossec_config>\n  <active-response>\n    <command>late</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n  </active-response>\n  <command>\n    <!-- ${ESC_TITLE} -->\n    <name>late</name>\n    <executable>firewall-drop</executable>\n  </command>\n</ossec_config>\n`,
  });
  const fixDiff = runArctl(['lint', '--fix-dry-run', 'ossec.conf'], { cwd: late });
  assert.equal(fixDiff.status, 0, fixDiff.stderr);
  assert.match(fixDiff.stdout, /^ {5}<!-- \\x1b\]0;pwned\\x07 -->$/m);
  assert.match(fixDiff.stdout, /^\+ {2}<active-response>$/m);
  assert.doesNotMatch(fixDiff.stdout + fixDiff.stderr, RAW_CONTROL);
  const addDiff = runArctl(['add', 'white-list', '192.0.2.9', '--file', 'ossec.conf', '--dry-run', '--no-input'], { cwd: dir });
  assert.equal(addDiff.status, 0, addDiff.stderr);
  assert.match(addDiff.stdout, /\\x1b\]0;pwned\\x07/);
  assert.doesNotMatch(addDiff.stdout, RAW_CONTROL);
  const asserted = runArctl(['simulate', '--assert', 'assert.json', '--file', 'ossec.conf'], { cwd: dir });
  assert.notEqual(asserted.status, 0);
  assert.match(asserted.stdout, /no-such\\x1b\]0;pwned\\x07/);
  assert.doesNotMatch(asserted.stdout + asserted.stderr, RAW_CONTROL);
});
