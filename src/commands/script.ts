/**
 * Registers `arctl script test PROGRAM` (flags and help); what it does is script-run.ts, loaded when
 * the command runs.
 */
import type { Command } from '@commander-js/extra-typings';
import { DEFAULT_TARGET_VERSION } from '../wazuh/version.ts';
import { reportResult } from './io.ts';
import { addDeprecatedAlias, formatOption } from './vocabulary.ts';

const EXAMPLES = `
Examples:
  arctl script test ./block-ip.sh
  arctl script test ./block-ip.sh --alert alert.json --timeout 600
  arctl script test /var/ossec/active-response/bin/block-ip.sh --file /var/ossec/etc/ossec.conf --command block-ip
  arctl script test ./block-ip.sh --alert alerts.json --file ossec.conf --format junit > script-report.xml
  arctl script test ./old-block.sh --target-version 4.1          (the legacy argument form)
  arctl script test ./block-ip.sh --no-isolation                 (no namespaces: this machine's files and firewall)

Exit status: 0 compliant, 1 not compliant, 2 usage or input error.`;

export interface ScriptTestFlags {
  alert?: string;
  file?: string;
  command?: string;
  timeout?: string;
  extraArgs?: string;
  repeatedOffenders?: string;
  targetVersion?: string;
  agentVersion?: string;
  replyTimeout: string;
  format: 'text' | 'json' | 'junit';
  isolation: boolean;
}

export function register(program: Command): void {
  const script = program.command('script').description('test a custom active-response program against execd\'s protocol');
  const test = script
    .command('test')
    .description('run an active-response program exactly as wazuh-execd does (add, continue/abort, delete at the timeout) and judge it')
    .argument('<program>', 'the program file (script or compiled)')
    .option('--alert <file>', 'one alert, or an alerts file (JSON array, JSON lines; - for standard input): every alert is sent at its timestamp (default: a sample sshd alert)')
    .option('--file <path>', 'the ossec.conf: timeout, extra_args and <repeated_offenders> come from the <active-response> of --command')
    .option('--command <name>', 'the <command> name (default: the block whose executable is the program\'s name)')
    .option('--timeout <seconds>', 'without --file: the response timeout, 0 = stateless (default 600)')
    .option('--extra-args <text>', 'without --file: the command\'s <extra_args>')
    .option('--repeated-offenders <minutes>', 'without --file: <repeated_offenders> minutes, e.g. 10,60')
    .option('--target-version <version>', `Wazuh version of the host that runs it; below 4.2 the legacy argument form (default ${DEFAULT_TARGET_VERSION})`)
    .option('--agent-version <version>', 'the agent runs an older Wazuh than the manager: below 4.2 it gets the legacy argument form')
    .option('--reply-timeout <seconds>', 'how long the program gets to reply and to exit before it counts as hung (execd itself waits forever)', '10')
    .addOption(formatOption(['text', 'json', 'junit']))
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--no-isolation', 'run without the private user, network, mount and PID namespaces (refused otherwise when the kernel allows no network namespace)')
    .addHelpText('after', EXAMPLES)
    .action(async (programPath, flags) => {
      const { runScriptTest } = await import('./script-run.ts');
      const { withOutputFile } = await import('./output-file.ts');
      const inputs = [programPath, flags.alert, flags.file];
      reportResult(await withOutputFile(flags.output, inputs, () => runScriptTest(programPath, flags as ScriptTestFlags, (program.opts() as { color?: boolean }).color !== false)));
    });
  addDeprecatedAlias(test, { flags: '--config <path>', key: 'config', used: 'script test --config FILE', for: '--file FILE', forKey: 'file', why: '--config names the .arctl.json in every command' });
}
