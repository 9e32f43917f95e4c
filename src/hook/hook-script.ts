/**
 * The git pre-commit hook arctl installs, and the decisions of `arctl hook install | uninstall`
 * as pure functions of what is on disk.
 */
import { CONFIG_FILE_PATTERN } from '../config/config-files.ts';

/** Marks a hook file as written by arctl (install/uninstall only touch such files). */
export const HOOK_MARKER = '# arctl pre-commit hook';
/** What the hook says when it stops a commit (`arctl hook run` says the same). */
export const COMMIT_BLOCKED = 'arctl: commit blocked: fix the errors above (or commit with --no-verify to skip the hook)';
/** What the hook says instead when it found no arctl to lint with: there are no errors above to fix. */
export const COMMIT_BLOCKED_NO_ARCTL = 'arctl: commit blocked: the staged configuration files were not linted, for want of an arctl to run (see above)';
/** Where an existing hook is kept when arctl chains to it. */
export const CHAINED_SUFFIX = '.arctl-chained';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Where the hook finds arctl, in this order; `arctl hook install` reports which one it will run. */
export const LOCAL_ARCTL = 'node_modules/.bin/arctl';

/** What the hook says when the arctl it ran could not check the staged files at all (an unusable .arctl.json, an arctl without `hook run`). */
export const COMMIT_BLOCKED_NOT_CHECKED = 'arctl: commit blocked: arctl could not check the staged configuration files (see above)';

/**
 * Run by \`sh -c\` with staged paths as arguments: prints `yes` when one of them is a configuration file
 * (named like one, and neither a symbolic link, whose blob is the path it points to, nor a submodule), so
 * that arctl is looked for only then and a commit without one never needs it.
 */
const STAGES_A_CONFIG = `for path do
  printf '%s' "$path" | grep -qE ${shellQuote(CONFIG_FILE_PATTERN)} || continue
  case "$(git ls-files -s -- ":(literal)$path")" in 120000*|160000*) continue ;; esac
  echo yes
  exit 0
done`;

/**
 * The hook script. It finds arctl and runs \`arctl hook run\` (src/commands/hook-run.ts), the one
 * implementation of the check: the staged blob of each changed configuration file is linted
 * (\`git show :0:path\`), not the working tree, so an unstaged edit neither hides nor causes a failure,
 * and it says \`commit blocked\` itself when one has errors.
 *
 * It names no absolute path of arctl or node: it runs \`$ARCTL\` when set, else the repository's own
 * node_modules/.bin/arctl, else the arctl on PATH, so moving the checkout or upgrading node keeps it
 * working. Finding none, or finding that what it runs cannot be run ($ARCTL naming no command, node
 * missing: status 126 or 127), it says that nothing was linted rather than send the user to fix "the
 * errors above". Paths are read NUL-separated (\`-z\`, \`xargs -0\`): a path git would quote (non-ASCII,
 * tab, quote, newline) counts like any other.
 */
export function renderHook(chained: boolean): string {
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
staged=$(git diff --cached --name-only -z --diff-filter=ACMR | xargs -0 sh -c ${shellQuote(STAGES_A_CONFIG)} arctl-pre-commit)
[ -n "$staged" ] || exit 0
top=$(git rev-parse --show-toplevel) || exit 1
if [ -n "\${ARCTL:-}" ]; then
  $ARCTL hook run
elif [ -x "$top/${LOCAL_ARCTL}" ]; then
  "$top/${LOCAL_ARCTL}" hook run
elif command -v arctl >/dev/null 2>&1; then
  arctl hook run
else
  echo "arctl: pre-commit hook: arctl is neither in $top/${LOCAL_ARCTL} nor on PATH; install it, or set ARCTL to the command that runs it (git commit --no-verify skips the hook)" >&2
  echo ${shellQuote(COMMIT_BLOCKED_NO_ARCTL)} >&2
  exit 1
fi
case $? in
  0) exit 0 ;;
  # arctl hook run said why (commit blocked: fix the errors above).
  1) exit 1 ;;
  # The shell's (or env's) own: not found, not executable. arctl never exits so; nothing was linted.
  126|127) echo ${shellQuote(COMMIT_BLOCKED_NO_ARCTL)} >&2; exit 1 ;;
  *) echo ${shellQuote(COMMIT_BLOCKED_NOT_CHECKED)} >&2; exit 1 ;;
esac
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
  const manager = hookManager(existing);
  if (manager) {
    return {
      action: 'refuse',
      reason:
        `the existing pre-commit hook is ${manager}; chained as pre-commit${CHAINED_SUFFIX} it would find nothing to run and pass every commit. ` +
        "Leave it in place and add arctl to what that tool runs (the README's hook section shows husky with lint-staged)",
    };
  }
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

/**
 * Hook managers whose pre-commit file finds its work by its own name (`basename "$0"`), so that renamed
 * it silently does nothing: husky up to 4 (\`basename "$0"\`, then husky's run.js with that name), husky
 * 9 (`. "$(dirname "$0")/h"`, whose h runs `.husky/$(basename "$0")`), overcommit (`File.basename($0)`),
 * and any script doing the same. husky 5 to 8 keep the hook itself in the repository's .husky/, which
 * arctl must not rename either. Returns who it is, in words, or undefined.
 */
export function hookManager(hook: string): string | undefined {
  if (/\bhusky\b/i.test(hook) || /\$\(dirname (-- )?"\$0"\)\/h"/.test(hook)) return "husky's (it finds what to run by the hook file's own name)";
  if (/\bovercommit\b/i.test(hook)) return "overcommit's (it runs the checks configured for the hook's own name)";
  if (/basename\b[^\n]*\$\{?0\b|basename\(\s*\$0\s*\)|basename\(\s*sys\.argv\[0\]\s*\)|basename\(\s*__file__\s*\)/.test(hook)) {
    return 'a dispatcher that picks what to run from its own file name ($0)';
  }
  return undefined;
}

export type UninstallPlan =
  | { action: 'remove'; restoreChained: boolean }
  /** arctl's hook was deleted by hand, the hook it chained to is still set aside: put it back. */
  | { action: 'restore-orphan' }
  | { action: 'not-installed' }
  | { action: 'refuse'; reason: string };

/**
 * What `uninstall` does given the current hook file (null = none) and whether a hook arctl set aside
 * (pre-commit.arctl-chained) is there. Only arctl ever writes that name, so when arctl's own hook is gone
 * (deleted by hand) the set-aside hook goes back to where it was instead of staying where git never runs it.
 */
export function planUninstall(existing: string | null, chainedExists: boolean): UninstallPlan {
  if (existing === null) return chainedExists ? { action: 'restore-orphan' } : { action: 'not-installed' };
  if (!existing.includes(HOOK_MARKER)) {
    const kept = chainedExists ? `; the hook arctl set aside when it was installed is still at pre-commit${CHAINED_SUFFIX}: merge it into this one or delete it` : '';
    return { action: 'refuse', reason: `the pre-commit hook was not installed by arctl; leaving it alone${kept}` };
  }
  return { action: 'remove', restoreChained: chainedExists };
}
