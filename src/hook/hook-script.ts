/**
 * The git pre-commit hook arctl installs, and the decisions of `arctl hook install | uninstall`
 * as pure functions of what is on disk.
 */
import { CONFIG_FILE_PATTERN } from '../config/config-files.ts';

/** Marks a hook file as written by arctl (install/uninstall only touch such files). */
export const HOOK_MARKER = '# arctl pre-commit hook';
/** Where an existing hook is kept when arctl chains to it. */
export const CHAINED_SUFFIX = '.arctl-chained';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook script. It lints the staged blob of each changed configuration file (`git show :path`),
 * not the working tree, so an unstaged edit neither hides nor causes a failure.
 */
export function renderHook(arctlCommand: string[], chained: boolean): string {
  const command = arctlCommand.map(shellQuote).join(' ');
  return `#!/bin/sh
${HOOK_MARKER} (installed by \`arctl hook install\`; remove with \`arctl hook uninstall\`)
# Lints the staged content of changed ossec.conf / agent.conf / *.ossec.conf files; blocks the commit on errors.
${chained ? `
# Run the hook that was here before arctl's first; its failure stops the commit.
previous="$(dirname "$0")/pre-commit${CHAINED_SUFFIX}"
if [ -x "$previous" ]; then
  "$previous" "$@" || exit $?
fi
` : ''}
run_arctl() {
  if [ -n "\${ARCTL:-}" ]; then
    $ARCTL "$@"
  elif [ -e ${shellQuote(arctlCommand[arctlCommand.length - 1])} ]; then
    ${command} "$@"
  else
    npx --no-install arctl "$@"
  fi
}
files=$(git diff --cached --name-only --diff-filter=ACMR | grep -E '${CONFIG_FILE_PATTERN}')
[ -z "$files" ] && exit 0
status=0
old_ifs=$IFS
IFS='
'
for path in $files; do
  IFS=$old_ifs
  git show ":$path" | run_arctl lint --stdin-filename "$path" - || status=1
done
if [ "$status" -ne 0 ]; then
  echo "arctl: commit blocked: fix the errors above (or commit with --no-verify to skip the hook)" >&2
fi
exit $status
`;
}

export type InstallPlan =
  | { action: 'write'; chainExisting: boolean }
  | { action: 'already-installed' }
  | { action: 'refuse'; reason: string };

/** What `install` does given the current hook file (null = none) and whether chaining is allowed. */
export function planInstall(existing: string | null, chainAllowed: boolean, chainedExists: boolean): InstallPlan {
  if (existing === null) return { action: 'write', chainExisting: false };
  if (existing.includes(HOOK_MARKER)) return { action: 'already-installed' };
  if (chainedExists) {
    return { action: 'refuse', reason: `pre-commit${CHAINED_SUFFIX} already exists; remove it or merge it into your hook first` };
  }
  if (!chainAllowed) {
    return {
      action: 'refuse',
      reason: 'a pre-commit hook already exists and --no-chain was given; rerun without --no-chain to keep it and run it before arctl, or add `arctl lint` to it yourself',
    };
  }
  return { action: 'write', chainExisting: true };
}

export type UninstallPlan = { action: 'remove'; restoreChained: boolean } | { action: 'not-installed' } | { action: 'refuse'; reason: string };

export function planUninstall(existing: string | null, chainedExists: boolean): UninstallPlan {
  if (existing === null) return { action: 'not-installed' };
  if (!existing.includes(HOOK_MARKER)) return { action: 'refuse', reason: 'the pre-commit hook was not installed by arctl; leaving it alone' };
  return { action: 'remove', restoreChained: chainedExists };
}
