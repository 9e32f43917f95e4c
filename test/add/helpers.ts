/** Shared checks for the `arctl add` tests. */
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { runRules } from '../../src/lint/engine.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

/** Asserts `after` is `before` with one run of bytes inserted, and returns that text. */
export function insertedText(before: Buffer, after: Buffer): string {
  assert.ok(after.length > before.length, 'the file grew');
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  const tail = before.length - p;
  assert.ok(after.subarray(after.length - tail).equals(before.subarray(p)), 'every byte outside the inserted text is unchanged');
  return after.subarray(p, after.length - tail).toString('utf8');
}

export function lintErrors(path: string, bytes: Buffer, target = '4.14'): number {
  return runRules(new ConfigDocument(path, bytes), { target: parseTargetVersion(target), managerIps: [] }).filter((d) => d.severity === 'error').length;
}
