/**
 * What the first alerts of an input look like, for a timeline in which no response fired: the replay
 * itself never asks (the line prefilter rules out, unparsed, every line that cannot fire, and a flattened
 * export's or another tool's records are such lines), so a file in a shape arctl does not read would
 * otherwise get only "No active response fired". Reads at most SAMPLE_ALERTS alerts from the input's
 * first SAMPLE_BYTES bytes, once, after the replay: the per-line path is untouched.
 */
import { maybeGunzip, openAlertSource, readAlertBatches } from '../simulate/input.ts';
import { alertFacts } from '../simulate/alert.ts';
import { foreignShape } from '../simulate/engine.ts';

export const SAMPLE_ALERTS = 20;
export const SAMPLE_BYTES = 1024 * 1024;

/** Counts over the alerts sampled, in the terms of simulate's summary (TextSummary). */
export interface ShapeSample {
  /** Alerts sampled (the first of the input). */
  alerts: number;
  /** Of those: alerts without rule.id (they fire nothing). */
  withoutRule: number;
  /** Of those without rule.id: OSSEC 2.x alerts.json alerts (rule.sidid), flattened exports (top-level "rule.id", rule_id). */
  ossec2: number;
  flattened: number;
  /** Of those without rule.id: objects with no rule and no agent (another tool's output). */
  notWazuh: number;
  /** The input ended within the sample: these are all its alerts. */
  complete: boolean;
}

/** Passes `source` through, keeping a copy of its first `limit` bytes in `into` (standard input is read once). */
export async function* keepHead(source: AsyncIterable<Buffer>, into: Buffer[], limit = SAMPLE_BYTES): AsyncGenerator<Buffer> {
  let kept = 0;
  for await (const chunk of source) {
    if (kept < limit) {
      into.push(chunk.subarray(0, limit - kept));
      kept += Math.min(chunk.length, limit - kept);
    }
    yield chunk;
  }
}

/** The first SAMPLE_BYTES bytes of `source`. */
async function* head(source: AsyncIterable<Buffer>, cut: { hit: boolean }): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of source) {
    yield chunk.subarray(0, SAMPLE_BYTES - read);
    read += chunk.length;
    if (read >= SAMPLE_BYTES) {
      cut.hit = true;
      return;
    }
  }
}

/**
 * Samples the first alerts of the file at `input`, or of the bytes keepHead kept of an input that can be
 * read once (standard input, a FIFO). Entries that are not alerts are passed over, and reading stops
 * quietly at the first error (the sample's end may cut an alert): the replay already reported what was
 * wrong with the input.
 */
export async function sampleAlertShapes(input: string | Buffer[]): Promise<ShapeSample> {
  const sample: ShapeSample = { alerts: 0, withoutRule: 0, ossec2: 0, flattened: 0, notWazuh: 0, complete: false };
  const cut = { hit: false };
  const source = typeof input === 'string' ? openAlertSource(input) : (async function* () { yield* input; })();
  try {
    for await (const batch of readAlertBatches(head(maybeGunzip(source), cut), { skipInvalid: true })) {
      for (const record of batch) {
        if (sample.alerts >= SAMPLE_ALERTS) return sample;
        sample.alerts++;
        const facts = alertFacts(record.alert, false);
        if (facts.ruleIdText !== undefined) continue;
        sample.withoutRule++;
        const shape = foreignShape(record.alert);
        if (shape === 'ossec-2.x') sample.ossec2++;
        else if (shape !== undefined) sample.flattened++;
        else if (facts.ruleLevel === undefined && facts.groups.length === 0 && facts.agentId === undefined && facts.agentName === undefined) sample.notWazuh++;
      }
      if (sample.alerts >= SAMPLE_ALERTS) return sample;
    }
    sample.complete = !cut.hit && (typeof input === 'string' || input.reduce((n, b) => n + b.length, 0) < SAMPLE_BYTES);
  } catch {
    // The sample's cut, or an input the replay has already refused.
  }
  return sample;
}
