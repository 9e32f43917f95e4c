import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset, JsonTextError, parseJsonText } from '../../src/util/json-text.ts';

test('jsonErrorOffset finds the offset V8 reports wherever V8 reports one, and the offending character where it does not', () => {
  const invalid = ['{\n"a":1,\n}', '{"a"', '[1 2]', '{"a":"\u0001"}', '{"a":"\\q"}', '{"a":-}', '{"a":1.}', '[1,2] x', '{"a" 1}', '[1,]', '{"a":1e}', '{,}', '[01]', '{"a":"x', '[', '{"a":1}}', '"\\u12x4"'];
  for (const text of invalid) {
    let message = '';
    try {
      JSON.parse(text);
      assert.fail(`${JSON.stringify(text)} is invalid`);
    } catch (error) {
      message = (error as Error).message;
    }
    const at = /at position (\d+)/.exec(message);
    const expected = at ? Number(at[1]) : /Unexpected end of JSON input/.test(message) ? text.length : undefined;
    if (expected !== undefined) assert.equal(jsonErrorOffset(text), expected, `${JSON.stringify(text)}: ${message}`);
  }
  // Without a position from V8: the token it names.
  assert.equal(jsonErrorOffset('{"a": x}'), 6);
  assert.equal(jsonErrorOffset('{"a":tru}'), 8);
  assert.equal(jsonErrorOffset('{"a":[1,{"b":nul}]}'), 16);
  for (const text of ['{}', '[1, -2.5e3, "x\\n\\u00e9", true, false, null, {"a": []}]', ' 7 ']) assert.equal(jsonErrorOffset(text), text.length, text);
});

test('parseJsonText skips a byte order mark and words an error as line:column without V8 quoting the text', () => {
  assert.deepEqual(parseJsonText('\uFEFF{"a": 1}'), { a: 1 });
  assert.throws(
    () => parseJsonText('\uFEFF{\n  "a": 1,\n  "b": x\n}'),
    (error: unknown) => error instanceof JsonTextError && error.line === 3 && error.column === 8 && error.reason === "Unexpected token 'x'",
  );
});
