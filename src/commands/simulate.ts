/**
 * `arctl simulate ALERTS`: which active responses and e-mails each alert would trigger, and why.
 * simulate-command.ts registers the command and loads this module when it runs (register's loadRun).
 */
import { join, resolve } from 'node:path';
import { ConfigDocument } from '../document/document.ts';
import { evaluateExpectations, firstReference, outcomesJson, parseAssertFile, renderOutcomes, AssertFileError, type Expectation } from '../simulate/assert.ts';
import { simulateAlert } from '../simulate/engine.ts';
import { agentsExecdStop, loadSimConfig } from '../simulate/from-load.ts';
import { alertReadError, alertsLogNote, noAlertsNote, notUtf8Note, openAlertSource, readAlerts } from '../simulate/input.ts';
import { agentIdsNamed, alertJson, JSON_AGENT_IDS_MAX, jsonErrorFooter, jsonHeader, jsonFooter } from '../simulate/render-json.ts';
import { noWazuhFields, renderAlertText, renderSummaryText } from '../simulate/render-text.ts';
import type { AlertResult, SimConfig, SimOptions } from '../simulate/model.ts';
import { readerOptions, type ManagerArch } from '../wazuh/arch.ts';
import { ArctlError, CheckFailedError, InputError } from '../util/errors.ts';
import { checkOneStdinReader, inputFileSize, readConfigInput, readTextInput } from '../util/read-input.ts';
import type { ResolvedSettings } from '../config/settings.ts';
import { colorEnabled, makeChalk, outputStopped, writeErr, writeOut, writeOutPaced } from './output.ts';
import { currentRun } from './io.ts';
import { skippedReporter } from './skipped.ts';
import { printableLines } from '../util/printable.ts';
import { resolveCliSettings } from './settings.ts';
import { hostInstallation, reportInstallation } from './installation.ts';
import type { WazuhInstallation } from '../config/installation.ts';
import { INSTALLATION_PATHS } from '../wazuh/installation-layout.ts';
import { runTimeline, type TimelineFlags } from './simulate-timeline.ts';
import type { StartedWorkers } from '../timeline/worker-start.ts';

interface SimulateFlags {
  /** The ossec.conf. */
  file: string;
  /** No --file and no installation: `file` is ./ossec.conf by default. */
  fileDefaulted?: boolean;
  /** The .arctl.json. */
  config?: string;
  /** A Wazuh installation (--root, or /var/ossec found): defaults for the other inputs. */
  installation?: WazuhInstallation;
  ruleset?: string[];
  format: 'text' | 'json';
  payload?: boolean;
  force?: boolean;
  skipInvalid?: boolean;
  assert?: string;
  agents?: string;
  agentConfig?: string;
  targetVersion?: string;
  arch?: ManagerArch;
  /** The installation's logs/alerts/alerts.json, when it stands for a missing ALERTS. */
  installedAlerts?: string;
}

export type SimulateAllFlags = SimulateFlags & TimelineFlags;

/**
 * What a simulation takes from the resolved settings: the rules and the agents. Errors in rules files are
 * printed and do not stop it.
 */
export function simulationOptions(settings: ResolvedSettings): SimOptions {
  const options: SimOptions = {};
  if (settings.ruleset) {
    for (const p of settings.ruleset.rules.problems.filter((x) => x.severity === 'error')) writeErr(`arctl: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    options.rules = settings.ruleset.rules.rules;
  }
  if (settings.agents) options.agents = settings.agents.list;
  return options;
}

/** The settings simulate and diff use: --target-version, --arch, --ruleset, --agents over the .arctl.json (--config, else the nearest). */
export function simulationSettings(flags: { config?: string; targetVersion?: string; arch?: ManagerArch; ruleset?: string[]; agents?: string; installation?: WazuhInstallation }): ResolvedSettings {
  return resolveCliSettings({
    cwd: currentRun().io.cwd,
    ...(flags.config !== undefined ? { configFile: flags.config } : {}),
    inputs: ['ruleset', 'agents'],
    ...(flags.installation ? { installation: flags.installation } : {}),
    options: {
      ...(flags.targetVersion !== undefined ? { targetVersion: flags.targetVersion } : {}),
      ...(flags.arch !== undefined ? { arch: flags.arch } : {}),
      ...(flags.ruleset !== undefined ? { ruleset: flags.ruleset } : {}),
      ...(flags.agents !== undefined ? { agents: flags.agents } : {}),
    },
  });
}

/** The agents' own ossec.conf (--agent-config), as Wazuh's reader must be able to read it. */
function readAgentConfig(path: string): ConfigDocument {
  const file = readConfigInput(path);
  const doc = new ConfigDocument(file.path, file.bytes);
  if (doc.parseError) {
    const pos = doc.position(doc.parseError.offset);
    throw new InputError(`${file.path}:${pos.line}:${pos.column}: Wazuh cannot read this file: ${doc.parseError.message}`);
  }
  return doc;
}

/** The ossec.conf; when none was named and ./ossec.conf is missing, the error says where else arctl looks. */
function readDefaultedConfig(flags: SimulateFlags): ReturnType<typeof readConfigInput> {
  try {
    return readConfigInput(flags.file);
  } catch (error) {
    if (!flags.fileDefaulted || !(error instanceof InputError)) throw error;
    throw new InputError(`${error.message} (no --file given: arctl reads ./ossec.conf, or a Wazuh installation with --root DIR)`);
  }
}

function prepare(flags: SimulateFlags): { config: SimConfig; options: SimOptions; doc: ConfigDocument; agentDoc?: ConfigDocument } {
  const settings = simulationSettings(flags);
  if (flags.installation) reportInstallation(flags.installation, settings, flags.file === flags.installation.ossecConf ? [flags.file] : [], flags.installedAlerts);
  const targetVersion = settings.target;
  const arch = settings.arch;
  const file = readDefaultedConfig(flags);
  const doc = new ConfigDocument(file.path, file.bytes, readerOptions(targetVersion, arch));
  const config = loadSimConfig(doc, targetVersion, arch);
  if (config.refusal.length > 0) {
    writeErr(`${config.refusal.map((m) => `${file.path}: ${m}`).join('\n')}\n`);
    if (!flags.force || doc.parseError) {
      throw new CheckFailedError(`${file.path}: Wazuh would refuse to start with this configuration${doc.parseError ? '' : ' (--force simulates anyway, marking those blocks rejected)'}`);
    }
  }
  const options = simulationOptions(settings);
  if (flags.agentConfig === undefined) return { config, options, doc };
  const agentDoc = readAgentConfig(flags.agentConfig);
  const stop = agentsExecdStop(agentDoc);
  if (stop) options.agentsExecdOff = { file: agentDoc.path, ...stop };
  return { config, options, doc, agentDoc };
}

function checkAlertsPath(path: string): void {
  if (path !== '-') inputFileSize(path, 'an alerts file');
}

/** Streams the alerts of a file through the engine, one at a time. */
async function* simulateFile(path: string, config: SimConfig, options: SimOptions, flags: SimulateFlags, skipped: { count: number }): AsyncGenerator<AlertResult> {
  checkAlertsPath(path);
  const source = openAlertSource(path, currentRun().io.stdin as AsyncIterable<Buffer>);
  let read = 0;
  const reporter = skippedReporter();
  try {
    for await (const record of readAlerts(source, {
      skipInvalid: flags.skipInvalid,
      onTextLog: () => writeErr(alertsLogNote(path === '-' ? '<stdin>' : path)),
      onNotUtf8: (line) => writeErr(notUtf8Note(path === '-' ? '<stdin>' : path, line)),
      ...(options.agents ? { agents: options.agents } : {}),
      onInvalid: (error) => {
        skipped.count++;
        reporter.report(path === '-' ? '<stdin>' : path, error.line, error.reason);
      },
    })) {
      read++;
      yield simulateAlert(config, options, record.alert, record.index, record.line);
    }
  } catch (error) {
    throw alertReadError(error, path === '-' ? '<stdin>' : path, Boolean(flags.skipInvalid));
  } finally {
    reporter.finish();
  }
  if (read === 0 && skipped.count === 0) writeErr(noAlertsNote(path === '-' ? '<stdin>' : path, 'simulated'));
}

/**
 * `given` has --file undefined when it was not given: then an installation (--root, or /var/ossec
 * when there is no ./ossec.conf) gives the ossec.conf, and the manager's alerts.json when no ALERTS is named.
 */
export async function runSimulate(
  givenAlerts: string | undefined,
  given: Omit<SimulateAllFlags, 'file'> & { file?: string; root?: string },
  colorFlag: boolean,
  started?: StartedWorkers,
): Promise<void> {
  const installation = hostInstallation(given.root, given.file !== undefined, currentRun().io.cwd);
  const installedAlerts = installation && givenAlerts === undefined && given.assert === undefined ? join(installation.root, INSTALLATION_PATHS.alertsJson) : undefined;
  const alertsPath = givenAlerts ?? installedAlerts;
  const flags: SimulateAllFlags = {
    ...given,
    file: given.file ?? installation?.ossecConf ?? './ossec.conf',
    ...(given.file === undefined && !installation ? { fileDefaulted: true } : {}),
    ...(installation ? { installation } : {}),
    ...(installedAlerts ? { installedAlerts } : {}),
  };
  if (alertsPath === undefined && flags.assert === undefined) throw new InputError('missing ALERTS: give an alert file, - for stdin, or --assert FILE with inline alerts');
  checkOneStdinReader([['ALERTS', alertsPath], ['--file', flags.file], ['--config', flags.config], ['--assert', flags.assert], ['--agents', flags.agents], ['--agent-config', flags.agentConfig], ['--compare', flags.compare]]);
  const expectations = flags.assert !== undefined ? readExpectations(flags.assert) : undefined;
  const { config, options, doc, agentDoc } = prepare(flags);
  if (flags.timeline) {
    await runTimeline(alertsPath, flags, { config, options, doc, ...(agentDoc ? { agentDoc } : {}) }, colorFlag, started);
    return;
  }
  const skipped = { count: 0 };
  if (expectations) {
    await runAssertions(expectations, alertsPath, config, options, flags, skipped);
    return;
  }
  const path = alertsPath as string;
  if (flags.format === 'json') {
    await writeOutPaced(jsonHeader(config.target.text, flags.file === '-' ? '<stdin>' : resolve(flags.file)));
    let alerts = 0;
    let responsesFired = 0;
    let emailsSent = 0;
    let agentIds = 0;
    try {
      for await (const result of simulateFile(path, config, options, flags, skipped)) {
        if (outputStopped()) return;
        agentIds += agentIdsNamed(result);
        if (agentIds > JSON_AGENT_IDS_MAX) throw tooManyAgentIds(path, result, alerts);
        await writeOutPaced(alertJson(result, alerts === 0));
        alerts++;
        responsesFired += result.responses.filter((r) => r.fired).length;
        if (result.email.sent) emailsSent++;
      }
    } catch (error) {
      // The document was begun: it is closed with the error, so a reader gets valid JSON, not half of it.
      if (error instanceof ArctlError) await writeOutPaced(jsonErrorFooter(error.message, alerts === 0));
      throw error;
    }
    await writeOutPaced(jsonFooter({ alerts, responsesFired, emailsSent, ...(flags.skipInvalid ? { invalidSkipped: skipped.count } : {}) }, alerts === 0));
    return;
  }
  const chalk = makeChalk(colorEnabled(!colorFlag));
  let alerts = 0;
  let responsesFired = 0;
  let emailsSent = 0;
  let withoutRule = 0;
  let ossec2 = 0;
  let flattened = 0;
  let notWazuh = 0;
  for await (const result of simulateFile(path, config, options, flags, skipped)) {
    if (outputStopped()) return;
    await writeOutPaced(`${alerts > 0 ? '\n' : ''}${renderAlertText(result, { payload: Boolean(flags.payload), chalk })}`);
    alerts++;
    responsesFired += result.responses.filter((r) => r.fired).length;
    if (result.email.sent) emailsSent++;
    if (result.rule.id === undefined) withoutRule++;
    if (result.foreignShape === 'ossec-2.x') ossec2++;
    else if (result.foreignShape === 'flattened') flattened++;
    else if (noWazuhFields(result)) notWazuh++;
  }
  await writeOutPaced(`${alerts > 0 ? '\n' : ''}${renderSummaryText({ alerts, responsesFired, emailsSent, invalidSkipped: skipped.count, withoutRule, ossec2, flattened, notWazuh })}`);
}

/**
 * The JSON document stops before the alert that would make it name more than JSON_AGENT_IDS_MAX agents: it
 * would grow as alerts x agents, past what a reader can load (and past V8's longest string).
 */
function tooManyAgentIds(path: string, result: AlertResult, written: number): InputError {
  const shown = path === '-' ? '<stdin>' : path;
  const widest = result.responses.reduce((w, r) => Math.max(w, r.targets?.length ?? 0), 0);
  const at = result.line !== undefined ? `${shown}:${result.line}` : shown;
  return new InputError(
    `${at}: the JSON output stops after ${written} alert${written === 1 ? '' : 's'}: it would name more than ${JSON_AGENT_IDS_MAX.toLocaleString('en-US')} agents, as each alert lists every target of its responses (${widest.toLocaleString('en-US')} for this one; a response at 'all' reaches every active agent of --agents): give fewer alerts at a time, or use the text format, which counts long lists of agents instead of listing them`,
    { file: shown, ...(result.line !== undefined ? { line: result.line } : {}) },
  );
}

function readExpectations(path: string): Expectation[] {
  const text = readTextInput(path, `--assert ${path}`);
  try {
    return parseAssertFile(text);
  } catch (error) {
    if (error instanceof AssertFileError) throw new InputError(`--assert ${path}: ${error.message}`);
    throw error;
  }
}

async function runAssertions(
  expectations: Expectation[],
  alertsPath: string | undefined,
  config: SimConfig,
  options: SimOptions,
  flags: SimulateFlags,
  skipped: { count: number },
): Promise<void> {
  const referenced = firstReference(expectations);
  if (referenced && alertsPath === undefined) {
    throw new InputError(`--assert ${flags.assert}: entry ${referenced.position + 1} refers to an alert by id or index, so ALERTS must be given`);
  }
  const results = alertsPath !== undefined ? simulateFile(alertsPath, config, options, flags, skipped) : undefined;
  const outcomes = await evaluateExpectations(expectations, results, config, options);
  const report = renderOutcomes(outcomes);
  writeOut(flags.format === 'json' ? outcomesJson(outcomes) : printableLines(report.text));
  if (report.failed > 0) throw new CheckFailedError(`${report.failed} of ${expectations.length} simulate expectation${expectations.length === 1 ? '' : 's'} failed`);
}
