/** `arctl diff`: reads both sides (files or git revisions), diffs them, decides the alerts, prints. */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigDocument } from '../document/document.ts';
import { diffAlerts } from '../diff/pass.ts';
import type { DiffReport } from '../diff/model.ts';
import { buildDiffReport, sharedAgentConfReport } from '../diff/report.ts';
import { agentNodeReport } from '../diff/agent-node.ts';
import { judgedRole } from '../lint/engine.ts';
import { renderDiffJson } from '../diff/render-json.ts';
import { renderDiffMarkdown } from '../diff/render-markdown.ts';
import { renderDiffText } from '../diff/render-text.ts';
import { loadDiffSide, readAgentExecd } from '../diff/sides.ts';
import { staticDiff } from '../diff/static.ts';
import type { OsXmlOptions } from '../document/os-xml.ts';
import { absentAtRevision, fileAtRevision } from '../hook/git.ts';
import { readerOptions, type ManagerArch } from '../wazuh/arch.ts';
import type { SimOptions } from '../simulate/model.ts';
import { InputError } from '../util/errors.ts';
import { checkContent, checkOneStdinReader, inputFileSize, MAX_CONFIG_BYTES, readConfigInput } from '../util/read-input.ts';
import { simulationOptions, simulationSettings } from './simulate.ts';
import type { RunResult } from './exit-code.ts';
import { currentRun } from './io.ts';
import { skippedReporter } from './skipped.ts';
import { colorEnabled, makeChalk, writeOut } from './output.ts';

export interface DiffFlags {
  base?: string;
  alerts?: string[];
  ruleset?: string[];
  agents?: string;
  agentConfig?: string;
  format: 'text' | 'json' | 'markdown';
  examples: string;
  timeline?: boolean;
  skipInvalid?: boolean;
  exitCode?: boolean;
  targetVersion?: string;
  arch?: ManagerArch;
  config?: string;
}

/** A side as given: a file (or -) when one exists by that name, else REV:PATH read from git; read as this build and release's os_xml does. */
function readSide(arg: string, reader: OsXmlOptions): ConfigDocument {
  if (arg === '-' || existsSync(arg) || !/^[^:]+:./.test(arg)) {
    const file = readConfigInput(arg);
    return new ConfigDocument(file.path, file.bytes, reader);
  }
  return new ConfigDocument(arg, checkContent(arg, fileAtRevision(currentRun().io.cwd, arg, MAX_CONFIG_BYTES)), reader);
}

function sides(base: string | undefined, head: string | undefined, flags: DiffFlags): [string, string] {
  if (flags.base !== undefined) {
    if (base === undefined || head !== undefined) throw new InputError('--base REV takes one FILE: arctl diff --base main etc/ossec.conf');
    if (base === '-') throw new InputError('--base REV needs a file of the working tree, not -');
    const path = relative(currentRun().io.cwd, resolve(base)).split('\\').join('/');
    return [`${flags.base}:./${path}`, base];
  }
  if (base === undefined || head === undefined) throw new InputError('missing BASE and HEAD: arctl diff BASE HEAD, or arctl diff --base REV FILE');
  return [base, head];
}

/** --agent-config: the agents' own ossec.conf, as Wazuh's reader must be able to read it (see readAgentExecd). */
function agentExecd(path: string, options: SimOptions): number[] | undefined {
  const file = readConfigInput(path);
  const doc = new ConfigDocument(file.path, file.bytes);
  if (doc.parseError) {
    const pos = doc.position(doc.parseError.offset);
    throw new InputError(`--agent-config ${file.path}:${pos.line}:${pos.column}: Wazuh cannot read this file: ${doc.parseError.message}`);
  }
  return readAgentExecd(doc, options);
}

/** The exit code: 0, or with --exit-code 2 when something changes. */
export async function runDiff(baseArg: string | undefined, headArg: string | undefined, flags: DiffFlags, colorFlag: boolean): Promise<RunResult> {
  const [baseSpec, headSpec] = sides(baseArg, headArg, flags);
  const alerts = flags.alerts ?? [];
  checkOneStdinReader([['BASE', baseSpec], ['HEAD', headSpec], ...alerts.map((a): [string, string] => ['--alerts', a]), ['--agents', flags.agents], ['--agent-config', flags.agentConfig], ['--config', flags.config]]);
  const examples = Number(flags.examples);
  if (!/^\d+$/.test(flags.examples) || examples > 100) throw new InputError(`--examples '${flags.examples}': expected a number from 0 to 100`);
  if (flags.timeline && alerts.length === 0) throw new InputError('--timeline needs --alerts FILE');
  for (const a of alerts) if (a !== '-') inputFileSize(a, 'an alerts file');
  const settings = simulationSettings(flags);
  const target = settings.target;
  // The managers' build (--arch, .arctl.json arch) decides how bytes >= 0x80 read and match, as in simulate.
  const reader = readerOptions(target, settings.arch);
  // --base REV FILE, FILE added since REV: compared with nothing, as git diff shows a new file (an empty side is of
  // the other side's kind). A REV:PATH given by hand that git cannot show stays an error.
  const added = flags.base !== undefined && absentAtRevision(currentRun().io.cwd, flags.base, baseSpec);
  const baseDoc = added ? new ConfigDocument(`${baseSpec} (absent: a new file)`, Buffer.alloc(0), reader) : readSide(baseSpec, reader);
  const headDoc = readSide(headSpec, reader);
  const agentConfs = sharedAgentConfReport(target, { label: baseDoc.path, ...judgedRole(baseDoc) }, { label: headDoc.path, ...judgedRole(headDoc) }) ?? agentNodeReport(target, { label: baseDoc.path, doc: baseDoc }, { label: headDoc.path, doc: headDoc });
  if (agentConfs) return printReport(agentConfs, flags, colorFlag);
  const base = loadDiffSide(baseDoc, target, settings.arch);
  const head = loadDiffSide(headDoc, target, settings.arch);
  const options = simulationOptions(settings);
  const agentRepeatedOffenders = flags.agentConfig !== undefined ? agentExecd(flags.agentConfig, options) : undefined;

  const diff = staticDiff(base, head, options.rules, agentRepeatedOffenders, options.agentsExecdOff);
  const files = alerts.map((path) => ({ path, shown: path === '-' ? '<stdin>' : path }));
  const skipped = skippedReporter();
  const onInvalid = (file: string, error: { line: number; reason: string }) => skipped.report(file, error.line, error.reason);
  // One pass over the alerts decides them on both sides (and, with --timeline, replays both sides).
  const pass =
    files.length > 0
      ? await diffAlerts(files, base, head, diff, options, {
          skipInvalid: Boolean(flags.skipInvalid),
          onInvalid,
          maxExamples: examples,
          ...(flags.timeline ? { timeline: true } : {}),
          ...(agentRepeatedOffenders ? { agentRepeatedOffenders } : {}),
          ...(alerts.includes('-') ? { stdin: currentRun().io.stdin as AsyncIterable<Buffer> } : {}),
        })
      : undefined;
  skipped.finish();
  const report = buildDiffReport({ target, base: { label: baseDoc.path, side: base }, head: { label: headDoc.path, side: head }, diff, ...(pass ? { behaviour: pass.behaviour } : {}), ...(pass?.timeline ? { timeline: pass.timeline } : {}) });
  return printReport(report, flags, colorFlag);
}

function printReport(report: DiffReport, flags: DiffFlags, colorFlag: boolean): RunResult {
  if (flags.format === 'json') writeOut(renderDiffJson(report));
  else if (flags.format === 'markdown') writeOut(renderDiffMarkdown(report));
  else writeOut(renderDiffText(report, makeChalk(colorEnabled(!colorFlag))));
  return { differs: Boolean(flags.exitCode && report.changed) };
}
