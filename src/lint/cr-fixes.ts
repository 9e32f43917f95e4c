/**
 * Fixes in a file with CR line ends only (src/document/cr-lines.ts): Wazuh counts its lines at LF, so
 * findings name line 1; `--fix` and the language server lay out their changes by the lines an editor
 * shows. A finding's fix and suggestions come from linting crLinesAsLf's view (same byte offsets),
 * with their line ends back to CR, so what `lint --format json` offers is what `--fix` writes.
 */
import { crEdit } from '../document/cr-lines.ts';
import type { Diagnostic } from './types.ts';

/** A finding of crLinesAsLf's view with its fix and suggestions as edits of the file itself. */
export function withCrEdits(d: Diagnostic): Diagnostic {
  return {
    ...d,
    ...(d.fix ? { fix: crEdit(d.fix) } : {}),
    ...(d.suggestions ? { suggestions: d.suggestions.map((s) => ({ ...s, fix: crEdit(s.fix) })) } : {}),
  };
}

/**
 * The file's findings, each with the fix and suggestions of the same finding in the view (same rule,
 * message id and range); none when the view has no such finding or no fix for it.
 */
export function withEditorLineFixes(found: readonly Diagnostic[], view: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.ruleId}\0${d.messageId}\0${d.range.start}\0${d.range.end}`;
  const byKey = new Map<string, Diagnostic[]>();
  for (const d of view) byKey.set(key(d), [...(byKey.get(key(d)) ?? []), d]);
  return found.map((d) => {
    const { fix: _fix, suggestions: _suggestions, ...rest } = d;
    const twin = byKey.get(key(d))?.shift();
    if (!twin) return rest;
    const { fix, suggestions } = withCrEdits(twin);
    return { ...rest, ...(fix ? { fix } : {}), ...(suggestions ? { suggestions } : {}) };
  });
}
