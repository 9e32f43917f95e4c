/**
 * `arctl diff --timeline`: each side's alerts replayed through execd's timeout lists (src/timeline),
 * summed up as blocks: adds, keys blocked, peak active, seconds blocked. Fed by the one pass over the
 * alerts (./pass.ts), each side deciding the alerts its own line prefilter keeps, as
 * `simulate --timeline` does; memory follows the active keys.
 */
import type { AlertRecord } from '../simulate/input.ts';
import type { SimOptions } from '../simulate/model.ts';
import { decideBatch } from '../timeline/decide.ts';
import { TimelineReplay, type TimelineItem } from '../timeline/replay.ts';
import type { TimelineSideSummary } from './model.ts';
import type { DiffSide } from './static.ts';

/** One side's replay and its running totals. */
export class SideTimeline {
  private readonly replay: TimelineReplay | undefined;
  private readonly out: TimelineSideSummary = { adds: 0, addressesBlocked: 0, peakActive: 0, blockedSeconds: 0, stillActive: 0 };
  private active = 0;
  /** Some response ran at `all`, the one host that stands for every active agent without --agents. */
  everyAgentAsOne = false;

  constructor(
    private readonly side: DiffSide,
    private readonly simOptions: SimOptions,
  ) {
    // A side Wazuh refuses to start with blocks nothing.
    if (side.config.refusal.length === 0) {
      this.replay = new TimelineReplay(side.config, { managerRepeatedOffenders: side.repeatedOffenders.length > 0 ? side.repeatedOffenders : undefined, reorderWindow: 60 });
    }
  }


  /** Decides and replays the alerts of a batch that this side reads. */
  add(records: readonly AlertRecord[]): void {
    if (!this.replay || records.length === 0) return;
    this.count(this.replay.add(decideBatch(records, this.side.config, this.simOptions, {})));
  }

  summary(): TimelineSideSummary {
    const out = this.out;
    if (!this.replay) return out;
    this.count(this.replay.finish());
    const summary = this.replay.summary;
    const end = summary.at ?? 0;
    out.addressesBlocked = summary.groups.reduce((n, g) => n + g.distinctKeys, 0);
    out.stillActive = summary.stillActive.length;
    for (const s of summary.stillActive) out.blockedSeconds += Math.max(0, end - s.addedAt);
    out.blockedSeconds = Math.round(out.blockedSeconds);
    return out;
  }

  private count(items: readonly TimelineItem[]): void {
    const out = this.out;
    for (const item of items) {
      if (item.type !== 'event') continue;
      const e = item.event;
      if (e.host === 'all') this.everyAgentAsOne = true;
      if (e.action === 'add') {
        out.adds++;
        if (e.timeout !== 0) out.peakActive = Math.max(out.peakActive, ++this.active);
      } else if (e.action === 'delete') {
        this.active--;
        if (e.addedAt !== undefined) out.blockedSeconds += e.time - e.addedAt;
      }
    }
  }
}
