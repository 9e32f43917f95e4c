import { join } from 'node:path';
import { projectRoot } from './paths.ts';

/** The built CLI (npm run build). */
export const distDir = join(projectRoot, 'dist');

/**
 * The command-line bundles bin/arctl.js loads (one file each, with its code cache beside it):
 * dist/arctl.cjs for every command, dist/simulate-cli.cjs for a command line that starts with `simulate`.
 */
export const CLI_BUNDLES = ['arctl.cjs', 'simulate-cli.cjs'] as const;
