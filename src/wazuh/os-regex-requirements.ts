/**
 * What an OS_Regex alternative cannot match without, read from _OS_Regex (os_regex_execute.c v4.14.7),
 * so that a long subject rules most alternatives out in one pass over it instead of one walk each.
 *
 * The walk consumes a literal byte only where the subject holds it (`*pt == charmap[*st]`, top level or
 * the `ok_here = 1` step out of a `+` class) and then compares the next pattern byte with the next
 * subject byte, `(` being transparent: so every literal, and every two adjacent literals as two adjacent
 * subject bytes, must occur. A single class is consumed only on a byte it accepts. The ways past either
 * without a byte: the `(*(pt + 2) == '\0' || *(pt + 3) == '\0') && _regex_matched && r_code` exit (a
 * single class with at most one byte after it; that byte, a literal, is skipped too), and the clean-up
 * at the end of the subject, which steps over a single class followed only by a `*` class. `+`/`*`
 * classes can be skipped (`pt += 3`, the clean-up), so they require nothing.
 */
import { signedChar, type ManagerArch } from './arch.ts';
import { classAccepts, fold } from './os-regex-maps.ts';

const BACKSLASH = 0x5c;
const OPEN = 0x28;
const PLUS = 0x2b;
const STAR = 0x2a;

/** What one alternative needs of a subject (`never`: nothing makes it match, e.g. a literal >= 0x80 on x86_64). */
export interface Requirements {
  never: boolean;
  /** Literal bytes (already folded unless case-sensitive) that must occur, folded, in the subject. */
  bytes: number[];
  /** Adjacent literals `a << 8 | b` that must occur as adjacent subject bytes. */
  pairs: number[];
  /** Class codes (bit per code) of which some subject byte must be accepted. */
  classes: number;
}

/** The requirements of one compiled alternative (escapes as `\` + code, `)` as `(`, folded). */
export function requirementsOf(bytes: Uint8Array, arch: ManagerArch): Requirements {
  const req: Requirements = { never: false, bytes: [], pairs: [], classes: 0 };
  const len = bytes.length;
  // The previous required literal with only `(` since, for the pairs.
  let previous = -1;
  for (let i = 0; i < len; ) {
    const b = bytes[i]!;
    if (b === BACKSLASH) {
      const code = bytes[i + 1]!;
      const quantified = bytes[i + 2] === PLUS || bytes[i + 2] === STAR;
      previous = -1;
      if (quantified) {
        i += 3;
        continue;
      }
      // The exit past a single class needs `*(pt + 2)` or `*(pt + 3)` to be the end; the clean-up's
      // second clause steps over a class (`pt += 2`) and its third takes a `\Z*` (and a `(`) to the end.
      const beforeLastStar = bytes[i + 2] === BACKSLASH && bytes[i + 4] === STAR && (i + 5 === len || (i + 6 === len && bytes[i + 5] === OPEN));
      if (i + 3 < len && !beforeLastStar) req.classes |= 1 << code;
      // The exit also skips the one literal that may follow the class there.
      i += i + 3 === len ? 3 : 2;
      continue;
    }
    if (b === OPEN) {
      i++;
      continue;
    }
    // `*pt == charmap[(uchar)*st]`: a pattern byte >= 0x80 in a signed char equals no table value.
    if (b >= 0x80 && signedChar(arch)) req.never = true;
    req.bytes.push(b);
    if (previous >= 0) req.pairs.push((previous << 8) | b);
    previous = b;
    i++;
  }
  return req;
}

/** Bit per class code: which escape classes accept a byte. */
const CLASS_BITS = Uint16Array.from({ length: 256 }, (_, byte) => {
  let bits = 0;
  for (let code = 1; code < 16; code++) if (classAccepts(code, byte)) bits |= 1 << code;
  return bits;
});

/** One pass over a subject: its folded bytes, folded adjacent pairs and the classes its bytes fall in. */
export class SubjectSummary {
  private readonly present = new Uint8Array(256);
  private readonly pairBits = new Uint8Array(8192);
  private classes = 0;

  reset(str: Uint8Array): this {
    this.present.fill(0);
    this.pairBits.fill(0);
    let classes = 0;
    let before = -1;
    for (let i = 0; i < str.length; i++) {
      const raw = str[i]!;
      const b = fold(raw);
      this.present[b] = 1;
      classes |= CLASS_BITS[raw]!;
      if (before >= 0) {
        const pair = (before << 8) | b;
        this.pairBits[pair >> 3]! |= 1 << (pair & 7);
      }
      before = b;
    }
    this.classes = classes;
    return this;
  }

  /** Whether the subject has everything the alternative cannot match without. */
  allows(req: Requirements): boolean {
    if (req.never || (req.classes & this.classes) !== req.classes) return false;
    for (const b of req.bytes) if (!this.present[b]) return false;
    for (const pair of req.pairs) if (!(this.pairBits[pair >> 3]! & (1 << (pair & 7)))) return false;
    return true;
  }
}
