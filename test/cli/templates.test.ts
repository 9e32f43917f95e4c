/**
 * Jinja and ERB templates of ossec.conf (Ansible, Salt, Chef, Puppet): said once, through the real CLI,
 * instead of findings about what the template's tags look like to Wazuh's XML reader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, type JsonReportFile, type JsonReportMessage } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const JINJA = `<ossec_config>
  <global>
{% if wazuh_email_notification %}
    <email_notification>yes</email_notification>
{% endif %}
    <white_list>{{ wazuh_manager_ip }}</white_list>
  </global>
  <remote><connection>secure</connection></remote>
</ossec_config>
`;

function run(command: string, dir: string, names: string[]): { status: number | null; byFile: Map<string, JsonReportMessage[]> } {
  // Named: a directory walk takes ossec.conf, agent.conf and *.ossec.conf only.
  const r = runArctl([command, '--format', 'json', ...names.map((n) => join(dir, n))]);
  assert.equal(r.stderr, '');
  const byFile = new Map((JSON.parse(r.stdout) as JsonReportFile[]).map((f) => [f.filePath.slice(dir.length + 1), f.messages]));
  return { status: r.status, byFile };
}

test('a template is said to be one, once, and nothing in it is checked; lint and validate', () => {
  const dir = tempFiles({
    'ossec.conf.j2': JINJA,
    'manager.conf.erb': '<ossec_config>\n  <global>\n    <logall><%= @ossec_logall %></logall>\n  </global>\n</ossec_config>\n',
    // A Puppet concat fragment: no tag, no root.
    '_default_activeresponse.erb': '<active-response>\n  <disabled>yes</disabled>\n</active-response>\n',
  });
  for (const command of ['lint', 'validate']) {
    const { status, byFile } = run(command, dir, ['ossec.conf.j2', 'manager.conf.erb', '_default_activeresponse.erb']);
    assert.equal(status, 0, command);
    const only = (name: string) => {
      const messages = byFile.get(name)!;
      assert.deepEqual(messages.map((m) => `${m.ruleId}/${m.messageId}:${m.severityName}:${m.line}`).length, 1, `${command} ${name}: ${JSON.stringify(messages)}`);
      assert.equal(messages[0]!.ruleId, 'template');
      return messages[0]!;
    };
    const jinja = only('ossec.conf.j2');
    assert.deepEqual([jinja.messageId, jinja.severityName, jinja.line, jinja.column], ['template', 'info', 3, 1]);
    assert.match(jinja.message, /^This file is a template \(Jinja: '\{% if wazuh_email_notification %\}' on line 3\): Wazuh reads the file rendered from it/);
    const erb = only('manager.conf.erb');
    assert.deepEqual([erb.messageId, erb.line], ['template', 3]);
    assert.match(erb.message, /\(ERB: '<%= @ossec_logall %>' on line 3\)/);
    assert.equal(only('_default_activeresponse.erb').messageId, 'fragment');
  }
});

test('an ossec.conf deployed with its tags: a warning where Wazuh reads them as text, an error where its XML reader refuses them', () => {
  const dir = tempFiles({
    'text/ossec.conf': JINJA,
    'refused/ossec.conf': '<ossec_config>\n  <global>\n    <logall><%= @ossec_logall %></logall>\n  </global>\n</ossec_config>\n',
    // A Go template in a command's text is the command's own: checked as usual, no template finding.
    'docker/ossec.conf': `<ossec_config>
  <remote><connection>secure</connection></remote>
  <localfile>
    <log_format>full_command</log_format>
    <command>docker ps --format '{{.Names}} {{json .State}}{{range .Mounts}}{{.Source}}{{end}}'</command>
    <frequency>360</frequency>
  </localfile>
</ossec_config>
`,
  });
  const { status, byFile } = run('lint', dir, ['text/ossec.conf', 'refused/ossec.conf', 'docker/ossec.conf']);
  assert.equal(status, 1);
  const text = byFile.get('text/ossec.conf')!;
  assert.deepEqual(text.map((m) => `${m.ruleId}/${m.messageId}:${m.severityName}:${m.line}`), ['template/unrendered:warning:3']);
  assert.match(text[0]!.message, /^This ossec\.conf holds template syntax that was not rendered \(Jinja: '\{% if wazuh_email_notification %\}' on line 3\): Wazuh reads the tags as plain text/);
  const refused = byFile.get('refused/ossec.conf')!;
  assert.deepEqual(refused.map((m) => `${m.ruleId}/${m.messageId}:${m.severityName}:${m.line}`), ['template/unrenderedRefused:error:3']);
  assert.match(refused[0]!.message, /^Wazuh cannot read this file: XMLERR: .* \(Wazuh reports line 3; error 1226\)\. It holds template syntax that was not rendered \(ERB: '<%= @ossec_logall %>' on line 3\)/);
  assert.deepEqual(byFile.get('docker/ossec.conf')!.filter((m) => m.ruleId === 'template'), []);
  // Turned off, the file is checked as Wazuh reads it.
  const off = runArctl(['lint', '--format', 'json', '--rule', 'template=off', join(dir, 'refused/ossec.conf')]);
  assert.deepEqual((JSON.parse(off.stdout) as JsonReportFile[])[0]!.messages.map((m) => m.ruleId), ['parse-error']);
});

test('Jinja tags over several lines (a long condition, a filter chain, a call) are found; braces in two elements are not a tag', () => {
  // Shapes of Ansible role templates: one condition over two lines, one filter a line, a lookup's arguments.
  const dir = tempFiles({
    'ossec.conf.j2': `<ossec_config>
  <auth>
{% if wazuh_manager_config.authd.enable
      and wazuh_manager_config.authd.use_password %}
    <use_password>yes</use_password>
{% endif %}
  </auth>
</ossec_config>
`,
    'filters/ossec.conf': `<ossec_config>
  <client>
    <server>
      <address>{{ wazuh_managers
                  | map(attribute='address')
                  | first }}</address>
    </server>
  </client>
</ossec_config>
`,
    'lookup/ossec.conf': `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <email_to>{{ lookup('env',
                        'WAZUH_EMAIL_TO') }}</email_to>
  </global>
  <remote><connection>secure</connection></remote>
</ossec_config>
`,
    // '{%' in one command and '%}' in the next: the commands' own text, with elements between.
    'commands/ossec.conf': `<ossec_config>
  <remote><connection>secure</connection></remote>
  <localfile>
    <log_format>full_command</log_format>
    <command>printf '{% s' x</command>
  </localfile>
  <localfile>
    <log_format>full_command</log_format>
    <command>echo 100 %} done</command>
  </localfile>
</ossec_config>
`,
  });
  const { byFile } = run('lint', dir, ['ossec.conf.j2', 'filters/ossec.conf', 'lookup/ossec.conf', 'commands/ossec.conf']);
  const summary = (name: string) => byFile.get(name)!.map((m) => `${m.ruleId}/${m.messageId}:${m.severityName}:${m.line}`);
  assert.deepEqual(summary('ossec.conf.j2'), ['template/template:info:3']);
  // The tag is quoted on one line, its line breaks and indentation as one blank (and shortened past 60 characters).
  assert.match(byFile.get('ossec.conf.j2')![0]!.message, /\(Jinja: '\{% if wazuh_manager_config\.authd\.enable …thd\.use_password %\}' on line 3\)/);
  assert.deepEqual(summary('filters/ossec.conf'), ['template/unrendered:warning:4']);
  assert.match(byFile.get('filters/ossec.conf')![0]!.message, /\(Jinja: '\{\{ wazuh_managers \| map\(attribute='address'\) \| first \}\}' on line 4\)/);
  assert.deepEqual(summary('lookup/ossec.conf'), ['template/unrendered:warning:4']);
  assert.deepEqual(byFile.get('commands/ossec.conf')!.filter((m) => m.ruleId === 'template'), []);
});

test('Go templates (Helm charts, Kubernetes operators) are templates too; a Go template in a command or a comment is not', () => {
  // The shape of an operator's ossec.conf template (Go text/template): booleans, values and sections decided by actions.
  const GO = `<ossec_config>
  <global>
    <jsonout_output>{{ if .Global.JSONOutOutput }}yes{{ else }}no{{ end }}</jsonout_output>
    <email_to>{{ .Global.EmailTo }}</email_to>
  </global>
{{- if .ClusterEnabled }}
  <cluster>
    <name>{{ .ClusterName }}</name>
  </cluster>
{{- end }}
  <remote><connection>secure</connection></remote>
</ossec_config>
`;
  const dir = tempFiles({
    'ossec.conf.tmpl': GO,
    'deployed/ossec.conf': GO,
    'helm/ossec.conf': `<ossec_config>
  <remote>
    <connection>secure</connection>
    <port>{{ include "wazuh.remotePort" . }}</port>
  </remote>
</ossec_config>
`,
    // Commands' own Go templates (docker, kubectl), in the command and in a commented-out one: checked as usual.
    'commands/ossec.conf': `<ossec_config>
  <remote><connection>secure</connection></remote>
  <localfile>
    <log_format>full_command</log_format>
    <command>kubectl get pods -o go-template='{{range .items}}{{.metadata.name}} {{end}}'</command>
  </localfile>
  <!-- <command>docker inspect --format '{{ .State.Status }}' web</command> -->
  <wodle name="command">
    <disabled>no</disabled>
    <command>docker ps --format "{{ .Names }} {{ if .Mounts }}m{{ end }}"</command>
    <interval>1h</interval>
  </wodle>
</ossec_config>
`,
  });
  for (const command of ['lint', 'validate']) {
    const { byFile } = run(command, dir, ['ossec.conf.tmpl', 'deployed/ossec.conf', 'helm/ossec.conf', 'commands/ossec.conf']);
    const summary = (name: string) => byFile.get(name)!.map((m) => `${m.ruleId}/${m.messageId}:${m.severityName}:${m.line}`);
    assert.deepEqual(summary('ossec.conf.tmpl'), ['template/template:info:3'], command);
    assert.deepEqual(byFile.get('commands/ossec.conf')!.filter((m) => m.ruleId === 'template'), [], command);
    assert.deepEqual(byFile.get('commands/ossec.conf')!.filter((m) => m.severityName === 'error'), [], command);
    if (command === 'validate') continue;
    assert.match(byFile.get('ossec.conf.tmpl')![0]!.message, /^This file is a template \(Go template: '\{\{ if \.Global\.JSONOutOutput \}\}' on line 3\)/);
    assert.deepEqual(summary('deployed/ossec.conf'), ['template/unrendered:warning:3']);
    assert.deepEqual(summary('helm/ossec.conf'), ['template/unrendered:warning:4']);
    assert.match(byFile.get('helm/ossec.conf')![0]!.message, /\(Go template: '\{\{ include "wazuh\.remotePort" \. \}\}' on line 4\)/);
  }
});
