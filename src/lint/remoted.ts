/**
 * What wazuh-remoted warns about in `<remote>` and then ignores or replaces (src/wazuh/load-remote.ts): the
 * manager runs, not as written. Its refusals are start-up refusals (./startup.ts); these are lint's warnings,
 * each under the rule that owns its cause. Only a manager's own ossec.conf: agents run no remoted.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { Range } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { loadRemoted } from '../wazuh/load.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { elementValueRange } from './active-response.ts';
import type { FileRole } from './types.ts';

export interface RemotedFinding {
  ruleId: 'invalid-value' | 'invalid-boolean' | 'unknown-element';
  messageId: 'remoted';
  /** text: what remoted logs; applied: what it does instead. */
  data: { section: string; name: string; value: string; text: string; applied: string };
  range: Range;
}

/** The yes/no options of `<remote>` (strcasecmp or strcmp against yes and no). */
const SWITCHES = new Set(['ipv6', 'allow_higher_versions']);

export function remotedWarnings(doc: ConfigDocument, config: ConfigView, role: FileRole, target: TargetVersion): RemotedFinding[] {
  if (role !== 'ossec.conf' || isAgentNodeConfig(config)) return [];
  return loadRemoted(doc, target).warnings.map(({ message, element, applied }) => {
    const data = { section: element.parent?.name ?? '', name: element.name, value: element.content, text: message.text, applied };
    if (message.code === 1230) return { ruleId: 'unknown-element', messageId: 'remoted', data, range: element.openTag };
    // (9003) is about a well-written yes (4.2, 4.3): not a switch's bad value.
    const ruleId = message.code === 9001 && SWITCHES.has(element.name.toLowerCase()) ? 'invalid-boolean' : 'invalid-value';
    return { ruleId, messageId: 'remoted', data, range: elementValueRange(element) };
  });
}

/** The text of each rule's 'remoted' message. */
export const REMOTED_MESSAGES = {
  'invalid-value': "<{{section}}><{{name}}> '{{value}}' is not read as written: {{remoted}} logs \"{{text}}\" and {{applied}}.",
  'invalid-boolean': "<{{section}}><{{name}}> must be 'yes' or 'no', not '{{value}}': {{remoted}} logs \"{{text}}\" and {{applied}}.",
  'unknown-element': '<{{section}}><{{name}}> is not an option {{remoted}} knows: it logs "{{text}}" and {{applied}}.',
} as const;
