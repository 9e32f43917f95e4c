/**
 * How the stock programs and execd read what they are given: Wazuh's test_active-response.c and
 * test_execd.c, test_win_execd.c and test_get_command_by_name.c (v4.14.7) as data, getaddrinfo(AI_NUMERICHOST) as glibc answers it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execdKey, refParentFolder } from '../../src/wazuh/execd.ts';
import { numericHostVersion } from '../../src/wazuh/ip.ts';
import { cjsonGet, isValidUsername, programSrcip, programUser } from '../../src/wazuh/program-input.ts';
import { keysFor } from '../../src/timeline/keys.ts';
import { ExecdTimeline, type TimelineEvent } from '../../src/timeline/execd-state.ts';
import { AR_BINDIR, parseExecdReply, withCommand } from '../../src/wazuh/execd-protocol.ts';
import { buildPayload } from '../../src/simulate/payload.ts';
import { alertFacts } from '../../src/simulate/alert.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { projectRoot } from '../helpers/paths.ts';

const load = <T>(name: string): T => JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/wazuh-tests', name), 'utf8')) as T;

interface ActiveResponseFixture {
  is_valid_username: Array<{ username?: string; username_repeat?: { char: string; count: number }; expected: boolean; test: string }>;
  get_ip_version_mocked: Array<{ ip: string; real: number }>;
  get_ip_version: Array<[string, number]>;
}

test('is_valid_username (test_active-response.c)', () => {
  const { is_valid_username: cases } = load<ActiveResponseFixture>('active_response.json');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const name = c.username ?? c.username_repeat!.char.repeat(c.username_repeat!.count);
    assert.equal(isValidUsername(name), c.expected, `${c.test}: ${JSON.stringify(name.slice(0, 40))}`);
  }
});

test('get_ip_version: getaddrinfo(AI_NUMERICHOST) on glibc, not the mocked answers', () => {
  const fixture = load<ActiveResponseFixture>('active_response.json');
  for (const c of fixture.get_ip_version_mocked) assert.equal(numericHostVersion(c.ip) ?? -1, c.real, `mocked case ${JSON.stringify(c.ip)}`);
  assert.ok(fixture.get_ip_version.length > 300);
  for (const [ip, version] of fixture.get_ip_version) assert.equal(numericHostVersion(ip) ?? -1, version, JSON.stringify(ip));
});

test('the source IP and user the stock programs read (active_responses.c get_srcip_from_json, get_username_from_json)', () => {
  for (const ip of ['10.1', '1.2.3', '167772161', '0x0a000001', '010.0.0.1']) {
    assert.deepEqual(programSrcip({ data: { srcip: ip } }), { value: ip }, `${ip}: getaddrinfo accepts it`);
    assert.deepEqual(keysFor('firewall-drop', { data: { srcip: ip } }, undefined), { kind: 'keys', keys: [ip] });
  }
  assert.deepEqual(programSrcip({ data: { SrcIP: '10.0.0.1' } }), { value: '10.0.0.1' }, 'cJSON key lookup ignores case');
  assert.equal(cjsonGet({ Data: 1, data: 2 }, 'data'), 1, 'the first member that matches');
  const emptyWin = { data: { win: { eventdata: { ipAddress: '' } }, srcip: '10.0.0.1' } };
  assert.ok('fail' in programSrcip(emptyWin), 'an empty ipAddress stops the program: no fallback to data.srcip');
  assert.equal(keysFor('firewall-drop', emptyWin, undefined).kind, 'fail');
  assert.deepEqual(programSrcip({ data: { win: { eventdata: { destinationIp: '10.0.0.2' } }, srcip: '10.0.0.1' } }), { value: '10.0.0.2' });
  assert.deepEqual(programSrcip({ data: { win: { eventdata: { ipAddress: 5 } }, srcip: '10.0.0.1' } }), { value: '10.0.0.1' }, 'a non-string ipAddress is skipped');
  assert.ok('fail' in programSrcip({ data: { srcip: '10.0.0.256' } }));
  assert.deepEqual(programUser({ data: { DstUser: 'bob' } }), { value: 'bob' });
  assert.ok('fail' in programUser({ data: { dstuser: 'root' } }));
});

test("execd's key: basename plus the check_keys answer, cut at 4095 bytes (test_execd.c)", () => {
  const { cases } = load<{ cases: Array<{ test: string; program: string; keys: string[]; rkey?: string; rkey_bytes?: number; rkey_prefix?: string }> }>('execd.json');
  for (const c of cases) {
    const key = execdKey(c.program, c.keys);
    if (c.rkey !== undefined) assert.equal(key, c.rkey, c.test);
    if (c.rkey_bytes !== undefined) assert.equal(Buffer.byteLength(key, 'latin1'), c.rkey_bytes, c.test);
    if (c.rkey_prefix !== undefined) assert.ok(key.startsWith(c.rkey_prefix), c.test);
  }
});

interface ExecdRun {
  test: string;
  received: { command: string; origin: { name: string }; parameters: { extra_args: string[]; alert: Record<string, unknown> } };
  timeout: number;
  program: string;
  already_listed?: string;
  add_message: Record<string, unknown> & { parameters: Record<string, unknown> };
  reply: string | null;
  follow_up: 'continue' | 'abort' | null;
  timeout_list: string;
}

test("one message through execd (test_execd.c ExecdStart, test_win_execd.c WinExecdRun): add message, reply, follow-up, timeout list", () => {
  const fixture = load<{ runs: ExecdRun[]; real_code: { version: number; program_prefix: string }; runs_not_ported: Record<string, string> }>('execd.json');
  assert.equal(fixture.runs.length, 8);
  const config = { target: parseTargetVersion('4.14.7'), nodeName: 'node01' };
  for (const run of fixture.runs) {
    // The program execd runs is the ar.conf path; the add message is built from the alert as analysisd sent it.
    const program = `${fixture.real_code.program_prefix}${run.program}`;
    const executable = run.program;
    const alert = run.received.parameters.alert;
    const add = buildPayload(config, { executable, extraArgs: undefined, expect: { srcip: false, user: false, filename: false } }, alertFacts(alert), alert) as unknown as Record<string, unknown>;
    const expected = { ...run.add_message, version: fixture.real_code.version, parameters: { ...run.add_message.parameters, program } };
    assert.equal(JSON.stringify(add), JSON.stringify(expected), `${run.test}: add message`);
    const events: TimelineEvent[] = [];
    const execd = new ExecdTimeline(() => undefined);
    const time = 123456789;
    const dispatch = (keys: string[] | null, timeout: number) => ({ time, host: '000', command: 'restart-wazuh', name: run.received.command, program, timeout, keys, alertId: '1609860180.513333', ruleId: '554' });
    if (run.already_listed) {
      const [, ip, user] = /^restart-wazuh-(.*)-(.*)$/.exec(run.already_listed)!;
      execd.receive(dispatch([ip!, user!], 10), () => {});
    }
    if (run.reply === null) {
      // No reply line: the program runs and nothing enters the timeout list.
      execd.receive(dispatch(null, run.timeout), (e) => events.push(e));
      assert.deepEqual(events.map((e) => [e.action, e.timeout]), [['add', 0]], run.test);
      assert.equal(execd.stillActive().length, 0, run.test);
      continue;
    }
    const reply = parseExecdReply(run.reply.trimEnd());
    assert.equal(reply.kind, 'check_keys', run.test);
    const keys = (reply as { keys: string[] }).keys;
    execd.receive(dispatch(keys, run.timeout), (e) => events.push(e));
    const action = events.at(-1)!.action;
    assert.equal(action === 'abort' ? 'abort' : 'continue', run.follow_up, run.test);
    assert.deepEqual(withCommand(add, run.follow_up!), { ...add, command: run.follow_up }, run.test);
    const listed = execd.stillActive().map((e) => e.key);
    if (run.timeout === 0) assert.ok(!listed.includes(execdKey(program, keys)), `${run.test}: timeout 0 is never listed`);
    else assert.ok(listed.includes(execdKey(program, keys)), `${run.test}: ${run.timeout_list}`);
  }
  for (const [what, why] of Object.entries(fixture.runs_not_ported)) assert.ok(why.length > 40, what);
});

test('w_ref_parent_folder and GetCommandbyName custom names (test_get_command_by_name.c)', () => {
  const fixture = load<{ get_command_by_name: Array<{ test: string; name: string; command: string | null }>; ref_parent_folder: Array<{ path: string; linux: boolean; windows: boolean }> }>('execd.json');
  for (const c of fixture.ref_parent_folder) {
    assert.equal(refParentFolder(c.path), c.linux, `linux ${JSON.stringify(c.path)}`);
    assert.equal(refParentFolder(c.path, true), c.windows, `windows ${JSON.stringify(c.path)}`);
  }
  for (const c of fixture.get_command_by_name) {
    const custom = c.name.slice(1);
    assert.equal(refParentFolder(custom) ? null : `${AR_BINDIR}/${custom}`, c.command, c.test);
  }
});
