/** Input mutations for property tests: the ways real configuration files get damaged. */
import fc from 'fast-check';

/** Characters copied from web pages and word processors that look like ASCII. */
export const LOOKALIKES = ['\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\u00a0', '\u202f', '\u200b', '\ufeff', '\u2018', '\u2019', '\u201c', '\u201d', '\uff10', '\u0430', '\u043e'];

const TOKENS = ['<', '>', '/', '!', '-', '--', '"', "'", '=', ' ', '\n', '\r\n', '\t', '\\', '&', 'a', 'x="1"', '<!--', '-->', '!>', '<?xml', '<!DOCTYPE', '<![CDATA[', 'ossec_config', 'command', 'active-response', '</', '/>', ...LOOKALIKES];

/** Random token soup: mostly XML punctuation and element names. */
export const xmlishText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((parts) => parts.join(''));

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap-tags'; a: number; b: number }
  | { kind: 'crlf'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-tags' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('crlf' as const), at: fc.nat() }),
);

/** Applies a mutation to bytes (positions are taken modulo the length). */
export function mutate(bytes: Buffer, m: Mutation): Buffer {
  const n = bytes.length;
  if (n === 0) return m.kind === 'insert' ? Buffer.from(m.text) : bytes;
  switch (m.kind) {
    case 'delete': {
      const at = m.at % n;
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(n, at + m.length))]);
    }
    case 'duplicate': {
      const at = m.at % n;
      const piece = bytes.subarray(at, Math.min(n, at + m.length));
      return Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
    }
    case 'insert': {
      const at = m.at % (n + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
    }
    case 'truncate':
      return bytes.subarray(0, m.at % n);
    case 'crlf': {
      const text = bytes.toString('latin1');
      const lines = text.split('\n');
      const i = m.at % lines.length;
      lines[i] = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : `${lines[i]}\r`;
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 'swap-tags': {
      const text = bytes.toString('latin1');
      const tags = [...text.matchAll(/<\/?[A-Za-z_-]+/g)];
      if (tags.length < 2) return bytes;
      const x = tags[m.a % tags.length];
      const y = tags[m.b % tags.length];
      if (x.index === y.index) return bytes;
      const [first, second] = x.index! < y.index! ? [x, y] : [y, x];
      const swapped =
        text.slice(0, first.index) + second[0] + text.slice(first.index! + first[0].length, second.index) + first[0] + text.slice(second.index! + second[0].length);
      return Buffer.from(swapped, 'latin1');
    }
  }
}
