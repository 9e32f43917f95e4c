/** Read_Authd (src/wazuh/load-auth.ts) on its own: what wazuh-authd refuses in <auth>, and what it warns about. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadAuthd } from '../../src/wazuh/load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

function authd(body: string, version = '4.14') {
  const doc = new ConfigDocument('ossec.conf', Buffer.from(`<ossec_config>\n<auth>${body}</auth>\n</ossec_config>\n`));
  const r = loadAuthd(doc, parseTargetVersion(version));
  return { problems: r.problems.map((m) => m.text), warnings: r.warnings.map((w) => `${w.message.text} -> ${w.applied}`) };
}

test('<port> as an unsigned short of atoi: 0 is refused, 70000 is not', () => {
  assert.deepEqual(authd('<port>65536</port>').problems, ["(1235): Invalid value for element 'port': 65536."]);
  assert.deepEqual(authd('<port></port>').problems, ["(1235): Invalid value for element 'port': ."]);
  assert.deepEqual(authd('<port>70000</port><port>1515x</port>').problems, []);
});

test('<force>: the times as get_time_interval reads them, disconnected_time by its first attribute', () => {
  const time = (t: string) => authd(`<force><after_registration_time>${t}</after_registration_time></force>`).problems;
  for (const ok of ['1h', '0', '0x10', '010m', ' 5d', '-0', '10ms']) assert.deepEqual(time(ok), [], ok);
  for (const bad of ['1w', '', 'h', '5 m', '-5', '10x']) assert.deepEqual(time(bad), ["Invalid interval for 'after_registration_time' option"], bad);
  const disconnected = (attrs: string, value = '1h') => authd(`<force><disconnected_time${attrs}>${value}</disconnected_time></force>`).problems;
  assert.deepEqual(disconnected(' enabled="no"', 'never'), []);
  assert.deepEqual(disconnected(''), ['Empty attribute for disconnected_time']);
  assert.deepEqual(disconnected(' value="1h"'), ["(1233): Invalid attribute 'value' in the configuration: 'disconnected_time'."]);
  assert.deepEqual(disconnected(' enabled="true"'), ["(2122): Invalid value for attribute: 'enabled'"]);
  assert.deepEqual(authd('<force></force>').problems, ["(1230): Invalid element in the configuration: 'force'."]);
});

test('the legacy force options: a negative force_time refused; both ignored beside <force>, with a warning', () => {
  assert.deepEqual(authd('<force_time>-1</force_time>').problems, ["(1235): Invalid value for element 'force_time': -1."]);
  assert.deepEqual(authd('<force_insert>yes</force_insert><force_time>0</force_time>'), { problems: [], warnings: [] });
  assert.deepEqual(authd('<force_time>0</force_time><force><enabled>no</enabled></force>').warnings, [
    'The <force_time> tag is deprecated. Use <force> instead. -> ignores it: the <force> block of this <auth> decides',
  ]);
});

test('versions: 4.4 and 4.5 know no <agents>, take any <force_time>, say nothing of the legacy options; nothing judged before 3.10', () => {
  const body = '<force_time>-1</force_time><force><enabled>no</enabled></force><agents><allow_higher_versions>no</allow_higher_versions></agents>';
  assert.deepEqual(authd(body, '4.5'), { problems: ["(1230): Invalid element in the configuration: 'agents'."], warnings: [] });
  assert.deepEqual(authd(body, '4.6').problems, ["(1235): Invalid value for element 'force_time': -1."]);
  for (const version of ['4.4', '4.3', '4.0', '3.10']) {
    assert.deepEqual(authd('<disabled>maybe</disabled>', version).problems, ["(1235): Invalid value for element 'disabled': maybe."], version);
  }
  assert.deepEqual(authd('<disabled>maybe</disabled>', '3.9'), { problems: [], warnings: [] });
});

test('before 4.4: <ipv6> and <key_request> unknown (4.3), no <force> and a base-10 <force_time> (4.2), no <remote_enrollment> (4.1), a yes/no <limit_maxagents> (4.0)', () => {
  const unknown = (name: string) => `(1230): Invalid element in the configuration: '${name}'.`;
  assert.deepEqual(authd('<ipv6>no</ipv6><key_request><enabled>yes</enabled></key_request><force><enabled>no</enabled></force>', '4.3').problems, [unknown('ipv6'), unknown('key_request')]);
  assert.deepEqual(authd('<force><enabled>no</enabled></force><force_time>10</force_time><force_time> -5</force_time>', '4.2').problems, [unknown('force')]);
  for (const bad of ['10s', '1.5', 'x']) assert.deepEqual(authd(`<force_time>${bad}</force_time>`, '4.2').problems, [`(1235): Invalid value for element 'force_time': ${bad}.`], bad);
  // 4.3 to 4.5: any <force_time>.
  assert.deepEqual(authd('<force_time>10s</force_time>', '4.3').problems, []);
  assert.deepEqual(authd('<remote_enrollment>no</remote_enrollment>', '4.2').problems, []);
  assert.deepEqual(authd('<remote_enrollment>no</remote_enrollment>', '4.1').problems, [unknown('remote_enrollment')]);
  assert.deepEqual(authd('<limit_maxagents>1000</limit_maxagents>', '4.1').problems, []);
  assert.deepEqual(authd('<limit_maxagents>1000</limit_maxagents>', '4.0').problems, ["(1235): Invalid value for element 'limit_maxagents': 1000."]);
});

test('<key_request>: a refused value is logged and ends the block (authd runs), an unknown tag is skipped, a second block passed over', () => {
  const kr = (body: string, more = '') => authd(`<key_request>${body}</key_request>${more}`);
  assert.deepEqual(kr('<enabled>yes</enabled><timeout>4294967296</timeout><threads>2</threads>'), {
    problems: [],
    warnings: ["Invalid interval at module 'key-request' -> runs with a timeout of 0, and reads no more of <key_request> (<threads> not applied)"],
  });
  assert.deepEqual(kr('<queue_size>220000</queue_size><socket> /tmp/s</socket>').warnings, ["Invalid socket path at module 'key-request' -> runs without a <socket>"]);
  assert.deepEqual(kr('<enabled>on</enabled>').warnings, ["Invalid content for tag 'enabled' at module 'key-request' -> runs with the key request on"]);
  assert.deepEqual(kr('<thread>4</thread><force_insert>yes</force_insert>').warnings, [
    "No such tag <thread> at module 'key-request' -> ignores it",
    "Deprecated option. This parameter is now inherited from Authd configuration. -> ignores it: <auth>'s <force> decides",
  ]);
  assert.deepEqual(kr('<threads>2</threads>', '<key_request><threads>0</threads></key_request>'), { problems: [], warnings: [] });
});

test('<wodle name="agent-key-polling"> (4.4 on): authd_read_key_request for authd, its refusals stop authd, unless a <key_request> came first', () => {
  const run = (sections: string, version = '4.14') => {
    const r = loadAuthd(new ConfigDocument('ossec.conf', Buffer.from(`<ossec_config>\n${sections}\n</ossec_config>\n`)), parseTargetVersion(version));
    return { problems: r.problems.map((m) => m.text), warnings: r.warnings.map((w) => w.message.text) };
  };
  const wodle = '<wodle name="agent-key-polling"><enabled>no</enabled><threads>0</threads><queue_size>0</queue_size><interval>1m</interval></wodle>';
  const keyRequest = '<auth><key_request><enabled>no</enabled></key_request></auth>';
  // Every refusal, one fix at a time (authd shows the first).
  assert.deepEqual(run(wodle), { problems: ["Invalid number of threads at module 'key-request'", "Invalid queue size at module 'key-request'"], warnings: ["No such tag <interval> at module 'key-request'"] });
  assert.deepEqual(run(`${keyRequest}${wodle}`), { problems: [], warnings: [] });
  assert.deepEqual(run(`${wodle}${keyRequest}`).problems.length, 2);
  // A first attribute other than name, and 4.3 (wazuh-modulesd's module then): not authd's.
  assert.deepEqual(run(wodle.replace('name=', 'id="x" name=')), { problems: [], warnings: [] });
  assert.deepEqual(run(wodle, '4.3'), { problems: [], warnings: [] });
});
