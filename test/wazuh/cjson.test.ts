/**
 * cJSON_PrintUnformatted's numbers (print_number: "%1.15g", else "%1.17g" when compare_double says 15 digits
 * lose the double). The expected texts are what libcjson 1.7.15 printed for each value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CjsonObject, cjsonNumber, cjsonParse, cjsonPrintUnformatted, printfG } from '../../src/wazuh/cjson.ts';

test('numbers as cJSON prints them', () => {
  const cases: Array<[number, string]> = [
    [1.5e-7, '1.5e-07'], [1e16, '1e+16'], [-0, '-0'], [0.1, '0.1'], [123456789012, '123456789012'], [1e21, '1e+21'],
    // compare_double takes 0.3 as 0.30000000000000004 (within DBL_EPSILON relative), so 15 digits stay.
    [0.30000000000000004, '0.3'], [1 / 3, '0.33333333333333331'], [5e-324, '4.94065645841247e-324'],
    [1.7976931348623157e308, '1.79769313486232e+308'], [100, '100'], [1e15, '1e+15'], [123.456, '123.456'],
    [1e-5, '1e-05'], [0.0001, '0.0001'], [999999999999999, '999999999999999'], [1234567890123456, '1234567890123456'],
    [Number.NaN, 'null'], [Number.POSITIVE_INFINITY, 'null'],
  ];
  for (const [value, text] of cases) assert.equal(cjsonNumber(value), text, String(value));
  assert.equal(printfG(-2.5e-10, 15), '-2.5e-10');
});

test('a parsed alert prints as JSON.stringify does but for its numbers', () => {
  const alert = JSON.parse('{"rule":{"level":5,"score":1.5e-07,"big":1e+16},"a":[-0,0.1,"1e+16"],"s":"x\\n\\u0001é"}') as unknown;
  assert.equal(cjsonPrintUnformatted(alert), '{"rule":{"level":5,"score":1.5e-07,"big":1e+16},"a":[-0,0.1,"1e+16"],"s":"x\\n\\u0001é"}');
  const plain = { rule: { level: 10, id: '5712' }, list: [1, 2, 3] };
  assert.equal(cjsonPrintUnformatted(plain), JSON.stringify(plain));
});

test('cJSON_Parse as execd reads a reply: laxer than JSON.parse where cJSON is, stricter where it is', () => {
  const parse = (text: string) => {
    const value = cjsonParse(text);
    return value instanceof CjsonObject ? value.members : value;
  };
  // Text after the first value, a BOM, control characters as whitespace.
  assert.deepEqual(parse('{"a":1} trailing {'), [['a', 1]]);
  assert.deepEqual(parse('\uFEFF\f\v{"a":[true,false,null]}\r\n'), [['a', [true, false, null]]]);
  // Numbers: what strtod reads of the run of number characters.
  assert.deepEqual(parse('[01,1.,-.5,1e5,2E-1]'), [1, 1, -0.5, 1e5, 0.2]);
  assert.equal(parse('[1e]'), undefined, 'strtod stops before the e, which is no separator');
  assert.equal(parse('[+1]'), undefined, 'a number starts with - or a digit');
  assert.equal(parse('-'), undefined);
  // Literals by their letters alone.
  assert.equal(parse('nullx'), null);
  // Strings: raw control characters kept, C strings end at NUL, an invalid hex digit reads as 0.
  assert.deepEqual(parse('["a\tb","x\\u0000y","p\\uZZZZq","\\ud83d\\ude00"]'), ['a\tb', 'x', 'p', '😀']);
  assert.equal(parse('["\\ud83d"]'), undefined, 'a lone high surrogate');
  assert.equal(parse('["\\ude00"]'), undefined, 'a lone low surrogate');
  assert.equal(parse('["\\x"]'), undefined, 'an unknown escape');
  assert.equal(parse('{"a":1\0}'), undefined, 'the text ends at NUL');
  assert.equal(parse('['.repeat(1000) + ']'.repeat(1000)) !== undefined, true);
  assert.equal(parse('['.repeat(1001) + ']'.repeat(1001)), undefined, 'CJSON_NESTING_LIMIT');
  assert.equal(parse('{a:1}'), undefined);
  assert.equal(parse(''), undefined);
  // Lookups: the first member whose name matches ignoring ASCII case.
  const obj = cjsonParse('{"Keys":[1],"keys":[2],"KÉYS":3}') as CjsonObject;
  assert.deepEqual(obj.get('keys'), [1]);
  assert.equal(obj.get('kéys'), undefined, 'tolower() in the C locale folds ASCII only');
});
