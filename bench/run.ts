/**
 * `npm run bench`: every benchmark as a ratio against a baseline measured in the same run
 * (`node -e 0` for command start-up and per-file work), printed as one table and written to
 * bench/RESULTS.md with the machine and the date. Targets are reported, never asserted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot, corpusDir, hasCorpus } from '../test/helpers/paths.ts';
import { generateConfig } from './generate.ts';
import { measure, measureInterleaved, peakRssMb, type Measurement } from './measure.ts';
import { extraSuites } from './suites.ts';

export interface Row {
  name: string;
  measurement: Measurement;
  baselineMs: number;
  target?: string;
}

const arctl = join(projectRoot, 'bin/arctl.js');
const node = process.execPath;
const outDir = join(projectRoot, 'bench/out');

function registeredCommands(): Set<string> {
  const help = spawnSync(node, [arctl, '--help'], { encoding: 'utf8' }).stdout;
  return new Set([...help.matchAll(/^\s{2}(\w[\w-]*)\b/gm)].map((m) => m[1]));
}

function largestCorpusConf(): string | undefined {
  if (!hasCorpus) return undefined;
  const dir = join(corpusDir, 'conf');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/**
 * BENCH_ONLY=startup: only the start-up rows (no generated files, simulate or timeline), printed and not
 * written to bench/RESULTS.md. BENCH_ONLY=timeline,diff (any of lint and the suite names of
 * bench/suites.ts): the start-up rows and those suites, written to bench/RESULTS.md, which says which
 * ran. BENCH_RUNS=N: runs per start-up row (default 15).
 */
const only = process.env.BENCH_ONLY;
const startupRuns = Number(process.env.BENCH_RUNS ?? 15);
const choices = ['startup', 'lint', ...extraSuites.map((s) => s.name)];
const selected = only === undefined ? undefined : new Set(only.split(',').map((s) => s.trim()));
const startupOnly = only === 'startup';
const runs = (name: string) => !startupOnly && (selected === undefined || selected.has(name));

function main(): void {
  const unknown = [...(selected ?? [])].filter((name) => !choices.includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY=${only}: unknown ${unknown.join(', ')}; choose from ${choices.join(', ')}`);
  if (!Number.isInteger(startupRuns) || startupRuns < 1) throw new Error(`BENCH_RUNS=${process.env.BENCH_RUNS}: expected a number of runs`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
  // Other work on the machine skews every number; the report says how busy it was.
  const loadBefore = loadavg()[0];
  if (!startupOnly) mkdirSync(outDir, { recursive: true });
  const commands = registeredCommands();
  const skipped: string[] = [];
  // Start-up rows and their baseline run in turn, so that load coming and going hits them alike.
  const startup: { name: string; args: string[]; target?: string }[] = [{ name: 'arctl --version', args: ['--version'], target: '< 2x' }];
  const example = join(projectRoot, 'examples/ossec.conf');
  const largest = largestCorpusConf();
  if (!largest) skipped.push('largest corpus file: ../shared/corpus is missing');
  for (const command of ['validate', 'lint']) {
    if (!commands.has(command)) {
      skipped.push(`arctl ${command}: command not available in this build`);
      continue;
    }
    startup.push({ name: `arctl ${command} examples/ossec.conf`, args: [command, example], target: '< 2x' });
    if (largest) startup.push({ name: `arctl ${command} <largest corpus conf>`, args: [command, largest] });
  }
  const [baseline, ...measured] = measureInterleaved(
    [{ command: node, args: ['-e', '0'] }, ...startup.map((s) => ({ command: node, args: [arctl, ...s.args] }))],
    startupRuns,
  );
  const rows: Row[] = startup.map((s, i) => ({ name: s.name, measurement: measured[i], baselineMs: baseline.medianMs, target: s.target }));
  const add = (name: string, args: string[], target?: string, runs = 9) => {
    rows.push({ name, measurement: measure(node, [arctl, ...args], runs), baselineMs: baseline.medianMs, target });
  };
  if (commands.has('lint') && runs('lint')) {
    // Scaling: time should grow linearly with the file size.
    for (const lines of [5_000, 50_000]) {
      const file = join(outDir, `generated-${lines}.conf`);
      writeFileSync(file, generateConfig(lines));
      add(`arctl lint generated ${lines.toLocaleString('en')}-line config`, ['lint', '--quiet', file], lines === 50_000 ? 'linear' : undefined, 3);
    }
  }
  for (const suite of extraSuites.filter((s) => runs(s.name))) {
    const result = suite.run({ arctl, node, outDir, commands, baselineMs: baseline.medianMs });
    rows.push(...result.rows);
    skipped.push(...result.skipped);
  }
  const rss = commands.has('lint') ? peakRssMb(node, [arctl, 'lint', example]) : undefined;
  const report = render(baseline, rows, skipped, rss, [loadBefore, loadavg()[0]], extraCaCertsCost(node));
  process.stdout.write(report);
  if (!startupOnly) writeFileSync(join(projectRoot, 'bench/RESULTS.md'), report);
}

/**
 * Node 20 reads and parses the certificate bundle NODE_EXTRA_CA_CERTS names when any node process starts,
 * before its first line of JavaScript: where the environment sets it (some sandboxes and corporate machines
 * do), every node row here carries that cost and jq's do not. Said with `node -e 0` with and without it;
 * the rows keep the environment as it is.
 */
function extraCaCertsCost(node: string): string | undefined {
  if (!process.env.NODE_EXTRA_CA_CERTS) return undefined;
  const without = { ...process.env };
  delete without.NODE_EXTRA_CA_CERTS;
  const [withIt, withoutIt] = measureInterleaved([{ command: node, args: ['-e', '0'] }, { command: node, args: ['-e', '0'], options: { env: without } }], 15);
  return `NODE_EXTRA_CA_CERTS is set here: Node parses that bundle at every start, so every node row carries it (\`node -e 0\` ${withIt.medianMs.toFixed(1)} ms with it, ${withoutIt.medianMs.toFixed(1)} ms without); the rows keep the environment as it is.`;
}

function render(baseline: Measurement, rows: Row[], skipped: string[], rss: number | undefined, load: [number, number], caCerts?: string): string {
  const lines = [
    '# arctl benchmarks',
    '',
    `Measured ${new Date().toISOString()} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version}.`,
    `1-minute load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end (${cpus().length} cores).`,
    ...(selected && !startupOnly ? [`Only the start-up rows and ${[...selected].join(', ')} ran (BENCH_ONLY=${only}).`] : []),
    `Baseline \`node -e 0\`: ${baseline.medianMs.toFixed(1)} ms (median of ${baseline.runs}, run in turn with the start-up rows, as many runs each). Ratios are median times divided by the baseline, measured in the same run.`,
    ...(caCerts ? [caCerts] : []),
    '',
    '| benchmark | median ms | ratio | target | note |',
    '|---|---:|---:|---|---|',
    ...rows.map((r) => {
      const ratio = r.measurement.medianMs / r.baselineMs;
      return `| ${r.name} | ${r.measurement.medianMs.toFixed(1)} | ${ratio.toFixed(2)}x | ${r.target ?? ''} | ${r.measurement.ok ? (r.measurement.note ?? '') : `FAILED ${r.measurement.note ?? ''}`} |`;
    }),
    '',
  ];
  if (rss !== undefined) lines.push(`Peak RSS of \`arctl lint examples/ossec.conf\`: ${rss.toFixed(1)} MB.`, '');
  if (skipped.length) lines.push('Skipped:', ...skipped.map((s) => `- ${s}`), '');
  return `${lines.join('\n')}\n`;
}

main();
