/**
 * `npm run oracle -- --regex [--count N] [--seed S]`: arctl's OS_Regex and OSMatch (src/wazuh/os-regex.ts,
 * os-match.ts) against Wazuh's own, compiled from Wazuh's source in both char signednesses
 * (.oracle/regex-oracle-signed and -unsigned, built outside this repository: ./binaries.ts), on seeded
 * generated patterns and subjects.
 *
 * Patterns use every escape (valid and not), `+ * ( ) | ^ $`, upper case and bytes >= 0x80; subjects are
 * random or built from a pattern's alternative (so that many match), small or up to a few KB against
 * patterns of up to hundreds of alternatives (the sizes where arctl stops walking alternatives one by one).
 * Flags: OS_RETURN_SUBSTRING and OS_CASE_SENSITIVE. For OS_Regex the compile error, match, end offset and
 * sub-strings of `exec` must equal Wazuh's, and `test` must agree with the match; for OSMatch the answer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagerArch } from '../../src/wazuh/arch.ts';
import { compileOsMatch } from '../../src/wazuh/os-match.ts';
import { compileOsRegexDetailed, type OsRegexCompileError } from '../../src/wazuh/os-regex.ts';
import { rng } from './generate.ts';
import { NOT_HERE } from './binaries.ts';

/** os_regex.h flags and error codes. */
const OS_RETURN_SUBSTRING = 0o200;
const OS_CASE_SENSITIVE = 0o400;
const COMPILE_ERRORS: Record<OsRegexCompileError, number> = { 'too-long': 3, 'bad-escape': 6, 'bad-parenthesis': 7 };

export interface MatcherCase {
  kind: 'R' | 'M';
  flags: number;
  pattern: Uint8Array;
  subject: Uint8Array;
}

const bytes = (text: string) => Buffer.from(text, 'latin1');

const CLASSES = ['\\w', '\\W', '\\d', '\\D', '\\s', '\\S', '\\p', '\\.', '\\t'];
const ESCAPED_LITERALS = ['\\(', '\\)', '\\\\', '\\$', '\\|', '\\<'];
const BAD_ESCAPES = ['\\x', '\\z', '\\>', '\\!', '\\-', '\\+', '\\*', '\\^', '\\q'];
/** Literal pattern bytes (latin1: a char is a byte; \xc3\xa9 is UTF-8 é). */
const LITERALS = ['a', 'b', 'x', 'y', 'A', 'B', 'X', '1', '2', '0', ' ', '-', '_', '@', '.', ',', ':', '/', '\t', '=', '\xc3\xa9', '\xff', '\x80', '\xe9', '#'];
/** Bytes a class accepts, to build subjects that match (the first is always accepted). */
const CLASS_BYTES: Record<string, string[]> = {
  '\\w': ['a', 'Z', '5', '_', '-', '@'],
  '\\W': [' ', '.', '\xe9', '#', '\t'],
  '\\d': ['0', '7', '9'],
  '\\D': ['a', ' ', '.', '\xff'],
  '\\s': [' '],
  '\\S': ['a', '1', '.', '\x80'],
  '\\p': ['.', ',', '(', '!', '{', '-'],
  '\\.': ['a', ' ', '\xc3', '9'],
  '\\t': ['\t'],
};
/** Literals NOISE never holds (a pattern's first literal, when some patterns must match nowhere). */
const RARE = ['y', '0', '=', '#', ':', '/'];
const NOISE = ['a', 'b', 'x', 'A', '1', '22', ' ', '  ', '.', '-', '_', '@', 'ab', 'A1', '\t', '\xc3\xa9', '\xff', '(', ')', '|', '$', '<', 'sshd', 'web', ','];

/**
 * Found by the oracle, always run first: sub-string marks survive failed starts, so a close can precede its
 * open and OSRegex_Execute copies (size_t)(close - open) + 1 bytes: one byte before crashes Wazuh (malloc(0)
 * and a strncpy of SIZE_MAX), more returns no match (malloc fails).
 */
const FOUND: MatcherCase[] = [
  ['\\w(\\s*)$', 'ab'],
  ['\\D(\\s*)$', '_<'],
  ['\\w(\\s*)$', 'a'],
  ['\\p\\W*\\.(\\D+\\d*)$', '$.22.\xe9'],
  ['\\p\\W*\\.(\\D+\\d*)$', '$.2.\xe9'],
].map(([pattern, subject]) => ({ kind: 'R', flags: OS_RETURN_SUBSTRING, pattern: bytes(pattern!), subject: bytes(subject!) }));

/** The cases found before, then seeded ones: about 70% OS_Regex, the rest OSMatch; one in ten large. */
export function* matcherCases(count: number, seed: number): Generator<MatcherCase> {
  yield* FOUND;
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const upTo = (n: number) => Math.floor(r() * (n + 1));

  /** One OS_Regex alternative as tokens (each a piece of pattern text) plus how to make a subject for it. */
  const regexAlternative = (length: number, clean: boolean, classShare: number): { text: string; sample: () => string } => {
    const parts: Array<{ text: string; sample: () => string }> = [];
    let open = false;
    for (let i = 0; i < length; i++) {
      // With few classes, every alternative starts with a literal (so that some match nowhere).
      const roll = r() < classShare && (classShare >= 0.4 || i > 0) ? r() * 0.4 : 0.4 + r() * (classShare >= 0.4 ? 0.6 : 0.35);
      if (roll < 0.4) {
        const cls = pick(CLASSES);
        const q = r() < 0.5 ? pick(['+', '*']) : '';
        parts.push({ text: cls + q, sample: () => (q === '*' && r() < 0.3 ? '' : Array.from({ length: q ? 1 + upTo(3) : 1 }, () => (r() < 0.9 ? pick(CLASS_BYTES[cls]!) : pick(NOISE))).join('')) });
      } else if (roll < 0.75) {
        const lit = classShare < 0.4 && i === 0 ? pick(RARE) : pick(LITERALS);
        // A `+` or `*` after a literal is a literal itself.
        const q = r() < 0.05 ? pick(['+', '*']) : '';
        parts.push({ text: lit + q, sample: () => (r() < 0.5 ? lit.toUpperCase() : lit) + q });
      } else if (roll < 0.82) {
        const esc = pick(ESCAPED_LITERALS);
        parts.push({ text: esc, sample: () => esc[1]! });
      } else if (roll < 0.95) {
        parts.push({ text: open ? ')' : '(', sample: () => '' });
        open = !open;
      } else if (clean) {
        i--;
      } else if (roll < 0.97) {
        parts.push({ text: pick(BAD_ESCAPES), sample: () => '' });
      } else {
        // Stray specials: an unbalanced parenthesis, `^`/`$` inside, a lone backslash at the end.
        parts.push({ text: pick(['(', ')', '^', '$', '\\']), sample: () => '' });
      }
    }
    if (open && (clean || r() < 0.9)) parts.push({ text: ')', sample: () => '' });
    const begins = r() < 0.2 ? '^' : '';
    const ends = r() < 0.2 ? '$' : '';
    return { text: begins + parts.map((p) => p.text).join('') + ends, sample: () => parts.map((p) => p.sample()).join('') };
  };

  const noise = (n: number) => Array.from({ length: n }, () => pick(NOISE)).join('');

  for (let i = 0; i < count; i++) {
    const large = r() < 0.1;
    const alternatives = large ? 10 + upTo(300) : r() < 0.6 ? 1 : 1 + upTo(4);
    if (r() < 0.7) {
      // A large pattern is mostly valid (one bad escape among hundreds of alternatives refuses it all).
      const clean = large && r() < 0.9;
      // Fewer classes in half the large patterns, so that some of them match nowhere.
      const classShare = large && r() < 0.5 ? 0.15 : 0.4;
      const alts = Array.from({ length: alternatives }, () => regexAlternative(1 + upTo(large ? 6 : r() < 0.2 ? 16 : 5), clean, classShare));
      const pattern = alts.map((a) => a.text).join('|');
      let subject: string;
      if (r() < 0.6) {
        const from = pick(alts);
        subject = noise(upTo(large ? 400 : 3)) + from.sample() + noise(upTo(large ? 400 : 3));
        if (large) subject = subject.repeat(1 + upTo(5));
      } else {
        subject = noise(upTo(large ? 2000 : r() < 0.2 ? 40 : 8));
      }
      const flags = (r() < 0.5 ? OS_RETURN_SUBSTRING : 0) | (r() < 0.15 ? OS_CASE_SENSITIVE : 0);
      yield { kind: 'R', flags, pattern: bytes(pattern), subject: bytes(subject) };
    } else {
      const alts = Array.from({ length: alternatives }, () => {
        const body = Array.from({ length: upTo(large ? 10 : 5) }, () => pick([...LITERALS, '\\w', '(', '*', '.'])).join('');
        return (r() < 0.2 ? '^' : '') + body + (r() < 0.2 ? '$' : '');
      });
      const pattern = (r() < 0.1 ? '!' : '') + alts.join('|');
      const subject = r() < 0.5 ? noise(upTo(2)) + pick(alts).replace(/^\^|\$$/g, '') + noise(upTo(2)) : noise(upTo(large ? 2000 : 8));
      yield { kind: 'M', flags: r() < 0.15 ? OS_CASE_SENSITIVE : 0, pattern: bytes(pattern), subject: bytes(subject) };
    }
  }
}

const hex = (b: Uint8Array) => (b.length === 0 ? '-' : Buffer.from(b).toString('hex'));

/** arctl returns sub-strings as JS strings (UTF-8 decoded): Wazuh's bytes at that resolution. */
export function utf8Substrings(line: string): string {
  const [flag, end, ...subs] = line.split(' ');
  if (flag !== '1' || subs.length === 0) return line;
  return [flag, end, ...subs.map((s) => (s === '-' ? s : hex(Buffer.from(new TextDecoder().decode(Buffer.from(s, 'hex')), 'utf8'))))].join(' ');
}

/** arctl's answer in the oracle's output format. */
export function arctlAnswer(c: MatcherCase, arch: ManagerArch): string {
  const caseSensitive = (c.flags & OS_CASE_SENSITIVE) !== 0;
  if (c.kind === 'M') {
    const m = compileOsMatch(c.pattern, { caseSensitive, arch });
    return m ? (m.test(c.subject) ? '1' : '0') : 'nocompile 3';
  }
  const compiled = compileOsRegexDetailed(c.pattern, { caseSensitive, returnSubstrings: (c.flags & OS_RETURN_SUBSTRING) !== 0, arch });
  if (!compiled.ok) return `nocompile ${COMPILE_ERRORS[compiled.error]}`;
  const result = compiled.regex.exec(c.subject);
  if (result.crash) return 'crash 11';
  const tested = compiled.regex.test(c.subject);
  if (tested !== result.matched) return `test says ${tested}, exec says ${result.matched}`;
  if (!result.matched) return '0';
  return [`1 ${result.end}`, ...result.substrings.map((s) => hex(Buffer.from(s, 'utf8')))].join(' ');
}

export interface RegexOracleOptions {
  count: number;
  seed: number;
  out: string;
  /** Write Wazuh's answers for a selection of the cases here (test/fixtures/oracle/matcher-cases.json). */
  record?: string;
  /** The directory holding regex-oracle-signed and regex-oracle-unsigned. */
  dir: string;
}

/** A case with Wazuh's answers (hex as the oracle reads and prints them), kept as test data. */
export interface RecordedMatcherCase {
  kind: 'R' | 'M';
  flags: number;
  pattern_hex: string;
  subject_hex: string;
  x86_64: string;
  aarch64: string;
}

/**
 * What --record keeps: the cases found before, every crash and every sub-string pair Wazuh refuses to
 * copy (a match without sub-strings, none with them), and a sample of the rest up to 2000 bytes.
 */
function recordable(c: MatcherCase, want: string, index: number): boolean {
  if (want.startsWith('crash') || index < FOUND.length) return true;
  const large = c.pattern.length * c.subject.length > 1 << 16;
  if (c.pattern.length + c.subject.length > 2000) return false;
  if (c.kind === 'R' && want === '0' && c.flags & OS_RETURN_SUBSTRING) {
    const plain = compileOsRegexDetailed(c.pattern, { caseSensitive: (c.flags & OS_CASE_SENSITIVE) !== 0 });
    if (plain.ok && plain.regex.exec(c.subject).matched) return true;
  }
  return index % (large ? 20 : 200) === 0;
}

const BUILDS: Array<{ arch: ManagerArch; char: string }> = [
  { arch: 'x86_64', char: 'signed' },
  { arch: 'aarch64', char: 'unsigned' },
];

/** Runs the comparison; returns the number of disagreements (0 when the oracle cannot be built: it says so). */
export function runRegexOracle(opts: RegexOracleOptions): number {
  const bins = BUILDS.map((b) => join(opts.dir, `regex-oracle-${b.char}`));
  if (!bins.every(existsSync)) {
    console.log(`oracle: skipped: no matcher oracle binaries at ${bins.join(', ')}. They compile Wazuh's os_regex and are ${NOT_HERE}.`);
    return 0;
  }
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });
  const BATCH = 5000;
  const batch: MatcherCase[] = [];
  let disagreements = 0;
  let cases = 0;
  let matched = 0;
  let crashed = 0;
  const recorded: RecordedMatcherCase[] = [];
  const flush = () => {
    const input = batch.map((c) => `${c.kind} ${c.flags} ${hex(c.pattern)} ${hex(c.subject)}\n`).join('');
    const outputs = BUILDS.map((_, k) => execFileSync(bins[k]!, [], { input, maxBuffer: 1 << 30 }).toString('utf8').split('\n'));
    if (opts.record) {
      batch.forEach((c, j) => {
        if (recordable(c, outputs[0]![j]!, cases + j)) recorded.push({ kind: c.kind, flags: c.flags, pattern_hex: hex(c.pattern), subject_hex: hex(c.subject), x86_64: outputs[0]![j]!, aarch64: outputs[1]![j]! });
      });
    }
    BUILDS.forEach((b, k) => {
      const output = outputs[k]!;
      batch.forEach((c, j) => {
        const want = utf8Substrings(output[j] ?? '<no answer>');
        const got = arctlAnswer(c, b.arch);
        if (k === 0 && want.startsWith('1')) matched++;
        if (k === 0 && want.startsWith('crash')) crashed++;
        if (want === got) return;
        disagreements++;
        if (disagreements <= 50) {
          const example = { build: b.arch, kind: c.kind === 'R' ? 'OS_Regex' : 'OSMatch', flags: c.flags, pattern: Buffer.from(c.pattern).toString('latin1'), subject: Buffer.from(c.subject).toString('latin1'), want, got };
          writeFileSync(join(opts.out, `${disagreements}.json`), `${JSON.stringify(example, null, 1)}\n`);
        }
      });
    });
    cases += batch.length;
    batch.length = 0;
  };
  for (const c of matcherCases(opts.count, opts.seed)) {
    batch.push(c);
    if (batch.length === BATCH) flush();
  }
  if (batch.length > 0) flush();
  const summary = `${cases} matcher cases (seed ${opts.seed}) x ${BUILDS.length} builds (signed and unsigned char), ${matched} match and ${crashed} crash Wazuh on x86_64, ${disagreements} disagreements${disagreements ? ` (examples under ${opts.out})` : ''}`;
  writeFileSync(join(opts.out, 'summary.txt'), `${summary}\n`);
  if (opts.record) writeFileSync(opts.record, `${JSON.stringify(recorded, null, 1)}\n`);
  console.log(summary);
  return disagreements;
}
