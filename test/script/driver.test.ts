/**
 * The protocol driver and the verdict with scripted programs (no processes): what execd writes, in
 * which order, with which key, on the fake clock.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drive, refusedRenames, refusedWrites, withoutRefusals, type Delivery } from '../../src/script/driver.ts';
import type { ExitStatus, LineResult, ScriptHost, ScriptProcess, SpawnRequest } from '../../src/script/process.ts';
import { singleAlertScenario } from '../../src/script/scenario.ts';
import { judge } from '../../src/script/verdict.ts';
import { parseExecdReply, checkKeysMessage } from '../../src/wazuh/execd-protocol.ts';
import { sampleAlert } from '../../src/script/sample-alert.ts';

/** How a scripted program answers: the reply to an add message ('hang': nothing, stdin open), and what it does. */
interface Behaviour {
  reply(message: Record<string, unknown>): string | 'none' | 'hang';
  /** After the answer (continue/abort) or a delete message: what it changed. */
  act(message: Record<string, unknown>, answer?: string): string[];
}

class ScriptedHost implements ScriptHost {
  readonly spawned: Array<{ request: SpawnRequest; stdin: string[] }> = [];
  private pending: string[] = [];
  constructor(private readonly behaviour: Behaviour) {}

  spawn(request: SpawnRequest): ScriptProcess {
    const record = { request, stdin: [] as string[] };
    this.spawned.push(record);
    const host = this;
    const b = this.behaviour;
    let replyLine: string | 'none' | 'hang' | undefined;
    let hung = false;
    const done: ExitStatus = { code: 0, signal: null };
    return {
      write(text: string) {
        const line = text.replace(/\n$/, '');
        record.stdin.push(line);
        const message = JSON.parse(line) as Record<string, unknown>;
        if (record.stdin.length === 1 && message.command === 'add') replyLine = b.reply(message);
        else if (record.stdin.length === 2) host.pending.push(...b.act(JSON.parse(record.stdin[0]!) as Record<string, unknown>, message.command as string));
      },
      closeStdin() {
        const first = JSON.parse(record.stdin[0] ?? '{}') as Record<string, unknown>;
        if (first.command === 'delete') host.pending.push(...b.act(first));
      },
      readLine: async (): Promise<LineResult> => {
        if (replyLine === 'hang' && !hung) {
          hung = true;
          return { kind: 'timeout' };
        }
        if (replyLine === 'hang' || replyLine === 'none' || replyLine === undefined) return { kind: 'eof' };
        return { kind: 'line', line: replyLine, truncated: false };
      },
      closeStdout() {},
      wait: async () => done,
      kill: async () => done,
      stderr: () => '',
      extraStdout: () => '',
      elapsedMs: () => 1,
    };
  }

  takeEffects(): string[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

const srcipOf = (m: Record<string, unknown>) => ((m.parameters as { alert: { data: { srcip: string } } }).alert.data.srcip);

const compliant: Behaviour = {
  reply: (m) => checkKeysMessage('block.sh', [srcipOf(m)]),
  act: (m, answer) => (m.command === 'delete' ? [`ran iptables -D ${srcipOf(m)}`] : answer === 'continue' ? [`ran iptables -I ${srcipOf(m)}`] : []),
};

function payload(alert: Record<string, unknown>) {
  return { message: { version: 1, origin: { name: '', module: 'wazuh-execd' }, command: 'add', parameters: { extra_args: [], alert, program: 'active-response/bin/block.sh' } } };
}

const options = { program: 'active-response/bin/block.sh', command: 'block', timeout: 60, deadlineMs: 100 };

test('one alert: continue, abort for the repeat, continue for another IP, delete at the timeout on stdin only, the re-offence', async () => {
  const host = new ScriptedHost(compliant);
  const deliveries = singleAlertScenario(sampleAlert(), payload, 60);
  const { runs } = await drive(host, deliveries, options);
  const t0 = runs[0]!.time;
  assert.deepEqual(
    runs.map((r) => `${r.time - t0} ${r.action} ${r.answer ?? '-'} ${r.key}`),
    [
      '0 add continue block.sh-203.0.113.7',
      '1 add abort block.sh-203.0.113.7',
      '2 add continue block.sh-198.51.100.23',
      // The repeat reset the first entry at t+1: deleted at the first tick past 60 s.
      '62 delete - block.sh-203.0.113.7',
      '63 delete - block.sh-198.51.100.23',
      '63 add continue block.sh-203.0.113.7',
      '124 delete - block.sh-203.0.113.7',
    ],
  );
  // Add runs: stdin and stdout bound, argv the program alone; the answer is the message with command replaced.
  const first = host.spawned[0]!;
  assert.deepEqual(first.request, { argv: ['active-response/bin/block.sh'], stdin: 'pipe', stdout: 'pipe' });
  const [add, answer] = first.stdin.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(Object.keys(answer!), Object.keys(add!));
  assert.deepEqual({ ...add, command: 'continue' }, answer);
  // Delete runs: stdin only, the add message with command "delete", nothing else written.
  const del = host.spawned[3]!;
  assert.deepEqual(del.request, { argv: ['active-response/bin/block.sh'], stdin: 'pipe', stdout: 'null' });
  assert.deepEqual(del.stdin.map((l) => JSON.parse(l) as Record<string, unknown>), [{ ...add, command: 'delete' }]);
  const checks = judge({ runs, notRun: [] }, { protocol: 'json', timeout: 60, deadlineMs: 100, programBase: 'block.sh' });
  assert.deepEqual(checks.filter((c) => c.status !== 'pass').map((c) => c.id), []);
});

test('repeated offenders on the same clock: the repeat keeps the entry 5 minutes, the re-offence after its delete 30', async () => {
  const host = new ScriptedHost(compliant);
  const { runs } = await drive(host, singleAlertScenario(sampleAlert(), payload, 60, [5, 30]), { ...options, repeatedOffenders: [5, 30] });
  const t0 = runs[0]!.time;
  assert.equal(runs.find((r) => r.role === 'repeat')!.entryTimeout, 5 * 60);
  assert.equal(runs.find((r) => r.action === 'delete' && r.key === runs[0]!.key)!.time - t0, 1 + 5 * 60 + 1);
  const reoffence = runs.find((r) => r.role === 're-offence')!;
  assert.equal(reoffence.answer, 'continue');
  // Third sighting of the key (the abort was the second): the second minutes value.
  assert.equal(reoffence.entryTimeout, 30 * 60);
  assert.equal(runs.at(-1)!.time - reoffence.time, 30 * 60 + 1);
});

test('a reply execd does not accept keys every alert on the bare program name: another offender is aborted', async () => {
  const host = new ScriptedHost({ ...compliant, reply: (m) => JSON.stringify({ command: 'check_keys', parameters: { keys: [srcipOf(m)] } }) });
  const { runs } = await drive(host, singleAlertScenario(sampleAlert(), payload, 60), options);
  const other = runs.find((r) => r.role === 'other-offender')!;
  assert.equal(other.key, 'block.sh');
  assert.equal(other.answer, 'abort');
  const checks = judge({ runs, notRun: [] }, { protocol: 'json', timeout: 60, deadlineMs: 100, programBase: 'block.sh' });
  const keys = checks.find((c) => c.id === 'check-keys')!;
  assert.equal(keys.status, 'fail');
  assert.match(keys.summary, /get_json_from_input rejects it: no "version" \(a number\), "origin" \(an object\)/);
  assert.equal(checks.find((c) => c.id === 'distinct-keys')!.status, 'fail');
});

test('no reply: execd keeps nothing, so nothing is ever deleted; a hang is told apart from reading to EOF', async () => {
  const silent = new ScriptedHost({ ...compliant, reply: () => 'none' });
  const quiet = await drive(silent, singleAlertScenario(sampleAlert(), payload, 60), options);
  assert.deepEqual(quiet.runs.map((r) => r.action), ['add', 'add', 'add', 'add']);
  assert.equal(judge(quiet, { protocol: 'json', timeout: 60, deadlineMs: 100, programBase: 'block.sh' }).find((c) => c.id === 'reply')!.status, 'fail');
  // Stateless (timeout 0): no reply is what execd expects of it.
  const stateless = await drive(new ScriptedHost({ ...compliant, reply: () => 'none' }), singleAlertScenario(sampleAlert(), payload, 0), { ...options, timeout: 0 });
  assert.equal(judge(stateless, { protocol: 'json', timeout: 0, deadlineMs: 100, programBase: 'block.sh' }).find((c) => c.id === 'reply')!.status, 'warn');

  const hanging = await drive(new ScriptedHost({ ...compliant, reply: () => 'hang' }), [singleAlertScenario(sampleAlert(), payload, 60)[0]!], options);
  assert.deepEqual(hanging.runs[0]!.reply, { kind: 'hang', afterEof: 'eof' });
  const reply = judge(hanging, { protocol: 'json', timeout: 60, deadlineMs: 100, programBase: 'block.sh', readsToEofAt: 'x.sh:2: cat' }).find((c) => c.id === 'reply')!;
  assert.match(reply.summary, /it exited only once stdin was closed, without a line: it reads stdin to the end \(x\.sh:2: cat\)/);
});

test('legacy: argv in, nothing read back; a key still in the list is not run again; delete gets argv[1] = delete', async () => {
  const host = new ScriptedHost(compliant);
  const argv = (ip: string) => ['active-response/bin/block.sh', 'add', '-', ip, '1.1', '5712', '/var/log/auth.log', '-', '-'];
  const deliveries: Delivery[] = [
    { time: 100, label: 'a', role: 'first', alertId: '1', ruleId: '5712', argv: argv('203.0.113.7') },
    { time: 101, label: 'b', role: 'repeat', alertId: '1', ruleId: '5712', argv: argv('203.0.113.7') },
  ];
  const result = await drive(host, deliveries, options);
  assert.deepEqual(result.notRun.map((n) => n.time), [101]);
  assert.deepEqual(host.spawned.map((s) => [s.request.argv[1], s.request.stdin, s.request.stdout]), [['add', 'null', 'null'], ['delete', 'null', 'null']]);
  assert.equal(result.runs[1]!.time, 101 + 60 + 1);
});

test('execd reads a reply as get_json_from_input + get_keys_from_json do', () => {
  assert.deepEqual(parseExecdReply(checkKeysMessage('firewall-drop', ['1.2.3.4'])), { kind: 'check_keys', keys: ['1.2.3.4'], ignored: 0 });
  assert.deepEqual(parseExecdReply('{"version":1,"origin":{},"command":"check_keys","parameters":{"keys":["a",2,"b"]}}'), { kind: 'check_keys', keys: ['a', 'b'], ignored: 1 });
  assert.equal(parseExecdReply('{"version":"1","origin":{},"command":"check_keys","parameters":{"keys":[]}}').kind, 'other');
  assert.deepEqual(parseExecdReply('{"version":1,"origin":{},"command":"continue","parameters":{}}'), { kind: 'other', reason: '"command" is \'continue\', not \'check_keys\'' });
  assert.deepEqual(parseExecdReply('blocking 1.2.3.4'), { kind: 'other', reason: 'the line is not JSON' });
  // cJSON_Parse ignores what follows the object; cJSON_GetObjectItem ignores case and takes the first duplicate.
  assert.deepEqual(parseExecdReply('{"Version":1,"ORIGIN":{},"Command":"check_keys","parameters":{"Keys":["a"]},"parameters":{"keys":["b"]}} done'), { kind: 'check_keys', keys: ['a'], ignored: 0 });
  assert.deepEqual(parseExecdReply('{"version":1,"origin":{},"command":"CHECK_KEYS","parameters":{"keys":["a"]}}'), { kind: 'other', reason: '"command" is \'CHECK_KEYS\', not \'check_keys\'' });
  assert.deepEqual(parseExecdReply('[1]'), { kind: 'other', reason: 'the line is not a JSON object' });
});

test("the re-offence comes after execd's delete, its minutes multiplied by 60 in C int as execd does", () => {
  const alert = { id: '1', timestamp: '2024-05-01T00:00:00Z', rule: { id: '5712' }, data: { srcip: '203.0.113.9' } };
  const payloadFor = () => ({ message: {} });
  const reOffence = (minutes: number[]) => singleAlertScenario(alert, payloadFor, 600, minutes).find((d) => d.role === 're-offence')!.time;
  const t0 = Date.parse('2024-05-01T00:00:00Z') / 1000;
  assert.equal(reOffence([30]), t0 + 1 + 1800 + 2);
  // 71582789 * 60 wraps to 44 in C int (execd.c); 40000000 * 60 to a negative timeout: deleted at once.
  assert.equal(reOffence([71582789]), t0 + 1 + 44 + 2);
  assert.equal(reOffence([40000000]), t0 + 1 + 0 + 2);
});

test('a write the read-only mount namespace refused is the path the shell, Python or coreutils name on stderr', () => {
  const stderr = [
    'active-response/bin/deny.sh: 5: cannot create /etc/hosts.deny: Read-only file system',
    'active-response/bin/deny.sh: line 5: /etc/hosts.deny: Read-only file system',
    "PermissionError: [Errno 30] Read-only file system: '/var/lib/deny state'",
    "sed: couldn't open temporary file /etc/sedX1y2z3: Read-only file system",
    'fopen: Read-only file system',
    'unrelated: No such file or directory',
  ].join('\n');
  assert.deepEqual(refusedWrites(stderr), [
    'tried to write /etc/hosts.deny: read-only in the test, not changed',
    'tried to write /var/lib/deny state: read-only in the test, not changed',
    'tried to write /etc/sedX1y2z3: read-only in the test, not changed',
    'tried to write a file: read-only in the test, not changed (fopen: Read-only file system)',
  ]);
  assert.equal(withoutRefusals(stderr), 'unrelated: No such file or directory');
  assert.deepEqual(refusedWrites('all fine\n'), []);
});

test("a Python traceback that ends in the sandbox's refusal (EROFS, or an EXDEV rename the run reports) is the test's doing; one that does not stays", () => {
  const exdev = [
    'Traceback (most recent call last):',
    '  File "/x/active-response/bin/q.py", line 7, in <module>',
    "    os.rename('/tmp/a', '/etc/a')",
    '    ~~~~~~~~~^^^^^^^^^^^^^^^^^^^',
    "OSError: [Errno 18] Invalid cross-device link: '/tmp/a' -> '/etc/a'",
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "/x/active-response/bin/q.py", line 9, in <module>',
    "    raise SystemExit('failed')",
    'SystemExit: failed',
    'own noise',
    'Traceback (most recent call last):',
    '  File "/x/active-response/bin/q.py", line 12, in <module>',
    'KeyError: srcip',
    '',
  ].join('\n');
  const renames = refusedRenames(exdev);
  assert.equal(renames.length, 1);
  assert.match(renames[0]!, /^tried to write \/tmp\/a \(a rename to \/etc\/a\): the test's sandbox refused it \(Invalid cross-device link\)/);
  assert.equal(withoutRefusals(exdev, renames), 'own noise\nTraceback (most recent call last):\n  File "/x/active-response/bin/q.py", line 12, in <module>\nKeyError: srcip\n');
  // Without the run's rename effect (no sandbox refused it: this machine did), the EXDEV traceback is the program's.
  assert.equal(withoutRefusals(exdev), exdev);
  const erofs = ['Traceback (most recent call last):', '  File "q.py", line 3, in <module>', "PermissionError: [Errno 30] Read-only file system: '/etc/x'", ''].join('\n');
  assert.equal(withoutRefusals(erofs), '');
});
