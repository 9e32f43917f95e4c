/**
 * Registers `arctl diff BASE HEAD` (flags and help); what it does is diff-run.ts, loaded through
 * actions.ts when the command runs.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ArctlError } from '../util/errors.ts';
import { MANAGER_ARCHES } from '../wazuh/arch.ts';
import { DEFAULT_TARGET_VERSION } from '../wazuh/version.ts';
import type { DiffFlags } from './diff-run.ts';
import { reportResult } from './io.ts';
import { formatOption } from './vocabulary.ts';

const HELP = `
BASE and HEAD are files, - for standard input, or git revisions of a path (REV:PATH, as git show
reads it: the path from the top of the working tree, or from here when it starts with ./).
A side named agent.conf, or else whose root is <agent_config>, is a shared agent.conf (no
active-response change is possible there); an empty side (/dev/null) takes the other side's kind.

Examples:
  arctl diff main:etc/ossec.conf etc/ossec.conf --alerts alerts.json.gz
  arctl diff --base origin/main etc/ossec.conf --alerts /var/ossec/logs/alerts/alerts.json
  arctl diff old.ossec.conf new.ossec.conf --ruleset /var/ossec/ruleset/rules --format markdown
  arctl diff --base HEAD~1 ossec.conf --alerts alerts.json --exit-code

Exit codes: 0 the diff was printed; 2 usage error or unreadable input (as every arctl command).
With --exit-code (as terraform plan -detailed-exitcode): 0 no behavioural change, 2 some change,
  1 any error, usage errors included (the message on stderr starts with "arctl:").
  A behavioural change is an alert decided differently (with --alerts), else any configuration change.`;

function hasExitCodeFlag(program: Command): boolean {
  const raw = (program as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const end = raw.indexOf('--');
  return (end === -1 ? raw : raw.slice(0, end)).includes('--exit-code');
}

export function register(program: Command): void {
  const cmd = program
    .command('diff')
    .description('what a configuration change does: responses, white list, e-mail and execd compared, and recorded alerts decided by both sides')
    .argument('[base]', 'the configuration before: a file, - for stdin, or REV:PATH')
    .argument('[head]', 'the configuration after: a file, - for stdin, or REV:PATH')
    .option('--base <rev>', 'compare the one file given with itself at this git revision (a file added since: with nothing)')
    .option('--alerts <file>', 'alerts to decide with both sides (alerts.json, JSON array, optionally gzipped; repeatable; - for stdin)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--ruleset <dir>', 'Wazuh rules directory: exact levels and groups, no_ar, and the rules each response binds (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--agents <file>', 'client.keys or a JSON array of agents: the agents `all` reaches')
    .option('--agent-config <file>', "the agents' own ossec.conf: their execd's <disabled> and (timeline) <repeated_offenders>")
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--examples <n>', 'example alert ids per group', '3')
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--timeline', "also replay the alerts through execd's timeout lists on both sides: blocks, time blocked, peak active")
    .option('--skip-invalid', 'count and skip alert entries that are not JSON objects instead of stopping')
    .option('--exit-code', 'exit 0 without behavioural change, 2 with one, 1 on any error')
    .option('--config <path>', 'the .arctl.json to use (default: the nearest one from the working directory)')
    .option('--target-version <version>', `Wazuh version whose behaviour to reproduce (default: .arctl.json targetVersion, else ${DEFAULT_TARGET_VERSION})`)
    .addOption(new Option('--arch <build>', "the manager's build: x86_64 (default: .arctl.json arch, else x86_64; signed char) or aarch64").choices(MANAGER_ARCHES))
    .addHelpText('after', HELP);
  // With --exit-code, 2 means "changed": a usage error must not say that, so it exits 1 (terraform's code for errors).
  cmd.configureOutput({ ...program.configureOutput(), outputError: () => {} });
  cmd.exitOverride((error) => {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') throw error;
    throw new ArctlError(error.message.replace(/^error: /, ''), hasExitCodeFlag(program) ? 1 : 2);
  });
  cmd.action(async (base, head, flags) => {
    const { runDiff } = await import('./actions.ts');
    try {
      const { withOutputFile } = await import('./output-file.ts');
      const inputs = [base, head, ...(flags.alerts ?? [])];
      reportResult(await withOutputFile(flags.output, inputs, () => runDiff(base, head, flags as DiffFlags, (program.opts() as { color?: boolean }).color !== false)));
    } catch (error) {
      if (!flags.exitCode || (error instanceof ArctlError && error.exitCode === 1)) throw error;
      throw new ArctlError(error instanceof ArctlError ? error.message : `internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 1);
    }
  });
}
