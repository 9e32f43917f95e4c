/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: every rule in tool.driver.rules,
 * one result per finding with a 1-based region, ruleIndex, partialFingerprints and fixes.
 */
import { isAbsolute } from 'node:path';
import type { ArtifactLocation, Fix, Log, Result } from 'sarif';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../docs.ts';
import { ruleSeverities, type Severity } from '../types.ts';
import { lineHashKeys } from './fingerprint.ts';
import { ciPath } from './paths.ts';
import type { ReportMessage } from '../report.ts';
import { printable } from '../../util/printable.ts';
import type { Formatter } from './types.ts';

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A fix as SARIF's replacement: text, or (a rawFix) its exact bytes as artifactContent.binary (base64). */
function sarifFix(location: ArtifactLocation, description: string, fix: { range: [number, number]; text: string } | { range: [number, number]; base64: string }): Fix {
  const replacement = { deletedRegion: { byteOffset: fix.range[0], byteLength: fix.range[1] - fix.range[0] }, insertedContent: 'text' in fix ? { text: fix.text } : { binary: fix.base64 } };
  return { description: { text: description }, artifactChanges: [{ artifactLocation: location, replacements: [replacement] }] };
}

const pascalCase = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * A rule's message template as a SARIF message string (SARIF 2.1.0 §3.11.5): each `{{name}}` placeholder
 * becomes `{n}`, numbered by first use (`names[n]` is its data key), and a literal `{` or `}` is doubled.
 */
export function sarifMessageString(template: string): { text: string; names: string[] } {
  const names: string[] = [];
  const text = template.replace(/\{\{\s*(\w+)\s*\}\}|[{}]/g, (whole, name: string | undefined) => {
    if (name === undefined) return whole + whole;
    if (!names.includes(name)) names.push(name);
    return `{${names.indexOf(name)}}`;
  });
  return { text, names };
}

/** A SARIF message string with its arguments filled in: `{n}` replaced, doubled braces read as one. */
export function formatSarifMessage(text: string, args: readonly string[]): string {
  return text.replace(/\{\{|\}\}|\{(\d+)\}/g, (whole, n: string | undefined) => (n === undefined ? whole[0]! : (args[Number(n)] ?? whole)));
}

/**
 * A result's message: its text, and the rule's message string by id with the finding's values as arguments,
 * when they give that text back (a finding that is not its rule's template filled in keeps only its text).
 * A text with a brace keeps only its text too: viewers that see arguments substitute `{0}` in the text as
 * well (Microsoft's SARIF viewer does), and GitHub shows the text as written, so it cannot be escaped.
 */
function resultMessage(m: ReportMessage, strings: ReadonlyMap<string, { text: string; names: string[] }> | undefined): Result['message'] {
  const string = strings?.get(m.messageId);
  if (!string || /[{}]/.test(m.message)) return { text: m.message };
  const args = string.names.map((name) => (m.data && name in m.data ? printable(String(m.data[name])) : `{{${name}}}`));
  return formatSarifMessage(string.text, args) === m.message ? { text: m.message, id: m.messageId, ...(args.length > 0 ? { arguments: args } : {}) } : { text: m.message };
}

export const sarif: Formatter = (reports, { rules, cwd, toolVersion }) => {
  const ruleList = [...rules.values()];
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  const messageStrings = new Map(ruleList.map((r) => [r.id, new Map(Object.entries(r.messages).map(([id, m]) => [id, sarifMessageString(m.text)]))]));
  const results: Result[] = [];
  for (const report of reports) {
    const location = artifactLocation(report.filePath, cwd);
    const keys = lineHashKeys(report.messages);
    for (const [i, m] of report.messages.entries()) {
      const region = { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn };
      const fix = m.fix ?? m.rawFix;
      results.push({
        ruleId: m.ruleId,
        ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
        level: level[m.severity],
        message: resultMessage(m, messageStrings.get(m.ruleId)),
        locations: [{ physicalLocation: { artifactLocation: location, region } }],
        partialFingerprints: { primaryLocationLineHash: keys[i] },
        // SARIF fixes are proposals: the certain fix first, then the suggestions, each with its description.
        ...(fix || m.suggestions
          ? { fixes: [...(fix ? [sarifFix(location, `arctl --fix (${m.ruleId})`, fix)] : []), ...(m.suggestions ?? []).map((s) => sarifFix(location, s.desc, s.fix))] }
          : {}),
      });
    }
  }
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'arctl',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: ruleDocsUrl(),
            rules: ruleList.map((r) => ({
              id: r.id,
              name: pascalCase(r.id),
              shortDescription: { text: r.summary },
              fullDescription: { text: `${r.docs.what} ${r.docs.why}` },
              helpUri: ruleDocsUrl(r.id),
              help: { text: r.docs.what, markdown: `${r.docs.what}\n\n${r.docs.why}` },
              // The most severe of the rule's messages; each result carries its own message's level.
              defaultConfiguration: { level: level[ruleSeverities(r)[0] ?? 'error'] },
              messageStrings: Object.fromEntries([...messageStrings.get(r.id)!].map(([id, m]) => [id, { text: m.text }])),
              properties: { fixable: r.fixable, needs: r.needs, messageLevels: Object.fromEntries(Object.entries(r.messages).map(([id, m]) => [id, level[m.severity]])) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function artifactLocation(filePath: string, cwd: string): ArtifactLocation {
  const path = ciPath(filePath, cwd);
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  // Each segment encoded: encodeURI would leave '#' and '?' (a fragment, a query) and a ':' in the first
  // segment (read as a scheme) as they are.
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
