/**
 * A start-up refusal (src/wazuh/load.ts) as the rule that owns it sees it. src/lint/startup.ts gives
 * each refusal to the rule whose `ownsRefusal` claims it, the way schema findings reach the rule that
 * owns their id: the rule decides which of Wazuh's refusals are its own and what hint follows Wazuh's
 * message; refusals no rule claims are named by the schema's classification of the element.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { AnalysisdConfig, LoadMessage } from '../wazuh/load.ts';

export interface StartupRefusal {
  message: LoadMessage;
  /** The configuration as the daemons loaded it. */
  config: AnalysisdConfig;
  doc: ConfigDocument;
}

/** A rule's claim on a refusal: the hint that follows Wazuh's message (with its leading space), if any. */
export interface RefusalClaim {
  hint?: string;
}

/** A 1303 whose command is defined further down: ReadActiveResponses only knows the commands read before the block. */
export function commandDefinedFurtherDown({ message, config }: StartupRefusal): boolean {
  const el = message.element;
  return message.code === 1303 && el !== null && config.commands.some((c) => c.name === el.content && c.element.range.start > el.range.start);
}
