import type { ActiveResponseView } from '../../document/views.ts';
import { effectiveLocation, type LocationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, atoi, lineOf, readByAnalysisd, removeElement, triggersOf, type Triggers } from '../active-response.ts';

export default defineRule({
  id: 'duplicate-active-response',
  fixable: true,
  needs: [],
  summary: 'Two responses run the same command on the same target for the same alerts (it runs twice).',
  docs: {
    what: 'Two accepted `<active-response>` blocks with the same command and target (location, and agent for defined-agent) whose triggers overlap: identical blocks, shared `rules_id` values, the same level/group condition, or two level-only conditions.',
    why: 'Rule_AddAR binds every matching response to the rule and each one executes (src/analysisd/rules.c), so the command runs twice per alert (QA result in wazuh/wazuh#1945: "The command is executed twice in a row"); stateful scripts get duplicate add/delete cycles and repeated-offender counting.',
    bad: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712,5720</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712,5720</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    fix: 'An exact duplicate (same options and values) is deleted; overlapping blocks are left for you.',
  },
  messages: {
    identical: { severity: 'warning', text: 'This block repeats the one on line {{line}} exactly: the command runs twice for every matching alert.' },
    sharedIds: { severity: 'warning', text: "This block and the one on line {{line}} both run '{{command}}' {{where}} for rule(s) {{ids}}: the command runs twice for those alerts." },
    sameCondition: { severity: 'warning', text: "This block and the one on line {{line}} both run '{{command}}' {{where}} for {{condition}}: the command runs twice for those alerts." },
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role)) return;
    const accepted = acceptedResponses(ctx).map((a) => ({ ...a, key: targetKey(a.command.name!.text, a.flags, a.ar), triggers: triggersOf(a.ar) }));
    for (let j = 1; j < accepted.length; j++) {
      const later = accepted[j];
      for (let i = 0; i < j; i++) {
        const earlier = accepted[i];
        if (earlier.key !== later.key) continue;
        const line = lineOf(ctx.doc, earlier.ar.element);
        const command = later.command.name!.text;
        const where = WHERE[effectiveLocation(later.flags)!];
        if (sameContent(earlier.ar, later.ar)) {
          ctx.report({ messageId: 'identical', data: { line }, range: later.ar.element.openTag, fix: removeElement(ctx.doc, later.ar.element) });
          break;
        }
        const overlap = overlapOf(earlier.triggers, later.triggers);
        if (overlap) {
          const data: Record<string, string | number> = { line, command, where, ...overlap };
          ctx.report({ messageId: 'ids' in overlap ? 'sharedIds' : 'sameCondition', data, range: later.ar.element.openTag });
          break;
        }
      }
    }
  },
});

const WHERE: Record<string, string> = { server: 'on the manager', all: 'on all agents', 'defined-agent': 'on the same agent', local: 'on the alerting agent' };

function targetKey(command: string, flags: LocationFlags, ar: ActiveResponseView): string {
  const where = effectiveLocation(flags);
  return `${command}\u0000${where}\u0000${where === 'defined-agent' ? atoi(ar.agentId?.text ?? '') : ''}`;
}

/** Same child elements with the same values in the same order (comments and layout ignored). */
function sameContent(a: ActiveResponseView, b: ActiveResponseView): boolean {
  const shape = (ar: ActiveResponseView) => JSON.stringify(ar.element.children.map((c) => [c.name, c.content, c.children.length]));
  return shape(a) === shape(b);
}

function overlapOf(a: Triggers, b: Triggers): { ids: string } | { condition: string } | undefined {
  const shared = a.ruleIds.filter((id, i, all) => b.ruleIds.includes(id) && all.indexOf(id) === i);
  if (shared.length > 0) return { ids: shared.join(', ') };
  const aGroup = a.group?.toLowerCase();
  const bGroup = b.group?.toLowerCase();
  if (a.level > 0 && b.level > 0 && aGroup === bGroup) {
    const level = Math.max(a.level, b.level);
    return { condition: aGroup ? `rules of level >= ${level} in group '${a.group}'` : `every rule of level >= ${level}` };
  }
  if (a.level === 0 && b.level === 0 && aGroup !== undefined && aGroup === bGroup) return { condition: `rules in group '${a.group}'` };
  return undefined;
}
