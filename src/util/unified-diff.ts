/** A unified diff of two versions of a file, for people to read (`--dry-run`, `--fix-dry-run`). */
import { isUtf8 } from 'node:buffer';
import { diffArrays, formatPatch, FILE_HEADERS_ONLY, structuredPatch, type StructuredPatch, type StructuredPatchHunk } from 'diff';

import { printableLines } from './printable.ts';
import { partitionPoint } from './sorted.ts';

const utf8 = new TextDecoder('utf-8');

/**
 * Myers' diff costs O(lines x edits): a few thousand changed lines in a large file take minutes. Up to
 * this many edits it gives its minimal diff; beyond, the anchored diff below takes over.
 */
const MYERS_MAX_EDITS = 500;

/**
 * Git-style headers (`a/PATH`, `b/PATH`) so the output can be applied with `git apply` or `patch -p1`
 * for UTF-8 LF files. Display only: invalid UTF-8 shows as U+FFFD, CRLF as LF, control characters escaped.
 */
export function unifiedDiff(path: string, before: Uint8Array, after: Uint8Array, context = 3): string {
  return readableDiff(path, before, after, context).text;
}

/**
 * The diff, and what in it differs from the files' bytes (`caveats`, empty when `patch` can apply it):
 * 'CRLF line ends as LF' (or 'CR line ends as LF'), 'bytes that are not UTF-8 as U+FFFD', 'control characters escaped'.
 * A byte-exact patch would print a file's control characters raw on a terminal, which arctl never does.
 */
export function readableDiff(path: string, before: Uint8Array, after: Uint8Array, context = 3): { text: string; caveats: string[] } {
  const name = path.replace(/^\.\//, '').replace(/^\/+/, '');
  // A file whose lines end in a lone CR (no LF anywhere) is shown by its lines, as editors and arctl's
  // edits see them: one line of \x0d escapes would hide the change.
  const crLines = crOnly(before) && crOnly(after);
  const text = (b: Uint8Array) => (crLines ? utf8.decode(b).replace(/\r/g, '\n') : utf8.decode(b).replace(/\r\n/g, '\n'));
  const [oldText, newText] = [text(before), text(after)];
  const patch =
    structuredPatch(`a/${name}`, `b/${name}`, oldText, newText, undefined, undefined, { context, maxEditLength: MYERS_MAX_EDITS }) ??
    anchoredPatch(`a/${name}`, `b/${name}`, oldText, newText, context);
  const raw = formatPatch(patch, FILE_HEADERS_ONLY);
  // For people: a control character from the file is shown escaped, as everywhere arctl prints file text.
  const shown = printableLines(raw);
  const body = raw.slice(raw.indexOf('\n@@') + 1);
  const caveats: string[] = [];
  const crlf = crLines ? 'CR line ends as LF' : crlfCaveat(patch.hunks, before, after);
  if (crlf) caveats.push(crlf);
  if ((!isUtf8(before) || !isUtf8(after)) && body.includes('\uFFFD')) caveats.push('bytes that are not UTF-8 as U+FFFD');
  if (printableLines(body) !== body) caveats.push('control characters escaped');
  return { text: shown, caveats };
}

/** The line saying a diff cannot be applied with patch, and what gives the exact bytes; empty when it can. */
export function forReading(caveats: readonly string[], exact: string): string {
  return caveats.length === 0 ? '' : `arctl: the diff is for reading, not for patch: it shows ${caveats.join(', ')}; ${exact}\n`;
}

/** Lines end in a lone CR only: no LF anywhere, a CR somewhere. */
const crOnly = (bytes: Uint8Array) => !bytes.includes(0x0a) && bytes.includes(0x0d);

const hasCrlf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('\r\n');

/**
 * Where the diff shows a CRLF line as LF: only a hunk holding such a line (context, removed or added)
 * differs from the bytes `patch` would match and write; a CRLF line elsewhere in the file is not in
 * the diff. Every hunk: the plain caveat; some: which ones, by their line in the file as it was (@@ -N).
 */
function crlfCaveat(hunks: readonly StructuredPatchHunk[], before: Uint8Array, after: Uint8Array): string | undefined {
  if (!hasCrlf(before) && !hasCrlf(after)) return undefined;
  const [oldCrlf, newCrlf] = [crlfLines(before), crlfLines(after)];
  const touches = (lines: Set<number>, start: number, count: number) => {
    for (let line = start; line < start + count; line++) if (lines.has(line)) return true;
    return false;
  };
  const hit = hunks.filter((h) => touches(oldCrlf, h.oldStart, h.oldLines) || touches(newCrlf, h.newStart, h.newLines));
  if (hit.length === 0) return undefined;
  if (hit.length === hunks.length) return 'CRLF line ends as LF';
  return `CRLF line ends as LF in the ${hit.length === 1 ? 'hunk at line' : 'hunks at lines'} ${hit.map((h) => h.oldStart).join(', ')}`;
}

/** The 1-based numbers of the lines that end with CRLF (lines as LF ends them, as the diff counts). */
function crlfLines(bytes: Uint8Array): Set<number> {
  const lines = new Set<number>();
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1), line++) {
    if (i > 0 && bytes[i - 1] === 0x0d) lines.add(line);
  }
  return lines;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Lines with their `\n` (the last one may have none, which a diff must show). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * A diff anchored on lines that occur once in each side (patience diff): their longest increasing run
 * splits the files into small regions, each diffed on its own, so the cost follows the file's size,
 * not the number of changes. Valid but not always minimal; used for the large diffs Myers would not finish.
 */
export function anchoredPatch(oldName: string, newName: string, oldText: string, newText: string, context: number): StructuredPatch {
  return { oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks: hunksOf(anchoredOps(splitLines(oldText), splitLines(newText)), context) };
}

type Task = { ops: Op[] } | { aLo: number; aHi: number; bLo: number; bHi: number };

/** The edit script, computed with an explicit stack: deep recursion would overflow on long files. */
function anchoredOps(a: string[], b: string[]): Op[] {
  const out: Op[] = [];
  const stack: Task[] = [{ aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('ops' in task) {
      for (const op of task.ops) out.push(op);
      continue;
    }
    let { aLo, aHi, bLo, bHi } = task;
    const head: Op[] = [];
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) head.push({ kind: ' ', line: a[aLo++] }), bLo++;
    const tail: Op[] = [];
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) tail.unshift({ kind: ' ', line: a[--aHi] }), bHi--;
    for (const op of head) out.push(op);
    const pending: Task[] = [{ ops: tail }];
    const anchors = aLo < aHi && bLo < bHi ? uniqueCommonAnchors(a, aLo, aHi, b, bLo, bHi) : [];
    if (anchors.length === 0) {
      pending.push({ ops: smallRegionOps(a.slice(aLo, aHi), b.slice(bLo, bHi)) });
    } else {
      // Pushed in reverse: the stack pops the first region first.
      let [nextA, nextB] = [aHi, bHi];
      for (let k = anchors.length - 1; k >= 0; k--) {
        const [ai, bi] = anchors[k];
        pending.push({ aLo: ai + 1, aHi: nextA, bLo: bi + 1, bHi: nextB }, { ops: [{ kind: ' ', line: a[ai] }] });
        [nextA, nextB] = [ai, bi];
      }
      pending.push({ aLo, aHi: nextA, bLo, bHi: nextB });
    }
    for (const t of pending) stack.push(t);
  }
  return out;
}

/** Pairs (i in a, j in b) of lines unique in both ranges, longest run increasing in both. */
function uniqueCommonAnchors(a: string[], aLo: number, aHi: number, b: string[], bLo: number, bHi: number): [number, number][] {
  const counts = new Map<string, { a: number; b: number; ai: number; bi: number }>();
  for (let i = aLo; i < aHi; i++) {
    const c = counts.get(a[i]);
    if (c) c.a++;
    else counts.set(a[i], { a: 1, b: 0, ai: i, bi: -1 });
  }
  for (let j = bLo; j < bHi; j++) {
    const c = counts.get(b[j]);
    if (c) {
      c.b++;
      c.bi = j;
    }
  }
  const pairs: [number, number][] = [];
  for (const c of counts.values()) if (c.a === 1 && c.b === 1) pairs.push([c.ai, c.bi]);
  pairs.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(pairs);
}

/** Longest subsequence with increasing second members (patience sorting, O(n log n)). */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous: number[] = new Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const b = pairs[k][1];
    const lo = partitionPoint(tails.length, (i) => pairs[tails[i]][1] < b);
    previous[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const run: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k !== -1; k = previous[k]) run.push(pairs[k]);
  return run.reverse();
}

/** A region without unique common lines: Myers when it finishes soon, else all removed then all added. */
function smallRegionOps(a: string[], b: string[]): Op[] {
  const changes = diffArrays(a, b, { maxEditLength: MYERS_MAX_EDITS });
  if (!changes) return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  return changes.flatMap((c) => c.value.map((line): Op => ({ kind: c.added ? '+' : c.removed ? '-' : ' ', line })));
}

/** Hunks with `context` lines around changes; changes closer than twice the context share a hunk. */
function hunksOf(ops: Op[], context: number): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  // 1-based line numbers in the old and new file of the op at each index.
  const oldAt: number[] = new Array(ops.length + 1);
  const newAt: number[] = new Array(ops.length + 1);
  let [o, n] = [1, 1];
  for (let i = 0; i < ops.length; i++) {
    oldAt[i] = o;
    newAt[i] = n;
    if (ops[i].kind !== '+') o++;
    if (ops[i].kind !== '-') n++;
  }
  oldAt[ops.length] = o;
  newAt[ops.length] = n;
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let lastChange = i;
    let j = i + 1;
    for (; j < ops.length; j++) {
      if (ops[j].kind !== ' ') lastChange = j;
      else if (j - lastChange > 2 * context) break;
    }
    const end = Math.min(ops.length, lastChange + 1 + context);
    const lines: string[] = [];
    for (let k = start; k < end; k++) {
      const { kind, line } = ops[k];
      if (line.endsWith('\n')) lines.push(kind + line.slice(0, -1));
      else lines.push(kind + line, '\\ No newline at end of file');
    }
    hunks.push({ oldStart: oldAt[start], oldLines: oldAt[end] - oldAt[start], newStart: newAt[start], newLines: newAt[end] - newAt[start], lines });
    i = end;
  }
  return hunks;
}
