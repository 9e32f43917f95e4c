import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { digitsPattern, renderXsd, XSD_FILE_NAME } from '../../src/schema/xsd.ts';
import { projectRoot } from '../helpers/paths.ts';

test(`src/schema/${XSD_FILE_NAME} is in sync with src/schema/elements.ts (npm run gen:xsd)`, () => {
  const committed = readFileSync(join(projectRoot, 'src/schema', XSD_FILE_NAME), 'utf8');
  assert.equal(committed, renderXsd());
});

test('the XSD is strict for the AR blocks and lax for other sections', () => {
  const xsd = renderXsd();
  assert.match(xsd, /<xs:element name="syscheck" type="lax"\/>/);
  assert.match(xsd, /<xs:complexType name="block.active-response" mixed="true">/);
  assert.match(xsd, /<xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"\/>/);
  assert.doesNotMatch(xsd, /<xs:any [^>]*processContents="(lax|strict)"/);
});

/** XSD regexes are implicitly anchored; these patterns use only syntax JS reads the same way. */
function matches(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

test('digit ranges match exactly the numbers Wazuh accepts, leading zeros included', () => {
  const level = digitsPattern(0, 20);
  for (let n = 0; n <= 300; n++) {
    assert.equal(matches(level, String(n)), n <= 20, `level ${n}`);
    assert.equal(matches(level, `00${n}`), n <= 20, `level 00${n}`);
  }
  for (const bad of ['+5', '5a', '0x10', '1e1', ' 5', '-1', ' ']) assert.equal(matches(level, bad), false, bad);
  assert.equal(matches(level, ''), true, 'empty reads as 0');
  const perHour = digitsPattern(1, 1000000);
  const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 12345, 99999, 100000, 999999, 1000000, 1000001, 1999999, 9999999, 10000000];
  for (const n of samples) assert.equal(matches(perHour, String(n)), n >= 1 && n <= 1000000, `maxperhour ${n}`);
  assert.equal(matches(perHour, ''), false, 'empty reads as 0, below the minimum');
  for (let n = 0; n < 2000; n += 7) assert.equal(matches(digitsPattern(13, 1234), String(n)), n >= 13 && n <= 1234, `13..1234 ${n}`);
  assert.equal(digitsPattern(), '[0-9]*');
});
