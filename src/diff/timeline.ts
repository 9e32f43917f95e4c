/**
 * `arctl diff --timeline`: each side's alerts replayed through execd's timeout lists (src/timeline),
 * summed up as blocks: adds, keys blocked, peak active, seconds blocked. Fed by the one pass over the
 * alerts (./pass.ts), each side deciding the alerts its own line prefilter keeps, as
 * `simulate --timeline` does; memory follows the active keys.
 */
import type { AlertRecord } from '../simulate/input.ts';
import type { SimOptions } from '../simulate/model.ts';
import { decideBatches } from '../timeline/decide.ts';
import { TimelineReplay, type TimelineItem, type TimelineSink, type TimelineSummary } from '../timeline/replay.ts';
import type { TimelineEvent } from '../timeline/execd-state.ts';
import type { TimelineSideSummary } from './model.ts';
import type { DiffSide } from './static.ts';

/** A replay's items summed up as blocks, as they come, then completed by the replay's summary. */
export class BlockTally implements TimelineSink {
  private readonly out: TimelineSideSummary = { adds: 0, fails: 0, addressesBlocked: 0, peakActive: 0, blockedSeconds: 0, stillActive: 0 };
  private active = 0;
  /**
   * When each listed key's block began (by host and key): a repeat restarts execd's timer and the entry's
   * addedAt (os_execd/execd.c:394-397, time_of_addition), but the key has been blocked since the add that listed it.
   */
  private readonly since = new Map<string, number>();
  /** Some response ran at `all`, the one host that stands for every active agent without --agents. */
  everyAgentAsOne = false;

  count(items: readonly TimelineItem[]): void {
    for (const item of items) {
      if (item.type === 'fail') this.fail();
      else this.event(item.event);
    }
  }

  /** As a replay's sink (TimelineSink): each event counted as it happens, none kept. */
  event(e: TimelineEvent): void {
    const out = this.out;
    if (e.host === 'all') this.everyAgentAsOne = true;
    if (e.action === 'add') {
      out.adds++;
      if (e.timeout === 0) return;
      out.peakActive = Math.max(out.peakActive, ++this.active);
      this.since.set(`${e.host}\0${e.key}`, e.time);
    } else if (e.action === 'delete') {
      this.active--;
      const key = `${e.host}\0${e.key}`;
      const since = this.since.get(key) ?? e.addedAt;
      this.since.delete(key);
      if (since !== undefined) out.blockedSeconds += e.time - since;
    }
  }

  fail(): void {
    this.out.fails++;
  }

  /** The totals, once the replay is finished (its last items counted). */
  finish(summary: Pick<TimelineSummary, 'at' | 'groups' | 'stillActive'>): TimelineSideSummary {
    const out = this.out;
    const end = summary.at ?? 0;
    out.addressesBlocked = summary.groups.reduce((n, g) => n + g.distinctKeys, 0);
    out.stillActive = summary.stillActive.length;
    for (const s of summary.stillActive) out.blockedSeconds += Math.max(0, end - (this.since.get(`${s.host}\0${s.key}`) ?? s.addedAt));
    out.blockedSeconds = Math.round(out.blockedSeconds);
    return out;
  }
}

/** One side's replay and its running totals. */
export class SideTimeline {
  private readonly replay: TimelineReplay | undefined;
  readonly tally = new BlockTally();

  /**
   * @param agentRepeatedOffenders the agents' own <repeated_offenders> minutes (diff --agent-config): their execd
   *   reads its own ossec.conf, as simulate --timeline --agent-config replays them; the side's list is the manager's.
   */
  constructor(
    private readonly side: DiffSide,
    private readonly simOptions: SimOptions,
    agentRepeatedOffenders?: number[],
  ) {
    // A side Wazuh refuses to start with blocks nothing.
    if (side.config.refusal.length === 0) {
      // --agents: each agent's own restart program for a restart-wazuh0, as simulate --timeline replays (replay-file.ts).
      this.replay = new TimelineReplay(side.config, {
        managerRepeatedOffenders: side.repeatedOffenders.length > 0 ? side.repeatedOffenders : undefined,
        ...(agentRepeatedOffenders ? { agentRepeatedOffenders } : {}),
        reorderWindow: 60,
        ...(simOptions.agents ? { agents: simOptions.agents } : {}),
        // Counted as they happen: a batch's events as items were alerts x agents objects at once (a response at `all`).
      }, false, this.tally);
    }
  }

  /** Decides and replays the alerts of a batch that this side reads. */
  add(records: readonly AlertRecord[]): void {
    if (!this.replay || records.length === 0) return;
    // In batches of a bounded number of dispatches (a response at `all` sends each alert to every agent).
    for (const batch of decideBatches(records, this.side.config, this.simOptions, {})) this.replay.add(batch);
  }

  summary(): TimelineSideSummary {
    if (!this.replay) return this.tally.finish({ groups: [], stillActive: [] });
    this.replay.finish();
    return this.tally.finish(this.replay.summary);
  }
}
