/**
 * Drives a program through execd's exchange, message by message, on the timeline's fake clock
 * (src/timeline/execd-state.ts decides add / abort / delete and repeated offenders; the program's real
 * check_keys reply decides the key). The facts of each exchange are in src/wazuh/execd-protocol.ts.
 */
import { ExecdTimeline, type TimelineEvent } from '../timeline/execd-state.ts';
import { legacyKeys } from '../timeline/keys.ts';
import { parseExecdReply, REPLY_LINE_MAX, withCommand, type ExecdReply } from '../wazuh/execd-protocol.ts';
import type { FileChange } from './file-changes.ts';
import type { ExitStatus, ScriptHost, ScriptProcess } from './process.ts';
import { cjsonPrintUnformatted } from '../wazuh/cjson.ts';

/**
 * first: the alert; repeat: the same alert again while its entry is active (execd must answer abort);
 * other-offender: the alert with another source IP (a different key: continue); re-offence: the first
 * offender again after its delete (repeated offenders); alert: one of an alerts file.
 */
export type DeliveryRole = 'first' | 'repeat' | 'other-offender' | 're-offence' | 'alert';

/** One message analysisd sends to the host's execd. */
export interface Delivery {
  /** Fake-clock seconds. */
  time: number;
  /** Why the scenario sends it (shown in the report). */
  label: string;
  role: DeliveryRole;
  alertId: string;
  ruleId: string;
  /** 4.2+: the JSON message execd writes (command "add"). */
  message?: Record<string, unknown>;
  /** Legacy: the argv execd runs (argv[1] is "add"). */
  argv?: string[];
}

export interface DriveOptions {
  /** active-response/bin/NAME, as execd passes it. */
  program: string;
  /** `<command>` name and the AR name sent (command + timeout). */
  command: string;
  /** Seconds (0: execd keeps nothing). */
  timeout: number;
  repeatedOffenders?: number[];
  /** Milliseconds the program gets for each step (a reply, an exit) before it counts as hung. */
  deadlineMs: number;
}

export type ReplyOutcome =
  /** A line within the deadline, stdin still open (what execd needs). */
  | { kind: 'line'; line: string; truncated: boolean; parsed: ExecdReply }
  /** stdout closed (or the program exited) without a line: execd keeps nothing. */
  | { kind: 'none' }
  /**
   * Nothing within the deadline while stdin was open: execd would wait forever. `afterEof` is what
   * happened once stdin was closed, which tells reading-to-EOF and unflushed output from a hang.
   */
  | { kind: 'hang'; afterEof: 'line' | 'eof' | 'timeout'; lateLine?: string };

export interface Run {
  /** 1-based step. */
  step: number;
  time: number;
  label: string;
  /** The delivery's role; deletes: 'delete'. */
  role: DeliveryRole | 'delete';
  action: 'add' | 'delete';
  /** 4.2+: what execd wrote after the reply. */
  answer?: 'continue' | 'abort';
  argv: string[];
  /** The lines written to stdin, in order. */
  stdin: string[];
  reply?: ReplyOutcome;
  /** execd's key for this run (add runs; delete runs: the entry's key). */
  key?: string;
  /** Add runs: the rule id of the alert sent. */
  ruleId?: string;
  /** Seconds the entry stays (after repeated offenders), 0 = never undone. */
  entryTimeout?: number;
  offense?: number;
  exit: ExitStatus | 'hang';
  ms: number;
  stderr: string;
  extraStdout: string;
  effects: string[];
  /** The file effects in detail (path, change, a diff for small text files), when the host sees files. */
  changes?: FileChange[];
}

/** Legacy execd (< 4.2) does not run the program again for a key already in its list. */
export interface Skipped {
  time: number;
  label: string;
  key: string;
}

export interface DriveResult {
  runs: Run[];
  /** Legacy aborts: deliveries execd did not run. */
  notRun: Skipped[];
}

/** Runs every delivery in time order, then every delete still due, through the host. */
export async function drive(host: ScriptHost, deliveries: Delivery[], options: DriveOptions): Promise<DriveResult> {
  const timeline = new ExecdTimeline(() => options.repeatedOffenders);
  const runs: Run[] = [];
  const notRun: Skipped[] = [];
  /** The delete message (or argv) of each entry in the list, by key. */
  const pending = new Map<string, { message?: Record<string, unknown>; argv?: string[] }>();
  const step = () => runs.length + 1;

  const runDeletes = async (time: number) => {
    const due: TimelineEvent[] = [];
    timeline.advance(time, (e) => due.push(e));
    for (const event of due) {
      const entry = pending.get(event.key);
      pending.delete(event.key);
      if (!entry) continue;
      runs.push(await deleteRun(host, options, step(), event, entry));
    }
  };

  for (const delivery of deliveries) {
    await runDeletes(delivery.time);
    const dispatch = { time: delivery.time, host: 'host', command: options.command, name: options.command, program: options.program, timeout: options.timeout, alertId: delivery.alertId, ruleId: delivery.ruleId };
    if (delivery.argv) {
      // Legacy execd decides from the argv before it runs anything (its key is the srcip argument).
      const keys = legacyKeys(delivery.argv);
      let event: TimelineEvent | undefined;
      timeline.receive({ ...dispatch, keys: keys.kind === 'keys' ? keys.keys : [] }, (e) => (event = e));
      if (event?.action === 'abort') {
        notRun.push({ time: delivery.time, label: delivery.label, key: event.key });
        continue;
      }
      const run = await legacyRun(host, options, step(), delivery, event);
      runs.push(run);
      if (event && event.timeout > 0) pending.set(event.key, { argv: [delivery.argv[0]!, 'delete', ...delivery.argv.slice(2)] });
      continue;
    }
    const message = delivery.message!;
    const run = await addRun(host, options, step(), delivery, message, (keys) => {
      let event: TimelineEvent | undefined;
      timeline.receive({ ...dispatch, keys }, (e) => (event = e));
      return event!;
    });
    runs.push(run);
    if (run.answer === 'continue' && (run.entryTimeout ?? 0) > 0 && run.key !== undefined) pending.set(run.key, { message: withCommand(message, 'delete') });
  }
  const last = Math.max(...timeline.stillActive().map((e) => e.expiresAt));
  if (Number.isFinite(last)) await runDeletes(last);
  return { runs, notRun };
}

function line(message: Record<string, unknown>): string {
  return `${cjsonPrintUnformatted(message)}\n`;
}

type Outcome = Pick<Run, 'exit' | 'ms' | 'stderr' | 'extraStdout' | 'effects' | 'changes'>;

/** Waits for the exit (killing a program still running at the deadline) and collects what it left. */
async function finish(host: ScriptHost, proc: ScriptProcess, deadlineMs: number): Promise<Outcome> {
  const status = await proc.wait(deadlineMs);
  if (status === 'timeout') await proc.kill();
  const stderr = proc.stderr();
  const effects = [...host.takeEffects(), ...refusedWrites(stderr), ...(host.stderrEffects?.(stderr) ?? [])];
  const changes = host.lastFileChanges?.();
  return { exit: status === 'timeout' ? 'hang' : status, ms: proc.elapsedMs(), stderr, extraStdout: proc.extraStdout(), effects, ...(changes ? { changes } : {}) };
}

const READ_ONLY = 'Read-only file system';
/** The prefix of an effect refusedWrites() reports. */
export const TRIED_TO_WRITE = 'tried to write ';

/**
 * What the program tried to change outside the installation directory, from its stderr: in the mount namespace
 * every other file is read-only, so the write fails with EROFS and the shell, Python or coreutils say which
 * path (`cannot create /etc/hosts.deny: Read-only file system`, `[Errno 30] Read-only file system: '/x'`).
 */
export function refusedWrites(stderr: string): string[] {
  const found: string[] = [];
  for (const line of stderr.split('\n')) {
    const at = line.indexOf(READ_ONLY);
    if (at < 0) continue;
    const quoted = /: '([^']+)'\s*$/.exec(line.slice(at));
    const before = /(?:^|\s)'?([^\s']+?)'?:\s*$/.exec(line.slice(0, at));
    // A word with no slash is a C program's perror("fopen") more likely than a path: a relative path is in the writable working directory.
    const path = quoted?.[1] ?? (before?.[1]?.includes('/') ? before[1] : undefined);
    const effect = `${TRIED_TO_WRITE}${path ?? 'a file'}: read-only in the test, not changed${path ? '' : ` (${line.trim().slice(0, 200)})`}`;
    if (!found.includes(effect)) found.push(effect);
  }
  return found;
}

const CROSS_DEVICE = 'Invalid cross-device link';
/** How a rename effect (refusedRenames) names the refusal: the mark stderr filters look for. */
const RENAME_REFUSED = `(${CROSS_DEVICE})`;

/**
 * The renames the sandbox refused, from the program's stderr: rename(2) fails with EXDEV there where the agent
 * would rename. Unprivileged overlayfs (userxattr) cannot record a rename of a directory of this machine (no
 * redirect_dir), and each overlaid tree is a mount of its own, as is the private /tmp (holding the installation
 * directory where arctl's temporary directory is in /tmp), between which the kernel renames nothing, even where
 * this machine has them on one file system (a script that writes /tmp/x, then renames it to /etc/x). `mv` copies instead, and works; Python's os.rename,
 * a C program's rename() do not: `[Errno 18] Invalid cross-device link: '/tmp/x' -> '/etc/x'`, `rename: ...`.
 */
export function refusedRenames(stderr: string): string[] {
  const found: string[] = [];
  for (const line of stderr.split('\n')) {
    const at = line.indexOf(CROSS_DEVICE);
    if (at < 0) continue;
    const pair = /: '([^']+)' -> '([^']+)'/.exec(line.slice(at));
    const quoted = /: '([^']+)'/.exec(line.slice(at));
    const before = /(?:^|\s)'?([^\s']+?)'?:\s*$/.exec(line.slice(0, at));
    const path = pair?.[1] ?? quoted?.[1] ?? (before?.[1]?.includes('/') ? before[1] : undefined);
    const what = path ? `${path} (a rename${pair ? ` to ${pair[2]}` : ''})` : 'a file (a rename)';
    const effect = `${TRIED_TO_WRITE}${what}: the test's sandbox refused it ${RENAME_REFUSED} where the agent may rename it: its overlay cannot rename a directory of this machine, and each overlaid tree is a mount of its own, as is its private /tmp (which holds the installation directory), between which nothing can be renamed; not changed${path ? '' : ` (${line.trim().slice(0, 200)})`}`;
    if (!found.includes(effect)) found.push(effect);
  }
  return found;
}

const TRACEBACK = 'Traceback (most recent call last):';
/** The lines that join the tracebacks of a chained Python exception. */
const CHAINED = ['During handling of the above exception, another exception occurred:', 'The above exception was the direct cause of the following exception:'];

/**
 * The program's stderr without what the test caused and the run's effects already report: the EROFS lines
 * refusedWrites() reports, the EXDEV lines refusedRenames() reported for this run (`effects`), and a Python
 * traceback that ends in one of them, whole (`Traceback (most recent call last):`, its frames, the exception
 * line, and the tracebacks chained to it). What is left is the program's own noise.
 */
export function withoutRefusals(stderr: string, effects: readonly string[] = []): string {
  const renames = effects.some((e) => e.includes(RENAME_REFUSED));
  const refusal = (line: string) => line.includes(READ_ONLY) || (renames && line.includes(CROSS_DEVICE));
  const lines = stderr.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== TRACEBACK) {
      if (!refusal(lines[i]!)) kept.push(lines[i]!);
      continue;
    }
    // A traceback report: blocks of frames (indented) ended by an exception line, chained by a sentence between blank lines.
    let end = i;
    let refused = false;
    for (;;) {
      let k = end + 1;
      while (k < lines.length && /^\s/.test(lines[k]!)) k++;
      if (k >= lines.length) {
        end = k - 1;
        break;
      }
      refused ||= refusal(lines[k]!);
      end = k;
      if (lines[k + 1] === '' && CHAINED.includes(lines[k + 2] ?? '') && lines[k + 3] === '' && lines[k + 4] === TRACEBACK) end = k + 4;
      else break;
    }
    if (!refused) kept.push(...lines.slice(i, end + 1).filter((l) => !refusal(l)));
    i = end;
  }
  return kept.join('\n');
}

async function addRun(
  host: ScriptHost,
  options: DriveOptions,
  step: number,
  delivery: Delivery,
  message: Record<string, unknown>,
  decide: (keys: string[] | null) => TimelineEvent,
): Promise<Run> {
  const argv = [options.program];
  const proc = host.spawn({ argv, stdin: 'pipe', stdout: 'pipe' });
  const stdin = [cjsonPrintUnformatted(message)];
  proc.write(line(message));
  const first = await proc.readLine(options.deadlineMs);
  let reply: ReplyOutcome;
  if (first.kind === 'line') {
    const text = first.line.replace(/\r$/, '');
    reply = { kind: 'line', line: first.line, truncated: first.truncated, parsed: first.truncated ? { kind: 'other', reason: `the line is longer than execd reads (${REPLY_LINE_MAX} bytes)` } : parseExecdReply(text) };
  } else if (first.kind === 'eof') {
    reply = { kind: 'none' };
  } else {
    // execd would block here for good; close stdin to learn why.
    proc.closeStdin();
    const late = await proc.readLine(options.deadlineMs);
    reply = { kind: 'hang', afterEof: late.kind, ...(late.kind === 'line' ? { lateLine: late.line } : {}) };
  }

  let answer: 'continue' | 'abort' | undefined;
  let event: TimelineEvent;
  if (reply.kind === 'line') {
    event = decide(reply.parsed.kind === 'check_keys' ? reply.parsed.keys : []);
    answer = event.action === 'abort' ? 'abort' : 'continue';
    const follow = withCommand(message, answer);
    stdin.push(cjsonPrintUnformatted(follow));
    proc.write(line(follow));
  } else {
    // No reply (or a hang, which in production keeps execd from ever adding the entry).
    event = decide(null);
  }
  proc.closeStdin();
  proc.closeStdout();
  const outcome = await finish(host, proc, options.deadlineMs);
  return {
    step,
    time: delivery.time,
    label: delivery.label,
    role: delivery.role,
    action: 'add',
    ...(answer ? { answer } : {}),
    argv,
    stdin,
    reply,
    key: event.key,
    ruleId: delivery.ruleId,
    entryTimeout: reply.kind === 'line' ? event.timeout : 0,
    offense: event.offense,
    ...outcome,
  };
}

async function deleteRun(host: ScriptHost, options: DriveOptions, step: number, event: TimelineEvent, entry: { message?: Record<string, unknown>; argv?: string[] }): Promise<Run> {
  const legacy = entry.argv !== undefined;
  const argv = entry.argv ?? [options.program];
  const proc = host.spawn({ argv, stdin: legacy ? 'null' : 'pipe', stdout: 'null' });
  const stdin: string[] = [];
  if (entry.message) {
    stdin.push(cjsonPrintUnformatted(entry.message));
    proc.write(line(entry.message));
    proc.closeStdin();
  }
  const outcome = await finish(host, proc, options.deadlineMs);
  return {
    step,
    time: event.time,
    label: `the entry's timeout (${event.timeout}s) ran out`,
    role: 'delete',
    action: 'delete',
    argv,
    stdin,
    key: event.key,
    entryTimeout: event.timeout,
    offense: event.offense,
    ...outcome,
  };
}

async function legacyRun(host: ScriptHost, options: DriveOptions, step: number, delivery: Delivery, event: TimelineEvent | undefined): Promise<Run> {
  const argv = delivery.argv!;
  const proc = host.spawn({ argv, stdin: 'null', stdout: 'null' });
  const outcome = await finish(host, proc, options.deadlineMs);
  return {
    step,
    time: delivery.time,
    label: delivery.label,
    role: delivery.role,
    action: 'add',
    argv,
    stdin: [],
    ...(event ? { key: event.key, entryTimeout: event.timeout, offense: event.offense } : {}),
    ...outcome,
  };
}
