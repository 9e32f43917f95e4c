/**
 * `arctl hook install | uninstall`: the git pre-commit hook that lints staged configuration files.
 * The commands are registered here; what they do is hook-run.ts, loaded through actions.ts when
 * one runs.
 */
import type { Command } from '@commander-js/extra-typings';

export function register(program: Command): void {
  const hook = program.command('hook').description('install or remove the git pre-commit hook that lints staged ossec.conf / agent.conf files');
  hook
    .command('install')
    .description('install the pre-commit hook in the current repository (respects core.hooksPath)')
    .option('--no-chain', 'refuse instead of chaining when a pre-commit hook already exists')
    .addHelpText('after', '\nExamples:\n  arctl hook install\n  arctl hook install --no-chain')
    .action(async (options) => {
      (await import('./actions.ts')).installHook(options.chain);
    });
  hook
    .command('uninstall')
    .description('remove the arctl pre-commit hook (restoring a hook it chained to)')
    .addHelpText('after', '\nExamples:\n  arctl hook uninstall')
    .action(async () => {
      (await import('./actions.ts')).uninstallHook();
    });
}
