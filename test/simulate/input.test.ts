import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { readAlerts, openAlertSource, AlertSyntaxError } from '../../src/simulate/input.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

async function collect(input: string | Buffer, skipInvalid = false, chunkSize = 0) {
  const buf = Buffer.from(input);
  const chunks = chunkSize > 0 ? Array.from({ length: Math.ceil(buf.length / chunkSize) }, (_, i) => buf.subarray(i * chunkSize, (i + 1) * chunkSize)) : [buf];
  const alerts: Array<{ index: number; line: number; alert: unknown }> = [];
  const skipped: number[] = [];
  for await (const r of readAlerts(Readable.from(chunks), { skipInvalid, onInvalid: (e) => skipped.push(e.line) })) alerts.push(r);
  return { alerts, skipped };
}

test('JSON lines with blank lines, CRLF and braces inside strings', async () => {
  const { alerts } = await collect('{"a":1}\n\n{"b":"}{"}\r\n');
  // chars: the length of the text each alert was read from (the CR is not part of the line).
  assert.deepEqual(alerts, [
    { index: 0, line: 1, alert: { a: 1 }, chars: 7 },
    { index: 1, line: 3, alert: { b: '}{' }, chars: 10 },
  ]);
});

test('pretty-printed objects one after another keep their start line', async () => {
  const { alerts } = await collect('{\n "a": [1,2],\n "b": {"c":"]"}\n}\n{\n"x":1}\n');
  assert.deepEqual(alerts.map((a) => [a.index, a.line]), [[0, 1], [1, 5]]);
});

test('a JSON array is streamed element by element, also when split into tiny chunks', async () => {
  for (const size of [0, 1, 3]) {
    const { alerts } = await collect('[\n {"a":1},\n {"b":[1,2]}, {"c":"x,]"}\n]\n', false, size);
    assert.deepEqual(alerts.map((a) => [a.line, a.alert]), [[2, { a: 1 }], [3, { b: [1, 2] }], [3, { c: 'x,]' }]]);
  }
  assert.deepEqual((await collect('[]')).alerts, []);
});

test('a line that is not JSON fails with its line number, or is counted with skipInvalid', async () => {
  await assert.rejects(collect('{"a":1}\nnot json\n{"b":2}'), (e: unknown) => e instanceof AlertSyntaxError && e.line === 2);
  const { alerts, skipped } = await collect('{"a":1}\nnot json\n{"b":2}', true);
  assert.deepEqual(skipped, [2]);
  assert.deepEqual(alerts.map((a) => a.index), [0, 1]);
  await assert.rejects(collect('5'), /expected an alert object, found number/);
  const arr = await collect('[{"a":1}, 5, {"b":2}]', true);
  assert.equal(arr.alerts.length, 2);
  assert.deepEqual(arr.skipped, [1]);
});

test('a bad element of a JSON array names its line and column: a one-line array of millions of alerts is line 1 throughout', async () => {
  const columnOf = async (input: string, chunkSize: number) => {
    try {
      await collect(input, false, chunkSize);
    } catch (error) {
      if (error instanceof AlertSyntaxError) return [error.line, error.column, error.reason.slice(0, 30)];
      throw error;
    }
    assert.fail(`no error for ${input}`);
  };
  for (const size of [0, 1, 3]) {
    // The number 5 at column 19; the '}' that breaks the second element at column 22, after a '[' at column 3.
    assert.deepEqual(await columnOf('[{"a":1},{"b":2}, 5, {"c":3}]', size), [1, 19, 'expected an alert object, foun']);
    assert.deepEqual(await columnOf('  [ {"a":1},{"rule": }]', size), [1, 22, 'not valid JSON (Unexpected tok']);
    // An element on a later line: its own column; one broken further down its lines: where it starts.
    assert.deepEqual(await columnOf('[\n {"a":1},\n   5\n]\n', size), [3, 4, 'expected an alert object, foun']);
    assert.deepEqual(await columnOf('[\n {"a":1},\n   {"rule":\n  }\n]\n', size), [3, 4, 'not valid JSON (Unexpected tok']);
    assert.deepEqual(await columnOf('[{"a":1}, hello world]', size), [1, 11, "a line of text, not a JSON ale"]);
  }
});

test('in JSON lines, a line that does not close is one bad entry, not the start of a multi-line value', async () => {
  const { alerts, skipped } = await collect('{"a":1}\n{"rule": broken\n{"b":2}\n', true);
  assert.deepEqual(skipped, [2]);
  assert.deepEqual(alerts.map((a) => a.alert), [{ a: 1 }, { b: 2 }]);
  // Before any record: a complete record at column 0 ends the broken gathering.
  const first = await collect('{"rule": broken\n{"b":2}\n', true);
  assert.deepEqual(first.skipped, [1]);
  assert.deepEqual(first.alerts.map((a) => a.alert), [{ b: 2 }]);
});

test('Wazuh indexer documents give the alert in _source; an object with its own rule is an alert as it is', async () => {
  const alert = { rule: { id: '5712' }, id: '1.2' };
  const { alerts } = await collect(`${JSON.stringify({ _index: 'wazuh-alerts', _id: 'a', _source: alert })}\n${JSON.stringify({ hits: { hits: [{ _source: alert }, { _source: { rule: { id: '1' } } }] } })}\n`);
  assert.deepEqual(alerts.map((a) => [a.index, a.line, a.alert]), [[0, 1, alert], [1, 2, alert], [2, 2, { rule: { id: '1' } }]]);
  // Not envelopes: an alert that has a rule (whatever else it carries), a _source without _index or _id.
  const own = { rule: { id: '1' }, _source: alert, _id: 'x' };
  const bare = { _source: alert };
  assert.deepEqual((await collect(`${JSON.stringify(own)}\n${JSON.stringify(bare)}\n`)).alerts.map((a) => a.alert), [own, bare]);
});

test('a UTF-16 file is refused at line 1 with what to do (with or without its byte order mark)', async () => {
  const text = '{"rule":{"id":"5712"}}\n';
  for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.from(text, 'utf16le'), Buffer.from(text, 'utf16le').swap16()]) {
    await assert.rejects(collect(bytes, true), (e: unknown) => e instanceof AlertSyntaxError && e.line === 1 && !e.skippable && /UTF-16 .*iconv -f UTF-16 -t UTF-8/.test(e.reason));
  }
  // UTF-8 with its byte order mark, and input that arrives a byte at a time, are read as ever.
  assert.equal((await collect(`\ufeff${text}`)).alerts.length, 1);
  assert.equal((await collect(text, false, 1)).alerts.length, 1);
});

test('gzip is detected by its magic bytes', async () => {
  const { alerts } = await collect(gzipSync('{"a":1}\n{"b":2}\n'), false, 1);
  assert.equal(alerts.length, 2);
});

test('the corpus malformed alert is reported at line 1', { skip: corpusSkip }, async () => {
  const skipped: number[] = [];
  const source = openAlertSource(join(corpusDir, 'alerts/invalid/wazuh-qa__integratord__read_invalid_json_alert__MALFORMED.jsonl'));
  for await (const _ of readAlerts(source, { skipInvalid: true, onInvalid: (e) => skipped.push(e.line) })) assert.fail('no alert expected');
  assert.deepEqual(skipped, [1]);
});

test('an entry skipped costs no stack trace: AlertSyntaxError carries line, reason and column only', async () => {
  const skipped: AlertSyntaxError[] = [];
  const alerts = [];
  for await (const a of readAlerts(Readable.from([Buffer.from('[1, "x", {"rule":{"id":"1"}}, null]')]), { skipInvalid: true, onInvalid: (e) => skipped.push(e) })) alerts.push(a);
  assert.equal(alerts.length, 1);
  assert.equal(skipped.length, 3);
  for (const e of skipped) {
    assert.ok(e instanceof AlertSyntaxError && e instanceof Error);
    assert.equal(e.line, 1);
    // --skip-invalid makes one per entry (a 64 MB array of numbers: 32 million): capturing the reader's stack was most of the time.
    assert.doesNotMatch(e.stack ?? '', /\n\s+at /);
  }
  // The limit is the caller's again afterwards.
  assert.match(new Error('x').stack ?? '', /\n\s+at /);
  const withColumn = new AlertSyntaxError(4, 'not valid JSON', true, 7);
  assert.deepEqual([withColumn.line, withColumn.reason, withColumn.skippable, withColumn.column, withColumn.message], [4, 'not valid JSON', true, 7, 'line 4: not valid JSON']);
});
