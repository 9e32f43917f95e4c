/**
 * What wazuh-remoted warns about in `<remote>` (src/wazuh/load-remote.ts) and wazuh-authd in `<auth>`
 * (src/wazuh/load-auth.ts), and then ignores or replaces: the manager runs, not as written. Their refusals are
 * start-up refusals (./startup.ts); these are lint's warnings, each under the rule that owns its cause. Only a
 * manager's own ossec.conf: agents run neither daemon.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { Range } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { loadAuthd, loadRemoted } from '../wazuh/load.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import { integrationNames, integrationsNotRun, integratorRefusal } from '../wazuh/load-integrator.ts';
import { wazuhChildren } from '../document/os-xml.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { elementValueRange } from './active-response.ts';
import type { FileRole } from './types.ts';

export type RemotedFinding =
  | RemotedFindingOf<'invalid-boolean' | 'unknown-element', DaemonMessageId>
  // integratordBlock: an <integration> integratord exits on (no <name>) or does not run, said of the block.
  | RemotedFindingOf<'invalid-value', DaemonMessageId | 'integratordBlock'>;

/** The daemon that warns. */
type DaemonMessageId = 'remoted' | 'authd' | 'integratord';

interface RemotedFindingOf<R extends string, M extends string> {
  ruleId: R;
  messageId: M;
  /** text: what remoted logs; applied: what it does instead. */
  data: { section: string; name: string; value: string; text: string; applied: string };
  range: Range;
}

/** The yes/no options of `<remote>`, `<agents>` and `<key_request>` (strcasecmp or strcmp against yes and no). */
const SWITCHES = new Set(['ipv6', 'allow_higher_versions', 'enabled']);

export function remotedWarnings(doc: ConfigDocument, config: ConfigView, role: FileRole, target: TargetVersion): RemotedFinding[] {
  if (role !== 'ossec.conf' || isAgentNodeConfig(config)) return [];
  const found = [
    ...loadRemoted(doc, target).warnings.map((w) => ({ ...w, messageId: 'remoted' as const })),
    ...loadAuthd(doc, target).warnings.map((w) => ({ ...w, messageId: 'authd' as const })),
    ...integratorWarnings(config, target),
  ];
  return found.map(({ message, element, applied, messageId }): RemotedFinding => {
    const data = { section: element.parent?.name ?? '', name: element.name, value: element.content, text: message.text, applied };
    // A block without <name> (5310), and the integrations integratord does not run: said of the <integration>.
    if (messageId === 'integratordBlock') return { ruleId: 'invalid-value', messageId, data, range: element.name === 'integration' ? element.openTag : elementValueRange(element) };
    if (message.code === 1230 || message.text.startsWith('No such tag ')) return { ruleId: 'unknown-element', messageId, data, range: element.openTag };
    // A switch's bad value: (9001), or key_request's "Invalid content for tag 'enabled'". (9003) is about a well-written yes (4.2, 4.3).
    const badSwitch = message.code === 9001 || message.text.startsWith('Invalid content for tag ');
    const ruleId = badSwitch && SWITCHES.has(element.name.toLowerCase()) ? 'invalid-boolean' : 'invalid-value';
    return { ruleId, messageId, data, range: message.code === null && element.name.startsWith('force_') ? element.openTag : elementValueRange(element) };
  });
}

/**
 * wazuh-integratord's refusal of an `<integration>` (src/wazuh/load-integrator.ts): it exits and no integration runs,
 * but the manager runs on (an optional daemon): a warning. A block without <name> is said at the block's open tag.
 */
function integratorWarnings(config: ConfigView, target: TargetVersion) {
  const sections = config.roots.filter((r) => r.name === 'ossec_config').flatMap((r) => wazuhChildren(r)).filter((c) => c.name === 'integration');
  const refusal = integratorRefusal(sections, target);
  const exits = `exits ("Remote integrations not configured. Clean exit."): no <integration> runs, the others' neither (src/os_integrator/main.c:118-123)`;
  if (refusal) {
    const message = { daemon: 'wazuh-integratord', level: 'ERROR', code: refusal.code, text: refusal.text, fatal: true, range: refusal.element.range, element: refusal.element } as const;
    const noName = refusal.code === 5310;
    return [{ message, element: refusal.element, applied: noName ? `${exits}. Name the integration: <name>slack</name>, or custom-SCRIPT` : exits, messageId: noName ? ('integratordBlock' as const) : ('integratord' as const) }];
  }
  return integrationsNotRun(sections, target).map((skip) => {
    const message = { daemon: 'wazuh-integratord', level: 'ERROR', code: null, text: skip.text, fatal: false, range: skip.element.range, element: skip.element } as const;
    const applied = skip.lacks
      ? `does not run this integration, the others run (src/os_integrator/integrator.c:74-130): add its <${skip.lacks}>`
      : `does not run it, the others run (src/os_integrator/integrator.c:131-140; without an integrations/${skip.element.content} script it logs "File not found" first, :61-71): it runs ${integrationNames(target).join(', ')} and custom- scripts (integrations/custom-NAME)`;
    return { message, element: skip.element, applied, messageId: 'integratordBlock' as const };
  });
}

/** Each rule's messages for these warnings, by daemon ({{text}}: what it logs; {{applied}}: what it does instead; the daemon named as the target names it, ./daemon-names.ts). */
export function managerDaemonMessages(rule: 'invalid-value' | 'invalid-boolean' | 'unknown-element') {
  const text = (daemon: string) =>
    rule === 'invalid-value'
      ? `<{{section}}><{{name}}> '{{value}}' is not read as written: ${daemon} logs "{{text}}" and {{applied}}.`
      : rule === 'invalid-boolean'
        ? `<{{section}}><{{name}}> must be 'yes' or 'no', not '{{value}}': ${daemon} logs "{{text}}" and {{applied}}.`
        : `<{{section}}><{{name}}> is not an option ${daemon} knows: it logs "{{text}}" and {{applied}}.`;
  return {
    remoted: { severity: 'warning' as const, text: text('{{remoted}}') },
    authd: { severity: 'warning' as const, text: text('{{authd}}') },
    integratord: { severity: 'warning' as const, text: text('{{integratord}}') },
  };
}
