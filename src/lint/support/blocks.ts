/** The blocks arctl lints, and the yes/no switches each one reads strictly. */
import type { ConfigView, Options } from '../../document/views.ts';
import type { XmlElement } from '../../document/types.ts';
import { BLOCKS, blockSchema, isKnownOption, type BlockName } from '../../schema/elements.ts';

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

/** Blocks Wazuh reads only as direct children of the file's root (read_main_elements, src/config/config.c). */
export const ROOT_BLOCKS: ReadonlySet<string> = new Set(['command', 'active-response', 'global', 'email_alerts']);

/**
 * A `<command>`, `<active-response>`, `<global>` or `<email_alerts>` block written inside another element
 * (a `<command>` without children is an option: of `<active-response>`, `<localfile>`, wodles). One cause,
 * reported by outside-ossec-config alone, even where the parent's reader refuses the name (unknown-element leaves it).
 */
export function isNestedBlock(el: XmlElement, root: string): boolean {
  if (el.depth < 2 || !ROOT_BLOCKS.has(el.name) || !el.parent) return false;
  if (el.name === 'command' && el.children.length === 0) return false;
  return !(el.parent.depth === 0 && el.parent.name === root);
}

/**
 * A nested block whose parent is a section arctl lints that has no option of that name: the parent's reader
 * stops at it with (1230): Invalid element in the configuration (Read_Global, ReadActiveCommands, ...).
 */
export function refusedByParent(el: XmlElement): boolean {
  const parent = el.parent;
  return parent !== null && parent !== undefined && parent.depth === 1 && blockSchema(parent.name)?.strictChildren === true && !isKnownOption(parent.name, el.name);
}

/** The start tags of the nested blocks inside the linted blocks: the schema's findings there are outside-ossec-config's. */
export function nestedBlockStarts(config: ConfigView, root: string): Set<number> {
  const starts = new Set<number>();
  for (const block of lintedBlocks(config)) {
    for (const child of block.element.children) if (isNestedBlock(child, root)) starts.add(child.openTag.start);
  }
  return starts;
}
