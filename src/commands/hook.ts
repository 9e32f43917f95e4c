/**
 * `arctl hook install | uninstall | run`: the git pre-commit hook that lints staged configuration files.
 * The commands are registered here; what they do is hook-run.ts, loaded through actions.ts when
 * one runs.
 */
import type { Command } from '@commander-js/extra-typings';
import { reportResult } from './io.ts';
import { addLintFlags } from './lint-options.ts';

export function register(program: Command): void {
  const hook = program.command('hook').description('install, remove or run the git pre-commit hook that lints staged ossec.conf / agent.conf files');
  hook
    .command('install')
    .description('install the pre-commit hook in the current repository (respects core.hooksPath)')
    .option('--no-chain', 'refuse instead of chaining when a pre-commit hook already exists')
    .addHelpText('after', '\nExamples:\n  arctl hook install\n  arctl hook install --no-chain')
    .action(async (options) => {
      (await import('./actions.ts')).installHook(options.chain);
    });
  addLintFlags(
    hook
      .command('run')
      .description("lint the staged ossec.conf / agent.conf files as the installed hook does: for hook managers (husky, lefthook, pre-commit)")
      .argument('[paths...]', 'only these staged paths (as a hook manager passes them); default: every staged configuration file'),
  )
    .addHelpText(
      'after',
      `
Lints what would be committed: the staged content (git's index) of each added, copied, modified or renamed
ossec.conf, agent.conf or *.ossec.conf, not the working tree. Settings: the nearest .arctl.json and the flags.

Examples:
  arctl hook run                                 every staged configuration file
  arctl hook run roles/wazuh/ossec.conf          a hook manager passing the staged files it matched

Exit codes, as the installed hook: 0 nothing to block (also when no configuration file is staged), 1 the
  commit is blocked (errors, too many warnings, or a staged file that cannot be read), 2 usage error or not
  in a git repository.`,
    )
    .action(async (paths, opts, command) => {
      const noColor = (command.optsWithGlobals() as { color?: boolean }).color === false;
      reportResult(await (await import('./actions.ts')).runHook(paths, { ...opts, noColor }));
    });
  hook
    .command('uninstall')
    .description('remove the arctl pre-commit hook (restoring a hook it chained to)')
    .addHelpText('after', '\nExamples:\n  arctl hook uninstall')
    .action(async () => {
      (await import('./actions.ts')).uninstallHook();
    });
}
