/**
 * How execd reads `<repeated_offenders>` (src/os_execd/config.c ExecdConfig): OS_StrBreak(',', value, 5)
 * gives at most five pieces (the fifth keeps the rest), each piece loses leading spaces and tabs, empty
 * pieces are skipped, and atoi() reads each one. Values are minutes.
 */
import type { ConfigView } from '../document/views.ts';
import type { XmlElement } from '../document/types.ts';
import { atoi } from './c-number.ts';

/** The minute values execd uses, in order. */
export function offenderMinutes(value: string): number[] {
  return splitLikeOsStrBreak(value, 5)
    .map((piece) => piece.replace(/^[ \t]+/, ''))
    .filter((piece) => piece !== '')
    .map(atoi);
}

/**
 * The timeout, in seconds, of a repeated offence listed as `minutes`: execd multiplies in C int
 * (src/os_execd/execd.c ExecdRun, `repeated_offenders_timeout[i] * 60`), so a list value above 35791394
 * wraps around, as x86_64 and aarch64 builds compute it (a negative result deletes at once).
 */
export function offenderTimeout(minutes: number): number {
  return Math.imul(minutes, 60);
}

/** The entries as written (split on every comma, trimmed, empty ones dropped). */
export function writtenEntries(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** OS_StrBreak: split on the separator into at most `max` pieces, the last one keeping the remainder. */
export function splitLikeOsStrBreak(value: string, max: number): string[] {
  const out: string[] = [];
  let rest = value;
  while (out.length < max - 1) {
    const at = rest.indexOf(',');
    if (at < 0) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

/**
 * The minutes list execd uses: the first <repeated_offenders> of the <active-response> blocks, up to
 * its first 0; undefined when there is none or it lists nothing usable.
 */
export function firstRepeatedOffenders(view: ConfigView): number[] | undefined {
  for (const ar of view.activeResponses) {
    const first = ar.options.all('repeated_offenders')[0];
    if (first) {
      const minutes = offenderMinutes(first.text);
      const usable = minutes.slice(0, minutes.indexOf(0) === -1 ? minutes.length : minutes.indexOf(0));
      return usable.length > 0 ? usable : undefined;
    }
  }
  return undefined;
}

/**
 * An `<active-response><repeated_offenders>` holding elements (`<count>`, `<action>`: a shape seen in the wild)
 * stops nothing: analysisd skips the option whatever it holds (src/config/active-response.c:134-136), and execd
 * reads its content (src/os_execd/config.c:79-82), which os_xml makes the text after the last child element
 * (src/os_xml/os_xml.c:371-383): blank there, atoi reads 0 (:137) and repeated offenders stay off
 * (src/os_execd/execd.c:497). Every other option holding elements is read as that text and refused.
 */
export function elementsNotRefused(el: XmlElement): boolean {
  return el.name === 'repeated_offenders' && el.parent?.name === 'active-response';
}
