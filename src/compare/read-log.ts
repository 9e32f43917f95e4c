/**
 * active-responses.log read into runs: one entry per message execd gave a program (add, abort, delete),
 * or per program run that stopped before execd could keep it (fail). The log's lines are in
 * src/wazuh/ar-log.ts; here they are put together the way a run writes them.
 *
 * A 4.x run: "Starting", the message from execd (command add or delete, with the alert), for an add the
 * check_keys message with the keys and execd's answer (continue or abort), perhaps errors, "Ended" (or
 * "Aborted"). Runs of one program follow each other; a run is taken by its program's name.
 */
import { CHECK_KEYS, RUN_ABORTED, RUN_END, RUN_START, informationalMessage, readArLogLine, readLegacyRun } from '../wazuh/ar-log.ts';
import { cjsonGet } from '../wazuh/cjson.ts';
import { isObject } from '../util/is-object.ts';

export type LoggedAction = 'add' | 'abort' | 'delete' | 'fail';

export interface LoggedRun {
  /** Line of the message from execd (the legacy line), 1-based. */
  line: number;
  /** The host's local time of that line, read as if it were UTC. */
  localTime: number;
  /** A zone the line itself states (legacy date(1) with UTC or a numeric zone), seconds east of UTC. */
  zoneOffset?: number;
  format: 'json' | 'legacy';
  /** argv[0] (4.x) or $0 (legacy). */
  program: string;
  action: LoggedAction;
  /** The check_keys answer (4.x adds and aborts), or the legacy srcip argument. */
  keys?: string[];
  /** The alert execd passed (4.x). */
  alert?: Record<string, unknown>;
  alertId?: string;
  ruleId?: string;
  /** The first error the program wrote in this run (the run failed), and its line. */
  error?: string;
  errorLine?: number;
}

export interface ArLog {
  runs: LoggedRun[];
  /** Lines that are in neither shape (not counting blank lines). */
  unread: number;
  /** The first of them, for the message. */
  firstUnread?: number;
  /** Local times of the first and last lines read. */
  firstLocal?: number;
  lastLocal?: number;
  format?: 'json' | 'legacy' | 'mixed';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** A 4.x run being read: the message from execd it answers, and what followed. */
interface OpenRun {
  run: LoggedRun;
  /** execd's answer to check_keys came (continue or abort). */
  answered: boolean;
}

export function readArLog(content: string): ArLog {
  const log: ArLog = { runs: [], unread: 0 };
  const open = new Map<string, OpenRun>();
  const formats = new Set<'json' | 'legacy'>();
  const lines = content.split('\n');
  let lastLegacy: LoggedRun | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const parsed = readArLogLine(raw);
    if (!parsed) {
      log.unread++;
      log.firstUnread ??= lineNo;
      continue;
    }
    formats.add(parsed.format);
    log.firstLocal = Math.min(log.firstLocal ?? parsed.localTime, parsed.localTime);
    log.lastLocal = Math.max(log.lastLocal ?? parsed.localTime, parsed.localTime);
    if (parsed.format === 'legacy') {
      const run = readLegacyRun(parsed.rest);
      if (run) {
        lastLegacy = {
          line: lineNo,
          localTime: parsed.localTime,
          ...(parsed.zoneOffset !== undefined ? { zoneOffset: parsed.zoneOffset } : {}),
          format: 'legacy',
          program: run.script,
          action: run.action,
          keys: [run.srcip],
          alertId: run.alertId,
          ruleId: run.ruleId,
        };
        log.runs.push(lastLegacy);
      } else if (lastLegacy && !lastLegacy.error && parsed.localTime - lastLegacy.localTime <= LEGACY_ERROR_SECONDS) {
        // A script's error line (`date` then text) belongs to the run just before it.
        lastLegacy.error = parsed.rest;
        lastLegacy.errorLine = lineNo;
      }
      continue;
    }
    const { program, message } = parsed;
    const current = open.get(program);
    if (message === RUN_START) {
      open.delete(program);
      continue;
    }
    if (message.startsWith('{')) {
      let value: unknown;
      try {
        value = JSON.parse(message);
      } catch {
        value = undefined;
      }
      if (value === undefined) {
        const cut = cutExecdLine(message);
        if (cut) {
          // execd's line, longer than the program reads (fgets into OS_MAXSTR): the program logged the part it
          // read and stops with "Invalid input format", before check_keys (an add execd keeps nothing of).
          const run: LoggedRun = { line: lineNo, localTime: parsed.localTime, format: 'json', program, action: cut.command === 'add' ? 'fail' : 'delete', ...cut.ids };
          log.runs.push(run);
          open.set(program, { run, answered: false });
        }
        continue;
      }
      const command = isObject(value) ? text(cjsonGet(value, 'command')) : undefined;
      const parameters = isObject(value) ? cjsonGet(value, 'parameters') : undefined;
      if (command === 'add' || command === 'delete') {
        const alert = isObject(parameters) ? cjsonGet(parameters, 'alert') : undefined;
        const rule = isObject(alert) ? cjsonGet(alert, 'rule') : undefined;
        const run: LoggedRun = {
          line: lineNo,
          localTime: parsed.localTime,
          format: 'json',
          program,
          // An add becomes add or abort with execd's answer; without an answer it stays a failed run.
          action: command === 'add' ? 'fail' : 'delete',
          ...(isObject(alert) ? { alert, alertId: text(cjsonGet(alert, 'id')) } : {}),
          ...(isObject(rule) ? { ruleId: text(cjsonGet(rule, 'id')) } : {}),
        };
        log.runs.push(run);
        open.set(program, { run, answered: false });
      } else if (command === CHECK_KEYS && current) {
        const keys = isObject(parameters) ? cjsonGet(parameters, 'keys') : undefined;
        current.run.keys = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
      } else if ((command === 'continue' || command === 'abort') && current && current.run.action !== 'delete') {
        current.run.action = command === 'continue' ? 'add' : 'abort';
        current.answered = true;
      }
      continue;
    }
    if (message === RUN_END || message === RUN_ABORTED) {
      if (current && current.run.action === 'fail' && !current.run.error) {
        // A program that never sent check_keys keeps no state (execd runs it and forgets it); one that did got no answer.
        if (current.run.keys === undefined) current.run.action = 'add';
        else {
          current.run.error = 'the program ended before execd answered its check_keys message';
          current.run.errorLine = lineNo;
        }
      }
      open.delete(program);
      continue;
    }
    if (current && !current.run.error && !informationalMessage(message)) {
      current.run.error = message;
      current.run.errorLine = lineNo;
    }
  }
  // A run still open at the end of the log may be running still: an add without an answer is not a failure yet.
  for (const { run, answered } of open.values()) if (run.action === 'fail' && !answered && !run.error) run.action = 'add';
  log.format = formats.size === 2 ? 'mixed' : formats.has('legacy') ? 'legacy' : formats.has('json') ? 'json' : undefined;
  return log;
}

/** The start of the line execd writes a program (src/os_execd/execd.c ExecdRun), up to its command. */
const EXECD_LINE_START = /^\{"version":[^,{}]*,"origin":\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\},"command":"(add|delete)","parameters":\{/;
/** In the alert of a cut line: its id (seconds.id) and its rule's id, which come before the long fields. */
const ALERT_ID = /"id":"(\d+\.\d+)"/;
const RULE_ID = /"rule":\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*?"id":"(\d+)"/;

/** execd's line as a program logged it after reading only its first OS_MAXSTR - 1 bytes: what can be read of it. */
function cutExecdLine(message: string): { command: 'add' | 'delete'; ids: Pick<LoggedRun, 'alertId' | 'ruleId'> } | undefined {
  const start = EXECD_LINE_START.exec(message);
  if (!start) return undefined;
  const alertId = ALERT_ID.exec(message)?.[1];
  const ruleId = RULE_ID.exec(message)?.[1];
  return { command: start[1] as 'add' | 'delete', ids: { ...(alertId !== undefined ? { alertId } : {}), ...(ruleId !== undefined ? { ruleId } : {}) } };
}

/** A legacy error line this close after a run line is that run's (the scripts run in well under a second). */
const LEGACY_ERROR_SECONDS = 5;
