/**
 * The one pass over the alerts: each file is read once (gzip, JSON lines, arrays; `-` is standard
 * input), lines that can fire nothing on either side are ruled out unparsed, and every other alert
 * is decided against both configurations by a BehaviourAccumulator and, with `timeline`, replayed
 * through each side's execd (./timeline.ts).
 */
import { alertReadError, openAlertSource, readAlertBatches, type AlertRecord, type AlertSyntaxError } from '../simulate/input.ts';
import type { SimOptions } from '../simulate/model.ts';
import { buildLinePrefilter } from '../timeline/prefilter.ts';
import { BehaviourAccumulator, diffPrefilter } from './behaviour.ts';
import type { BehaviourDiff, DiffTimeline } from './model.ts';
import type { DiffSide, StaticDiff } from './static.ts';
import { TIMELINE_ALL_NOTE } from './phrases.ts';
import { SideTimeline } from './timeline.ts';

export interface PassOptions {
  skipInvalid?: boolean;
  /** Called for each entry skipped with skipInvalid (file as shown, line, reason). */
  onInvalid?: (file: string, error: AlertSyntaxError) => void;
  maxExamples?: number;
  /** Also replay the alerts through each side's execd. */
  timeline?: boolean;
  /** With `timeline`: the agents' own <repeated_offenders> minutes (their ossec.conf, diff --agent-config). */
  agentRepeatedOffenders?: number[];
  /** Read for the file `-`. */
  stdin?: AsyncIterable<Buffer>;
}

export interface PassResult {
  behaviour: BehaviourDiff;
  timeline?: DiffTimeline;
}

/** Marks of the pass's prefilter: which consumers want a line (records it did not look at go to all). */
const BASE_TIMELINE = 1;
const HEAD_TIMELINE = 2;
const BEHAVIOUR = 4;
const EVERY = BASE_TIMELINE | HEAD_TIMELINE | BEHAVIOUR;

/**
 * The line prefilter of the pass: with the timeline, it marks each line with the consumers that want
 * it (each side's replay by its own prefilter, as `simulate --timeline` reads; the behaviour by
 * diffPrefilter); undefined when every line is wanted by everyone.
 */
function passPrefilter(base: DiffSide, head: DiffSide, simOptions: SimOptions, diff: StaticDiff, timeline: boolean): ((line: string) => boolean | number) | undefined {
  const behaviour = diffPrefilter(base.config, head.config, simOptions, diff);
  if (!timeline) return behaviour;
  const sideFilter = (side: DiffSide) => (side.config.refusal.length > 0 ? () => false : buildLinePrefilter(side.config, simOptions.rules !== undefined));
  const filters: Array<[((line: string) => boolean) | undefined, number]> = [
    [sideFilter(base), BASE_TIMELINE],
    [sideFilter(head), HEAD_TIMELINE],
    [behaviour, BEHAVIOUR],
  ];
  if (filters.every(([f]) => f === undefined)) return undefined;
  return (line) => {
    let mark = 0;
    for (const [filter, bit] of filters) if (!filter || filter(line)) mark |= bit;
    return mark;
  };
}

/** `files` as given (`-` is standard input); `shown` names them in errors. */
export async function diffAlerts(
  files: Array<{ path: string; shown: string }>,
  base: DiffSide,
  head: DiffSide,
  diff: StaticDiff,
  simOptions: SimOptions,
  options: PassOptions = {},
): Promise<PassResult> {
  const acc = new BehaviourAccumulator(base, head, diff.pairs, simOptions, diff.emailDiffers, options.maxExamples);
  const prefilter = passPrefilter(base, head, simOptions, diff, Boolean(options.timeline));
  const sides = options.timeline ? ([[new SideTimeline(base, simOptions, options.agentRepeatedOffenders), BASE_TIMELINE], [new SideTimeline(head, simOptions, options.agentRepeatedOffenders), HEAD_TIMELINE]] as const) : [];
  let unparsed = 0;
  for (const file of files) {
    acc.files.push(file.shown);
    try {
      const batches = readAlertBatches(openAlertSource(file.path, options.stdin), {
        ...(prefilter ? { prefilter, onFiltered: () => void unparsed++ } : {}),
        skipInvalid: Boolean(options.skipInvalid),
        onInvalid: (error) => {
          acc.invalidSkipped++;
          options.onInvalid?.(file.shown, error);
        },
        // alerts.log names agents, not their ids: --agents gives them.
        ...(simOptions.agents ? { agents: simOptions.agents } : {}),
      });
      for await (const batch of batches) {
        for (const record of batch) {
          if (wants(record, BEHAVIOUR)) acc.add(record);
          else unparsed++;
        }
        for (const [side, bit] of sides) side.add(batch.filter((record) => wants(record, bit)));
      }
    } catch (error) {
      throw alertReadError(error, file.shown, Boolean(options.skipInvalid));
    }
  }
  acc.addUnparsed(unparsed);
  if (!options.timeline) return { behaviour: acc.result() };
  const [before, after] = [sides[0]![0], sides[1]![0]];
  const timeline = { base: before.summary(), head: after.summary() };
  const note = before.tally.everyAgentAsOne || after.tally.everyAgentAsOne ? { note: TIMELINE_ALL_NOTE } : {};
  return { behaviour: acc.result(), timeline: { ...timeline, ...note } };
}

const wants = (record: AlertRecord, bit: number): boolean => ((record.mark ?? EVERY) & bit) !== 0;
