/** The output formats of `arctl lint` / `arctl validate`, by --format name. */
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';
import type { Formatter } from './types.ts';

export type { FormatContext, Formatter } from './types.ts';

export const formatters = { stylish, json, sarif, github, gitlab, junit } satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;

export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];
