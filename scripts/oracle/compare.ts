/**
 * `npm run oracle`: compares arctl's start-up verdicts with Wazuh's own readers compiled from Wazuh's
 * source (.oracle/oracle-signed or --oracle BIN, built outside this repository: ./binaries.ts) on generated
 * configurations (scripts/oracle/generate.ts).
 *
 *   npm run oracle -- [--count N] [--seed S] [--sweep] [--out DIR] [--oracle BIN] [--no-lint] [--files F...]
 *   (--sweep: every option of the sections analysisd and maild read with each value of a fixed list,
 *   thinned evenly to about --count files, instead of --count random files)
 *   npm run oracle -- --record F...   (prints Wazuh's verdicts as entries of test/fixtures/oracle/startup-cases.json)
 *   npm run oracle -- --regex [--count N] [--seed S] [--out DIR] [--record FILE]   (OS_Regex and OSMatch against
 *   Wazuh's own, both char signednesses: scripts/oracle/regex-cases.ts; exits 1 on a disagreement; --record
 *   writes Wazuh's answers for a selection of the cases, as test/fixtures/oracle/matcher-cases.json holds them)
 *   npm run oracle -- --execd [--count N] [--seed S] [--out DIR] [--record FILE]   (simulate --timeline's replay
 *   against Wazuh's own execd main loop: scripts/oracle/execd-cases.ts; exits 1 on a disagreement; --record writes
 *   the disagreeing cases and a sample of the rest with Wazuh's verdicts, as test/fixtures/oracle/execd-cases.json)
 *   npm run oracle -- --exec [--count N] [--seed S] [--out DIR] [--record FILE] [--oracle BIN]   (simulate's
 *   per-alert binding and the messages analysisd sends, against Wazuh's own Rule_AddAR, OS_Exec and
 *   getActiveResponseInJSON: scripts/oracle/exec-cases.ts; BIN defaults to .oracle/exec-oracle, built outside
 *   this repository; exits 1 on a disagreement; --record writes cases as test/fixtures/oracle/exec-cases.json)
 *   npm run oracle -- --mail [--count N] [--seed S] [--out DIR] [--record FILE] [--oracle BIN]   (simulate's
 *   per-alert e-mail decision against Wazuh's own MailConf and OS_RecvMailQ_JSON: scripts/oracle/mail-cases.ts;
 *   BIN defaults to .oracle/mail-oracle, built outside this repository; exits 1 on a disagreement; --record
 *   writes cases as test/fixtures/oracle/mail-cases.json)
 *
 * For each configuration: wazuh-analysisd's verdict (start, refuse, crash), every line it logs and
 * etc/shared/ar.conf; wazuh-maild's verdict and log; `arctl validate` refuses exactly when a daemon does;
 * `arctl lint` has no error on a file both daemons accept (such errors are listed for review: an error is
 * right there only when a response or e-mail can never happen). Disagreements are grouped by class and
 * written under DIR (default .oracle/out) with the file, Wazuh's output and arctl's.
 * Not part of `npm test`: it needs the oracle binaries; without one it says so and exits 0.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { lintText, loadConfiguration, validateText } from '../../src/index.ts';
import { isAgentNodeConfig } from '../../src/wazuh/node-role.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import type { LoadMessage } from '../../src/wazuh/load.ts';
import { Generator, Vocabulary } from './generate.ts';
import { runExecOracle } from './exec-cases.ts';
import { runExecdOracle } from './execd-cases.ts';
import { runMailOracle } from './mail-cases.ts';
import { runRegexOracle } from './regex-cases.ts';
import { NOT_HERE } from './binaries.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

interface DaemonRun {
  log: string[];
  signal: number;
  exit: number;
  ar?: number;
  ar_conf?: string;
}
interface OracleRecord {
  file: string;
  analysisd: DaemonRun;
  maild: DaemonRun;
}

function args(): { count: number; seed: number; out: string; oracle: string; files: string[]; lint: boolean; record: string[]; sweep: boolean; regex: boolean; execd: boolean; exec: boolean; mail: boolean } {
  const a = process.argv.slice(2);
  const get = (flag: string, fallback: string) => {
    const i = a.indexOf(flag);
    return i >= 0 ? a[i + 1] : fallback;
  };
  const filesAt = a.indexOf('--files');
  const recordAt = a.indexOf('--record');
  return {
    count: Number(get('--count', '2000')),
    seed: Number(get('--seed', '1')),
    out: resolve(get('--out', join(repo, '.oracle/out'))),
    oracle: get('--oracle', ''),
    files: filesAt >= 0 ? a.slice(filesAt + 1) : [],
    lint: !a.includes('--no-lint'),
    sweep: a.includes('--sweep'),
    regex: a.includes('--regex'),
    execd: a.includes('--execd'),
    exec: a.includes('--exec'),
    mail: a.includes('--mail'),
    record: recordAt >= 0 ? a.slice(recordAt + 1) : [],
  };
}

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

function ensureOracle(explicit: string): string {
  const bin = explicit || join(repo, '.oracle/oracle-signed');
  if (!existsSync(bin)) {
    console.log(`oracle: skipped: no oracle binary at ${bin} (--oracle BIN names one). It compiles Wazuh's configuration readers and is ${NOT_HERE}.`);
    process.exit(0);
  }
  return bin;
}

/** The acceptance.json convention: physical lines starting with ERROR, WARNING or INFO. */
function says(lines: readonly string[]): string[] {
  return lines.flatMap((l) => l.split('\n')).filter((l) => /^(ERROR|WARNING|INFO): /.test(l));
}
const arctlLines = (messages: readonly LoadMessage[]) => messages.map((m) => `${m.level}: ${m.text}`);

/** A class key: what differs, with numbers and quoted names blurred. */
function blur(line: string): string {
  return line.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N').replace(/\(line N\)/, '').slice(0, 140);
}

function firstDifference(want: string[], got: string[]): string {
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) return `want ${blur(want[i] ?? '<end>')} | got ${blur(got[i] ?? '<end>')}`;
  }
  return 'same lines';
}

async function compareOne(path: string, bytes: Buffer, o: OracleRecord, lint: boolean): Promise<Array<{ cls: string; detail: unknown }>> {
  const found: Array<{ cls: string; detail: unknown }> = [];
  const loaded = loadConfiguration(bytes, { path, targetVersion: '4.14' });
  const a = o.analysisd;
  const wazuhAccepted = a.signal === 0 && a.exit === 0;
  const wazuhCrash = a.signal !== 0;
  const wantA = says(a.log);
  const gotA = says(arctlLines(loaded.messages));
  if (wazuhAccepted !== loaded.accepted || wazuhCrash !== loaded.crashed) {
    found.push({ cls: `analysisd verdict: wazuh ${wazuhCrash ? 'crash' : wazuhAccepted ? 'accept' : 'refuse'} arctl ${loaded.crashed ? 'crash' : loaded.accepted ? 'accept' : 'refuse'}: ${firstDifference(wantA, gotA)}`, detail: { wantA, gotA } });
  } else if (JSON.stringify(wantA) !== JSON.stringify(gotA)) {
    found.push({ cls: `analysisd log: ${firstDifference(wantA, gotA)}`, detail: { wantA, gotA } });
  } else if (wazuhAccepted) {
    const arConf = loaded.arConf.map((l) => `${l}\n`).join('');
    if (arConf !== a.ar_conf) found.push({ cls: 'analysisd ar.conf', detail: { want: a.ar_conf, got: arConf } });
    const queues = (loaded.arQueues.remote ? 1 : 0) | (loaded.arQueues.local ? 2 : 0);
    if (queues !== a.ar) found.push({ cls: 'analysisd Config.ar', detail: { want: a.ar, got: queues } });
    // What simulate (and timeline) take for each active response: the name, program and timeout execd gets.
    const simulated = loadSimConfig(new ConfigDocument(path, bytes), parseTargetVersion('4.14')).responses.filter((r) => r.status === 'active');
    // Wazuh's file minus the restart commands it always starts with (arctl's header), as text: a value may hold a newline.
    const header = loaded.arConf.slice(0, loaded.arConf.length - loaded.activeResponses.length).map((l) => `${l}\n`).join('');
    const wazuhResponses = (a.ar_conf ?? '').startsWith(header) ? (a.ar_conf ?? '').slice(header.length) : (a.ar_conf ?? '');
    const simText = simulated.map((r) => `${r.name} - ${r.executable} - ${r.timeout}\n`).join('');
    if (simText !== wazuhResponses) found.push({ cls: 'simulate responses vs ar.conf', detail: { want: wazuhResponses, got: simText } });
  }
  const m = o.maild;
  const wantM = says(m.log);
  const maildVerdict = maildVerdictOf(m);
  const gotM = says(arctlLines(loaded.maild.messages));
  if (maildVerdict !== loaded.maild.verdict) {
    found.push({ cls: `maild verdict: wazuh ${maildVerdict} arctl ${loaded.maild.verdict}: ${firstDifference(wantM, gotM)}`, detail: { wantM, gotM } });
  } else if (JSON.stringify(wantM) !== JSON.stringify(gotM)) {
    found.push({ cls: `maild log: ${firstDifference(wantM, gotM)}`, detail: { wantM, gotM } });
  }
  const refused = !wazuhAccepted || maildVerdict === 'rejected' || maildVerdict === 'crash';
  // An agent's own ossec.conf (a <client>, no manager section) is read by no manager daemon: arctl checks it as execd does.
  const doc = new ConfigDocument(path, bytes);
  const view = doc.parseError ? undefined : buildConfigView(doc);
  const agentNode = view !== undefined && isAgentNodeConfig(view);
  // A shared agent.conf (<agent_config> only) is read by agents, never by analysisd: validate judges it as execd would.
  const agentConf = view !== undefined && view.kind === 'agent_config';
  const validate = await validateText(bytes, { targetVersion: '4.14' }, path);
  const validateErrors = validate.diagnostics.filter((d) => d.severity === 'error');
  if (refused !== validateErrors.length > 0) {
    found.push({
      cls: `${agentNode ? '[agent node] ' : agentConf ? '[agent.conf] ' : ''}validate: wazuh ${refused ? 'refuses' : 'starts'}, validate ${validateErrors.length > 0 ? `errors ${[...new Set(validateErrors.map((d) => `${d.ruleId}/${d.messageId}`))].join(',')}` : 'no error'}`,
      detail: { validate: validate.report.messages.map((d) => `${d.severity} ${d.ruleId}/${d.messageId} ${d.message}`) },
    });
  }
  if (lint && !refused) {
    const linted = await lintText(bytes, { targetVersion: '4.14' }, path);
    for (const d of linted.report.messages.filter((x) => x.severity === 'error')) {
      found.push({ cls: `lint error on a file Wazuh starts with: ${d.ruleId}/${d.messageId}`, detail: { message: d.message, line: d.line, column: d.column } });
    }
  }
  return found;
}

function maildVerdictOf(m: DaemonRun): string {
  return m.signal ? 'crash' : m.exit !== 0 ? 'rejected' : says(m.log).at(-1) === 'INFO: E-Mail notification disabled. Clean Exit.' ? 'disabled' : 'accepted';
}

/** Wazuh's answers for these files in the shape of test/fixtures/oracle/startup-cases.json (path shown as FILE). */
function record(oracle: string, files: string[]): void {
  const output = execFileSync(oracle, files.map((f) => resolve(f))).toString('utf8');
  const entries = output.split('\n').filter(Boolean).map((line) => {
    const r = JSON.parse(line) as OracleRecord;
    const file = (l: string) => l.split(r.file).join('FILE');
    const a = r.analysisd;
    return {
      name: '',
      wazuh: '',
      config: readFileSync(r.file, 'utf8'),
      analysisd: { verdict: a.signal ? 'crash' : a.exit === 0 ? 'accepted' : 'refused', says: says(a.log).map(file) },
      maild: { verdict: maildVerdictOf(r.maild), says: says(r.maild.log).map(file) },
    };
  });
  console.log(JSON.stringify(entries, null, 2));
}

async function main(): Promise<void> {
  const opts = args();
  if (opts.regex) {
    const out = process.argv.includes('--out') ? opts.out : join(repo, '.oracle/out-regex');
    const record = opts.record[0] ? resolve(opts.record[0]) : undefined;
    if (runRegexOracle({ count: opts.count, seed: opts.seed, out, record, dir: join(repo, '.oracle') }) > 0) process.exitCode = 1;
    return;
  }
  if (opts.execd) {
    const out = process.argv.includes('--out') ? opts.out : join(repo, '.oracle/out-execd');
    const record = opts.record[0] ? resolve(opts.record[0]) : undefined;
    if (runExecdOracle({ count: opts.count, seed: opts.seed, out, record, dir: join(repo, '.oracle') }) > 0) process.exitCode = 1;
    return;
  }
  if (opts.mail) {
    const out = process.argv.includes('--out') ? opts.out : join(repo, '.oracle/out-mail');
    const record = opts.record[0] ? resolve(opts.record[0]) : undefined;
    if (runMailOracle({ count: opts.count, seed: opts.seed, out, record, oracle: opts.oracle || join(repo, '.oracle/mail-oracle') }) > 0) process.exitCode = 1;
    return;
  }
  if (opts.exec) {
    const out = process.argv.includes('--out') ? opts.out : join(repo, '.oracle/out-exec');
    const record = opts.record[0] ? resolve(opts.record[0]) : undefined;
    if (runExecOracle({ count: opts.count, seed: opts.seed, out, record, oracle: opts.oracle || join(repo, '.oracle/exec-oracle'), corpus: resolve(repo, '../shared/corpus') }) > 0) process.exitCode = 1;
    return;
  }
  const oracle = ensureOracle(opts.oracle);
  if (opts.record.length > 0) {
    record(oracle, opts.record);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'arctl-oracle-cases-'));
  try {
    let cases: Array<{ name: string; path: string }> = [];
    if (opts.files.length > 0) {
      cases = opts.files.map((f) => ({ name: f, path: resolve(f) }));
    } else {
      const sourceFiles = [
        ...listFiles(resolve(repo, '../shared/corpus/conf'), /\.conf$|\.xml$/),
        ...listFiles(join(repo, 'test/fixtures'), /\.(conf|xml)$/).filter((f) => !f.includes('/rules/') || f.includes('fixtures/rules/')),
      ];
      const vocab = new Vocabulary();
      const sources: Array<{ name: string; text: string }> = [];
      for (const f of sourceFiles) {
        const text = readFileSync(f, 'utf8');
        if (!/<ossec_config|<agent_config/.test(text)) continue;
        vocab.learn(text);
        sources.push({ name: relative(resolve(repo, '..'), f).replace(/[/\\]/g, '_'), text });
      }
      for (const v of ['acceptance-full.json', 'maild.json', 'acceptance.json']) {
        const p = resolve(repo, '../shared/spec/verified', v);
        if (!existsSync(p)) continue;
        for (const c of (JSON.parse(readFileSync(p, 'utf8')) as { cases: Array<{ config: string }> }).cases) {
          vocab.learn(c.config);
          sources.push({ name: v, text: c.config });
        }
      }
      const gen = new Generator(vocab, sources, opts.seed);
      // A sweep larger than --count is thinned evenly (every k-th case).
      const thin = <T>(all: T[]) => all.filter((_, i) => i % Math.max(1, Math.floor(all.length / opts.count)) === 0);
      const generated = opts.sweep ? thin([...gen.sweep()]) : Array.from({ length: opts.count }, (_, i) => gen.next(i));
      for (const [i, g] of generated.entries()) {
        const path = join(work, `${String(i).padStart(5, '0')}.conf`);
        writeFileSync(path, g.bytes);
        cases.push({ name: g.name, path });
      }
    }
    const output = execFileSync(oracle, [], { input: cases.map((c) => c.path).join('\n'), maxBuffer: 1 << 30 }).toString('utf8');
    const records = new Map<string, OracleRecord>();
    for (const line of output.split('\n')) if (line) {
      const r = JSON.parse(line) as OracleRecord;
      records.set(r.file, r);
    }
    const classes = new Map<string, Array<{ name: string; path: string; detail: unknown }>>();
    let agreeing = 0;
    for (const c of cases) {
      const r = records.get(c.path);
      if (!r) throw new Error(`oracle gave no answer for ${c.path}`);
      const found = await compareOne(c.path, readFileSync(c.path), r, opts.lint);
      if (found.length === 0) agreeing++;
      for (const f of found) {
        const list = classes.get(f.cls) ?? [];
        list.push({ name: c.name, path: c.path, detail: f.detail });
        classes.set(f.cls, list);
      }
    }
    rmSync(opts.out, { recursive: true, force: true });
    mkdirSync(opts.out, { recursive: true });
    const sorted = [...classes.entries()].sort((x, y) => y[1].length - x[1].length);
    const summary: string[] = [`${cases.length} configurations (${opts.sweep ? 'option sweep' : `seed ${opts.seed}`}), ${agreeing} agree on everything, ${sorted.length} classes of disagreement`];
    sorted.forEach(([cls, list], k) => {
      summary.push(`${String(list.length).padStart(5)}  [${k}] ${cls}`);
      const dir = join(opts.out, String(k));
      mkdirSync(dir);
      list.slice(0, 5).forEach((x, j) => {
        writeFileSync(join(dir, `${j}.conf`), readFileSync(x.path));
        writeFileSync(join(dir, `${j}.json`), JSON.stringify({ class: cls, name: x.name, oracle: records.get(x.path), arctl: x.detail }, null, 1));
      });
    });
    writeFileSync(join(opts.out, 'summary.txt'), `${summary.join('\n')}\n`);
    console.log(summary.join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
