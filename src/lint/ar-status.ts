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
  return analysisdModel(ctx.doc, ctx.config, ctx.target).responses.find((r) => r.index === ar.index)?.status === 'dropped';
}
