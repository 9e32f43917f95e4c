/** `arctl validate [FILE...]`: Wazuh's XML reader + the schema, nothing else (cli.md "arctl validate"). */
import { Command } from '@commander-js/extra-typings';
import { addLintFlags } from './lint-options.ts';
import { reportResult } from './io.ts';
import { runLint } from './lint-runner.ts';

const examples = `
Examples:
  $ arctl validate                              validate ./ossec.conf (or, on a Wazuh host without one, /var/ossec's)
  $ arctl validate --root ./var-ossec-copy      a copied installation's ossec.conf and agent.conf, as its version reads them
  $ arctl validate /var/ossec/etc/ossec.conf /var/ossec/etc/shared/default/agent.conf
  $ arctl validate /var/ossec/etc                 every ossec.conf, agent.conf and *.ossec.conf below it
  $ arctl validate --format json ossec.conf
  $ ssh manager cat /var/ossec/etc/ossec.conf | arctl validate - --stdin-filename ossec.conf

Exit codes: 0 valid, 1 problems found, 2 usage error, unreadable file or directory,
  or a directory with no configuration file in it.`;

export function registerValidate(program: Command): void {
  const cmd = addLintFlags(
    program
      .command('validate')
      .description("would Wazuh start with each file? Every refusal of its XML reader and of the start-up checks of analysisd, maild, remoted, authd and the other daemons wazuh-control start tests")
      .argument('[files...]', 'files or directories to validate (default ./ossec.conf, or the installation\'s; - for standard input)'),
  ).addHelpText('after', examples);
  cmd.action(async (files, opts, command) => {
    const noColor = (command.optsWithGlobals() as { color?: boolean }).color === false;
    reportResult(await runLint(files, { ...opts, noColor }, 'validate'));
  });
}
