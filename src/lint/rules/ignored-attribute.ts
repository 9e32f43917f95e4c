import type { XmlElement } from '../../document/types.ts';
import { defineRule } from '../types.ts';
import { lintedBlocks } from '../support/blocks.ts';
import { describeOsMatch } from '../../wazuh/os-match.ts';

export default defineRule({
  id: 'ignored-attribute',
  fixable: false,
  needs: [],
  summary: 'An attribute Wazuh ignores (any on <command>, <active-response>, <global>, <email_alerts>, <alerts> and their options; an unknown one on <agent_config>), or a glob in an <agent_config> filter',
  docs: {
    what:
      'Any attribute (`os="linux"`, `disabled="yes"`, `name="..."`) on a <command>, <active-response>, <global>, <email_alerts> or <alerts> block, or on one of their options. In a shared agent.conf: an <agent_config> attribute other than name, os, profile and overwrite, and a `*` or `?` in the name, os or profile filter.',
    why:
      "Wazuh's XML reader accepts attributes on any element (src/os_xml/os_xml.c), but the readers of these blocks look only at element names and contents (ReadActiveCommands and ReadActiveResponses in src/config/active-response.c, Read_Global, Read_EmailAlerts, Read_Alerts): an attribute there changes nothing. `<active-response disabled=\"yes\">` leaves the response enabled, `<command os=\"linux\">` does not restrict the command to Linux agents. Only <agent_config> in a shared agent.conf reads attributes (name, os, profile, overwrite; src/config/config.c:330-333): agents log (1233) for any other and skip it (:454), so the block is not filtered as written; and they match name, os and profile with OS_Match2 (:404, :421, :442), a case-insensitive substring test where only ^, $, | and a leading ! are special, so `name=\"web-*\"` selects no agent named web-01.",
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response disabled="yes">
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <disabled>yes</disabled>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    agentConfigUnknown: {
      severity: 'warning',
      text: "<agent_config> has no attribute {{name}}: agents log (1233): Invalid attribute '{{name}}' in the configuration and ignore it, so this block goes to every agent of the group that its other attributes select (all of them when it has none).",
    },
    agentConfigWildcard: {
      severity: 'warning',
      text: "{{name}}=\"{{value}}\" is an OS_Match pattern (case-insensitive, a substring unless ^ or $ anchors it; only ^, $, | and a leading ! are special), in which '{{wildcard}}' is an ordinary character: this block goes only to agents whose {{what}} {{matches}} as written. {{advice}}",
    },
    ignored: { severity: 'warning', text: "Wazuh ignores the attribute {{name}}=\"{{value}}\" on <{{element}}>: the reader of <{{block}}> reads only element names and contents, so it does nothing.{{hint}}" },
  },
  check(ctx) {
    if (ctx.role === 'agent.conf') checkAgentConfigAttributes(ctx.doc.roots, ctx.report);
    for (const block of lintedBlocks(ctx.config)) {
      for (const el of [block.element, ...block.element.children]) {
        if (el.isVariable) continue;
        for (const attr of el.attributes) {
          ctx.report({ messageId: 'ignored', data: { name: attr.name, value: attr.value, element: el.name, block: block.kind, hint: hintFor(el, attr.name) }, range: attr.range });
        }
      }
    }
  },
});

/** What the attribute was probably meant to do, as Wazuh spells it. */
function hintFor(el: XmlElement, attribute: string): string {
  const block = el.parent?.depth === 0 ? el.name : el.parent?.name;
  if (attribute === 'disabled' && block === 'active-response') return ' Write <disabled>yes</disabled> inside the block instead.';
  if (attribute === 'name' && el.name === 'command') return ' The command\'s name is its <name> option.';
  if ((attribute === 'os' || attribute === 'name' || attribute === 'profile') && el.parent?.depth === 0) return ' To apply settings to some agents only, use <agent_config> attributes in a shared agent.conf; a response\'s agents are chosen by <location> and <agent_id>.';
  return '';
}

/** The attributes ReadConfig reads on <agent_config> (src/config/config.c:330-333); any other is logged with (1233) and skipped (:454). */
const AGENT_CONFIG_ATTRIBUTES = new Set(['name', 'os', 'profile', 'overwrite']);
const FILTERED: Record<string, string> = { name: 'name', os: 'system description (uname)', profile: 'config-profile' };

type Report = Parameters<Parameters<typeof defineRule>[0]['check']>[0]['report'];

function checkAgentConfigAttributes(roots: readonly XmlElement[], report: Report): void {
  for (const root of roots) {
    if (root.name !== 'agent_config') continue;
    for (const attr of root.attributes) {
      if (!AGENT_CONFIG_ATTRIBUTES.has(attr.name)) {
        report({ messageId: 'agentConfigUnknown', data: { name: attr.name }, range: attr.range });
        continue;
      }
      const wildcard = /[*?]/.exec(attr.value)?.[0];
      if (!wildcard || !(attr.name in FILTERED)) continue;
      // Agents match these with OS_Match2 (config.c:404, :421, :442): a glob's '*' matches only a '*'.
      report({ messageId: 'agentConfigWildcard', data: { name: attr.name, value: attr.value, wildcard, what: FILTERED[attr.name]!, ...globAdvice(attr.name, attr.value) }, range: attr.range });
    }
  }
}

/**
 * What a filter with a glob selects and what to write instead. OSMatch_Compile (src/os_regex/os_match_compile.c)
 * reads a leading '!' as the negation of the whole pattern and splits the rest at '|' into alternatives, each a
 * substring ('^' and '$' anchor it: `^srv-*` selects names starting with 'srv-*', src/wazuh/os-match.ts
 * describeOsMatch); '*' and '?' are ordinary characters. Each alternative with a glob becomes
 * '^' and what precedes its first '*' or '?'; one made only of globs ('*') has nothing to keep.
 */
function globAdvice(name: string, value: string): { matches: string; advice: string } {
  const negated = value.startsWith('!');
  const alternatives = (negated ? value.slice(1) : value).split('|');
  const matches = describeOsMatch(value);
  const prefixOf = (a: string) => a.slice(0, a.search(/[*?]/)).replace(/^\^/, '');
  if (alternatives.some((a) => /[*?]/.test(a) && prefixOf(a) === '')) {
    // '*' alone: meant as every agent (or, negated, as none).
    return { matches, advice: negated ? 'Remove this <agent_config> if it is meant for no agent.' : `Leave ${name} out to send this block to every agent of the group.` };
  }
  const prefixes = alternatives.filter((a) => /[*?]/.test(a)).map(prefixOf);
  const suggested = alternatives.map((a) => (/[*?]/.test(a) ? `^${prefixOf(a)}` : a)).join('|');
  const starting = prefixes.map((p) => `'${p}'`).join(' or ');
  return { matches, advice: `Write '${negated ? '!' : ''}${suggested}' to ${negated ? 'leave out' : 'select'} those starting with ${starting}.` };
}
