/**
 * The one pass over the alerts: each file is read once (gzip, JSON lines, arrays), lines that can
 * fire nothing on either side are ruled out unparsed, and every other alert is decided against both
 * configurations by a BehaviourAccumulator.
 */
import { alertReadError, openAlertSource, readAlertBatches, type AlertSyntaxError } from '../simulate/input.ts';
import type { SimOptions } from '../simulate/model.ts';
import { BehaviourAccumulator, diffPrefilter } from './behaviour.ts';
import type { BehaviourDiff } from './model.ts';
import type { DiffSide, StaticDiff } from './static.ts';

export interface PassOptions {
  skipInvalid?: boolean;
  /** Called for each entry skipped with skipInvalid (file as shown, line, reason). */
  onInvalid?: (file: string, error: AlertSyntaxError) => void;
  maxExamples?: number;
}

/** `files` as given (`-` is standard input); `shown` names them in errors. */
export async function diffAlerts(
  files: Array<{ path: string; shown: string }>,
  base: DiffSide,
  head: DiffSide,
  diff: StaticDiff,
  simOptions: SimOptions,
  options: PassOptions = {},
): Promise<BehaviourDiff> {
  const acc = new BehaviourAccumulator(base, head, diff.pairs, simOptions, diff.emailDiffers, options.maxExamples);
  const prefilter = diffPrefilter(base.config, head.config, simOptions, diff);
  let unparsed = 0;
  for (const file of files) {
    acc.files.push(file.shown);
    try {
      const batches = readAlertBatches(openAlertSource(file.path), {
        ...(prefilter ? { prefilter, onFiltered: () => void unparsed++ } : {}),
        skipInvalid: Boolean(options.skipInvalid),
        onInvalid: (error) => {
          acc.invalidSkipped++;
          options.onInvalid?.(file.shown, error);
        },
      });
      for await (const batch of batches) {
        for (const record of batch) acc.add(record);
      }
    } catch (error) {
      throw alertReadError(error, file.shown, Boolean(options.skipInvalid));
    }
  }
  acc.addUnparsed(unparsed);
  return acc.result();
}
