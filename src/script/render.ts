/** `arctl script test` output: a readable report, JSON, and JUnit XML (one testcase per check). */
import { xmlEscape } from '../lint/formatters/junit.ts';
import { printable } from '../util/printable.ts';
import type { Run } from './driver.ts';
import type { CheckStatus, ScriptReport } from './model.ts';

const MARK: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

export interface Paint {
  pass(s: string): string;
  fail(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
}

const plain: Paint = { pass: (s) => s, fail: (s) => s, warn: (s) => s, dim: (s) => s };

function replyText(run: Run): string {
  const reply = run.reply;
  if (reply === undefined) return '';
  if (reply.kind === 'none') return ' no reply';
  if (reply.kind === 'hang') return ' no reply (hung; stdin closed at the deadline)';
  if (reply.parsed.kind === 'check_keys') return ` check_keys [${reply.parsed.keys.map((k) => JSON.stringify(k)).join(', ')}]`;
  return ` reply ${JSON.stringify(reply.line.length > 100 ? `${reply.line.slice(0, 100)}…` : reply.line)}`;
}

function runLine(run: Run, t0: number): string {
  // A key exists only when execd got a line (or, legacy and delete runs, from the list).
  const key = run.key !== undefined && (run.reply === undefined || run.reply.kind === 'line') ? ` key ${run.key}` : '';
  const timeout = key && run.entryTimeout ? ` timeout ${run.entryTimeout}s` : '';
  const exit = run.exit === 'hang' ? 'hung' : run.exit.signal ? run.exit.signal : `exit ${run.exit.code}`;
  // A small text file's change shows its lines under it.
  const diffs = new Map((run.changes ?? []).filter((c) => c.diff).map((c) => [c.effect, c.diff!]));
  const effects = run.effects.map((e) => `\n        ${printable(e)}${(diffs.get(e) ?? []).map((l) => `\n          ${printable(l)}`).join('')}`).join('');
  return `  ${String(run.step).padStart(2)}  t+${run.time - t0}s  ${run.action}${run.answer ? ` → ${run.answer}` : ''}  ${printable(run.label)}:${printable(replyText(run))}${key}${timeout}, ${exit} in ${run.ms} ms${effects}`;
}

export function renderText(report: ScriptReport, runs: Run[], paint: Paint = plain): string {
  const out: string[] = [];
  out.push(`${printable(report.program)}: ${report.protocol === 'json' ? 'Wazuh 4.2+ JSON protocol' : 'legacy argument protocol (< 4.2)'}, target ${report.target}, <command> ${report.command}, timeout ${report.timeout}s`);
  out.push(`isolation: ${report.isolationNote}`);
  out.push('', `runs (fake clock, t+0 = ${new Date((runs[0]?.time ?? 0) * 1000).toISOString()}):`);
  for (const run of runs) out.push(runLine(run, runs[0]?.time ?? 0));
  const log = report.activeResponsesLog;
  if (log && log.lines.length > 0) {
    out.push('', `${log.file} (what the program logged in the installation directory${log.more ? `, its last ${log.lines.length} lines` : ''}):`);
    for (const line of log.lines) out.push(`  ${printable(line)}`);
  }
  out.push('', 'checks:');
  for (const c of report.checks) {
    const mark = MARK[c.status];
    const painted = c.status === 'pass' ? paint.pass(mark) : c.status === 'fail' ? paint.fail(mark) : c.status === 'warn' ? paint.warn(mark) : paint.dim(mark);
    out.push(`  ${painted}  ${c.title}: ${printable(c.summary)}`);
    for (const e of c.evidence) out.push(`        ${printable(e)}`);
    if (c.fix && (c.status === 'fail' || c.status === 'warn')) out.push(`        fix: ${printable(c.fix)}`);
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  out.push('', report.compliant ? paint.pass(`compliant (${warned} warning(s))`) : paint.fail(`NOT compliant: ${failed} check(s) failed, ${warned} warning(s)`));
  return `${out.join('\n')}\n`;
}

export function renderJson(report: ScriptReport, runs: Run[]): string {
  return `${JSON.stringify({ ...report, runs }, null, 2)}\n`;
}

export function renderJunit(report: ScriptReport): string {
  const suite = xmlEscape(`arctl script test ${report.program}`);
  const failures = report.checks.filter((c) => c.status === 'fail').length;
  const skipped = report.checks.filter((c) => c.status === 'skip').length;
  const cases = report.checks.map((c) => {
    const open = `    <testcase classname="${suite}" name="${xmlEscape(`${c.id}: ${c.title}`)}" time="0"`;
    const body = [c.summary, ...c.evidence, ...(c.fix ? [`fix: ${c.fix}`] : [])].join('\n');
    if (c.status === 'fail') return `${open}>\n      <failure message="${xmlEscape(c.summary)}" type="${xmlEscape(c.id)}">${xmlEscape(body)}</failure>\n    </testcase>`;
    if (c.status === 'skip') return `${open}>\n      <skipped message="${xmlEscape(c.summary)}"/>\n    </testcase>`;
    return `${open}>\n      <system-out>${xmlEscape(`${c.status}: ${body}`)}</system-out>\n    </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="arctl" tests="${report.checks.length}" failures="${failures}" errors="0">\n  <testsuite name="${suite}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
