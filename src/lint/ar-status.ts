/**
 * What analysisd made of an `<active-response>` block (src/wazuh/load.ts), for rules whose claim depends
 * on how far ReadActiveResponses got with it.
 */
import type { ActiveResponseView } from '../document/views.ts';
import { analysisdModel } from './active-response.ts';
import type { RuleContext } from './types.ts';

/**
 * A defined-agent block with `<agent_id>` 0 (or text atoi reads as 0) is dropped with warning (1306) on
 * 4.3+ before its command is looked up: no (1303) can come from it.
 */
export function droppedBeforeLookup(ctx: Pick<RuleContext, 'doc' | 'config' | 'target'>, ar: ActiveResponseView): boolean {
  return loadedResponse(ctx, ar)?.status === 'dropped';
}

type Loaded = ReturnType<typeof analysisdModel>['responses'][number];
const byIndexOf = new WeakMap<readonly Loaded[], Map<number, Loaded>>();

/** What analysisd made of this block, looked up by its index (indexed once per model: rules ask per block). */
function loadedResponse(ctx: Pick<RuleContext, 'doc' | 'config' | 'target'>, ar: ActiveResponseView): Loaded | undefined {
  const responses = analysisdModel(ctx.doc, ctx.config, ctx.target).responses;
  let byIndex = byIndexOf.get(responses);
  if (!byIndex) {
    byIndex = new Map();
    for (const r of responses) if (!byIndex.has(r.index)) byIndex.set(r.index, r);
    byIndexOf.set(responses, byIndex);
  }
  return byIndex.get(ar.index);
}

/**
 * The code of the refusal analysisd stops at in this block before it looks the command up (an invalid
 * element or value (1230/1235), missing options (1281), no agent (1304), a bad location (1302)): the
 * block's own (1303) only comes once that one is mended.
 */
export function refusalBeforeLookup(ctx: Pick<RuleContext, 'doc' | 'config' | 'target'>, ar: ActiveResponseView): number | undefined {
  const loaded = loadedResponse(ctx, ar);
  if (loaded?.status !== 'refused') return undefined;
  return loaded.messages.find((m) => m.fatal && m.code !== 1303)?.code ?? undefined;
}
