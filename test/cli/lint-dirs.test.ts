/**
 * `arctl lint DIR` / `arctl validate DIR` end to end: a directory stands for the ossec.conf, agent.conf
 * and *.ossec.conf files below it (src/config/config-files.ts), in a fixed order, with --fix; an empty
 * directory, an unreadable subdirectory, a symbolic-link loop and a quoted pattern are one clear line
 * and exit 2; the corpus, as a directory, gives what linting its files one by one gives.
 */
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runArctl, runArctlAsync, runArctlInProcess, type CliResult, type JsonReportFile } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { tempDir, tempFiles } from '../helpers/temp.ts';

const BROKEN = readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8');
/** A shared agent.conf with a <command>: ar-in-agent-conf proves the file was linted as agent.conf. */
const AGENT_CONF = `<agent_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
</agent_config>
`;
const CLEAN = '<ossec_config>\n</ossec_config>\n';

/** /var/ossec/etc as Wazuh lays it out, with files arctl must leave alone. */
function wazuhEtc(): string {
  return tempFiles({
    'etc/ossec.conf': BROKEN,
    'etc/shared/default/agent.conf': AGENT_CONF,
    'etc/shared/web/agent.conf': CLEAN.replace(/ossec_config/g, 'agent_config'),
    'etc/backup/manager.ossec.conf': CLEAN,
    // Not configuration arctl understands, or not read by Wazuh:
    'etc/local_internal_options.conf': 'syscheck.debug=2\n',
    'etc/internal_options.conf': 'analysisd.debug=0\n',
    'etc/ossec.conf.bak': BROKEN,
    'etc/client.keys': '001 web01 any 0123456789abcdef\n',
    'etc/shared/default/merged.mg': '#default\n',
    'etc/.git/ossec.conf': BROKEN,
    'etc/node_modules/pkg/ossec.conf': BROKEN,
  });
}

const EXPECTED = ['etc/backup/manager.ossec.conf', 'etc/ossec.conf', 'etc/shared/default/agent.conf', 'etc/shared/web/agent.conf'];

function jsonReport(r: CliResult): JsonReportFile[] {
  return JSON.parse(r.stdout) as JsonReportFile[];
}

test('a directory lints the ossec.conf, agent.conf and *.ossec.conf files below it, sorted, as if named one by one', () => {
  const root = wazuhEtc();
  const r = runArctl(['lint', '--format', 'json', 'etc'], { cwd: root });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  const files = jsonReport(r);
  assert.deepEqual(files.map((f) => relative(root, f.filePath)), EXPECTED);
  const agentConf = files.find((f) => f.filePath.endsWith('default/agent.conf'))!;
  assert.deepEqual(agentConf.messages.map((m) => m.ruleId), ['ar-in-agent-conf'], 'linted as a shared agent.conf');
  // The same as naming the files, whatever the spelling of the directory.
  const named = runArctl(['lint', '--format', 'json', ...EXPECTED], { cwd: root });
  assert.equal(named.status, r.status);
  assert.deepEqual(jsonReport(named), files);
  assert.deepEqual(jsonReport(runArctl(['lint', '--format', 'json', join(root, 'etc') + '/'], { cwd: projectRoot })), files);
  // Named twice (directory and file): linted once.
  assert.equal(jsonReport(runArctl(['lint', '--format', 'json', 'etc', './etc/ossec.conf'], { cwd: root })).length, EXPECTED.length);
  // Stylish names each file as found below the directory given.
  const stylish = runArctl(['lint', 'etc'], { cwd: root });
  assert.match(stylish.stdout, /^etc\/shared\/default\/agent\.conf$/m);
  // validate too.
  const validate = runArctl(['validate', '--format', 'json', 'etc'], { cwd: root });
  assert.equal(validate.status, 1, validate.stderr);
  assert.deepEqual(jsonReport(validate).map((f) => relative(root, f.filePath)), EXPECTED);
});

test('--fix on a directory fixes each file found in place; ignored files stay untouched', () => {
  const root = wazuhEtc();
  writeFileSync(join(root, 'etc/shared/web/agent.conf'), BROKEN.replace(/ossec_config/g, 'agent_config'));
  const before = runArctl(['lint', '--format', 'json', 'etc'], { cwd: root });
  const fix = runArctl(['lint', '--fix', '--format', 'json', 'etc'], { cwd: root });
  assert.equal(fix.status, 1, fix.stderr);
  const fixable = (files: JsonReportFile[]) => files.map((f) => f.fixableErrorCount + f.fixableWarningCount);
  assert.ok(fixable(jsonReport(before)).some((n) => n > 0), 'something to fix');
  assert.deepEqual(fixable(jsonReport(fix)), EXPECTED.map(() => 0));
  assert.notEqual(readFileSync(join(root, 'etc/ossec.conf'), 'utf8'), BROKEN);
  assert.match(readFileSync(join(root, 'etc/ossec.conf'), 'utf8'), /<location>defined-agent<\/location>/);
  for (const ignored of ['etc/ossec.conf.bak', 'etc/.git/ossec.conf', 'etc/node_modules/pkg/ossec.conf']) {
    assert.equal(readFileSync(join(root, ignored), 'utf8'), BROKEN, `${ignored} untouched`);
  }
  assert.deepEqual(readdirSync(join(root, 'etc')).filter((n) => /arctl|tmp/.test(n)), [], 'no lock or temporary file left');
});

test('a directory with no configuration file is one clear line and exit 2; other arguments are still linted', () => {
  const root = tempFiles({ 'ossec.conf': CLEAN, 'ignored/ossec.conf.bak': CLEAN, 'ignored/local_internal_options.conf': '' });
  mkdirSync(join(root, 'empty'));
  for (const dir of ['empty', 'ignored']) {
    const r = runArctl(['lint', dir], { cwd: root });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^arctl: ${dir}: no ossec\\.conf, agent\\.conf or \\*\\.ossec\\.conf file in this directory or below it`));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const mixed = runArctl(['lint', '--format', 'json', 'empty', 'ossec.conf'], { cwd: root });
  assert.equal(mixed.status, 2);
  assert.equal(jsonReport(mixed).length, 1);
  // An explicit file keeps working under any name.
  const anyName = runArctl(['validate', 'ignored/ossec.conf.bak'], { cwd: root });
  assert.equal(anyName.status, 0, anyName.stderr);
});

test('a symbolic-link loop does not crash or repeat files', () => {
  const root = wazuhEtc();
  symlinkSync('..', join(root, 'etc/shared/up'));
  symlinkSync('self', join(root, 'etc/self'));
  symlinkSync('../../shared', join(root, 'etc/shared/default/again'));
  // A linked file is a configuration file like any other; a dangling one is unreadable, as Wazuh would find it.
  symlinkSync('../ossec.conf', join(root, 'etc/backup/linked.ossec.conf'));
  const r = runArctl(['lint', '--format', 'json', 'etc'], { cwd: root, timeout: 30_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(jsonReport(r).map((f) => relative(root, f.filePath)), ['etc/backup/linked.ossec.conf', ...EXPECTED]);
  symlinkSync('missing', join(root, 'etc/shared/dangling.ossec.conf'));
  const dangling = runArctl(['lint', '--format', 'json', 'etc'], { cwd: root });
  assert.equal(dangling.status, 2);
  assert.match(dangling.stderr, /^arctl: etc\/shared\/dangling\.ossec\.conf: no such file$/m);
  assert.equal(jsonReport(dangling).length, EXPECTED.length + 1);
});

/**
 * Root reads every directory: run the CLI as nobody then (the project must be readable by it), else
 * skip. A non-root user runs it as itself.
 */
const asRoot = process.getuid?.() === 0;
const nobody = { uid: 65534, gid: 65534 };
const unreadableSkip = asRoot && runArctl(['--version'], nobody).status !== 0 ? 'running as root, which reads every directory, and nobody cannot run arctl here' : false;

test('an unreadable subdirectory is reported like an unreadable file (exit 2); the other files are still linted', { skip: unreadableSkip }, (t) => {
  const root = wazuhEtc();
  chmodSync(root, 0o755);
  // A private TMPDIR (mode 0700) keeps nobody out of the whole tree: nothing to learn then.
  if (asRoot && spawnSync(process.execPath, ['-e', `require('node:fs').readdirSync(${JSON.stringify(root)})`], nobody).status !== 0) {
    t.skip(`nobody cannot enter ${root} (is TMPDIR private?): the permission case is not checked`);
    return;
  }
  mkdirSync(join(root, 'etc/shared/locked'));
  writeFileSync(join(root, 'etc/shared/locked/agent.conf'), AGENT_CONF);
  chmodSync(join(root, 'etc/shared/locked'), 0o000);
  const r = runArctl(['lint', '--format', 'json', 'etc'], { cwd: root, ...(asRoot ? nobody : {}) });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, 'arctl: etc/shared/locked: permission denied; the files in this directory were not checked\n');
  assert.deepEqual(jsonReport(r).map((f) => relative(root, f.filePath)), EXPECTED);
  chmodSync(join(root, 'etc/shared/locked'), 0o700);
});

test('a quoted pattern is not expanded: exit 2 saying so; a file whose name has pattern characters still works', () => {
  const root = wazuhEtc();
  const r = runArctl(['lint', 'etc/**/*.conf'], { cwd: root });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^arctl: etc\/\*\*\/\*\.conf: no such file; arctl does not expand patterns: leave it unquoted .* or name a directory/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  writeFileSync(join(root, '[prod] ossec.conf'), CLEAN);
  assert.equal(runArctl(['lint', '[prod] ossec.conf'], { cwd: root }).status, 0);
});

/** Code-unit order of path segments: the order of a search that sorts each directory's names. */
function bySegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
}

test('the corpus as a directory: the same report as linting the matching files one by one', { skip: corpusSkip, timeout: 600_000 }, async () => {
  const conf = join(corpusDir, 'conf');
  // The corpus names its files after their origin (…__ossec.conf), not as Wazuh does: none matches.
  const direct = runArctl(['lint', conf]);
  assert.equal(direct.status, 2, direct.stderr);
  assert.match(direct.stderr, /no ossec\.conf, agent\.conf or \*\.ossec\.conf file in this directory/);
  // Linked into a tree under the names Wazuh reads: every *.conf as <its name>/ossec.conf, next to a
  // link under its own name (ignored). Links only: no corpus file is copied.
  const root = tempDir();
  const expected: string[] = [];
  for (const file of filesBelow(conf)) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    symlinkSync(join(conf, file), join(root, file));
    if (!file.endsWith('.conf')) continue;
    const named = join(file.replace(/\.conf$/, ''), 'ossec.conf');
    mkdirSync(join(root, dirname(named)), { recursive: true });
    symlinkSync(join(conf, file), join(root, named));
    expected.push(named);
  }
  expected.sort(bySegments);
  assert.ok(expected.length >= 30, `${expected.length} files`);
  const whole = await runArctlAsync(['lint', '--format', 'json', root]);
  // The reference, one file at a time, runs main() in this process (one after the other: it changes
  // directory): a process per file would add 35 start-ups and nothing the directory run does not show.
  const oneByOne: CliResult[] = [];
  for (const file of expected) oneByOne.push(await runArctlInProcess(['lint', '--format', 'json', join(root, file)]));
  assert.equal(whole.stderr, oneByOne.map((r) => r.stderr).join(''));
  assert.equal(whole.status, Math.max(...oneByOne.map((r) => r.status ?? 3)));
  assert.deepEqual(jsonReport(whole), oneByOne.flatMap(jsonReport));
  assert.deepEqual(jsonReport(whole).map((f) => relative(root, f.filePath)), expected);
});
