/**
 * The library API (src/index.ts) gives what the CLI prints: the same reports, simulation results,
 * timeline events and edits, computed in-process from data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  applyEdits,
  ArctlError,
  CheckFailedError,
  InputError,
  SettingsError,
  diffConfigurations,
  formatDiffReport,
  fixText,
  formatReports,
  lintFiles,
  lintSettingsOf,
  lintText,
  loadConfiguration,
  loadSimulation,
  planAdd,
  positionsOf,
  readAlerts,
  replayAlerts,
  resolveSettings,
  ruleDocumentation,
  rules,
  simulateAlert,
  validateText,
  type TimelineItem,
} from '../../src/index.ts';
import { eventJson, failJson, summaryJson } from '../../src/timeline/render.ts';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';
import { generateAlertLines } from '../../bench/generate.ts';

const example = (name: string) => join(projectRoot, 'examples', name);
const exampleText = (name: string) => readFileSync(example(name));

async function alertsOf(path: string): Promise<Array<Record<string, unknown>>> {
  const out = [];
  for await (const record of readAlerts(createReadStream(path))) out.push(record.alert);
  return out;
}

test('lintFiles + formatReports give the bytes `arctl lint --format F` prints, in every format', async () => {
  const files = ['examples/ossec.conf', 'examples/broken.ossec.conf', 'examples/quirks.ossec.conf'];
  const { reports, unreadable } = await lintFiles(files, {}, { cwd: projectRoot });
  assert.deepEqual(unreadable, []);
  for (const format of ['json', 'stylish', 'sarif', 'github', 'gitlab', 'junit'] as const) {
    const cli = runArctl(['lint', '--format', format, ...files]);
    assert.equal(formatReports(reports, format, { cwd: projectRoot }), cli.stdout, format);
  }
});

test('lintFiles reports what it cannot read and goes on; validateText runs the schema only', async () => {
  const dir = tempFiles({ 'ossec.conf': '<ossec_config>\n  <active-response>\n    <command>nope</command>\n  </active-response>\n</ossec_config>\n' });
  const result = await lintFiles(['missing.conf', 'ossec.conf'], {}, { cwd: dir });
  assert.equal(result.unreadable.length, 1);
  assert.match(result.unreadable[0].message, /^missing\.conf: /);
  assert.equal(result.reports.length, 1);
  assert.ok(result.reports[0].messages.some((m) => m.ruleId === 'unknown-command'));
  const text = readFileSync(join(dir, 'ossec.conf'), 'utf8');
  const validated = await validateText(text);
  assert.ok(validated.diagnostics.every((d) => d.ruleId !== 'unknown-command'), 'validate runs no lint rule');
  const off = await lintText(text, { rules: { 'unknown-command': 'off' } });
  assert.ok(off.diagnostics.every((d) => d.ruleId !== 'unknown-command'));
  assert.ok(rules().some((r) => r.id === 'unknown-command' && Object.values(r.messages).some((m) => m.severity === 'error')));
});

test('resolveSettings + lintSettingsOf lint as `arctl lint` does with the same .arctl.json (version, arch, rules, agents)', async () => {
  const text = `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>defined-agent</location>
    <agent_id>007</agent_id>
    <rules_group>connexion_refusée,</rules_group>
  </active-response>
</ossec_config>
`;
  const dir = tempFiles({
    'ossec.conf': text,
    '.arctl.json': JSON.stringify({ targetVersion: '4.8', arch: 'aarch64', rules: { 'agent-id-unknown': 'error' }, agents: 'client.keys' }),
    'client.keys': '001 web01 10.0.0.1 key\n',
  });
  const resolved = resolveSettings({ cwd: dir, knownRuleIds: rules().map((r) => r.id) });
  const settings = lintSettingsOf(resolved);
  assert.equal(settings.arch, 'aarch64');
  const { reports } = await lintFiles(['ossec.conf'], settings, { cwd: dir });
  const cli = runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(formatReports(reports, 'json', { cwd: dir }), cli.stdout);
  assert.ok(reports[0].messages.some((m) => m.ruleId === 'agent-id-unknown' && m.severity === 'error'), cli.stdout);
  const x86 = await lintText(text, { ...settings, arch: 'x86_64' });
  assert.deepEqual(x86.diagnostics.map((d) => d.ruleId), ['agent-id-unknown', 'non-ascii-pattern'], 'the non-ASCII group is reported on x86_64 only');
});

test('fixText gives the file `arctl lint --fix` writes', async () => {
  const text = '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <level>10</level>\n    <timeout>10m</timeout>\n  </active-response>\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': text });
  runArctl(['lint', '--fix', join(dir, 'ossec.conf')]);
  const fixed = await fixText(text);
  assert.ok(fixed.applied > 0);
  assert.equal(fixed.text, readFileSync(join(dir, 'ossec.conf'), 'utf8'));
});

test('loadConfiguration reads the file as analysisd does: a refusal is data', () => {
  assert.equal(loadConfiguration(exampleText('ossec.conf')).accepted, true);
  const refused = loadConfiguration('<ossec_config>\n  <active-response>\n    <command>nope</command>\n    <location>local</location>\n  </active-response>\n</ossec_config>\n');
  assert.equal(refused.accepted, false);
  assert.match(refused.problems[0].text, /1303/);
});

test('simulateAlert decides as `arctl simulate` does, alert by alert', async () => {
  const cli = JSON.parse(runArctl(['simulate', 'examples/alerts.json', '--file', 'examples/ossec.conf', '--format', 'json']).stdout) as {
    alerts: Array<{ responses: Array<{ command: string; fired: boolean; targets?: string[]; reason?: string }> }>;
  };
  const simulation = loadSimulation(exampleText('ossec.conf'));
  assert.deepEqual(simulation.refusal, []);
  const alerts = await alertsOf(example('alerts.json'));
  assert.equal(alerts.length, cli.alerts.length);
  alerts.forEach((alert, i) => {
    const mine = simulateAlert(simulation, alert, i).responses.map((r) => ({ command: r.command, fired: r.fired, targets: r.targets, reason: r.reason }));
    const theirs = cli.alerts[i].responses.map((r) => ({ command: r.command, fired: r.fired, targets: r.targets, reason: r.reason }));
    assert.deepEqual(mine, theirs, `alert ${i}`);
  });
});

test('replayAlerts yields the events of `simulate --timeline` and returns its summary', async () => {
  const cli = runArctl(['simulate', 'examples/alerts.json', '--file', 'examples/ossec.conf', '--timeline', '--format', 'json']).stdout.trim().split('\n');
  const replay = replayAlerts(loadSimulation(exampleText('ossec.conf')), await alertsOf(example('alerts.json')));
  const items: TimelineItem[] = [];
  let step = await replay.next();
  for (; !step.done; step = await replay.next()) items.push(step.value);
  const lines = items.map((item) => (item.type === 'event' ? eventJson(item.event) : failJson(item.failure)));
  assert.ok(lines.length > 0);
  assert.deepEqual(lines, cli.slice(0, -1));
  // The CLI's summary also counts the alerts its line prefilter skipped unparsed; the library parses every alert.
  const { unparsed: _, ...cliSummary } = (JSON.parse(cli.at(-1)!) as { summary: Record<string, unknown> }).summary;
  assert.deepEqual((JSON.parse(summaryJson(step.value)) as { summary: Record<string, unknown> }).summary, cliSummary);
});

test('replayAlertsFile reads a file as `simulate --timeline` does, with worker threads in the built package', async () => {
  // The built library (dist/index.js) has the worker script beside it; from the sources it reads on one thread.
  const built = (await import(pathToFileURL(join(projectRoot, 'dist/index.js')).href)) as typeof import('../../src/index.ts');
  const lines = generateAlertLines(0, 6000).split('\n');
  lines.splice(3000, 0, '[1, 2]');
  const path = tempFile('alerts.json', lines.join('\n'));
  const cli = runArctl(['simulate', path, '--file', 'examples/ossec.conf', '--timeline', '--format', 'json', '--skip-invalid'], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: '0' } });
  assert.equal(cli.status, 0, cli.stderr);
  for (const workers of [0, 2]) {
    const skipped: string[] = [];
    const replay = built.replayAlertsFile(built.loadSimulation(exampleText('ossec.conf')), path, { workers, skipInvalid: true, onSkipped: (line, reason) => skipped.push(`${line}: ${reason}`) });
    const out: string[] = [];
    let step = await replay.next();
    for (; !step.done; step = await replay.next()) out.push(step.value.type === 'event' ? eventJson(step.value.event) : failJson(step.value.failure));
    out.push(summaryJson(step.value, path));
    assert.equal(`${out.join('\n')}\n`, cli.stdout, `workers: ${workers}`);
    assert.deepEqual(skipped, ['3001: expected an alert object, found an array'], `workers: ${workers}`);
  }
  // Without skipInvalid the entry stops the replay with an InputError naming the file and line.
  const replay = built.replayAlertsFile(built.loadSimulation(exampleText('ossec.conf')), path, { workers: 2 });
  await assert.rejects(async () => {
    for await (const _ of replay);
  }, (error: Error) => error instanceof built.InputError && error.message.startsWith(`${path}:3001: expected an alert object`) && error.file === path && error.line === 3001);
  // The same from one thread.
  await assert.rejects(async () => {
    for await (const _ of built.replayAlertsFile(built.loadSimulation(exampleText('ossec.conf')), path, { workers: 0 })) void _;
  }, (error: Error) => error instanceof built.InputError && error.file === path && error.line === 3001);
  await assert.rejects(built.replayAlertsFile(built.loadSimulation(exampleText('ossec.conf')), join(projectRoot, 'no-such-alerts.json')).next(), built.InputError);
});

test('planAdd returns edits that turn the file into what `arctl add` writes', () => {
  const text = exampleText('ossec.conf');
  const cli = runArctl(['add', 'white-list', '--file', '-', '192.0.2.0/24'], { input: text });
  assert.equal(cli.status, 0, cli.stderr);
  const plan = planAdd({ text, spec: { kind: 'white-list', entries: ['192.0.2.0/24'] } });
  assert.ok(plan.changed);
  assert.equal(plan.after.toString('utf8'), cli.stdout);
  assert.equal(plan.edits.length, 1);
  assert.ok(applyEdits(text, plan.edits).equals(plan.after));
  assert.ok(plan.edits[0].text.includes('192.0.2.0/24'));
  assert.ok(plan.edits[0].text.length < 200, 'the edit is the inserted text, not the whole file');
  assert.equal(planAdd({ text: plan.after, spec: { kind: 'white-list', entries: ['192.0.2.0/24'] } }).changed, false);
  assert.throws(() => planAdd({ text, spec: { kind: 'active-response', command: 'no-such-command', location: 'local', level: '10' } }), CheckFailedError);
});

test('planAdd returns the lint warnings the new block brings, as arctl add prints them', () => {
  const text = '<ossec_config>\n  <global>\n    <white_list>127.0.0.1</white_list>\n  </global>\n</ossec_config>\n';
  const spec = { kind: 'email-alerts' as const, to: ['soc@example.com'], level: '12' };
  const plan = planAdd({ text, spec });
  assert.ok(plan.changed);
  assert.deepEqual(plan.warnings.map((w) => [w.ruleId, positionsOf(plan.after).position(w.range.start).line]), [['email-alerts-without-notification', 6]]);
  const cli = runArctl(['add', 'email-alerts', '--to', 'soc@example.com', '--level', '12', '--file', '-'], { input: text });
  assert.match(cli.stderr, /lint warns about the new block \(1 warning\):\n<stdin>\n  6:3  warning [\s\S]*email-alerts-without-notification/);
  const quiet = planAdd({ text, spec: { kind: 'white-list', entries: ['10.0.0.1'] } });
  assert.ok(quiet.changed);
  assert.deepEqual(quiet.warnings, []);
});

test('planAdd with the settings of `arctl lint` gates as `arctl add` does with the same .arctl.json', () => {
  const text = '<ossec_config>\n  <command>\n    <name>notify</name>\n    <executable>notify.sh</executable>\n  </command>\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': text, '.arctl.json': JSON.stringify({ arch: 'aarch64' }) });
  const spec = { kind: 'active-response' as const, command: 'notify', location: 'server' as const, rulesGroup: 'connexion_refusée,' };
  const cli = runArctl(['add', 'active-response', '--command', 'notify', '--location', 'server', '--rules-group', 'connexion_refusée,', '--file', '-'], { input: text, cwd: dir });
  assert.equal(cli.status, 0, cli.stderr);
  const settings = lintSettingsOf(resolveSettings({ cwd: dir, knownRuleIds: rules().map((r) => r.id) }));
  const plan = planAdd({ text, spec, settings });
  assert.ok(plan.changed);
  assert.equal(plan.after.toString('utf8'), cli.stdout);
  // On x86_64 managers (the default) the non-ASCII group never matches: the gate refuses, as `arctl add` does there.
  assert.throws(() => planAdd({ text, spec }), (error: Error) => error instanceof CheckFailedError && /non-ascii-pattern/.test(error.message));
  assert.equal(runArctl(['add', 'active-response', '--command', 'notify', '--location', 'server', '--rules-group', 'connexion_refusée,', '--file', '-'], { input: text }).status, 1);
});

test('planAdd edits cut at character boundaries when the new text shares bytes of a multi-byte character', () => {
  const text = '<ossec_config>\n  <!-- é -->\n</ossec_config>\n';
  const plan = planAdd({ text, spec: { kind: 'white-list', entries: ['10.0.0.1'] } });
  assert.ok(plan.changed);
  assert.ok(applyEdits(Buffer.from(text), plan.edits).equals(plan.after));
});

test('positionsOf turns fix ranges into the positions lint reports, and back', async () => {
  const text = '<ossec_config>\n  <!-- é𝄞 -->\r\n  <active-response>\n    <command>Firewall-Drop</command>\n    <location>local</location>\n  </active-response>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n  </command>\n</ossec_config>\n';
  const { report } = await lintText(text);
  const positions = positionsOf(text);
  // unknown-command's fix replaces the text the finding points at.
  const fixed = report.messages.filter((m) => m.ruleId === 'unknown-command' && m.fix);
  assert.equal(fixed.length, 1);
  for (const m of fixed) {
    assert.deepEqual(positions.position(m.fix!.range[0]), { line: m.line, column: m.column }, m.ruleId);
    assert.equal(positions.offset({ line: m.line, column: m.column }), m.fix!.range[0]);
  }
  const bytes = Buffer.from(text);
  const after = bytes.indexOf('-->');
  assert.deepEqual(positions.position(after), { line: 2, column: 12 }, 'é is one UTF-16 unit, 𝄞 two');
  assert.equal(positions.offset({ line: 2, column: 12 }), after);
  assert.equal(positions.offset({ line: 2, column: 999 }), bytes.indexOf('\n', after), 'past the end of the line: its end');
});

test('ruleDocumentation is the rule page; unknown ids give undefined', () => {
  assert.equal(ruleDocumentation('unknown-command'), readFileSync(join(projectRoot, 'docs/rules/unknown-command.md'), 'utf8'));
  assert.equal(ruleDocumentation('no-such-rule'), undefined);
});

test('diffConfigurations reports what `arctl diff --alerts` reports, and formats it the same way', async () => {
  const dir = tempFiles({ 'head.conf': exampleText('ossec.conf').toString('utf8').replace('<rules_id>5712,5720</rules_id>', '<rules_id>5720</rules_id>') });
  const head = join(dir, 'head.conf');
  const cli = runArctl(['diff', 'examples/ossec.conf', head, '--alerts', 'examples/alerts.json', '--format', 'json']);
  assert.equal(cli.status, 0, cli.stderr);
  const theirs = JSON.parse(cli.stdout) as { static: unknown[]; behaviour: { alerts: number; changedAlerts: number; groups: unknown[] }; changed: boolean };
  const report = await diffConfigurations(exampleText('ossec.conf'), readFileSync(head), await alertsOf(example('alerts.json')), {
    baseLabel: 'examples/ossec.conf',
    headLabel: head,
  });
  assert.deepEqual(report.static, theirs.static);
  assert.equal(report.behaviour?.alerts, theirs.behaviour.alerts);
  assert.equal(report.behaviour?.changedAlerts, theirs.behaviour.changedAlerts);
  assert.ok(report.behaviour!.changedAlerts > 0, 'dropping 5712 changes what some example alert does');
  assert.deepEqual(report.behaviour?.groups, theirs.behaviour.groups);
  assert.equal(report.changed, theirs.changed);
  assert.match(formatDiffReport(report, 'text'), /5712/);
  assert.match(formatDiffReport(report, 'markdown'), /5712/);
  const unchanged = await diffConfigurations(exampleText('ossec.conf'), exampleText('ossec.conf'));
  assert.deepEqual(unchanged.static, []);
  assert.equal(unchanged.changed, false);
});

test('diffConfigurations on shared agent.conf files: no change, as `arctl diff` says; an ossec.conf against one is refused', async () => {
  const agentConf = (body: string) => `<agent_config>\n  <active-response>\n    ${body}\n  </active-response>\n</agent_config>\n`;
  const report = await diffConfigurations(agentConf('<disabled>yes</disabled>'), agentConf('<repeated_offenders>5</repeated_offenders>'));
  assert.deepEqual([report.static, report.sharedAgentConf, report.changed, report.head.refused], [[], true, false, false]);
  await assert.rejects(diffConfigurations(exampleText('ossec.conf'), agentConf('<disabled>no</disabled>')), /arctl diff compares two files of one kind/);
});

test('loadSimulation and diffConfigurations take the managers\' build (arch), as `arctl simulate --arch` and `arctl diff --arch`', async () => {
  // A non-ASCII rules_group binds on aarch64 (unsigned char) and never on x86_64 (verified/binding-x86.json).
  const dir = join(projectRoot, 'test/fixtures/diff/arch');
  const base = readFileSync(join(dir, 'base.ossec.conf'));
  const head = readFileSync(join(dir, 'head.ossec.conf'));
  const alerts = await alertsOf(join(dir, 'alerts.json'));
  const fired = (arch?: 'x86_64' | 'aarch64') => simulateAlert(loadSimulation(head, arch ? { arch } : {}), alerts[0]!).responses.map((r) => r.fired);
  assert.deepEqual([fired(), fired('x86_64'), fired('aarch64')], [[false], [false], [true]]);
  const cli = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'head.ossec.conf'), '--arch', 'aarch64', '--format', 'json']);
  assert.equal((JSON.parse(cli.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean }> }> }).alerts[0]!.responses[0]!.fired, true);
  const groups = async (arch?: 'x86_64' | 'aarch64') =>
    (await diffConfigurations(base, head, alerts, arch ? { arch } : {})).behaviour!.groups.map((g) => `${g.category} ${g.subject}`);
  assert.deepEqual(await groups(), []);
  assert.deepEqual(await groups('x86_64'), []);
  assert.deepEqual(await groups('aarch64'), ['newly-fires notify.sh [rules_group connexion_refusée, -> server]']);
});

test('input errors reach the caller as ArctlError, as the README promises: a bad targetVersion, a rule id or severity arctl does not have, text that is not alerts', async () => {
  const conf = '<ossec_config/>';
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      assert.ok(error instanceof ArctlError, `${String(error)} is an ArctlError`);
      return error;
    }
    return assert.fail('refused');
  };
  assert.match((await refusal(() => lintText(conf, { targetVersion: '5.0' }))).message, /targetVersion 5\.0 is not supported yet/);
  assert.ok((await refusal(async () => loadConfiguration(conf, { targetVersion: 'x' }))) instanceof InputError);
  // A misspelt rule id changed nothing, silently: .arctl.json refuses it, and so does the library.
  const unknown = await refusal(() => lintText(conf, { rules: { 'invalid-locaton': 'off' } }));
  assert.ok(unknown instanceof SettingsError);
  assert.deepEqual({ code: unknown.problem.code, id: (unknown.problem as { id: string }).id }, { code: 'rule-unknown', id: 'invalid-locaton' });
  assert.match(unknown.message, /did you mean 'invalid-location'/);
  const severity = await refusal(() => fixText(conf, { rules: { 'invalid-location': 'loud' as 'off' } }));
  assert.equal((severity as SettingsError).problem.code, 'rule-severity-invalid');
  const alerts = await refusal(async () => {
    for await (const _ of readAlerts('{"rule": {"id": "5712"')) void _;
  });
  assert.ok(alerts instanceof InputError);
  assert.match(alerts.message, /^line 1: /);
  assert.deepEqual([alerts.file, alerts.line], [undefined, 1]);
  assert.equal((alerts.cause as { line: number }).line, 1);
  // Settings arctl knows still lint.
  assert.deepEqual((await lintText('<a/>', { rules: { 'invalid-location': 'off', 'outside-ossec-config': 'info' } })).diagnostics.map((d) => [d.ruleId, d.severity]), [['outside-ossec-config', 'info']]);
});

test('an input error says where, as data too: file, line and the column where one is known (alerts, .arctl.json, a NUL byte)', async () => {
  const refusal = async (run: () => Promise<unknown> | unknown): Promise<InputError> => {
    try {
      await run();
    } catch (error) {
      assert.ok(error instanceof InputError, String(error));
      return error;
    }
    return assert.fail('refused');
  };
  // A trailing comma: JSON goes wrong at the '}' after it, column 22 of line 2.
  const alerts = await refusal(async () => {
    for await (const _ of readAlerts('{"rule": {"id": "5712"}}\n{"rule": {"id": 5712,}}\n')) void _;
  });
  assert.deepEqual([alerts.file, alerts.line, alerts.column], [undefined, 2, 22]);
  // An array element further on its line: where it goes wrong on that line (the '}' after its trailing comma).
  const element = await refusal(async () => {
    for await (const _ of readAlerts('[{"rule": {"id": "1"}}, {"rule": {"id": 1,}}]')) void _;
  });
  assert.deepEqual([element.line, element.column], [1, 43]);
  const dir = tempFiles({ '.arctl.json': '{\n  "targetVersion": "4.14",,\n}\n', 'ossec.conf': '<ossec_config>\u0000</ossec_config>' });
  const config = await refusal(() => resolveSettings({ cwd: dir, knownRuleIds: rules().map((r) => r.id) }));
  assert.deepEqual([config.file, config.line, config.column], [join(dir, '.arctl.json'), 2, 27]);
  const nul = (await lintFiles(['ossec.conf'], {}, { cwd: dir })).unreadable;
  assert.deepEqual(nul.map(({ path, line, column }) => ({ path, line, column })), [{ path: 'ossec.conf', line: 1, column: 15 }]);
  assert.match(nul[0]!.message, /^ossec\.conf:1:15: file contains a NUL byte/);
});

test('applyEdits takes the text planAdd took: a string is read as UTF-8, so byte offsets past an é land where they were planned', () => {
  const text = '<ossec_config>\n  <!-- café -->\n  <global>\n    <white_list>127.0.0.1</white_list>\n  </global>\n</ossec_config>\n';
  const plan = planAdd({ text, spec: { kind: 'white-list', entries: ['10.0.0.1'] } });
  assert.ok(plan.changed);
  assert.equal(applyEdits(text, plan.edits).toString('utf8'), plan.after.toString('utf8'));
  assert.ok(applyEdits(new Uint8Array(Buffer.from(text)), plan.edits).equals(plan.after));
});

test("package.json's exports: `types` first, then ESM; a CommonJS require('arctl') gets the same module (require of ESM) or Node's own ERR_REQUIRE_ESM", () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string> | string>; types: string; files: string[] };
  const main = pkg.exports['.'] as Record<string, string>;
  assert.deepEqual(Object.keys(main), ['types', 'import', 'default'], 'types must come first: TypeScript takes the first condition that matches');
  assert.equal(main.types, `./${pkg.types.replace(/^\.\//, '')}`);
  assert.equal(main.import, main.default);
  // A user's CommonJS code, in a directory below the package (its own name resolves to itself through exports).
  const script = "try { const m = require('arctl'); console.log(typeof m.lintText, typeof m.InputError) } catch (e) { console.log(e.code) }";
  const ran = spawnSync(process.execPath, ['-e', script], { cwd: projectRoot, encoding: 'utf8' });
  const requiresEsm = (process.features as { require_module?: boolean }).require_module === true;
  assert.equal(ran.stdout.trim(), requiresEsm ? 'function function' : 'ERR_REQUIRE_ESM', ran.stderr);
});
