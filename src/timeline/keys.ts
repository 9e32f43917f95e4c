/**
 * The keys a 4.2+ active-response program answers execd's check_keys with, read from the alert the
 * way the shipped programs read it (src/active-response/active_responses.c): the IP blockers key on
 * the source IP, disable-account on the user. A program that cannot find its key exits before
 * answering, so execd keeps nothing.
 */
import { programSrcip, programUser } from '../wazuh/program-input.ts';
import { EXTRA_ARGS_REFUSAL, extraArgsProgramOutcome, LEGACY_SCRIPT_RENAMES, programBaseName, stockProgramKey, stockProgramKeyRefusal } from '../wazuh/programs.ts';

/**
 * What a custom program keys on (`--key`): srcip (default, when the alert has one), user, rule (the rule id, as
 * Wazuh's documented Python template answers: `keys = [alert["rule"]["id"]]`), or none (it never answers check_keys).
 */
export type KeyMode = 'srcip' | 'user' | 'rule' | 'none';

/** `noRun`: the program is not run at all (so it logs nothing), rather than stopping before its answer. */
export type ScriptKeys = { kind: 'keys'; keys: string[] } | { kind: 'stateless' } | { kind: 'fail'; reason: string; noRun?: boolean };

/** What keysFor needs to know of a program, which depends on its name only. */
interface ProgramFacts {
  /** A pre-4.2 script name: 4.2+ hosts do not have it. */
  legacyFile?: string;
  base: string;
  stock: KeyMode | undefined;
  /** What a shipped program logs when it finds no key, before it exits. */
  refusal: string | undefined;
  /** What a shipped program that needs <extra_args> fails to do without them (wazuh-slack, kaspersky). */
  argsOutcome: string | undefined;
}

/** Per executable text: a timeline asks for the same few programs millions of times. */
const programFacts = new Map<string, ProgramFacts>();

function factsOf(executable: string): ProgramFacts {
  let facts = programFacts.get(executable);
  if (!facts) {
    const file = executable.trim().split(/[\\/]/).pop() ?? '';
    facts = {
      ...(LEGACY_SCRIPT_RENAMES.has(file) ? { legacyFile: file } : {}),
      base: programBaseName(executable),
      stock: stockProgramKey(executable),
      refusal: stockProgramKeyRefusal(executable),
      argsOutcome: extraArgsProgramOutcome(executable),
    };
    programFacts.set(executable, facts);
  }
  return facts;
}

/**
 * The check_keys answer of the program behind `executable` for this alert (4.2+ protocol). `extraArgs`: the
 * words analysisd sends as parameters.extra_args (splitExtraArgs), when the caller knows them; asked only of
 * the programs that need them (a replay decides millions of alerts).
 */
export function keysFor(executable: string, alert: Record<string, unknown>, customKey: KeyMode | undefined, extraArgs?: () => readonly string[]): ScriptKeys {
  const { legacyFile, base, stock, refusal, argsOutcome } = factsOf(executable);
  if (legacyFile !== undefined) {
    return { kind: 'fail', reason: `${legacyFile} is a pre-4.2 script that 4.2+ hosts do not have: execd logs "Active response command not present" and runs nothing`, noRun: true };
  }
  if (argsOutcome !== undefined && extraArgs?.().length === 0) {
    return { kind: 'fail', reason: `no extra_args: ${base} logs "${EXTRA_ARGS_REFUSAL}" and exits, ${argsOutcome}` };
  }
  const mode: KeyMode = stock ?? customKey ?? 'srcip';
  if (mode === 'none') return { kind: 'stateless' };
  if (mode === 'rule') {
    // Only an alert with a rule id fires; execd keeps string keys only (get_keys_from_json), so a numeric id adds none.
    const rule = alert.rule;
    const id = rule !== null && typeof rule === 'object' && !Array.isArray(rule) ? (rule as Record<string, unknown>).id : undefined;
    return { kind: 'keys', keys: typeof id === 'string' ? [id] : [] };
  }
  if (mode === 'user') {
    const user = programUser(alert);
    if ('value' in user) return { kind: 'keys', keys: [user.value] };
    return { kind: 'fail', reason: `${user.fail}: ${exitsWithout(base, refusal)}` };
  }
  const ip = programSrcip(alert);
  if ('value' in ip) return { kind: 'keys', keys: [ip.value] };
  if (stock === 'srcip') return { kind: 'fail', reason: `${ip.fail}: ${exitsWithout(base, refusal)}` };
  // A custom program keyed on srcip (the default) with no srcip answers with no key at all.
  return { kind: 'keys', keys: [] };
}

/** How a program that found no key stops: in its own words when Wazuh ships it. */
function exitsWithout(base: string, refusal: string | undefined): string {
  return refusal === undefined ? 'the program exits before answering check_keys' : `${base} logs "${refusal}" and exits`;
}

/** Legacy (< 4.2) execd keyed its timeout list on the script and its srcip argument. */
export function legacyKeys(argv: string[] | undefined): ScriptKeys {
  return { kind: 'keys', keys: [argv?.[3] ?? '-'] };
}
