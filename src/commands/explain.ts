/** `arctl explain RULE-ID`: a rule's documentation (what, why, bad and good example, fix). */
import { Command } from '@commander-js/extra-typings';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { describeExampleContext, describeNeeds, describeSeverities, hasSuggestions, messageTable, ruleDocsUrl } from '../lint/docs.ts';
import { InputError } from '../util/errors.ts';
import { didYouMean } from '../util/suggest.ts';
import { colorEnabled, makeChalk, writeOut } from './output.ts';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'the rule, as shown by arctl lint or arctl rules')
    .addHelpText('after', '\nExamples:\n  $ arctl explain unused-disable\n  $ arctl explain parse-error')
    .action((id, _opts, command) => {
      const rules = ruleCatalogue();
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
}
