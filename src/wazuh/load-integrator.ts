/**
 * What wazuh-integratord refuses in `<integration>` (Read_Integrator, src/config/integrator-config.c, v4.0.0 to
 * v4.14.7): an option it does not know ((1230), XML_INVELEM), a `<level>`, `<max_log>`, `<timeout>` or `<retries>`
 * not all digits or a `<max_log>` outside 165-1024 ((1235), XML_VALUEERR), an `<event_location>` OSMatch cannot
 * compile (longer than OS_PATTERN_MAXSIZE: (1450), REGEX_COMPILE, error 3), and, once a block is read, a block
 * without `<name>` ((5310), XML_INV_INTEGRATOR, integrator-config.c:221-226). ReadConfig stops at the
 * first, OS_ReadIntegratorConf returns 0, and integratord's main logs "Remote integrations not configured. Clean
 * exit." and exits 0 (src/os_integrator/main.c:118-123): no integration runs, the valid blocks' neither. The
 * manager runs on: integratord is an optional daemon for wazuh-control (OP_DAEMONS, src/init/wazuh-server.sh:31),
 * and `-t` exits 0 too. Only integratord reads the section (CINTEGRATORD); agents pass it over.
 *
 * `<options>` is read from 4.7.0, `<timeout>` and `<retries>` from 4.8.0; before 4.0 not modelled.
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue } from './load-log.ts';
import { compileOsMatch } from './os-match.ts';
import { versionAtLeastText, type TargetVersion } from './version.ts';

export interface IntegratorRefusal {
  /** What integratord logs (ERROR) before it exits. */
  code: number;
  text: string;
  element: XmlElement;
}

/** Whether the target's Read_Integrator is modelled (4.0 and later). */
export function integratorModelled(target: TargetVersion): boolean {
  return versionAtLeastText(target, '4.0');
}

/** The options Read_Integrator knows at the target. */
function knows(name: string, target: TargetVersion): boolean {
  if (name === 'options') return versionAtLeastText(target, '4.7');
  if (name === 'timeout' || name === 'retries') return versionAtLeastText(target, '4.8');
  return ['name', 'api_key', 'hook_url', 'level', 'rule_id', 'group', 'event_location', 'max_log', 'alert_format'].includes(name);
}

/** The release that brought an option a target before it does not know. */
export function integratorOptionSince(name: string): string | undefined {
  return name === 'options' ? '4.7' : name === 'timeout' || name === 'retries' ? '4.8' : undefined;
}

/** The first `<integration>` refusal in the file's sections, in document order (ReadConfig stops there), or undefined. */
export function integratorRefusal(sections: readonly XmlElement[], target: TargetVersion): IntegratorRefusal | undefined {
  if (!integratorModelled(target)) return undefined;
  for (const section of sections) {
    const children = childrenOf(section);
    // An <integration> without children is read_main_elements' (1230) in every daemon: unknown-element's emptySection.
    if (children.length === 0) continue;
    for (const child of children) {
      if (child.isVariable) continue;
      const value = child.content;
      if (!knows(child.name, target)) return { code: 1230, text: invalidElement(child.name), element: child };
      const digits = child.name === 'level' || child.name === 'max_log' || child.name === 'timeout' || child.name === 'retries';
      if (digits && !isStrNum(value)) return { code: 1235, text: invalidValue(child.name, value), element: child };
      if (child.name === 'max_log' && (atoi(value) < 165 || atoi(value) > 1024)) return { code: 1235, text: invalidValue(child.name, value), element: child };
      if (child.name === 'event_location' && compileOsMatch(value) === null) return { code: 1450, text: `(1450): Syntax error on regex: '${value}': 3.`, element: child };
    }
    if (!children.some((c) => c.name === 'name' && !c.isVariable)) return { code: 5310, text: '(5310): Invalid integratord configuration.', element: section };
  }
  return undefined;
}

/** An integration wazuh-integratord read but does not run (OS_IntegratorD's checks at start-up). */
export interface IntegrationNotRun {
  /** What integratord logs (ERROR) for it. */
  text: string;
  /** The block's last `<name>` (Read_Integrator keeps the last). */
  element: XmlElement;
  /** The option it lacks, or undefined for a name integratord does not run. */
  lacks?: 'hook_url' | 'api_key';
}

/**
 * The integrations OS_IntegratorD knows by name and the options each needs (src/os_integrator/integrator.c:74-130 at
 * v4.14.7), with the release whose integratord first compares the name: slack, pagerduty and virustotal v4.0.0,
 * shuffle v4.4.0, maltiverse v4.7.0. Any `custom-` name runs as it is.
 */
const INTEGRATIONS: ReadonlyMap<string, { since: string; needs: readonly ('hook_url' | 'api_key')[] }> = new Map([
  ['slack', { since: '4.0', needs: ['hook_url'] }],
  ['shuffle', { since: '4.4', needs: ['hook_url'] }],
  ['pagerduty', { since: '4.0', needs: ['api_key'] }],
  ['virustotal', { since: '4.0', needs: ['api_key'] }],
  ['maltiverse', { since: '4.7', needs: ['hook_url', 'api_key'] }],
]);

/** The integration names the target's integratord runs, for a message ("slack, pagerduty, virustotal or custom-..."). */
export function integrationNames(target: TargetVersion): string[] {
  return [...INTEGRATIONS].filter(([, i]) => versionAtLeastText(target, i.since)).map(([name]) => name);
}

/**
 * Once the file is read (no integratorRefusal), OS_IntegratorD's check of each integration at start-up
 * (src/os_integrator/integrator.c:56-144 at v4.14.7, the same shape from v4.0.0): a known name without the
 * <hook_url> or <api_key> it needs ("Unable to enable integration for: 'slack'. Missing hook URL."), or a name that
 * is neither known nor custom- ("Invalid integration: 'NAME'. Not currently supported.", after the check that
 * integrations/NAME exists): that integration is disabled, the others run. An empty option counts as written.
 */
export function integrationsNotRun(sections: readonly XmlElement[], target: TargetVersion): IntegrationNotRun[] {
  if (!integratorModelled(target) || integratorRefusal(sections, target)) return [];
  const out: IntegrationNotRun[] = [];
  for (const section of sections) {
    const children = childrenOf(section);
    const name = children.filter((c) => c.name === 'name').at(-1);
    if (!name) continue;
    const value = name.content;
    const known = INTEGRATIONS.get(value);
    if (known && versionAtLeastText(target, known.since)) {
      const lacks = known.needs.find((option) => !children.some((c) => c.name === option));
      const missing = lacks === 'hook_url' ? 'Missing hook URL.' : 'Missing API Key.';
      if (lacks) out.push({ text: `Unable to enable integration for: '${value}'. ${missing}`, element: name, lacks });
    } else if (!value.startsWith('custom-')) {
      out.push({ text: `Invalid integration: '${value}'. Not currently supported.`, element: name });
    }
  }
  return out;
}
