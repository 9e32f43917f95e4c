/** `arctl rules`: every rule with its default severity, fixability, needed inputs and summary. */
import { Command } from '@commander-js/extra-typings';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { describeFixes, describeNeeds, describeSeverities, hasSuggestions, messageTable, ruleDocsUrl } from '../lint/docs.ts';
import { colorEnabled, makeChalk, writeOut } from './output.ts';
import { formatOption } from './vocabulary.ts';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list every lint rule')
    .addOption(formatOption(['text', 'json'], { deprecated: { table: 'text' }, command: 'rules' }))
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .addHelpText('after', '\nExamples:\n  $ arctl rules\n  $ arctl rules --format json | jq -r \'.[] | select(.fixable) | .id\'\n  $ arctl explain unused-disable')
    .action(async (opts, command) => {
      const { withOutputFile } = await import('./output-file.ts');
      await withOutputFile(opts.output, [], async () => printRules(opts.format, (command.optsWithGlobals() as { color?: boolean }).color === false));
    });
}

function printRules(format: string, noColor: boolean): void {
  const rules = [...ruleCatalogue().values()];
  if (format === 'json') {
    const list = rules.map((r) => ({
      id: r.id,
      severities: describeSeverities(r).split('/'),
      fixable: r.fixable,
      hasSuggestions: hasSuggestions(r),
      needs: r.needs,
      summary: r.summary,
      messages: messageTable(r).map((m) => ({ id: m.id, severity: m.severity })),
      docs: ruleDocsUrl(r.id),
    }));
    writeOut(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  const color = makeChalk(colorEnabled(noColor));
  const header = ['RULE', 'SEVERITY', 'FIXABLE', 'NEEDS', 'SUMMARY'];
  const rows = rules.map((r) => [r.id, describeSeverities(r), describeFixes(r), describeNeeds(r.needs), r.summary]);
  const width = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(width[i]) : c)).join('  ').trimEnd();
  let out = `${color.bold(line(header))}\n`;
  for (const row of rows) out += `${line(row)}\n`;
  out += `\n${rules.length} rules. Severity is per message (error/info: some messages are errors, others infos); arctl explain RULE-ID lists them.\n`;
  writeOut(out);
}
