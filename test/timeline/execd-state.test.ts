import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecdTimeline, execdKey, type Dispatch, type TimelineEvent } from '../../src/timeline/execd-state.ts';

function dispatch(time: number, over: Partial<Dispatch> = {}): Dispatch {
  return {
    time,
    host: '001',
    command: 'firewall-drop',
    name: 'firewall-drop600',
    program: 'active-response/bin/firewall-drop',
    timeout: 600,
    keys: ['1.2.3.4'],
    alertId: `a${time}`,
    ruleId: '5712',
    ...over,
  };
}

function run(timeline: ExecdTimeline, dispatches: Dispatch[], until?: number): string[] {
  const events: TimelineEvent[] = [];
  for (const d of dispatches) timeline.receive(d, (e) => events.push(e));
  if (until !== undefined) timeline.advance(until, (e) => events.push(e));
  return events.map((e) => `${e.time} ${e.host} ${e.action} ${e.key} ${e.timeout} #${e.offense}`);
}

test('execd key: program basename plus each check_keys key', () => {
  assert.equal(execdKey('active-response/bin/firewall-drop', ['1.2.3.4']), 'firewall-drop-1.2.3.4');
  assert.equal(execdKey('active-response/bin/disable-account', ['bob']), 'disable-account-bob');
  assert.equal(execdKey('active-response/bin/custom', []), 'custom');
});

test('execd key: an answer longer than the 8191 bytes execd reads keys on the basename alone; a dropped key leaves the same text as an uncut key', () => {
  // Two keys of 4090 bytes: the program's line (with its JSON) passes fgets's 8191 bytes, the JSON is cut.
  assert.equal(execdKey('active-response/bin/custom', ['é'.repeat(2045), 'é'.repeat(2045)]), 'custom');
  // One key of 4090 bytes fits the line: execd keeps 4095 bytes of name and key, here cut mid-character.
  const cut = execdKey('active-response/bin/custom1', ['é'.repeat(2045)]);
  assert.equal(Buffer.byteLength(cut, 'latin1'), 4095);
  assert.equal(Buffer.from(cut, 'latin1').toString('hex').slice(-4), 'a9c3');
  // 'ü-user' and then a key get_keys_from_json drops: the same entry as 'ü-user' alone (execd's rkey is those bytes).
  assert.equal(execdKey('active-response/bin/custom', ['ü-user', 'x'.repeat(4094)]), execdKey('active-response/bin/custom', ['ü-user']));
});

test('expiry is strictly greater: deleted at added + timeout + 1; a repeat at exactly timeout is an abort', () => {
  const t = new ExecdTimeline(() => undefined);
  assert.deepEqual(run(t, [dispatch(1000), dispatch(1600)], 3000), [
    '1000 001 add firewall-drop-1.2.3.4 600 #0',
    '1600 001 abort firewall-drop-1.2.3.4 600 #0',
    '2201 001 delete firewall-drop-1.2.3.4 600 #0',
  ]);
  const u = new ExecdTimeline(() => undefined);
  assert.deepEqual(run(u, [dispatch(1000), dispatch(1601)]), [
    '1000 001 add firewall-drop-1.2.3.4 600 #0',
    '1601 001 delete firewall-drop-1.2.3.4 600 #0',
    '1601 001 add firewall-drop-1.2.3.4 600 #0',
  ]);
});

test('hosts and keys are independent; timeout 0 and stateless scripts are never deduplicated or deleted', () => {
  const t = new ExecdTimeline(() => undefined);
  const events = run(
    t,
    [
      dispatch(10),
      dispatch(11, { host: '002' }),
      dispatch(12, { keys: ['5.6.7.8'] }),
      dispatch(13, { timeout: 0, name: 'firewall-drop0' }),
      dispatch(14, { timeout: 0, name: 'firewall-drop0' }),
      dispatch(15, { keys: null, program: 'active-response/bin/custom.sh' }),
    ],
    10_000,
  );
  assert.equal(events.filter((e) => e.includes(' add ')).length, 6);
  assert.deepEqual(events.filter((e) => e.includes(' delete ')), [
    '611 001 delete firewall-drop-1.2.3.4 600 #0',
    '612 002 delete firewall-drop-1.2.3.4 600 #0',
    '613 001 delete firewall-drop-5.6.7.8 600 #0',
  ]);
  assert.equal(t.activeCount, 0);
});

test('repeated offenders: minutes replace the timeout from the 2nd sighting, the last is reused, counting while blocked', () => {
  const t = new ExecdTimeline((host) => (host === '001' ? [1, 5] : undefined));
  assert.deepEqual(run(t, [dispatch(0), dispatch(100), dispatch(1000), dispatch(2000), dispatch(5000, { host: '002' })]), [
    '0 001 add firewall-drop-1.2.3.4 600 #0',
    '100 001 abort firewall-drop-1.2.3.4 60 #1',
    '161 001 delete firewall-drop-1.2.3.4 60 #1',
    '1000 001 add firewall-drop-1.2.3.4 300 #2',
    '1301 001 delete firewall-drop-1.2.3.4 300 #2',
    '2000 001 add firewall-drop-1.2.3.4 300 #3',
    '2301 001 delete firewall-drop-1.2.3.4 300 #3',
    '5000 002 add firewall-drop-1.2.3.4 600 #0',
  ]);
  assert.deepEqual(t.stillActive().map((e) => [e.host, e.expiresAt]), [['002', 5601]]);
});
