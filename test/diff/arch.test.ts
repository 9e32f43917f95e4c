/**
 * `arctl diff` reads and decides both sides for the managers' build, as simulate does: --arch, else
 * .arctl.json arch, else x86_64. It ignored both, so on an aarch64 manager a response with a non-ASCII
 * rules_group (it binds there, never on x86_64's signed char: verified/binding-x86.json) was said to
 * fire on nothing while `arctl simulate` said it fires. Fixtures: test/fixtures/diff/arch/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const dir = join(projectRoot, 'test/fixtures/diff/arch');

function groups(cwd: string, extra: string[] = []): string[] {
  const r = runArctl(['diff', join(dir, 'base.ossec.conf'), join(dir, 'head.ossec.conf'), '--alerts', join(dir, 'alerts.json'), '--format', 'json', ...extra], { cwd });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as DiffReport).behaviour!.groups.map((g) => `${g.category} ${g.subject}: ${g.examples.join(' ')}`);
}

const FIRES = ['newly-fires notify.sh [rules_group connexion_refusée, -> server]: 1714557600.1'];

test('the .arctl.json arch: the non-ASCII rules_group binds on aarch64, as simulate says', () => {
  assert.deepEqual(groups(join(dir, 'aarch64')), FIRES);
  const simulate = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'head.ossec.conf'), '--format', 'json'], { cwd: join(dir, 'aarch64') });
  assert.equal((JSON.parse(simulate.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean }> }> }).alerts[0]!.responses[0]!.fired, true);
});

test('--arch wins over the .arctl.json; x86_64 (the default) binds nothing', () => {
  assert.deepEqual(groups(join(dir, 'aarch64'), ['--arch', 'x86_64']), []);
  assert.deepEqual(groups(dir), []);
  assert.deepEqual(groups(dir, ['--arch', 'aarch64']), FIRES);
  const bad = runArctl(['diff', 'base.ossec.conf', 'head.ossec.conf', '--arch', 'sparc', '--exit-code'], { cwd: dir });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /x86_64, aarch64/);
});
