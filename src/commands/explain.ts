/**
 * `arctl explain RULE-ID`: a rule's documentation (what, why, bad and good example, fix).
 * `arctl explain CODE`: a Wazuh error code (1303): Wazuh's text, what leads to it and the rules that report it.
 */
import { Command } from '@commander-js/extra-typings';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { describeExampleContext, describeNeeds, describeSeverities, hasSuggestions, messageTable, ruleDocsUrl } from '../lint/docs.ts';
import { explainWazuhCode, isWazuhCode, knownWazuhCodes } from '../lint/wazuh-codes.ts';
import { InputError } from '../util/errors.ts';
import { didYouMean } from '../util/suggest.ts';
import { completeWith } from './completion-model.ts';
import { colorEnabled, makeChalk, writeOut } from './output.ts';

export function registerExplain(program: Command): void {
  const cmd = program
    .command('explain')
    .description("print a rule's documentation, or what leads to a Wazuh error code and which rules report it")
    .argument('<rule-id|code>', 'the rule, as shown by arctl lint or arctl rules, or a Wazuh error code such as 1303')
    .addHelpText('after', '\nExamples:\n  $ arctl explain unused-disable\n  $ arctl explain parse-error\n  $ arctl explain 1303             wazuh-analysisd: ERROR: (1303): Invalid command ...')
    .action((id, _opts, command) => {
      const rules = ruleCatalogue();
      if (isWazuhCode(id)) {
        writeOut(explainCode(Number(id.trim()), rules));
        return;
      }
      const rule = rules.get(id.trim());
      if (!rule) throw new InputError(`unknown rule '${id}'${didYouMean(id.trim(), rules.keys())} (arctl rules lists them all)`);
      const noColor = (command.optsWithGlobals() as { color?: boolean }).color === false;
      const c = makeChalk(colorEnabled(noColor));
      const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
      const context = describeExampleContext(rule.docs.context);
      const linted = context ? ` (linted with ${context})` : '';
      const sections = [
        `${c.bold(rule.id)} (${describeSeverities(rule)}${rule.fixable ? ', fixable with --fix' : ''}${hasSuggestions(rule) ? ', suggestions with --fix-suggestions' : ''})`,
        rule.summary,
        `Needs: ${describeNeeds(rule.needs)}`,
        `${c.bold('Messages')}\n${messageTable(rule)
          .map((m) => `  ${m.severity.padEnd(7)}  ${m.id}: ${m.text}`)
          .join('\n')}`,
        `${c.bold('What')}\n${rule.docs.what}`,
        `${c.bold('Why')}\n${rule.docs.why}`,
        `${c.bold('Bad')}${linted}\n${c.red(indent(rule.docs.bad))}`,
        `${c.bold('Good')}${linted}\n${c.green(indent(rule.docs.good))}`,
        `${c.bold('Fix')}\n${rule.docs.fix ?? 'Not fixed automatically: the right change depends on intent.'}`,
        `Docs: ${ruleDocsUrl(rule.id)}`,
      ];
      writeOut(`${sections.join('\n\n')}\n`);
    });
  completeWith(cmd, '<args>', () => ({ kind: 'words', words: [...ruleCatalogue().keys()] }));
}

function explainCode(code: number, rules: ReturnType<typeof ruleCatalogue>): string {
  const explanation = explainWazuhCode(code, rules);
  if (!explanation) throw new InputError(`no rule reports Wazuh code ${code} (codes arctl knows: ${knownWazuhCodes(rules).join(', ')})`);
  const reporting = explanation.rules.filter((r) => r.messages.length > 0);
  const mentioning = explanation.rules.filter((r) => r.messages.length === 0);
  const width = Math.max(...explanation.rules.map((r) => r.rule.id.length));
  const lines = [`Wazuh ${code}`, ...explanation.wazuhTexts.map((t) => `  ${t}`), ''];
  if (reporting.length > 0) {
    lines.push('Reported by (the cause, then the severity of the findings that name the code):');
    for (const { rule, messages } of reporting) lines.push(`  ${rule.id.padEnd(width)}  ${rule.summary} [${[...new Set(messages.map((m) => m.severity))].join(', ')}]`);
    lines.push('');
  }
  if (mentioning.length > 0) {
    lines.push('Also leads to it (these rules name the code in their documentation):');
    for (const { rule } of mentioning) lines.push(`  ${rule.id.padEnd(width)}  ${rule.summary}`);
    lines.push('');
  }
  lines.push('arctl explain RULE-ID prints a rule\'s page.');
  return `${lines.join('\n')}\n`;
}
