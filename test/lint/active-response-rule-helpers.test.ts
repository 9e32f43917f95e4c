/** Unit tests for the shared logic of the <active-response> rules (lint-rules.md 23-46). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { runRules } from '../../src/lint/engine.ts';
import { fixUntilStable } from '../../src/lint/fix.ts';
import { analysisdModel, commandDefinedAfter, commandDefinedBefore, isDisabled, wholeLines } from '../../src/lint/active-response.ts';
import { isAgentNodeConfig } from '../../src/wazuh/node-role.ts';
import { lostQueueResponses } from '../../src/lint/ar-queues.ts';
import { offenderMinutes, splitLikeOsStrBreak, writtenEntries } from '../../src/wazuh/repeated-offenders.ts';
import { foldLookalikes, nearestName } from '../../src/lint/names.ts';
import { isBlockingProgram, programBaseName, programPlatform } from '../../src/wazuh/programs.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

const target = parseTargetVersion('4.14');

function block(command: string, location: string, extra = ''): string {
  return `  <active-response>\n    <command>${command}</command>\n    <location>${location}</location>\n    <level>10</level>\n${extra}  </active-response>\n`;
}
const COMMANDS = `  <command>\n    <name>drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n`;

test('execd reads repeated_offenders as OS_StrBreak(",", 5) + atoi: the 5th piece keeps the rest', () => {
  assert.deepEqual(splitLikeOsStrBreak('1,2,3,4,5,6', 5), ['1', '2', '3', '4', '5,6']);
  assert.deepEqual(offenderMinutes('30,60,120,240,480,960'), [30, 60, 120, 240, 480]);
  assert.deepEqual(offenderMinutes(' 5m,\t10, ,x'), [5, 10, 0]);
  assert.deepEqual(writtenEntries(' 5m,\t10, ,x'), ['5m', '10', 'x']);
});

test('stock programs: blocking ones across 3.x/4.x spellings, and the platform each runs on', () => {
  assert.equal(programBaseName('/var/ossec/active-response/bin/firewall-drop.sh'), 'firewall-drop');
  for (const exe of ['firewall-drop', 'firewall-drop.sh', 'host-deny', 'route-null.exe', 'netsh.cmd', 'disable-account']) assert.ok(isBlockingProgram(exe), exe);
  assert.ok(isBlockingProgram('whatever.cmd', 'win_route-null'));
  for (const exe of ['restart-wazuh', 'notify.sh', 'wazuh-slack']) assert.ok(!isBlockingProgram(exe), exe);
  assert.equal(programPlatform('netsh.exe'), 'windows');
  assert.equal(programPlatform('netsh'), 'windows');
  assert.equal(programPlatform('route-null.exe'), 'windows');
  assert.equal(programPlatform('route-null'), 'unix');
  assert.equal(programPlatform('custom.sh'), 'unix');
  // Windows agents have restart-wazuh.exe only (src/win32/wazuh-installer.wxs:379-388).
  assert.equal(programPlatform('restart-wazuh'), 'unix');
  assert.equal(programPlatform('restart-wazuh.exe'), 'windows');
  assert.equal(programPlatform('my-script'), undefined);
});

test('single-pass command lookup: only commands read before the response count, across roots', () => {
  const doc = ConfigDocument.fromText('ossec.conf', `<ossec_config>\n${block('drop', 'local')}</ossec_config>\n<ossec_config>\n${COMMANDS}${block('drop', 'server')}</ossec_config>\n`);
  const config = buildConfigView(doc);
  const [first, second] = config.activeResponses;
  assert.equal(commandDefinedBefore(config, first, 'drop'), undefined);
  assert.equal(commandDefinedAfter(config, first, 'drop'), config.commands[0]);
  assert.equal(commandDefinedBefore(config, second, 'drop'), config.commands[0]);
  assert.equal(commandDefinedBefore(config, second, 'Drop'), undefined);
});

test('a block is disabled by any <disabled>yes</disabled>, a later "no" does not undo it', () => {
  const doc = ConfigDocument.fromText('ossec.conf', `<ossec_config>\n${block('drop', 'local', '    <disabled>yes</disabled>\n    <disabled>no</disabled>\n')}</ossec_config>\n`);
  assert.ok(isDisabled(buildConfigView(doc).activeResponses[0]));
});

test('agent configurations are recognised by <client> (4.x) or <agent> (5.x) without manager sections', () => {
  const agent = buildConfigView(ConfigDocument.fromText('ossec.conf', '<ossec_config><client><server><address>x</address></server></client></ossec_config>'));
  const manager = buildConfigView(ConfigDocument.fromText('ossec.conf', '<ossec_config><client><x>1</x></client><ruleset><rule_dir>r</rule_dir></ruleset></ossec_config>'));
  // Agents skip a <global> (only analysisd's and maild's modules read it): an old OSSEC agent file.
  const agentWithGlobal = buildConfigView(ConfigDocument.fromText('ossec.conf', '<ossec_config><client><x>1</x></client><global><logall>no</logall></global></ossec_config>'));
  assert.ok(isAgentNodeConfig(agent));
  assert.ok(!isAgentNodeConfig(manager));
  assert.ok(isAgentNodeConfig(agentWithGlobal));
});

test('queue reset (§2a): [server] [disabled] [all] loses the server block; a later local block reopens both queues', () => {
  const lost = (body: string) => {
    const doc = ConfigDocument.fromText('ossec.conf', `<ossec_config>\n${COMMANDS}${body}</ossec_config>\n`);
    const result = lostQueueResponses(analysisdModel(doc, buildConfigView(doc), target));
    return result ? result.lost.map((l) => `${l.response.index}:${l.queue}`) : [];
  };
  const disabled = block('drop', 'local', '    <disabled>yes</disabled>\n');
  assert.deepEqual(lost(block('drop', 'server') + disabled + block('drop', 'all')), ['0:local']);
  assert.deepEqual(lost(block('drop', 'all') + disabled), ['0:remote']);
  assert.deepEqual(lost(block('drop', 'server') + disabled + block('drop', 'local')), []);
  assert.deepEqual(lost(disabled + block('drop', 'server')), []);
});

test('look-alike folding and nearest names for "did you mean"', () => {
  assert.equal(foldLookalikes(' firewall\u2010drop\u00a0'), 'firewall-drop');
  assert.equal(nearestName('host-denny', ['host-deny', 'firewall-drop']), 'host-deny');
  assert.equal(nearestName('zzz', ['host-deny']), undefined);
  assert.equal(nearestName('drop1', ['drop2', 'drop3']), undefined, 'ambiguous: no suggestion');
});

test('wholeLines takes an element with its indentation and line end only when it stands alone (CRLF too)', () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config>\r\n\t<command><name>a</name><executable>b</executable></command>\r\n</ossec_config>\r\n');
  const cmd = buildConfigView(doc).commands[0];
  const lines = wholeLines(doc, cmd.element);
  assert.ok(lines.alone);
  assert.equal(doc.bytes.subarray(lines.start, lines.end).toString(), '\t<command><name>a</name><executable>b</executable></command>\r\n');
  const inline = buildConfigView(ConfigDocument.fromText('x', '<ossec_config><command><name>a</name></command></ossec_config>')).commands[0];
  assert.equal(wholeLines(ConfigDocument.fromText('x', '<ossec_config><command><name>a</name></command></ossec_config>'), inline.element).alone, false);
});

test('command-defined-after-use fix keeps CRLF and tab indentation and leaves the file accepted', async () => {
  const text = '<ossec_config>\r\n\t<active-response>\r\n\t\t<command>drop</command>\r\n\t\t<location>local</location>\r\n\t\t<level>10</level>\r\n\t</active-response>\r\n\t<command>\r\n\t\t<name>drop</name>\r\n\t\t<executable>firewall-drop</executable>\r\n\t</command>\r\n</ossec_config>\r\n';
  const opts = { target, managerIps: [], only: ['command-defined-after-use'] };
  const fixed = (await fixUntilStable(Buffer.from(text), async (b) => runRules(new ConfigDocument('ossec.conf', b), opts))).bytes.toString();
  assert.equal(
    fixed,
    '<ossec_config>\r\n\t<command>\r\n\t\t<name>drop</name>\r\n\t\t<executable>firewall-drop</executable>\r\n\t</command>\r\n\t<active-response>\r\n\t\t<command>drop</command>\r\n\t\t<location>local</location>\r\n\t\t<level>10</level>\r\n\t</active-response>\r\n</ossec_config>\r\n',
  );
  const doc = new ConfigDocument('ossec.conf', Buffer.from(fixed));
  assert.ok(analysisdModel(doc, buildConfigView(doc), target).accepted);
});
