/** `arctl lint [FILE...]`: validate + every rule (cli.md "arctl lint"). */
import { Command } from '@commander-js/extra-typings';
import { addLintFlags } from './lint-options.ts';
import { reportResult } from './io.ts';
import { runLint } from './lint-runner.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

const examples = `
Examples:
  $ arctl lint                                  lint ./ossec.conf; without one, on a Wazuh host, /var/ossec's
                                                ossec.conf and agent.conf with its rules, agents and version
  $ arctl lint --root ./var-ossec-copy          the same for a copied installation
  $ arctl lint /var/ossec/etc/ossec.conf --ar-bin /var/ossec/active-response/bin
  $ arctl lint /var/ossec/etc                   every ossec.conf, shared agent.conf and *.ossec.conf below it
  $ arctl lint ossec.conf --fix                 apply safe fixes in place
  $ arctl lint ossec.conf --fix-dry-run         show the fixes as a unified diff
  $ arctl lint ossec.conf --fix --fix-rule noncanonical-location   fix one rule's findings only
  $ arctl lint ossec.conf --fix --fix-suggestions                  also take the "did you mean" changes
  $ arctl lint --format sarif -o arctl.sarif ossec.conf
  $ arctl lint --rule trigger-too-broad=off --max-warnings 0 ossec.conf
  $ cat ossec.conf | arctl lint - --stdin-filename ossec.conf

Inline control, in XML comments (no rule id = every rule; a reason follows ':'):
  <!-- arctl-disable-next-line rule-id, rule-id: reason -->   the next element
  <!-- arctl-disable rule-id --> ... <!-- arctl-enable rule-id -->
  <!-- arctl-disable-line rule-id -->  <!-- arctl-disable-file rule-id -->
A disable comment that suppresses nothing is reported (unused-disable).

A directory stands for the files below it that Wazuh reads: ossec.conf, agent.conf and *.ossec.conf, in
name order (.git and node_modules skipped); name a file to lint it under any other name. Patterns are
not expanded by arctl: leave them unquoted for the shell.

Config: the nearest .arctl.json walking up from the current directory, or --config PATH:
  { "targetVersion": "4.14", "rules": { "rule-id": "off" }, "ruleset": ["rules"], "arBin": "bin", "agents": "client.keys" }

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error, unreadable file or directory,
  or a directory with no configuration file in it.`;

export function registerLint(program: Command): void {
  const cmd = addLintFlags(
    program
      .command('lint')
      .description('check ossec.conf files: XML, schema and every lint rule')
      .argument('[files...]', 'files or directories to lint (default ./ossec.conf, or the installation\'s; - for standard input)'),
  )
    .option('--fix', 'apply safe fixes in place (atomic write)')
    .option('--fix-dry-run', 'print the fixes as a unified diff and write nothing')
    .option('--fix-suggestions', 'with --fix/--fix-dry-run: also apply the suggestion of a finding that has exactly one')
    .option('--fix-rule <ids>', 'with --fix/--fix-dry-run: fix only these rules (comma-separated, repeatable)', collect, [] as string[])
    .option('--fix-type <types>', 'with --fix/--fix-dry-run: fix only these kinds: problem, suggestion, layout (comma-separated)', collect, [] as string[])
    .addHelpText('after', examples);
  cmd.action(async (files, opts, command) => {
    const noColor = (command.optsWithGlobals() as { color?: boolean }).color === false;
    reportResult(await runLint(files, { ...opts, noColor }, 'lint'));
  });
}
