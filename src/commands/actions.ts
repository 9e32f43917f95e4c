/**
 * What `arctl add` (and `set`, `remove`, `disable`, `enable`), `arctl hook`, `arctl simulate`, `arctl diff` and `arctl lint --fix` / `--fix-dry-run` do, loaded
 * in one piece when one of them runs; their flags and help are registered at start-up by add.ts,
 * hook.ts, simulate-command.ts, diff.ts and lint.ts, so `arctl --help`, completion and error messages do not
 * change. `arctl lint` and `arctl validate` then compile none of this code. One module rather than
 * one per command: esbuild gives every combination of entry points that share code a chunk of its
 * own, and each chunk on the lint path is one more file to load at start-up.
 */
export { addBlock } from './add-run.ts';
export { ADD_KINDS } from '../add/kinds/index.ts';
export { runRemove, runRemoveWhiteList, runSet, runToggle } from './edit-run.ts';
export { installHook, runHook, uninstallHook } from './hook-run.ts';
export { fixDryRun, fixInPlace } from './lint-fix.ts';
export { runSimulate } from './simulate.ts';
export { runDiff } from './diff-run.ts';
