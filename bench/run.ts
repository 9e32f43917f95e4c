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
import { measure, peakRssMb, type Measurement } from './measure.ts';
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

function main(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
  // Other work on the machine skews every number; the report says how busy it was.
  const loadBefore = loadavg()[0];
  mkdirSync(outDir, { recursive: true });
  const commands = registeredCommands();
  const baseline = measure(node, ['-e', '0'], 15);
  const rows: Row[] = [];
  const skipped: string[] = [];
  const add = (name: string, args: string[], target?: string, runs = 9) => {
    rows.push({ name, measurement: measure(node, [arctl, ...args], runs), baselineMs: baseline.medianMs, target });
  };
  add('arctl --version', ['--version'], '< 2x');
  const example = join(projectRoot, 'examples/ossec.conf');
  const largest = largestCorpusConf();
  if (!largest) skipped.push('largest corpus file: ../shared/corpus is missing');
  for (const command of ['validate', 'lint']) {
    if (!commands.has(command)) {
      skipped.push(`arctl ${command}: command not available in this build`);
      continue;
    }
    add(`arctl ${command} examples/ossec.conf`, [command, example], '< 2x');
    if (largest) add(`arctl ${command} <largest corpus conf>`, [command, largest]);
  }
  if (commands.has('lint')) {
    // Scaling: time should grow linearly with the file size.
    for (const lines of [5_000, 50_000]) {
      const file = join(outDir, `generated-${lines}.conf`);
      writeFileSync(file, generateConfig(lines));
      add(`arctl lint generated ${lines.toLocaleString('en')}-line config`, ['lint', '--quiet', file], lines === 50_000 ? 'linear' : undefined, 3);
    }
  }
  for (const suite of extraSuites) {
    const result = suite({ arctl, node, outDir, commands, baselineMs: baseline.medianMs });
    rows.push(...result.rows);
    skipped.push(...result.skipped);
  }
  const rss = commands.has('lint') ? peakRssMb(node, [arctl, 'lint', example]) : undefined;
  const report = render(baseline, rows, skipped, rss, [loadBefore, loadavg()[0]]);
  process.stdout.write(report);
  writeFileSync(join(projectRoot, 'bench/RESULTS.md'), report);
}

function render(baseline: Measurement, rows: Row[], skipped: string[], rss: number | undefined, load: [number, number]): string {
  const lines = [
    '# arctl benchmarks',
    '',
    `Measured ${new Date().toISOString()} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version}.`,
    `1-minute load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end (${cpus().length} cores).`,
    `Baseline \`node -e 0\`: ${baseline.medianMs.toFixed(1)} ms (median of ${baseline.runs}). Ratios are median times divided by the baseline, measured in the same run.`,
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
