/**
 * Judges the runs of one program against what execd needs of it. Data in, checks out: each check
 * says what was found, shows the runs that show it, and how to fix it.
 */
import { AR_LOG_FILE, checkKeysMessage } from '../wazuh/execd-protocol.ts';
import { TRIED_TO_WRITE, withoutRefusals, type DriveResult, type Run } from './driver.ts';
import type { Check } from './model.ts';

export interface JudgeContext {
  protocol: 'json' | 'legacy';
  /** Seconds the configuration keeps the entry (0: stateless, execd keeps nothing). */
  timeout: number;
  deadlineMs: number;
  /** basename of the program (execd's key prefix). */
  programBase: string;
  /** Where the source reads stdin to its end, when a pattern shows it. */
  readsToEofAt?: string;
}

const FIX_ONE_LINE = 'read exactly one line for the message (bash: read -r INPUT_JSON; Python: sys.stdin.readline(); C: fgets()), write the check_keys line, flush it, then read one more line for continue/abort';

function runName(run: Run): string {
  return `step ${run.step} (${run.action}${run.answer ? ` → ${run.answer}` : ''}, ${run.label})`;
}

function exitText(run: Run): string {
  if (run.exit === 'hang') return 'still running at the deadline (killed)';
  if (run.exit.signal) return `killed by ${run.exit.signal}`;
  return run.exit.code === 127 ? 'exit 127 (it could not be executed)' : `exit ${run.exit.code}`;
}

/**
 * A finding per run: the first is the summary; runs with the same finding are listed by step, others
 * in full.
 */
function check(id: string, title: string, failures: string[], warnings: string[], passSummary: string, fix?: string): Check {
  const found = failures.length > 0 ? failures : warnings;
  if (found.length === 0) return { id, title, status: 'pass', summary: passSummary, evidence: [] };
  return { id, title, status: failures.length > 0 ? 'fail' : 'warn', summary: found[0]!, evidence: condense(found.slice(1), found[0]!), ...(fix ? { fix } : {}) };
}

const STEP = /^step (\d+) \([^)]*(?:\([^)]*\))?[^)]*\): /;

function condense(rest: string[], first: string): string[] {
  const tail = (text: string) => text.replace(STEP, '');
  const same = rest.filter((t) => tail(t) === tail(first)).map((t) => STEP.exec(t)?.[1]).filter((n): n is string => n !== undefined);
  const other = rest.filter((t) => tail(t) !== tail(first));
  return [...(same.length > 0 ? [`the same at step${same.length > 1 ? 's' : ''} ${same.join(', ')}`] : []), ...other];
}

function skip(id: string, title: string, why: string): Check {
  return { id, title, status: 'skip', summary: why, evidence: [] };
}

export function judge(result: DriveResult, ctx: JudgeContext): Check[] {
  const runs = result.runs;
  const adds = runs.filter((r) => r.action === 'add');
  const deletes = runs.filter((r) => r.action === 'delete');
  const checks: Check[] = [];
  if (ctx.protocol === 'json') {
    checks.push(replyCheck(adds, ctx), keysCheck(adds, ctx), distinctCheck(adds, ctx), abortCheck(adds, ctx));
  } else {
    const why = 'legacy protocol: execd passes the message as arguments and reads nothing back';
    checks.push(skip('reply', 'answers execd with one line', why), skip('check-keys', 'the reply is check_keys with the keys of the offence', why));
    checks.push(
      result.notRun.length > 0
        ? { id: 'abort', title: 'a repeated offence does not run it again', status: 'pass', summary: `legacy execd did not run it for ${result.notRun.map((n) => `t=${n.time}s (${n.key})`).join(', ')}: its key was still in the list`, evidence: [] }
        : skip('abort', 'a repeated offence does not run it again', 'no repeated offence in this scenario'),
    );
  }
  checks.push(exitCheck(runs, ctx), actsCheck(adds), deleteCheck(adds, deletes, ctx), statusCheck(runs), stderrCheck(runs), stdoutCheck(adds, ctx));
  return checks;
}

function replyCheck(adds: Run[], ctx: JudgeContext): Check {
  const title = 'answers execd with one line while stdin stays open';
  const failures: string[] = [];
  const warnings: string[] = [];
  // Runs that exited 0 without a line and without doing anything, by a program that answers execd on other
  // alerts: an alert it cannot act on (Wazuh's own firewall-drop exits so when the alert has no srcip,
  // src/active-response/active_responses.c): nothing was done, so nothing is left to undo. A program that
  // never answers (one written for the argv of execd before 4.2, say) still fails.
  const answersOthers = adds.some((r) => r.reply?.kind === 'line');
  const idle: Run[] = [];
  let fix = FIX_ONE_LINE;
  for (const run of adds) {
    const reply = run.reply;
    if (!reply || reply.kind === 'line') continue;
    if (answersOthers && reply.kind !== 'hang' && run.effects.length === 0 && run.exit !== 'hang' && run.exit.code === 0 && !run.exit.signal) {
      idle.push(run);
      continue;
    }
    if (reply.kind === 'hang') {
      const why =
        reply.afterEof === 'line'
          ? `its line came only after stdin was closed: it reads stdin to the end${ctx.readsToEofAt ? ` (${ctx.readsToEofAt})` : ''} or does not flush its output`
          : reply.afterEof === 'eof'
            ? `it exited only once stdin was closed, without a line: it reads stdin to the end${ctx.readsToEofAt ? ` (${ctx.readsToEofAt})` : ''}`
            : 'it stayed silent even after stdin was closed';
      failures.push(`${runName(run)}: no line within ${ctx.deadlineMs / 1000}s with stdin open; ${why}. execd keeps the pipe open and waits for that line with no time limit: in production this hangs execd and every active response after it (wazuh/wazuh#35690)`);
      if (reply.afterEof === 'line' && !ctx.readsToEofAt) fix = `${FIX_ONE_LINE} (Python: print(..., flush=True) or sys.stdout.flush(); C: fflush(stdout))`;
    } else if (ctx.timeout > 0) {
      failures.push(`${runName(run)}: ${exitText(run)} without a line: execd adds no timeout entry, so the ${ctx.timeout}s timeout never runs delete (the response is never undone)`);
    } else {
      warnings.push(`${runName(run)}: ${exitText(run)} without a line: fine for this stateless response (timeout 0), but a timeout would never be undone`);
    }
  }
  const answered = adds.length - idle.length;
  const idleText = idle.length > 0 ? `; step${idle.length > 1 ? 's' : ''} ${idle.map((r) => r.step).join(', ')} exited 0 without a line and did nothing (an alert it cannot act on: nothing to undo)` : '';
  return check('reply', title, failures, warnings, `every add run that acted wrote one line and waited for execd's answer (${answered} run(s))${idleText}`, fix);
}

function keysCheck(adds: Run[], ctx: JudgeContext): Check {
  const title = 'the reply is check_keys with the keys of the offence';
  const failures: string[] = [];
  const warnings: string[] = [];
  const stateful = ctx.timeout > 0;
  let answered = 0;
  for (const run of adds) {
    const reply = run.reply;
    if (!reply || reply.kind !== 'line') continue;
    answered++;
    const quoted = `'${reply.line.length > 200 ? `${reply.line.slice(0, 200)}…` : reply.line}'`;
    if (reply.parsed.kind === 'other') {
      const text = `${runName(run)}: reply ${quoted} is not a check_keys message execd accepts (${reply.parsed.reason}): the key is the bare '${ctx.programBase}', so every alert shares one entry and a second offender is answered abort (wazuh/wazuh#13116)`;
      (stateful ? failures : warnings).push(text);
    } else if (reply.parsed.keys.length === 0) {
      const text = `${runName(run)}: check_keys with no keys: the key is the bare '${ctx.programBase}', so every alert shares one entry and a second offender is answered abort`;
      (stateful ? failures : warnings).push(text);
    } else if (reply.parsed.ignored > 0) {
      warnings.push(`${runName(run)}: ${reply.parsed.ignored} key(s) are not strings; execd skips them`);
    }
  }
  if (answered === 0) return skip('check-keys', title, 'no add run answered');
  const example = checkKeysMessage(ctx.programBase, ['203.0.113.7']);
  return check('check-keys', title, failures, warnings, `keys: ${[...new Set(adds.filter((r) => r.reply?.kind === 'line').map((r) => r.key))].join(', ')}`, `reply with one line such as ${example} (version, origin, command and parameters are all required)`);
}

function distinctCheck(adds: Run[], ctx: JudgeContext): Check {
  const title = 'another offender gets its own entry (continue, not abort)';
  const other = adds.find((r) => r.role === 'other-offender');
  if (!other) return skip('distinct-keys', title, adds.some((r) => r.role === 'alert') ? 'an alerts file: only its own alerts are sent' : 'the alert has no data.srcip to vary');
  if (ctx.timeout === 0) return skip('distinct-keys', title, 'stateless response (timeout 0): execd keeps no entries');
  if (other.answer === 'abort') {
    const fix = 'put the offender in the keys: {"parameters":{"keys":[SRCIP]}}';
    // Wazuh's documented custom-script template keys on the rule id: one entry per rule, by design.
    const keys = other.reply?.kind === 'line' && other.reply.parsed.kind === 'check_keys' ? other.reply.parsed.keys : [];
    if (other.ruleId !== undefined && keys.length > 0 && keys.every((k) => k === other.ruleId)) {
      const text = `${runName(other)}: execd answered abort for a different source IP: the keys are the rule id (${other.ruleId}), as in Wazuh's documented custom active-response template, so execd keeps one entry per rule and a second offender of the same rule is not acted on while the first entry lasts`;
      return check('distinct-keys', title, [], [text], '', `if the program acts per offender (a block), ${fix}`);
    }
    return check('distinct-keys', title, [`${runName(other)}: execd answered abort for a different source IP: the keys do not tell offenders apart (key '${other.key}')`], [], '', fix);
  }
  if (other.answer === 'continue') return check('distinct-keys', title, [], [], `key '${other.key}' → continue`);
  return skip('distinct-keys', title, 'the run gave no reply');
}

function abortCheck(adds: Run[], ctx: JudgeContext): Check {
  const title = 'honours abort (does nothing more)';
  const aborted = adds.filter((r) => r.answer === 'abort');
  if (aborted.length === 0) return skip('abort', title, ctx.timeout === 0 ? 'stateless response (timeout 0): execd never answers abort' : 'execd never answered abort in this scenario');
  const failures = aborted
    .filter((r) => r.effects.length > 0)
    .map((r) => `${runName(r)}: acted after abort: ${r.effects.join('; ')}`);
  return check('abort', title, failures, [], `${aborted.length} abort(s), no action taken`, 'after reading the answer line, exit at once unless its "command" is "continue"');
}

function exitCheck(runs: Run[], ctx: JudgeContext): Check {
  const hung = runs.filter((r) => r.exit === 'hang');
  // 4.2+ execd waits for the exit (wpclose); legacy execd fork()s and forgets.
  const found = hung.map((r) =>
    ctx.protocol === 'json'
      ? `${runName(r)}: did not exit within ${ctx.deadlineMs / 1000}s after execd closed its pipes: execd waits for the exit (wpclose) with no time limit, and runs nothing else meanwhile`
      : `${runName(r)}: still running after ${ctx.deadlineMs / 1000}s (legacy execd does not wait for it, but every alert starts another one)`,
  );
  const slowest = runs.reduce((m, r) => Math.max(m, r.ms), 0);
  const [failures, warnings] = ctx.protocol === 'json' ? [found, []] : [[], found];
  return check('exit', 'exits after each message', failures, warnings, `${runs.length} run(s), the slowest took ${slowest} ms`, 'finish the action and exit; start long work in the background with its standard streams closed');
}

function actsCheck(adds: Run[]): Check {
  const title = 'acts on continue';
  const acting = adds.filter((r) => r.answer === 'continue' || (r.answer === undefined && r.reply?.kind !== 'hang'));
  if (acting.length === 0) return skip('acts', title, 'no run was told to continue');
  const seen = acting.filter((r) => r.effects.length > 0);
  if (seen.length === 0) {
    return { id: 'acts', title, status: 'warn', summary: `no visible action at step${acting.length > 1 ? 's' : ''} ${acting.map((r) => r.step).join(', ')}: no command run through PATH and no file changed where the test sees files (see the isolation line)`, evidence: [] };
  }
  return { id: 'acts', title, status: 'pass', summary: seen[0]!.effects.join('; '), evidence: [] };
}

function deleteCheck(adds: Run[], deletes: Run[], ctx: JudgeContext): Check {
  const title = ctx.protocol === 'json' ? 'undoes the action on delete (the message on stdin only, no answer)' : 'undoes the action on delete';
  if (ctx.timeout === 0) return skip('delete', title, 'stateless response (timeout 0): execd never runs delete');
  if (deletes.length === 0) return skip('delete', title, 'no entry reached its timeout (no add run was kept)');
  const acted = adds.some((r) => r.effects.length > 0);
  const failures: string[] = [];
  for (const run of deletes) {
    if (run.exit === 'hang') continue; // the exit check reports it
    if (acted && run.effects.length === 0) failures.push(`${runName(run)}: no visible action, while the add did act: the block is never lifted`);
  }
  return check('delete', title, failures, [], `${deletes.length} delete run(s): ${deletes.map((r) => r.effects.join('; ') || 'no visible action').join(' | ')}`, 'on "command":"delete", undo the action from the same message; execd sends no continue/abort and does not read stdout');
}

function statusCheck(runs: Run[]): Check {
  const bad = runs.filter((r) => r.exit !== 'hang' && (r.exit.code !== 0 || r.exit.signal));
  const warnings = bad.map((r) => {
    const refused = r.effects.some((e) => e.startsWith(TRIED_TO_WRITE)) ? ' (after the test kept it from writing outside the installation directory: the write may succeed on the agent)' : '';
    return `${runName(r)}: ${exitText(r)}${r.exit !== 'hang' && r.exit.signal === 'SIGPIPE' ? ' (it wrote to stdout after execd closed it)' : ''}${refused}`;
  });
  return check('exit-status', 'exits with status 0', [], warnings, 'every run exited 0', 'log failures to logs/active-responses.log: execd ignores the exit status, so nobody sees it');
}

/**
 * A program that names the installation by absolute path (Wazuh's own Python remove-threat example logs to
 * /var/ossec/logs/active-responses.log) finds nothing there on a machine without Wazuh: the test installs it in a
 * temporary directory, execd's working directory. Its failures then say more about this machine than the program.
 */
const ABSENT_INSTALLATION = /(\/var\/ossec\/[^\s'":]*)['":]?[^\n]*(?:No such file or directory|FileNotFoundError)|(?:No such file or directory|FileNotFoundError)[^\n]*?(\/var\/ossec\/[^\s'"]*)/;

function stderrCheck(runs: Run[]): Check {
  // EROFS and EXDEV lines of the mount namespace (and a traceback they end) show as "tried to write" effects: the test's doing, not the program's noise.
  const noisy = runs.map((r) => ({ ...r, stderr: withoutRefusals(r.stderr, r.effects) })).filter((r) => r.stderr.trim() !== '');
  const warnings = noisy.map((r) => `${runName(r)}: ${JSON.stringify(r.stderr.trim().slice(0, 300))}`);
  const absent = noisy.map((r) => ABSENT_INSTALLATION.exec(r.stderr)).find((m) => m !== null);
  const path = absent ? (absent[1] ?? absent[2])! : undefined;
  const fix =
    path !== undefined
      ? `it names ${path} by absolute path, which does not exist on this machine: the test installs the program in a temporary directory, execd's working directory, so its failures here may be this machine's, not the agent's. Name files relative to that directory (${AR_LOG_FILE}) to test the rest`
      : `log to ${AR_LOG_FILE}: execd sends stderr to /dev/null`;
  return check('stderr', 'writes nothing to stderr', [], warnings, 'nothing on stderr', fix);
}

function stdoutCheck(adds: Run[], ctx: JudgeContext): Check {
  const title = 'writes nothing to stdout but the reply';
  if (ctx.protocol === 'legacy') return skip('stdout', title, 'legacy protocol: stdout is /dev/null');
  const noisy = adds.filter((r) => r.extraStdout !== '');
  const warnings = noisy.map((r) => `${runName(r)}: ${JSON.stringify(r.extraStdout.slice(0, 300))} after the reply line: execd closes the pipe after its answer, so such a write can kill the program with SIGPIPE`);
  return check('stdout', title, [], warnings, 'only the reply line', 'write only the check_keys line to stdout; log to logs/active-responses.log');
}
