/**
 * Alerts from a byte stream to decision batches (./decide.ts): read, ruled out by the line prefilter
 * when they cannot fire, parsed and decided.
 */
import { isLineFeed, readAlertBatches, type LineFeed, type ReadAlertsOptions } from '../simulate/input.ts';
import type { SimConfig, SimOptions } from '../simulate/model.ts';
import { decideBatches, type DecideOptions, type DecisionBatch } from './decide.ts';
import { buildLinePrefilter } from './prefilter.ts';

export interface ReadDecisionsOptions extends DecideOptions, Pick<ReadAlertsOptions, 'skipInvalid' | 'onInvalid' | 'part' | 'gunzipped' | 'counts' | 'onTextLog' | 'onNotUtf8'> {
  /** Updated by the caller's byte source; copied into each batch for progress. */
  progress?: { bytes: number };
}

/** Whether the line prefilter runs for this configuration (the summary then counts unparsed alerts). */
export function prefilterFor(config: SimConfig, simOptions: SimOptions): ((line: string) => boolean) | undefined {
  return buildLinePrefilter(config, simOptions.rules !== undefined);
}

export async function* readDecisions(source: AsyncIterable<Buffer> | LineFeed, config: SimConfig, simOptions: SimOptions, options: ReadDecisionsOptions): AsyncGenerator<DecisionBatch> {
  const prefilter = prefilterFor(config, simOptions);
  let unparsed = 0;
  const records = readAlertBatches(source, {
    // A LineFeed's lines were ruled out where they were read: only its counts arrive here.
    ...(prefilter ? { ...(isLineFeed(source) ? {} : { prefilter }), onFiltered: () => void unparsed++ } : {}),
    ...(options.skipInvalid !== undefined ? { skipInvalid: options.skipInvalid } : {}),
    ...(options.onInvalid ? { onInvalid: options.onInvalid } : {}),
    ...(options.part ? { part: options.part } : {}),
    ...(options.gunzipped ? { gunzipped: true } : {}),
    ...(options.counts ? { counts: options.counts } : {}),
    ...(options.onTextLog ? { onTextLog: options.onTextLog } : {}),
    ...(options.onNotUtf8 ? { onNotUtf8: options.onNotUtf8 } : {}),
    ...(simOptions.agents ? { agents: simOptions.agents } : {}),
  });
  for await (const alerts of records) {
    let yielded = false;
    // A chunk's alerts in several batches when they send many dispatches (a response at `all`).
    for (const batch of decideBatches(alerts, config, simOptions, options)) {
      batch.unparsed = unparsed;
      unparsed = 0;
      if (options.progress) batch.bytes = options.progress.bytes;
      yielded = true;
      yield batch;
    }
    // A chunk whose alerts were all ruled out, or that held none: its counts still travel.
    if (!yielded) {
      yield { decisions: [], untimed: 0, outsideWindow: 0, unparsed, ...(options.progress ? { bytes: options.progress.bytes } : {}) };
      unparsed = 0;
    }
  }
  // Alerts ruled out after the last parsed one.
  if (unparsed > 0) yield { decisions: [], untimed: 0, outsideWindow: 0, unparsed, ...(options.progress ? { bytes: options.progress.bytes } : {}) };
}
