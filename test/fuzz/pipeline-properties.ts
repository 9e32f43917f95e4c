/**
 * Properties of lint, --fix, add and simulate over mutated configurations and alerts, shared by the
 * short run in `npm test` and the long one (`npm run fuzz`, through long-properties.ts).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigDocument } from '../../src/document/document.ts';
import type { TextEdit } from '../../src/document/edit.ts';
import { planAdd } from '../../src/add/plan.ts';
import { ossecRoots } from '../../src/add/placement.ts';
import type { BlockSpec } from '../../src/add/kinds/index.ts';
import { lintDocument, runRules, type LintOptions } from '../../src/lint/engine.ts';
import { applyFixRound, fixUntilStable } from '../../src/lint/fix.ts';
import { simulateAlert } from '../../src/simulate/engine.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import { ArctlError } from '../../src/util/errors.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { LOOKALIKES, mutate, mutation } from './mutations.ts';

const target = parseTargetVersion();
const lintOptions: LintOptions = { target, managerIps: [] };
/** Generous: one input on a loaded machine; a runaway (quadratic or worse) loop blows far past it. */
const PER_INPUT_MS = 5_000;

function lint(bytes: Buffer) {
  return runRules(new ConfigDocument('fuzz.conf', bytes), lintOptions);
}

function timed<T>(what: string, f: () => T): T {
  const start = performance.now();
  const value = f();
  const ms = performance.now() - start;
  assert.ok(ms < PER_INPUT_MS, `${what} took ${ms.toFixed(0)} ms`);
  return value;
}

async function timedAsync<T>(what: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await f();
  const ms = performance.now() - start;
  assert.ok(ms < PER_INPUT_MS, `${what} took ${ms.toFixed(0)} ms`);
  return value;
}

/** Every finding is positioned inside the file, and every fix is a well-formed edit. */
export function checkLint(bytes: Buffer): void {
  const findings = timed('lint', () => lint(bytes));
  for (const d of findings) {
    assert.ok(d.range.start >= 0 && d.range.end <= bytes.length && d.range.start <= d.range.end, `${d.ruleId} range inside the file`);
    if (d.fix) assert.ok(d.fix.start >= 0 && d.fix.end <= bytes.length && d.fix.start <= d.fix.end, `${d.ruleId} fix inside the file`);
  }
}

/** validate (parse errors and schema findings through libxml2): positioned findings, bounded time. */
export async function checkValidate(bytes: Buffer): Promise<void> {
  const start = performance.now();
  const findings = await lintDocument(new ConfigDocument('fuzz.conf', bytes), { ...lintOptions, mode: 'validate' });
  const ms = performance.now() - start;
  assert.ok(ms < PER_INPUT_MS, `validate took ${ms.toFixed(0)} ms`);
  for (const d of findings) assert.ok(d.range.start >= 0 && d.range.end <= bytes.length && d.range.start <= d.range.end, `${d.ruleId} range inside the file`);
}

/** The bytes a set of edits should give, built independently of applyEdits: gaps copied, edits replaced. */
function splice(bytes: Buffer, edits: readonly TextEdit[]): Buffer {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(bytes.subarray(at, e.start), Buffer.from(e.text));
    at = e.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** fix(fix(x)) == fix(x), and one round changes only the bytes its fixes cover. */
export async function checkFix(bytes: Buffer): Promise<void> {
  const findings = timed('lint', () => lint(bytes));
  const round = applyFixRound(bytes, findings);
  const chosen: TextEdit[] = [];
  for (const d of findings) if (d.fix && !chosen.some((c) => c.start < d.fix!.end && d.fix!.start < c.end)) chosen.push(d.fix);
  assert.equal(round.chosen.length, chosen.length);
  if (round.chosen.length > 0) assert.ok(round.bytes.equals(splice(bytes, chosen)), 'bytes outside the fixes are untouched');
  const lintAsync = async (b: Buffer) => lint(b);
  const once = await timedAsync('fix', () => fixUntilStable(bytes, lintAsync));
  if (once.rounds === 10) return; // did not settle in the round limit: idempotence is not promised there
  const twice = await timedAsync('fix again', () => fixUntilStable(once.bytes, lintAsync));
  assert.equal(twice.applied, 0, 'a fixed file has nothing left to fix');
  assert.ok(twice.bytes.equals(once.bytes), 'fix(fix(x)) == fix(x)');
}

/**
 * add inserts one block and changes nothing else: the new bytes are the old ones with one inserted run
 * (the block plus line breaks and indentation), so removing that run gives back the original bytes.
 */
export function checkAddThenRemove(bytes: Buffer, spec: BlockSpec): void {
  let plan;
  try {
    plan = timed('add', () => planAdd({ path: 'fuzz.conf', bytes, spec, gate: { target, managerIps: [] } }));
  } catch (error) {
    if (error instanceof ArctlError) return; // refused with a message: nothing written
    throw error;
  }
  if (!plan.changed) return;
  const { before, after } = plan;
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  assert.equal(prefix + suffix, before.length, 'add only inserts');
  const inserted = after.subarray(prefix, after.length - suffix).toString('utf8');
  const removed = Buffer.concat([after.subarray(0, prefix), after.subarray(after.length - suffix)]);
  assert.ok(removed.equals(before), 'add-then-remove gives back the original bytes');
  // The run found by prefix/suffix may be a rotation of the block (it can start in the indentation
  // before it), so look for the block itself around it, and compare sizes without whitespace.
  const span = after.length - suffix - prefix;
  const at = after.indexOf(Buffer.from(plan.inserted), Math.max(0, prefix - span));
  assert.ok(at !== -1 && at <= prefix + span, 'the block is where the bytes were inserted');
  // A file without an <ossec_config> root (empty, comments only) gets one around the block.
  const root = ossecRoots(new ConfigDocument('fuzz.conf', before)).length === 0 ? '<ossec_config></ossec_config>'.length : 0;
  assert.equal(inserted.replace(/\s+/g, '').length, plan.inserted.replace(/\s+/g, '').length + root, 'only the block (and a missing root) and whitespace were inserted');
}

export const blockSpec: fc.Arbitrary<BlockSpec> = fc.oneof(
  fc.record({ kind: fc.constant('white-list' as const), entries: fc.array(fc.constantFrom('10.0.0.1', '192.168.0.0/16', '::1', 'fe80::/10'), { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('active-response' as const),
    command: fc.constantFrom('firewall-drop', 'host-deny', 'disable-account'),
    location: fc.constantFrom('local' as const, 'server' as const, 'all' as const),
    rulesId: fc.constantFrom('5712', '5712,31151', '100100'),
    timeout: fc.constantFrom(60, 600, 3600),
  }),
  fc.record({ kind: fc.constant('command' as const), name: fc.constantFrom('fuzz-block', 'firewall-drop', 'my-cmd'), executable: fc.constantFrom('firewall-drop', 'custom.sh'), timeoutAllowed: fc.boolean() }),
);

/** simulate: any alert object ends in a result, never an exception. */
export function checkSimulate(configBytes: Buffer, alert: Record<string, unknown>): void {
  const doc = new ConfigDocument('fuzz.conf', configBytes);
  if (doc.parseError) return;
  let config;
  try {
    config = loadSimConfig(doc, target);
  } catch (error) {
    if (error instanceof ArctlError) return;
    throw error;
  }
  const result = timed('simulate', () => simulateAlert(config, {}, alert, 0, 1));
  assert.ok(Array.isArray(result.responses));
}

const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('5712', 5712, '10', 12, -1, 1e308, '', null, true, [], {}, '1.2.3.4', '::1', 'root', `10${LOOKALIKES[0]}`, 'a'.repeat(300)),
  fc.string({ maxLength: 20 }),
);

/** Alert objects shaped like Wazuh's, with any field replaced, dropped or of the wrong type. */
export const alertObject: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      timestamp: fc.oneof(fc.constant('2024-05-01T00:00:00.000+0000'), jsonish),
      rule: fc.oneof(fc.record({ id: jsonish, level: jsonish, groups: fc.oneof(fc.array(jsonish, { maxLength: 3 }), jsonish) }, { requiredKeys: [] }), jsonish),
      agent: fc.oneof(fc.record({ id: jsonish, name: jsonish, ip: jsonish }, { requiredKeys: [] }), jsonish),
      data: fc.oneof(fc.record({ srcip: jsonish, srcuser: jsonish, dstuser: jsonish }, { requiredKeys: [] }), jsonish),
      id: jsonish,
      location: jsonish,
    },
    { requiredKeys: [] },
  )
  .map((a) => a as Record<string, unknown>);

function mutatedSeeds(seeds: Buffer[]): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { maxLength: 6 })).map(([s, ms]) => ms.reduce(mutate, seeds[s]));
}

/** validate is asynchronous (the schema runs in WebAssembly): its own property. */
export function validateProperty(seeds: Buffer[]): fc.IAsyncProperty<[Buffer]> {
  return fc.asyncProperty(mutatedSeeds(seeds), checkValidate);
}

/** The properties, as [name, property] pairs over the seeds (real configurations). */
export function pipelineProperties(seeds: Buffer[]): Array<[string, fc.IRawProperty<unknown[]>]> {
  const mutated = mutatedSeeds(seeds);
  return [
    ['lint: positioned findings, bounded time', fc.property(mutated, checkLint) as fc.IProperty<unknown[]>],
    ['lint --fix: idempotent, untouched bytes', fc.asyncProperty(mutated, checkFix) as fc.IRawProperty<unknown[]>],
    ['add: add-then-remove gives back the original', fc.property(mutated, blockSpec, checkAddThenRemove) as fc.IProperty<unknown[]>],
    ['simulate: any alert ends in a result', fc.property(fc.nat({ max: seeds.length - 1 }), alertObject, (s, a) => checkSimulate(seeds[s], a)) as fc.IProperty<unknown[]>],
  ];
}
