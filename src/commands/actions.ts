/**
 * What `arctl add`, `arctl hook` and `arctl simulate` do, loaded in one piece when one of them runs;
 * their flags and help are registered at start-up by add.ts, hook.ts and simulate-command.ts, so
 * `arctl --help`, completion and error messages do not change. `arctl lint` and `arctl validate` then
 * compile none of this code. One module rather than one per command: esbuild gives every combination
 * of entry points that share code a chunk of its own, and each chunk on the lint path is one more
 * file to load at start-up.
 */
export { addActiveResponse, addCommand, addEmailAlerts, addWhiteList } from './add-run.ts';
export { installHook, uninstallHook } from './hook-run.ts';
export { runSimulate } from './simulate.ts';
