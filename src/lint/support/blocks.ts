/** The blocks arctl lints, and the yes/no switches each one reads strictly. */
import type { ConfigView, Options } from '../../document/views.ts';
import type { XmlElement } from '../../document/types.ts';
import { BLOCKS, type BlockName } from '../../schema/elements.ts';

export type BlockKind = BlockName;

export interface Block {
  kind: BlockKind;
  element: XmlElement;
  options: Options;
}

/** Every linted block in document order. */
export function lintedBlocks(config: ConfigView): Block[] {
  const out: Block[] = [
    ...config.commands.map((v) => ({ kind: 'command' as const, element: v.element, options: v.options })),
    ...config.activeResponses.map((v) => ({ kind: 'active-response' as const, element: v.element, options: v.options })),
    ...config.globals.map((v) => ({ kind: 'global' as const, element: v.element, options: v.options })),
    ...config.emailAlerts.map((v) => ({ kind: 'email_alerts' as const, element: v.element, options: v.options })),
    ...config.alerts.map((v) => ({ kind: 'alerts' as const, element: v.element, options: v.options })),
  ];
  return out.sort((a, b) => a.element.range.start - b.element.range.start);
}

/** yes/no switches per block (strcmp with "yes" / "no"), from the schema data in src/schema/elements.ts. */
export const YES_NO_OPTIONS: Readonly<Record<BlockKind, readonly string[]>> = {
  command: yesNoOptions('command'),
  'active-response': yesNoOptions('active-response'),
  global: yesNoOptions('global'),
  email_alerts: yesNoOptions('email_alerts'),
  alerts: yesNoOptions('alerts'),
};

function yesNoOptions(block: BlockKind): string[] {
  return BLOCKS[block].options.filter((o) => o.type.kind === 'yes-no').map((o) => o.name);
}
