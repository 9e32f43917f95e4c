/**
 * arctl as a library: the engine as functions from data to data. Nothing here exits the process,
 * prints, or reads process.argv/env; only the functions whose names say so (`lintFiles`, `loadRuleset`, `resolveSettings`,
 * `loadAgents`, `listArBin`) touch the file system. Errors that a user's input causes are thrown as
 * `ArctlError` (`InputError`: unreadable or unsupported input; `CheckFailedError`: a refused change).
 */
import { resolve } from 'node:path';
import { engineOptions, targetOf, type LintSettings } from './api/lint-settings.ts';
import { Chalk } from 'chalk';
import type { GateSettings } from './add/gate.ts';
import { planAdd as planAddBytes, type AddRequest } from './add/plan.ts';
import { planEdit as planEditBytes, type EditOperation } from './add/edit-plan.ts';
import type { BlockSpec, CommandSpec } from './add/kinds/index.ts';
import { expandInputs } from './config/config-files.ts';
import { BehaviourAccumulator } from './diff/behaviour.ts';
import type { DiffReport } from './diff/model.ts';
import { renderDiffJson } from './diff/render-json.ts';
import { renderDiffMarkdown } from './diff/render-markdown.ts';
import { renderDiffText } from './diff/render-text.ts';
import { buildDiffReport, sharedAgentConfReport } from './diff/report.ts';
import { agentNodeReport } from './diff/agent-node.ts';
import { loadDiffSide, readAgentExecd } from './diff/sides.ts';
import { staticDiff } from './diff/static.ts';
import { ConfigDocument } from './document/document.ts';
import { applyEdits as applyByteEdits, type TextEdit } from './document/edit.ts';
import { buildConfigView } from './document/views.ts';
import { ruleCatalogue } from './lint/catalogue.ts';
import { renderRuleDoc } from './lint/docs.ts';
import { TextPositions } from './document/positions.ts';
import { judgedRole, lintDocument, ranRuleIds, type LintMode } from './lint/engine.ts';
import { fixUntilStable } from './lint/fix.ts';
import { formatters, type FormatName } from './lint/formatters/index.ts';
import { buildFileReport, type FileReport } from './lint/report.ts';
import type { AgentInfo, Diagnostic, SeveritySetting } from './lint/types.ts';
import type { RuleMeta } from './lint/catalogue.ts';
import { simulateAlert as simulateOne } from './simulate/engine.ts';
import { agentsExecdStop, loadSimConfig } from './simulate/from-load.ts';
import { AlertSyntaxError, alertReadError, readAlerts as readAlertStream, type AlertRecord, type ReadAlertsOptions } from './simulate/input.ts';
import type { AlertResult, SimConfig, SimOptions } from './simulate/model.ts';
import { decideBatches, type DecideOptions } from './timeline/decide.ts';
import type { KeyMode } from './timeline/keys.ts';
import { replayTimeline, type TimelineItem, type TimelineOptions, type TimelineSummary } from './timeline/replay.ts';
import { replayAlertsFile as replayFile } from './timeline/replay-file.ts';
import { compareWithLog, type Comparison } from './compare/compare.ts';
import { logClock, type LogZone } from './compare/clock.ts';
import { readArLog } from './compare/read-log.ts';
import { firstRepeatedOffenders } from './wazuh/repeated-offenders.ts';
import { ArctlError, InputError } from './util/errors.ts';
import { readConfigInput } from './util/read-input.ts';
import { VERSION } from './version.ts';
import { loadAnalysisdConfig, type AnalysisdConfig } from './wazuh/load.ts';
import type { Ruleset } from './wazuh/ruleset-types.ts';
import { readerOptions, type ManagerArch } from './wazuh/arch.ts';
import type { TargetVersion } from './wazuh/version.ts';

export { VERSION } from './version.ts';
export { lintSettingsOf, type LintSettings } from './api/lint-settings.ts';
export { ArctlError, CheckFailedError, InputError, type InputLocation } from './util/errors.ts';
export { parseTargetVersion, DEFAULT_TARGET_VERSION, TargetVersionError, type TargetVersion } from './wazuh/version.ts';
export type { TextEdit } from './document/edit.ts';
export { loadRuleset } from './wazuh/ruleset.ts';
export type { ManagerArch } from './wazuh/arch.ts';
export { loadAgents, parseAgentsJson, parseClientKeys, listArBin } from './config/inputs.ts';
export {
  resolveSettings,
  describeSettingsProblem,
  SettingsError,
  type ResolvedSettings,
  type SettingsRequest,
  type SettingOptions,
  type SettingsProblem,
  type SettingName,
} from './config/settings.ts';
export type { AlertRecord, ReadAlertsOptions } from './simulate/input.ts';
export { FORMAT_NAMES, type FormatName } from './lint/formatters/index.ts';
export type { Ruleset, RulesetLoadProblem, WazuhRule } from './wazuh/ruleset-types.ts';
export type { AgentInfo, Diagnostic, FileRole, MessageSpec, Severity, SeveritySetting, RuleInput, RuleDocs, RuleExampleContext } from './lint/types.ts';
export type { RuleMeta } from './lint/catalogue.ts';
export type { Counts, FileReport, ReportMessage } from './lint/report.ts';
export type { AnalysisdConfig, LoadMessage, LoadedCommand, LoadedResponse, LoadedGlobal, LoadedEmailAlerts } from './wazuh/load.ts';
export type { AlertResult, EmailResult, ResponseResult, Reason, MatchKind, SimConfig, SimOptions, SimResponse } from './simulate/model.ts';
export type { TimelineEvent, TimelineAction } from './timeline/execd-state.ts';
export type { TimelineFailure, TimelineItem, TimelineSummary, GroupSummary } from './timeline/replay.ts';
export type { KeyMode } from './timeline/keys.ts';
export type { BehaviourDiff, BehaviourGroup, Category, DiffReport, StaticChange, TimelineSideSummary } from './diff/model.ts';
export type { ActiveEntry } from './timeline/execd-state.ts';
export { readArLog as readActiveResponsesLog, type ArLog, type LoggedRun, type LoggedAction } from './compare/read-log.ts';
export { logClock, parseLogZone, type LogClock, type LogZone } from './compare/clock.ts';
export { compareWithLog, type Comparison, type ComparedItem, type ComparedKind, type ComparisonOptions, type ComparisonContext } from './compare/compare.ts';
export type { ActiveResponseSpec, BlockSpec, CommandSpec, EmailAlertsSpec, WhiteListSpec } from './add/kinds/index.ts';
export type { EditOperation } from './add/edit-plan.ts';
export type { BlockAddress, BlockKind } from './add/address.ts';
export type { ListSeparator, OptionChange } from './add/option-edits.ts';
export { AmbiguousAddressError } from './add/address.ts';
export {
  setActiveResponseChanges as activeResponseChanges,
  setEmailAlertsChanges as emailAlertsChanges,
  setGlobalChanges as globalChanges,
  type RawSetActiveResponse,
  type RawSetEmailAlerts,
  type RawSetGlobal,
} from './add/edit-specs.ts';

/** A configuration's text: a string (UTF-8) or its bytes as read (kept byte for byte). */
export type ConfigText = string | Uint8Array;

/** One file's lint result: the findings as data and as a report ready for a formatter. */
export interface LintResult {
  diagnostics: Diagnostic[];
  report: FileReport;
}

/** `lintFiles`' results: a report per file read, and the inputs that could not be read. */
export interface LintFilesResult {
  reports: FileReport[];
  /** Files that could not be linted; `line` and `column` (1-based) where the refusal lies in one place (a NUL byte). */
  unreadable: Array<{ path: string; message: string; line?: number; column?: number }>;
}

const toBuffer = (text: ConfigText): Buffer => (typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength));

async function lintBytes(path: string, bytes: Buffer, settings: LintSettings, mode: LintMode, filePath = path): Promise<LintResult> {
  const options = engineOptions(settings, mode);
  const doc = new ConfigDocument(path, bytes);
  const all = await lintDocument(doc, options);
  const diagnostics = settings.quiet ? all.filter((d) => d.severity === 'error') : all;
  return { diagnostics, report: buildFileReport(doc, diagnostics, { filePath, displayPath: path, ranRuleIds: ranRuleIds(options) }, ruleCatalogue()) };
}

/** Lints one configuration (Wazuh's XML reader, the schema and every lint rule); `path` names it in the report. */
export function lintText(text: ConfigText, settings: LintSettings = {}, path = 'ossec.conf'): Promise<LintResult> {
  return lintBytes(path, toBuffer(text), settings, 'lint');
}

/** Validates one configuration: Wazuh's XML reader and the schema only (what `arctl validate` reports). */
export function validateText(text: ConfigText, settings: LintSettings = {}, path = 'ossec.conf'): Promise<LintResult> {
  return lintBytes(path, toBuffer(text), settings, 'validate');
}

/**
 * Reads and lints files (a directory stands for the ossec.conf, agent.conf and *.ossec.conf below it);
 * relative paths are taken from `cwd`. Reads the file system.
 */
export async function lintFiles(paths: string[], settings: LintSettings = {}, options: { cwd?: string; mode?: LintMode } = {}): Promise<LintFilesResult> {
  const cwd = options.cwd ?? process.cwd();
  const result: LintFilesResult = { reports: [], unreadable: [] };
  for (const input of expandInputs(paths, cwd)) {
    if (input.kind === 'problem') {
      result.unreadable.push({ path: input.path, message: input.message });
      continue;
    }
    if (input.path === '-') {
      result.unreadable.push({ path: '-', message: 'standard input is not read by the library: pass the text to lintText' });
      continue;
    }
    const absolute = resolve(cwd, input.path);
    let bytes: Buffer;
    try {
      bytes = readConfigInput(absolute).bytes;
    } catch (error) {
      if (!(error instanceof ArctlError)) throw error;
      const where = error instanceof InputError && error.line !== undefined ? { line: error.line, ...(error.column === undefined ? {} : { column: error.column }) } : {};
      result.unreadable.push({ path: input.path, message: error.message.replace(absolute, input.path), ...where });
      continue;
    }
    result.reports.push((await lintBytes(input.path, bytes, settings, options.mode ?? 'lint', absolute)).report);
  }
  return result;
}

/** Applies the safe fixes (re-linting until stable) and returns the fixed text and how many fixes were applied. */
export async function fixText(text: ConfigText, settings: LintSettings = {}, path = 'ossec.conf'): Promise<{ bytes: Buffer; text: string; applied: number }> {
  const fixed = await fixUntilStable(toBuffer(text), async (bytes) => (await lintBytes(path, bytes, settings, 'lint')).diagnostics);
  return { bytes: fixed.bytes, text: fixed.bytes.toString('utf8'), applied: fixed.applied };
}

/** Reads a configuration as wazuh-analysisd and wazuh-maild of the target version (and the managers' build, `arch`) do at start-up. */
export function loadConfiguration(text: ConfigText, options: { targetVersion?: string | TargetVersion; arch?: ManagerArch; path?: string } = {}): AnalysisdConfig {
  const target = targetOf(options.targetVersion);
  const doc = new ConfigDocument(options.path ?? 'ossec.conf', toBuffer(text), readerOptions(target, options.arch));
  return loadAnalysisdConfig(doc, buildConfigView(doc), target);
}

/** A configuration loaded for simulation, with what the simulation knows beyond it. */
export interface Simulation {
  config: SimConfig;
  options: SimOptions;
  /** Wazuh's refusal messages when it would not start with this configuration (empty when it starts). */
  refusal: string[];
  /** The repeated_offenders minutes execd reads, for the timeline. */
  timeline: Pick<TimelineOptions, 'managerRepeatedOffenders' | 'agentRepeatedOffenders'>;
}

/** Settings of `loadSimulation`. */
export interface SimulationSettings {
  targetVersion?: string | TargetVersion;
  /**
   * The managers' build, as `arctl simulate --arch`: x86_64 (the default, signed char) or aarch64. It
   * decides how bytes >= 0x80 read and match (a non-ASCII rules_group binds only on aarch64).
   */
  arch?: ManagerArch;
  path?: string;
  /** Wazuh's rules (`loadRuleset`): rule levels, groups and no_ar from the ruleset instead of the alert. */
  ruleset?: Ruleset;
  agents?: readonly AgentInfo[];
  /** The agents' own ossec.conf (as `--agent-config`): its execd switch and repeated_offenders. */
  agentConfig?: ConfigText;
}

/** What the simulation knows beyond the configuration: the ruleset's rules and the agents. */
function simulationOptions(settings: { ruleset?: Ruleset; agents?: readonly AgentInfo[] }): SimOptions {
  return {
    ...(settings.ruleset ? { rules: settings.ruleset.rules } : {}),
    ...(settings.agents ? { agents: settings.agents } : {}),
  };
}

/**
 * The configuration each simulation was loaded from: `replayAlertsFile`'s worker threads load the same
 * simulation from the same bytes (a simulation built otherwise is replayed on the calling thread).
 */
const simulationSources = new WeakMap<Simulation, { path: string; bytes: Uint8Array }>();

/** Loads a configuration for `simulateAlert`, `replayAlerts` and `replayAlertsFile` (check `refusal`: Wazuh would not start). */
export function loadSimulation(text: ConfigText, settings: SimulationSettings = {}): Simulation {
  const target = targetOf(settings.targetVersion);
  const doc = new ConfigDocument(settings.path ?? 'ossec.conf', toBuffer(text), readerOptions(target, settings.arch));
  const config = loadSimConfig(doc, target, settings.arch);
  const options = simulationOptions(settings);
  const agentDoc = settings.agentConfig === undefined ? undefined : new ConfigDocument('agent ossec.conf', toBuffer(settings.agentConfig));
  if (agentDoc) {
    const stop = agentsExecdStop(agentDoc);
    if (stop) options.agentsExecdOff = { file: agentDoc.path, ...stop };
  }
  const simulation: Simulation = {
    config,
    options,
    refusal: config.refusal,
    timeline: {
      managerRepeatedOffenders: firstRepeatedOffenders(buildConfigView(doc)),
      agentRepeatedOffenders: agentDoc ? firstRepeatedOffenders(buildConfigView(agentDoc)) : undefined,
    },
  };
  simulationSources.set(simulation, { path: doc.path, bytes: doc.bytes });
  return simulation;
}

/** Settings of `diffConfigurations`. */
export interface DiffSettings {
  targetVersion?: string | TargetVersion;
  /** The managers' build, as `arctl diff --arch`: both sides are read and decided for it (see `SimulationSettings.arch`). */
  arch?: ManagerArch;
  /** Names of the two sides in the report (default `base` and `head`). */
  baseLabel?: string;
  headLabel?: string;
  /** Wazuh's rules (`loadRuleset`), as for `loadSimulation`. */
  ruleset?: Ruleset;
  agents?: readonly AgentInfo[];
  /** The agents' own ossec.conf (as `arctl diff --agent-config`): its execd switch, and its repeated_offenders in the copy notes. */
  agentConfig?: ConfigText;
  /** Example alerts kept per group of changed alerts (default 3). */
  maxExamples?: number;
}

/**
 * What a configuration change does (`arctl diff`): the static changes of responses, e-mail and white
 * list, and, given alerts, which of them the two configurations decide differently, grouped by change.
 */
export async function diffConfigurations(
  base: ConfigText,
  head: ConfigText,
  alerts?: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  settings: DiffSettings = {},
): Promise<DiffReport> {
  const target = targetOf(settings.targetVersion);
  const baseLabel = settings.baseLabel ?? 'base';
  const headLabel = settings.headLabel ?? 'head';
  const reader = readerOptions(target, settings.arch);
  const baseDoc = new ConfigDocument(baseLabel, toBuffer(base), reader);
  const headDoc = new ConfigDocument(headLabel, toBuffer(head), reader);
  const agentConfs = sharedAgentConfReport(target, { label: baseLabel, ...judgedRole(baseDoc) }, { label: headLabel, ...judgedRole(headDoc) }) ?? agentNodeReport(target, { label: baseLabel, doc: baseDoc }, { label: headLabel, doc: headDoc });
  if (agentConfs) return agentConfs;
  const baseSide = loadDiffSide(baseDoc, target, settings.arch);
  const headSide = loadDiffSide(headDoc, target, settings.arch);
  const options = simulationOptions(settings);
  const agentRepeatedOffenders = settings.agentConfig === undefined ? undefined : readAgentExecd(new ConfigDocument('agent ossec.conf', toBuffer(settings.agentConfig)), options);
  const diff = staticDiff(baseSide, headSide, options.rules, agentRepeatedOffenders, options.agentsExecdOff);
  let behaviour;
  if (alerts) {
    const acc = new BehaviourAccumulator(baseSide, headSide, diff.pairs, options, diff.emailDiffers, settings.maxExamples);
    acc.files.push('<alerts>');
    let index = 0;
    for await (const alert of alerts) {
      acc.add({ index, line: index + 1, alert });
      index++;
    }
    behaviour = acc.result();
  }
  return buildDiffReport({ target, base: { label: baseLabel, side: baseSide }, head: { label: headLabel, side: headSide }, diff, ...(behaviour ? { behaviour } : {}) });
}

/** A diff report as `arctl diff` prints it: `text` (no colour), `markdown` (for a pull request) or `json`. */
export function formatDiffReport(report: DiffReport, format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return renderDiffJson(report);
  if (format === 'markdown') return renderDiffMarkdown(report);
  return renderDiffText(report, new Chalk({ level: 0 }));
}

/** Which active responses and e-mails one alert would trigger, and why the others would not. */
export function simulateAlert(simulation: Simulation, alert: Record<string, unknown>, index = 0): AlertResult {
  return simulateOne(simulation.config, simulation.options, alert, index);
}

/**
 * Reads alerts from their bytes: one alert object, a JSON array, JSON lines (alerts.json) or objects one
 * after another, gzipped or not; a stream (`fs.createReadStream`) is read as it comes.
 */
export async function* readAlerts(input: ConfigText | Iterable<Uint8Array> | AsyncIterable<Uint8Array>, options: ReadAlertsOptions = {}): AsyncGenerator<AlertRecord> {
  try {
    yield* readAlertStream(asBufferStream(input), options);
  } catch (error) {
    // Input that is not alerts is an input error, as every other the library throws, with its line (the
    // reader's own error is the cause).
    if (error instanceof AlertSyntaxError) throw Object.assign(new InputError(error.message, { line: error.line, ...(error.column === undefined ? {} : { column: error.column }) }), { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw Object.assign(new InputError(`corrupt gzip data (${(error as Error).message})`), { cause: error });
    throw error;
  }
}

async function* asBufferStream(input: ConfigText | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    yield toBuffer(input);
    return;
  }
  for await (const chunk of input) yield toBuffer(chunk);
}

/** Options of `replayAlerts` (times are Unix seconds). */
export interface ReplayOptions {
  /** What execd keys a response on, when not the script's own key. */
  keyMode?: KeyMode;
  since?: number;
  until?: number;
  /** The time the still-active list of the summary refers to. */
  at?: number;
  /** Seconds an alert may arrive after a later one and still be replayed in order (default 60). */
  reorderWindow?: number;
}

const REPLAY_BATCH = 256;

/**
 * Replays alerts in timestamp order through execd's state (add, abort, delete after the timeout,
 * repeated offenders): yields each event or failure, and returns the summary.
 */
export async function* replayAlerts(
  simulation: Simulation,
  alerts: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  options: ReplayOptions = {},
): AsyncGenerator<TimelineItem, TimelineSummary> {
  const decide: DecideOptions = {
    ...(options.keyMode ? { keyMode: options.keyMode } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.until !== undefined ? { until: options.until } : {}),
    ...(options.at !== undefined ? { at: options.at } : {}),
  };
  async function* batches() {
    let records: AlertRecord[] = [];
    let index = 0;
    for await (const alert of alerts) {
      records.push({ index, line: index + 1, alert });
      index++;
      if (records.length === REPLAY_BATCH) {
        yield* decideBatches(records, simulation.config, simulation.options, decide);
        records = [];
      }
    }
    if (records.length > 0) yield* decideBatches(records, simulation.config, simulation.options, decide);
  }
  const replay = replayTimeline(
    batches(),
    simulation.config,
    { ...simulation.timeline, ...(simulation.options.agents ? { agents: simulation.options.agents } : {}), ...(options.reorderWindow !== undefined ? { reorderWindow: options.reorderWindow } : {}) },
    options.at,
  );
  for (;;) {
    const step = await replay.next();
    if (step.done) return step.value;
    yield* step.value;
  }
}

/** Options of `replayAlertsFile`: those of `replayAlerts`, and how the file is read. */
export interface FileReplayOptions extends ReplayOptions {
  /** Skip entries that are not alert objects (each reported to `onSkipped`) instead of throwing. */
  skipInvalid?: boolean;
  /** Worker threads that read and decide the alerts (0: the calling thread only); by default chosen from the file's size. */
  workers?: number;
  /** Read when the path is `-`. */
  stdin?: AsyncIterable<Uint8Array>;
  /** With `simulation.options.agents`: each dispatch carries the message analysisd sends the agent. */
  messages?: boolean;
  /** An entry skipped with `skipInvalid` (1-based line). */
  onSkipped?: (line: number, reason: string) => void;
  /** Bytes read so far (compressed bytes for a gzipped file) and alerts read. */
  onProgress?: (bytes: number, alerts: number) => void;
}

/**
 * Replays an alerts file (alerts.json, a JSON array, alerts.log; gzipped or not; `-` for
 * `options.stdin`) as `replayAlerts` does, reading a large file with worker threads. Reads the file
 * system; throws InputError naming the file (and line) when the alerts cannot be read.
 */
export async function* replayAlertsFile(simulation: Simulation, path: string, options: FileReplayOptions = {}): AsyncGenerator<TimelineItem, TimelineSummary> {
  const source = simulationSources.get(simulation);
  const { reorderWindow, stdin, workers, ...rest } = options;
  const replay = replayFile(
    { config: simulation.config, options: simulation.options, configPath: source?.path ?? 'ossec.conf', configBytes: source?.bytes ?? new Uint8Array() },
    path,
    {
      ...rest,
      timeline: { ...simulation.timeline, ...(reorderWindow !== undefined ? { reorderWindow } : {}) },
      ...(stdin ? { stdin: asBufferStream(stdin) } : {}),
      // Without its source the simulation cannot be loaded again in a worker.
      ...(source ? (workers !== undefined ? { workers } : {}) : { workers: 0 }),
    },
  );
  try {
    for (;;) {
      const step = await replay.items.next();
      if (step.done) return step.value;
      yield* step.value;
    }
  } catch (error) {
    const shown = path === '-' ? '<stdin>' : path;
    const refused = alertReadError(error, shown, Boolean(options.skipInvalid));
    // An entry that is not an alert: the error says where, as data too.
    throw refused;
  } finally {
    await replay.items.return(undefined as never);
  }
}

/** How `compareAlertsWithLog` reads the log and pairs its runs. */
export interface LogComparisonOptions extends Pick<ReplayOptions, 'keyMode' | 'reorderWindow'> {
  /** Seconds a replayed and a logged run may be apart and still match (default 5). */
  tolerance?: number;
  /** The agent id whose log it is ("000": the manager); inferred when not given. */
  host?: string;
  /** The log's clock: 'auto' (inferred from the alerts it holds, the default) or seconds east of UTC. */
  zone?: LogZone;
}

/**
 * `simulate --timeline --compare`: replays the alerts up to the end of a host's active-responses.log
 * (4.x or pre-4.2 text) and pairs the replay with what the log says ran, each difference with its most
 * likely cause.
 */
export async function compareAlertsWithLog(
  simulation: Simulation,
  alerts: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  logText: string,
  options: LogComparisonOptions = {},
): Promise<Comparison> {
  const log = readArLog(logText);
  const clock = logClock(log, options.zone ?? 'auto');
  const items: TimelineItem[] = [];
  const replay = replayAlerts(simulation, alerts, { ...(options.keyMode ? { keyMode: options.keyMode } : {}), ...(options.reorderWindow !== undefined ? { reorderWindow: options.reorderWindow } : {}) });
  let summary: TimelineSummary;
  for (;;) {
    const step = await replay.next();
    if (step.done) {
      summary = step.value;
      break;
    }
    items.push(step.value);
  }
  // Entries still active when the alerts end are deleted later, whether or not the log reaches that far.
  for (const a of summary.stillActive) {
    items.push({ type: 'event', event: { time: a.expiresAt, host: a.host, action: 'delete', command: a.command, name: a.name, key: a.key, alert: a.alert, rule: a.rule, timeout: a.timeout, offense: a.offense, addedAt: a.addedAt } });
  }
  return compareWithLog(items, log, clock, { config: simulation.config, simOptions: simulation.options }, {
    tolerance: options.tolerance ?? 5,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(summary.firstTime !== undefined ? { alertsFrom: summary.firstTime, alertsTo: summary.lastTime ?? summary.firstTime } : {}),
    ...(options.keyMode ? { keyMode: options.keyMode } : {}),
  });
}

/** The settings an edit's lint gate takes: lintText's, less what concerns reporting. */
export type GateLintSettings = Omit<LintSettings, 'quiet' | 'role'>;

/** The lint gate's options: the engine's, as `arctl lint` would lint the file. */
function gateOptions(settings: GateLintSettings): GateSettings {
  const { mode: _mode, schemaEngine: _engine, ...gate } = engineOptions(settings, 'lint');
  return gate;
}

/**
 * Applies `planAdd`'s / `planEdit`'s edits (byte offsets, in any order, not overlapping) to the text they
 * were planned on, a string (read as UTF-8, as the plan read it) or its bytes; returns the new bytes.
 */
export function applyEdits(text: ConfigText, edits: readonly TextEdit[]): Buffer {
  return applyByteEdits(toBuffer(text), edits);
}

/** `planAdd`'s request: the file as it is and the block to add. */
export interface AddPlanRequest {
  /** The file's current text, or null to start a new file. */
  text: ConfigText | null;
  spec: BlockSpec;
  /** Names the file in messages. */
  path?: string;
  /** The Wazuh version whose behaviour the lint gate checks (wins over `settings.targetVersion`). */
  targetVersion?: string | TargetVersion;
  /** Replace a command of the same name that has other content. */
  replace?: boolean;
  /** Added before an active response whose command the file does not define yet. */
  missingCommand?: CommandSpec;
  /** Rule severities (as `.arctl.json`): the lint gate counts errors as the user's lint would (wins over `settings.rules`). */
  rules?: Record<string, SeveritySetting>;
  /**
   * What the lint gate lints with, as lintText's settings (`lintSettingsOf(resolveSettings(...))` for those
   * of `arctl lint`: arch, ruleset, agents...); `targetVersion` and `rules` above win over its own.
   */
  settings?: GateLintSettings;
  /** Give a non-blank file without `<ossec_config>` a root (as `--create`) instead of refusing it. */
  create?: boolean;
}

/** What `planAdd` decided: nothing to do (and why), or edits to the file's bytes. */
export type AddEditPlan =
  | { changed: false; message: string }
  | {
      changed: true;
      /** Byte-offset edits of the current text (one, for one added block). */
      edits: TextEdit[];
      /** The new file. */
      after: Buffer;
      /** One line per block added or replaced, with its line in the new file. */
      summary: string[];
      /** The lint warnings the change brings (positions in `after`); errors refuse the change instead. */
      warnings: Diagnostic[];
    };

/**
 * Plans `arctl add` as text edits: where the block goes as Wazuh reads the file, in its indentation
 * and line endings. Throws CheckFailedError when the change would add lint errors or conflicts with a
 * command of the same name, InputError when the file is not a configuration.
 */
export function planAdd(request: AddPlanRequest): AddEditPlan {
  const bytes = request.text === null ? null : toBuffer(request.text);
  const addRequest: AddRequest = {
    path: request.path ?? 'ossec.conf',
    bytes,
    spec: request.spec,
    gate: gateOptions({ ...request.settings, ...(request.targetVersion !== undefined ? { targetVersion: request.targetVersion } : {}), ...(request.rules ? { rules: request.rules } : {}) }),
    ...(request.replace ? { replace: true } : {}),
    ...(request.missingCommand ? { missingCommand: request.missingCommand } : {}),
    ...(request.create ? { rootIntoText: true } : {}),
  };
  const plan = planAddBytes(addRequest);
  if (!plan.changed) return plan;
  return { changed: true, edits: [differingSpan(plan.before, plan.after)], after: plan.after, summary: plan.summary, warnings: plan.gate.newWarnings };
}

/** `planEdit`'s request: the file as it is and what to change in it. */
export interface EditPlanRequest {
  text: ConfigText;
  /**
   * What to change: `{ verb: 'set', kind, address, changes }` (changes as data, e.g. `{ option: 'timeout', set: '3600' }`,
   * or checked from flag-like values by `activeResponseChanges` / `emailAlertsChanges` / `globalChanges`),
   * `{ verb: 'set-global', changes }`, `{ verb: 'remove', kind, address }`, `{ verb: 'remove-white-list', entries }`,
   * `{ verb: 'disable', address }`, `{ verb: 'enable', address, force? }` (`force`: lint errors it brings back
   * do not refuse it). An address names a block as a user would: `{ name, nth, line }`.
   */
  operation: EditOperation;
  path?: string;
  /** What the lint gate lints with, as lintText's settings. */
  settings?: GateLintSettings;
}

/** What `planEdit` decided: as `planAdd`'s plan, with the warnings the change brings (positions in `after`). */
export type EditResult = AddEditPlan;

/**
 * Plans `arctl set` / `remove` / `disable` / `enable` as text edits, every other byte kept. Throws
 * AmbiguousAddressError (its `choices` list the blocks) when the address fits several blocks,
 * InputError when it fits none (remove: nothing to do) or the file is not a configuration, and
 * CheckFailedError when the change would add lint errors.
 */
export function planEdit(request: EditPlanRequest): EditResult {
  const plan = planEditBytes({ path: request.path ?? 'ossec.conf', bytes: toBuffer(request.text), operation: request.operation, gate: gateOptions(request.settings ?? {}) });
  if (!plan.changed) return plan;
  return { changed: true, edits: plan.edits, after: plan.after, summary: plan.summary, warnings: plan.gate.newWarnings };
}

/** The one edit that turns `before` into `after`, cut at UTF-8 character boundaries. */
function differingSpan(before: Buffer, after: Buffer): TextEdit {
  const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  while (start > 0 && (isContinuation(before[start]) || isContinuation(after[start]))) start--;
  let tail = 0;
  while (tail < max - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  while (tail > 0 && (isContinuation(before[before.length - tail]) || isContinuation(after[after.length - tail]))) tail--;
  return { start, end: before.length - tail, text: after.subarray(start, after.length - tail).toString('utf8') };
}

/** Every rule arctl can report (id, fixable, needs, summary, docs, each message's severity and template), sorted by id. */
export function rules(): RuleMeta[] {
  return [...ruleCatalogue().values()];
}

/** A rule's documentation as markdown (what `arctl explain` and docs/rules/<id>.md show), or undefined for an unknown id. */
export function ruleDocumentation(id: string): string | undefined {
  const rule = ruleCatalogue().get(id);
  return rule ? renderRuleDoc(rule) : undefined;
}

/** A 1-based line and column (UTF-16 code units, as editors count). */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Converts a text's byte offsets (fix ranges, edits) to line/column positions and back, without
 * parsing it: `const p = positionsOf(text); p.position(fix.range[0]); p.offset({ line, column })`.
 */
export function positionsOf(text: ConfigText): { position(offset: number): TextPosition; offset(position: TextPosition): number } {
  return new TextPositions(toBuffer(text));
}

/** Options of `formatReports`. */
export interface FormatOptions {
  /** Paths in CI formats are made relative to this directory (default: the process's). */
  cwd?: string;
  /** ANSI colours in the stylish format (default off). */
  color?: boolean;
}

/** Formats lint reports as `arctl lint --format` does: stylish, json, sarif, github, gitlab or junit. */
export function formatReports(reports: readonly FileReport[], format: FormatName, options: FormatOptions = {}): string {
  const formatter = Object.hasOwn(formatters, format) ? formatters[format] : undefined;
  if (!formatter) throw new TypeError(`unknown format '${String(format)}'`);
  return formatter(reports, { rules: ruleCatalogue(), color: new Chalk({ level: options.color ? 1 : 0 }), cwd: options.cwd ?? process.cwd(), toolVersion: VERSION });
}
