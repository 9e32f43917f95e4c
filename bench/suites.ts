/** Benchmark suites beyond start-up, validate and lint (simulate, timeline), each reporting rows. */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './run.ts';
import { generateAlertLines } from './generate.ts';
import { hostileAlertShapes, hostileShapes } from './hostile.ts';
import { measure, type Measurement } from './measure.ts';
import { corpusDir, hasCorpus, projectRoot } from '../test/helpers/paths.ts';

export interface SuiteContext {
  arctl: string;
  node: string;
  outDir: string;
  commands: Set<string>;
  baselineMs: number;
}

export type Suite = (ctx: SuiteContext) => { rows: Row[]; skipped: string[] };

const config = join(projectRoot, 'examples/ossec.conf');

/** Writes (once) `count` generated alerts to `file`; the generator is deterministic, so a file of the right size is reused. */
function alertsFile(file: string, count: number): string {
  const marker = `${file}.count`;
  if (existsSync(file) && existsSync(marker) && statSync(marker).size === String(count).length) return file;
  const fd = openSync(file, 'w');
  for (let from = 0; from < count; from += 10_000) writeSync(fd, generateAlertLines(from, Math.min(10_000, count - from)));
  closeSync(fd);
  const m = openSync(marker, 'w');
  writeSync(m, String(count));
  closeSync(m);
  return file;
}

function gzipped(file: string): string {
  const gz = `${file}.gz`;
  if (!existsSync(gz) || statSync(gz).mtimeMs < statSync(file).mtimeMs) {
    spawnSync('sh', ['-c', 'gzip -c -6 "$1" > "$1.gz"', 'sh', file], { stdio: 'inherit' });
  }
  return gz;
}

/**
 * One run (big inputs) with wall time and, through GNU time, peak RSS and CPU seconds (user + system)
 * of the measured process: on a loaded machine CPU time compares more fairly than wall time.
 */
/** `runs` runs under GNU time: the median wall and CPU time, the largest peak RSS. */
function timedRun(command: string, args: string[], runs = 3, env: Record<string, string> = {}): Measurement & { cpuS?: number } {
  return timedRuns([{ command, args, env }], runs)[0]!;
}

/**
 * timedRun for several commands run in turn (a, b, a, b, ...): the machine's load, which comes and goes,
 * then weighs on each alike, and the ratio of their times keeps its meaning.
 */
function timedRuns(jobs: Array<{ command: string; args: string[]; env?: Record<string, string> }>, runs: number): Array<Measurement & { cpuS?: number }> {
  const results = jobs.map(() => ({ walls: [] as number[], cpus: [] as number[], peakRssMb: undefined as number | undefined, failure: undefined as string | undefined }));
  for (let i = 0; i < runs; i++) {
    jobs.forEach(({ command, args, env = {} }, j) => {
      const out = results[j]!;
      const start = process.hrtime.bigint();
      const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });
      out.walls.push(Number(process.hrtime.bigint() - start) / 1e6);
      const lines = String(r.stderr ?? '').trim().split('\n');
      const [kb, user, system] = lines[lines.length - 1].split(' ').map(Number);
      if (r.status !== 0) out.failure ??= `exit ${r.status}: ${lines[0]}`;
      if (Number.isFinite(user) && Number.isFinite(system)) out.cpus.push(user + system);
      if (Number.isFinite(kb)) out.peakRssMb = Math.max(out.peakRssMb ?? 0, kb / 1024);
    });
  }
  return results.map((r) => summarizeRuns(r.walls, r.cpus, r.peakRssMb, r.failure, runs));
}

function summarizeRuns(walls: number[], cpus: number[], peakRssMb: number | undefined, failure: string | undefined, runs: number): Measurement & { cpuS?: number } {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    medianMs: median(walls)!,
    minMs: Math.min(...walls),
    runs,
    ok: failure === undefined,
    ...(peakRssMb !== undefined ? { peakRssMb } : {}),
    ...(cpus.length > 0 ? { cpuS: median(cpus) } : {}),
    ...(failure ? { note: failure } : {}),
  };
}

const mb = (bytes: number) => bytes / 1048576;

/** `arctl simulate` (every alert, JSON output) on a generated alerts.json of 30,000 alerts: alerts per second. */
const simulateSuite: Suite = (ctx) => {
  if (!ctx.commands.has('simulate')) return { rows: [], skipped: ['arctl simulate: command not available in this build'] };
  const count = 30_000;
  const file = alertsFile(join(ctx.outDir, 'alerts-30k.json'), count);
  const m = measure(ctx.node, [ctx.arctl, 'simulate', '--file', config, '--format', 'json', file], 3);
  const perSecond = count / ((m.medianMs - ctx.baselineMs) / 1000);
  return {
    rows: [{ name: `arctl simulate ${count.toLocaleString('en')} alerts (${mb(statSync(file).size).toFixed(0)} MB)`, measurement: { ...m, note: `${Math.round(perSecond).toLocaleString('en')} alerts/s after start-up${m.note ? `; ${m.note}` : ''}` }, baselineMs: ctx.baselineMs }],
    skipped: [],
  };
};

/**
 * `arctl simulate --timeline` against `jq -c 'select(.rule.level >= 10)'` on the same generated
 * alerts.json of at least 500 MB (plain and gzipped), plus peak RSS on a file ten times smaller to
 * show that memory follows the active keys, not the input size.
 */
const timelineSuite: Suite = (ctx) => {
  if (!ctx.commands.has('simulate')) return { rows: [], skipped: ['arctl simulate --timeline: command not available in this build'] };
  const rows: Row[] = [];
  const skipped: string[] = [];
  const count = Number(process.env.BENCH_TIMELINE_ALERTS ?? 780_000);
  const big = alertsFile(join(ctx.outDir, 'alerts-timeline.json'), count);
  const small = alertsFile(join(ctx.outDir, 'alerts-timeline-small.json'), Math.round(count / 10));
  const bigGz = gzipped(big);
  const size = statSync(big).size;
  const hasJq = spawnSync('jq', ['--version']).status === 0;
  if (!hasJq) skipped.push('timeline vs jq: jq is not installed (Debian package jq), ratio skipped');
  const timeline = (file: string, env: Record<string, string> = {}) => timedRun(ctx.node, [ctx.arctl, 'simulate', '--timeline', '--file', config, '--format', 'json', file], 3, env);
  const jqPlain = hasJq ? timedRun('jq', ['-c', 'select(.rule.level >= 10)', big]) : undefined;
  const jqGz = hasJq ? timedRun('sh', ['-c', `gzip -dc "$1" | jq -c 'select(.rule.level >= 10)'`, 'sh', bigGz]) : undefined;
  const describe = (m: Measurement & { cpuS?: number }, jq: (Measurement & { cpuS?: number }) | undefined, name: string) => {
    const throughput = mb(size) / (m.medianMs / 1000);
    const cpu = jq?.cpuS && m.cpuS ? ` (by CPU time: ${(jq.cpuS / m.cpuS).toFixed(2)}x, ${m.cpuS.toFixed(1)} s vs ${jq.cpuS.toFixed(1)} s)` : '';
    const vsJq = jq ? `; ${(jq.medianMs / m.medianMs).toFixed(2)}x jq's throughput${cpu} (target >= 3x)` : '';
    const rss = m.peakRssMb !== undefined ? `; peak RSS ${m.peakRssMb.toFixed(0)} MB (target < 200 MB)` : '';
    rows.push({ name, measurement: { ...m, note: `${throughput.toFixed(1)} MB/s of JSON${vsJq}${rss}${m.note ? `; ${m.note}` : ''}` }, baselineMs: ctx.baselineMs });
  };
  describe(timeline(big), jqPlain, `arctl simulate --timeline ${mb(size).toFixed(0)} MB alerts.json (worker threads)`);
  describe(timeline(big, { ARCTL_TIMELINE_WORKERS: '0' }), jqPlain, `arctl simulate --timeline same file on one thread`);
  describe(timeline(bigGz), jqGz, `arctl simulate --timeline same file gzipped (${mb(statSync(bigGz).size).toFixed(0)} MB; decompressed on the main thread, decided by one worker)`);
  if (jqPlain) rows.push({ name: "jq -c 'select(.rule.level >= 10)' same file", measurement: { ...jqPlain, note: `${(mb(size) / (jqPlain.medianMs / 1000)).toFixed(1)} MB/s` }, baselineMs: ctx.baselineMs });
  if (jqGz) rows.push({ name: 'gzip -dc | jq ... same file gzipped', measurement: { ...jqGz, note: `${(mb(size) / (jqGz.medianMs / 1000)).toFixed(1)} MB/s` }, baselineMs: ctx.baselineMs });
  const smallRun = timeline(small);
  rows.push({ name: `arctl simulate --timeline ${mb(statSync(small).size).toFixed(0)} MB (memory scaling)`, measurement: { ...smallRun, note: `peak RSS ${smallRun.peakRssMb?.toFixed(0) ?? '?'} MB${smallRun.note ? `; ${smallRun.note}` : ''}` }, baselineMs: ctx.baselineMs });
  return { rows, skipped };
};

/**
 * `arctl diff` with --alerts (both configurations decided in one pass) against
 * `jq -c 'select(.rule.level >= 10)'` on the same generated alerts.json of about 150 MB, plain and
 * gzipped: examples/ossec.conf against a copy with one timeout changed.
 */
const diffSuite: Suite = (ctx) => {
  if (!ctx.commands.has('diff')) return { rows: [], skipped: ['arctl diff: command not available in this build'] };
  const rows: Row[] = [];
  const skipped: string[] = [];
  const file = alertsFile(join(ctx.outDir, 'alerts-diff.json'), Number(process.env.BENCH_DIFF_ALERTS ?? 228_000));
  const fileGz = gzipped(file);
  const head = join(ctx.outDir, 'diff-head.conf');
  writeFileSync(head, readFileSync(config, 'utf8').replace('<timeout>600</timeout>', '<timeout>3600</timeout>'));
  const size = mb(statSync(file).size);
  const hasJq = spawnSync('jq', ['--version']).status === 0;
  if (!hasJq) skipped.push('diff vs jq: jq is not installed (Debian package jq), ratio skipped');
  const jq = hasJq ? timedRun('jq', ['-c', 'select(.rule.level >= 10)', file]) : undefined;
  const jqGz = hasJq ? timedRun('sh', ['-c', `gzip -dc "$1" | jq -c 'select(.rule.level >= 10)'`, 'sh', fileGz]) : undefined;
  for (const [input, baseline, name] of [
    [file, jq, `arctl diff --alerts ${size.toFixed(0)} MB alerts.json (both sides, one pass)`],
    [fileGz, jqGz, `arctl diff --alerts same file gzipped (${mb(statSync(fileGz).size).toFixed(0)} MB)`],
  ] as const) {
    const m = timedRun(ctx.node, [ctx.arctl, 'diff', config, head, '--alerts', input, '--format', 'json']);
    const cpu = baseline?.cpuS && m.cpuS ? ` (by CPU time: ${(baseline.cpuS / m.cpuS).toFixed(2)}x, ${m.cpuS.toFixed(1)} s vs ${baseline.cpuS.toFixed(1)} s)` : '';
    const vsJq = baseline ? `; ${(baseline.medianMs / m.medianMs).toFixed(2)}x jq's throughput${cpu} (target >= 2.5x)` : '';
    const rss = m.peakRssMb !== undefined ? `; peak RSS ${m.peakRssMb.toFixed(0)} MB (target < 200 MB)` : '';
    rows.push({ name, measurement: { ...m, note: `${(size / (m.medianMs / 1000)).toFixed(1)} MB/s of JSON${vsJq}${rss}${m.note ? `; ${m.note}` : ''}` }, baselineMs: ctx.baselineMs });
  }
  if (jq) rows.push({ name: "jq -c 'select(.rule.level >= 10)' same file", measurement: { ...jq, note: `${(size / (jq.medianMs / 1000)).toFixed(1)} MB/s` }, baselineMs: ctx.baselineMs });
  return { rows, skipped };
};

/**
 * `arctl lsp` on Wazuh's stock 4.14.7 manager configuration: from a didChange to the
 * publishDiagnostics of that version, over 200 edits (bench/lsp-latency.ts drives a real client).
 */
const lspSuite: Suite = (ctx) => {
  const name = 'arctl lsp: didChange to publishDiagnostics, stock 4.14.7 manager ossec.conf';
  if (!ctx.commands.has('lsp')) return { rows: [], skipped: ['arctl lsp: command not available in this build'] };
  if (!hasCorpus) return { rows: [], skipped: [`${name}: ../shared/corpus is missing`] };
  const stock = join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf');
  const r = spawnSync(ctx.node, ['--import', 'tsx', join(projectRoot, 'bench/lsp-latency.ts'), stock, ctx.outDir, '200'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, TSX_DISABLE_CACHE: '1' } });
  if (r.status !== 0) {
    const failed: Measurement = { medianMs: NaN, minMs: NaN, runs: 0, ok: false, note: `exit ${r.status}: ${String(r.stderr).trim().split('\n')[0]}` };
    return { rows: [{ name, measurement: failed, baselineMs: ctx.baselineMs, target: 'p95 < 30 ms' }], skipped: [] };
  }
  const { medianMs, p95Ms, minMs, runs } = JSON.parse(r.stdout) as { medianMs: number; p95Ms: number; minMs: number; runs: number };
  const measurement: Measurement = { medianMs, minMs, runs, ok: true, note: `p95 ${p95Ms.toFixed(1)} ms over ${runs} edits (ratio: against node -e 0, for scale only)` };
  return { rows: [{ name, measurement, baselineMs: ctx.baselineMs, target: 'p95 < 30 ms' }], skipped: [] };
};

/**
 * Replay speed at the small end of the target (3x jq from 100 MB up): start-up and the worker's start
 * weigh more at 100 and 150 MB than at 514 MB.
 */
const timelineMidSuite: Suite = (ctx) => {
  if (!ctx.commands.has('simulate')) return { rows: [], skipped: [] };
  if (spawnSync('jq', ['--version']).status !== 0) return { rows: [], skipped: ['timeline at 100 and 150 MB vs jq: jq is not installed'] };
  const alerts = Number(process.env.BENCH_TIMELINE_ALERTS ?? 780_000);
  const rows: Row[] = [];
  for (const megabytes of [100, 150]) {
    const file = alertsFile(join(ctx.outDir, `alerts-timeline-${megabytes}.json`), Math.round((alerts * megabytes) / 514));
    const size = statSync(file).size;
    // In turn, five each: at 100 and 150 MB a run lasts a second or two, within one mode of a shared machine.
    const [arctl, jq] = timedRuns(
      [
        { command: ctx.node, args: [ctx.arctl, 'simulate', '--timeline', '--file', config, '--format', 'json', file] },
        { command: 'jq', args: ['-c', 'select(.rule.level >= 10)', file] },
      ],
      5,
    ) as [Measurement & { cpuS?: number }, Measurement & { cpuS?: number }];
    const note = `${(mb(size) / (arctl.medianMs / 1000)).toFixed(1)} MB/s of JSON; ${(jq.medianMs / arctl.medianMs).toFixed(2)}x jq's throughput (jq ${(jq.medianMs / 1000).toFixed(2)} s; target >= 3x); peak RSS ${arctl.peakRssMb?.toFixed(0) ?? '?'} MB (target < 200 MB)`;
    rows.push({ name: `arctl simulate --timeline ${mb(size).toFixed(0)} MB alerts.json`, measurement: { ...arctl, note: `${note}${arctl.note ? `; ${arctl.note}` : ''}` }, baselineMs: ctx.baselineMs });
  }
  return { rows, skipped: [] };
};

/**
 * Lint on the hostile shapes of bench/hostile.ts at size n and 2n: the time ratio should stay near 2
 * (linear); 4 would be quadratic.
 */
const hostileSuite: Suite = (ctx) => {
  const rows: Row[] = [];
  const stock = join(projectRoot, '../shared/corpus/rules/wazuh-v4.14.7');
  const skipped: string[] = [];
  for (const shape of hostileShapes) {
    const args = (shape.args ?? []).map((a) => (a === 'STOCK' ? stock : a));
    if (args.includes(stock) && !existsSync(stock)) {
      skipped.push(`hostile shape '${shape.name}': the stock ruleset (../shared/corpus) is missing`);
      continue;
    }
    const runs = [shape.n, 2 * shape.n].map((n) => {
      const file = join(ctx.outDir, 'hostile.ossec.conf');
      writeFileSync(file, shape.config(n));
      const m = timedRun(ctx.node, [ctx.arctl, 'lint', '--format', 'json', file, ...args], 1);
      // Exit 1 is lint's answer for files with errors, as these are; anything else is a failure.
      return m.note?.startsWith('exit 1:') ? { ...m, ok: true, note: undefined } : m;
    });
    const ratio = runs[1].medianMs / runs[0].medianMs;
    rows.push({
      name: `arctl lint hostile: ${shape.name} (n=${shape.n} then ${2 * shape.n})`,
      measurement: { ...runs[1], note: `time x${ratio.toFixed(2)} for input x2 (linear: about 2); peak RSS ${runs[1].peakRssMb?.toFixed(0) ?? '?'} MB${runs[1].note ? `; ${runs[1].note}` : ''}` },
      baselineMs: ctx.baselineMs,
      target: 'ratio ~2',
    });
  }
  // The language server on the shape whose findings share one line: each finding's position is counted
  // in UTF-16 units from its line's start (src/lsp/positions.ts), which once cost the line's length each.
  const oneLine = hostileShapes.find((s) => s.name === 'findings on one long line');
  if (oneLine && ctx.commands.has('lsp')) {
    const runs = [oneLine.n, 2 * oneLine.n].map((n) => {
      const file = join(ctx.outDir, 'hostile-lsp.ossec.conf');
      writeFileSync(file, oneLine.config(n));
      const r = spawnSync(ctx.node, ['--import', 'tsx', join(projectRoot, 'bench/lsp-open.ts'), file, ctx.outDir], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, TSX_DISABLE_CACHE: '1' } });
      return r.status === 0 ? (JSON.parse(r.stdout) as { ms: number; diagnostics: number }) : undefined;
    });
    const [first, second] = runs;
    const name = `arctl lsp hostile: ${oneLine.name}, didOpen to diagnostics (n=${oneLine.n} then ${2 * oneLine.n})`;
    rows.push(
      first && second
        ? { name, measurement: { medianMs: second.ms, minMs: second.ms, runs: 1, ok: true, note: `time x${(second.ms / first.ms).toFixed(2)} for input x2 (linear: about 2); ${second.diagnostics} diagnostics` }, baselineMs: ctx.baselineMs, target: 'ratio ~2' }
        : { name, measurement: { medianMs: NaN, minMs: NaN, runs: 0, ok: false, note: 'the language server failed' }, baselineMs: ctx.baselineMs, target: 'ratio ~2' },
    );
  }
  for (const shape of hostileAlertShapes) {
    const runs = [shape.n, 2 * shape.n].map((n) => {
      const conf = join(ctx.outDir, 'hostile-alerts.ossec.conf');
      const alerts = join(ctx.outDir, 'hostile-alerts.json');
      writeFileSync(conf, shape.config(n));
      writeFileSync(alerts, shape.alerts(n));
      return timedRun(ctx.node, [ctx.arctl, 'simulate', '--format', 'json', '--file', conf, alerts], 1);
    });
    // CPU time where GNU time gives it: the machine may be shared.
    const cpu = runs[0].cpuS !== undefined && runs[1].cpuS !== undefined;
    const ratio = cpu ? runs[1].cpuS! / runs[0].cpuS! : runs[1].medianMs / runs[0].medianMs;
    rows.push({
      name: `arctl simulate hostile: ${shape.name} (n=${shape.n} then ${2 * shape.n})`,
      measurement: { ...runs[1], note: `${cpu ? 'CPU time' : 'time'} x${ratio.toFixed(2)} for input x2 (linear: about 2); peak RSS ${runs[1].peakRssMb?.toFixed(0) ?? '?'} MB${runs[1].note ? `; ${runs[1].note}` : ''}` },
      baselineMs: ctx.baselineMs,
      target: 'ratio ~2',
    });
  }
  return { rows, skipped };
};

/** Each suite by the name BENCH_ONLY selects it with. */
export const extraSuites: Array<{ name: string; run: Suite }> = [
  { name: 'simulate', run: simulateSuite },
  { name: 'timeline', run: timelineSuite },
  { name: 'timeline-mid', run: timelineMidSuite },
  { name: 'diff', run: diffSuite },
  { name: 'lsp', run: lspSuite },
  { name: 'hostile', run: hostileSuite },
];
