/**
 * `arctl diff --timeline`: each side's alerts replayed through execd's timeout lists (src/timeline),
 * summed up as blocks: adds, keys blocked, peak active, seconds blocked. Each side reads the alerts
 * once more, streaming (memory follows the active keys, as `simulate --timeline`).
 */
import { alertReadError, openAlertSource } from '../simulate/input.ts';
import type { SimOptions } from '../simulate/model.ts';
import type { DecisionBatch } from '../timeline/decide.ts';
import { prefilterFor, readDecisions } from '../timeline/read-decisions.ts';
import { replayTimeline } from '../timeline/replay.ts';
import type { TimelineSideSummary } from './model.ts';
import type { DiffSide } from './static.ts';

async function sideSummary(files: Array<{ path: string; shown: string }>, side: DiffSide, simOptions: SimOptions, skipInvalid: boolean): Promise<TimelineSideSummary> {
  const out: TimelineSideSummary = { adds: 0, addressesBlocked: 0, peakActive: 0, blockedSeconds: 0, stillActive: 0 };
  if (side.config.refusal.length > 0) return out;
  const config = side.config;
  let shown = '';
  async function* batches(): AsyncGenerator<DecisionBatch> {
    for (const file of files) {
      shown = file.shown;
      yield* readDecisions(openAlertSource(file.path), config, simOptions, { skipInvalid });
    }
  }
  const replay = replayTimeline(batches(), config, { managerRepeatedOffenders: side.repeatedOffenders.length > 0 ? side.repeatedOffenders : undefined, reorderWindow: 60 }, undefined, prefilterFor(config, simOptions) !== undefined);
  let active = 0;
  try {
    for (;;) {
      const step = await replay.next();
      if (step.done) {
        const end = step.value.at ?? 0;
        out.addressesBlocked = step.value.groups.reduce((n, g) => n + g.distinctKeys, 0);
        out.stillActive = step.value.stillActive.length;
        for (const s of step.value.stillActive) out.blockedSeconds += Math.max(0, end - s.addedAt);
        out.blockedSeconds = Math.round(out.blockedSeconds);
        return out;
      }
      for (const item of step.value) {
        if (item.type !== 'event') continue;
        const e = item.event;
        if (e.action === 'add') {
          out.adds++;
          if (e.timeout > 0) out.peakActive = Math.max(out.peakActive, ++active);
        } else if (e.action === 'delete') {
          active--;
          if (e.addedAt !== undefined) out.blockedSeconds += e.time - e.addedAt;
        }
      }
    }
  } catch (error) {
    throw alertReadError(error, shown, skipInvalid);
  }
}

export async function diffTimeline(
  files: Array<{ path: string; shown: string }>,
  base: DiffSide,
  head: DiffSide,
  simOptions: SimOptions,
  skipInvalid: boolean,
): Promise<{ base: TimelineSideSummary; head: TimelineSideSummary }> {
  return {
    base: await sideSummary(files, base, simOptions, skipInvalid),
    head: await sideSummary(files, head, simOptions, skipInvalid),
  };
}
