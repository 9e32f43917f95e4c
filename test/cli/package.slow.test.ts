/**
 * The npm package as users get it: `npm pack` holds what runs (launcher, bundle, schema, templates,
 * docs, the library and its types) and nothing else; installed from the tarball into an empty
 * directory, arctl lints and simulates from there, and a user's ESM and TypeScript code imports it;
 * installed globally into a prefix, it asks nothing and runs. One `npm pack` serves both tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.ts';
import { npmEnv, tempDir } from '../helpers/temp.ts';
import { libraryExamples } from '../helpers/readme.ts';
import { assertArctlWorks } from '../helpers/installed.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// One npm cache for this file's installs: the second finds the registry data the first fetched.
const env = npmEnv();
const packDir = tempDir('arctl-pack-');
let packed: { tarball: string; files: string[] } | undefined;

/**
 * `npm pack` of this checkout, once for the tests below. The type declarations are emitted first, as
 * before publishing (prepublishOnly), not by every build.
 */
function pack(): { tarball: string; files: string[] } {
  if (packed) return packed;
  execFileSync(process.execPath, [join(projectRoot, 'scripts/build-types.mjs')], { cwd: projectRoot, stdio: 'pipe' });
  const json = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', packDir], { cwd: projectRoot, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  packed = { tarball: join(packDir, json[0].filename), files: json[0].files.map((f) => f.path) };
  return packed;
}

/** A user's TypeScript against the shipped types: calls that must compile, and calls that must not. */
const consumerTs = `import { applyEdits, InputError, lintText, loadSimulation, planAdd, readAlerts, replayAlerts, rules, simulateAlert, type FileReport, type TimelineItem } from 'arctl';

const result = await lintText('<ossec_config/>', { targetVersion: '4.14', rules: { 'unknown-command': 'off' } });
const report: FileReport = result.report;
const ids: string[] = rules().map((r) => r.id);
const simulation = loadSimulation('<ossec_config/>');
const fired: boolean[] = simulateAlert(simulation, { rule: { id: '1', level: 3 } }).responses.map((r) => r.fired);
const items: TimelineItem[] = [];
const replay = replayAlerts(simulation, [{ timestamp: '2024-05-01T12:00:00Z', rule: { id: '1', level: 3 } }]);
for await (const item of replay) items.push(item);
const plan = planAdd({ text: '<ossec_config>\\n</ossec_config>\\n', spec: { kind: 'white-list', entries: ['10.0.0.1'] } });
if (plan.changed) console.log(plan.edits[0].start, plan.summary.join(';'));
// The edits apply to the string they were planned on.
const after: Buffer | undefined = plan.changed ? applyEdits('<ossec_config>\\n</ossec_config>\\n', plan.edits) : undefined;
try {
  for await (const record of readAlerts('[1]')) console.log(record.alert);
} catch (error) {
  if (error instanceof InputError) console.log(error.line satisfies number | undefined, error.file satisfies string | undefined);
}
console.log(after?.length);
console.log(report.messages.length, ids.length, fired.length, items.length);
// @ts-expect-error an unknown severity
await lintText('', { rules: { 'unknown-command': 'fatal' } });
// @ts-expect-error a block kind that does not exist
planAdd({ text: null, spec: { kind: 'decoder' } });
`;

test('npm pack ships the runtime files only, and the installed tarball lints and simulates', { timeout: 300_000 }, () => {
  const { tarball, files } = pack();
  for (const required of ['bin/arctl.js', 'bin/load-bundle.js', 'bin/package.json', 'dist/arctl.cjs', 'dist/arctl.cjs.cache', 'dist/simulate-cli.cjs', 'dist/simulate-cli.cjs.cache', 'dist/index.js', 'dist/types/index.d.ts', 'package.json', 'README.md', '.pre-commit-hooks.yaml', 'templates/recipes.json', 'docs/rules/unknown-command.md', 'examples/ossec.conf']) {
    assert.ok(files.includes(required), `the package contains ${required}`);
  }
  assert.ok(files.some((f) => /^src\/schema\/.*\.xsd$/.test(f)), 'the XSD ships for editors');
  const stray = files.filter((f) => /^(test|bench|\.ci|node_modules)\//.test(f) || (f.startsWith('src/') && !f.endsWith('.xsd')) || f.startsWith('scripts/'));
  assert.deepEqual(stray, [], 'no sources, tests or dev scripts in the package');

  const app = tempDir('arctl-install-');
  writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, env, stdio: 'pipe' });
  const arctl = join(app, 'node_modules/.bin/arctl');
  const run = (args: string[]) => spawnSync(arctl, args, { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const installedExample = join(app, 'node_modules/arctl/examples/ossec.conf');

  const version = run(['--version']);
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);

  const lint = run(['lint', '--format', 'json', installedExample]);
  assert.equal(lint.status, 0, lint.stderr);
  assert.equal((JSON.parse(lint.stdout) as Array<{ errorCount: number }>)[0].errorCount, 0);

  const validate = run(['validate', installedExample]);
  assert.equal(validate.status, 0, validate.stderr);

  const alert = join(app, 'alert.json');
  writeFileSync(alert, JSON.stringify({ timestamp: '2024-05-01T12:00:00.000+0000', rule: { level: 10, id: '5712', groups: ['syslog', 'sshd'] }, agent: { id: '001', name: 'web01' }, id: '1714564800.1', data: { srcip: '203.0.113.5' } }));
  const simulate = run(['simulate', alert, '--file', installedExample, '--format', 'json']);
  assert.equal(simulate.status, 0, simulate.stderr);
  const fired = (JSON.parse(simulate.stdout) as { alerts: Array<{ responses: Array<{ command: string; fired: boolean }> }> }).alerts[0].responses.filter((r) => r.fired);
  assert.deepEqual(fired.map((r) => r.command), ['firewall-drop']);

  // The library, as a user's ESM project imports it: the README's examples print what the README shows.
  for (const example of libraryExamples()) {
    writeFileSync(join(app, 'example.mjs'), example.code);
    const ran = spawnSync(process.execPath, ['example.mjs'], { cwd: app, encoding: 'utf8' });
    assert.equal(ran.stderr, '');
    assert.equal(ran.stdout, example.output);
  }

  // ... and as a TypeScript project type-checks against the shipped declarations (strict, lib check on).
  writeFileSync(join(app, 'consumer.mts'), consumerTs);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(projectRoot, 'node_modules/@types')] },
      files: ['consumer.mts'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc against the shipped types:\n${tsc.stdout}${tsc.stderr}`);
  assert.ok(readFileSync(join(app, 'node_modules/arctl/package.json'), 'utf8').includes('"types"'));
});

test('the packed tarball installs globally into a prefix without an install-script warning, and runs', { timeout: 300_000 }, () => {
  const prefix = tempDir('arctl-prefix-');
  const install = spawnSync(npm, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', pack().tarball], { cwd: packDir, env, encoding: 'utf8' });
  assert.equal(install.status, 0, `npm install -g:\n${install.stdout}\n${install.stderr}`);
  // arctl's package has no install script: npm >= 11.19 would otherwise ask the user to approve it.
  assert.doesNotMatch(install.stdout + install.stderr, /install-scripts|allowScripts|postinstall/);
  assertArctlWorks([join(prefix, 'bin/arctl')]);
});
