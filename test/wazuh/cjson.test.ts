/**
 * cJSON_PrintUnformatted's numbers (print_number: "%1.15g", else "%1.17g" when compare_double says 15 digits
 * lose the double). The expected texts are what libcjson 1.7.15 printed for each value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cjsonNumber, cjsonPrintUnformatted, printfG } from '../../src/wazuh/cjson.ts';

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
