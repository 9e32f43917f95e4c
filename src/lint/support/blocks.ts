/** The blocks arctl lints, with the yes/no switches each one reads strictly (`strcmp` with "yes"/"no"). */
import type { ConfigView, Options } from '../../document/views.ts';
import type { XmlElement } from '../../document/types.ts';

export type BlockKind = 'command' | 'active-response' | 'global' | 'email_alerts' | 'alerts';

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

/**
 * yes/no switches per block: src/config/active-response.c (timeout_allowed, disabled),
 * src/config/global-config.c Read_Global, src/config/alerts-config.c (use_geoip).
 */
export const YES_NO_OPTIONS: Readonly<Record<BlockKind, readonly string[]>> = {
  command: ['timeout_allowed'],
  'active-response': ['disabled'],
  global: ['email_notification', 'logall', 'logall_json', 'alerts_log', 'jsonout_output', 'prelude_output', 'zeromq_output'],
  email_alerts: [],
  alerts: ['use_geoip'],
};
