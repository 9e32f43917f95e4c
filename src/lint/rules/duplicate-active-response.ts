import type { ActiveResponseView } from '../../document/views.ts';
import { effectiveLocation, type LocationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, atoi, lineOf, removeElement, triggersOf, type Triggers } from '../active-response.ts';

export default defineRule({
  id: 'duplicate-active-response',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'Two responses run the same command on the same target for the same alerts (it runs twice).',
  docs: {
    what: 'Two accepted `<active-response>` blocks with the same command and target (location, and agent for defined-agent) whose triggers overlap: identical blocks, shared `rules_id` values, the same level/group condition, or two level-only conditions.',
    why: 'Rule_AddAR binds every matching response to the rule and each one executes (src/analysisd/rules.c), so the command runs twice per alert (QA result in wazuh/wazuh#1945: "The command is executed twice in a row"); stateful scripts get duplicate add/delete cycles and repeated-offender counting.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712,5720</rules_id>
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
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712,5720</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'An exact duplicate (same options and values) is deleted; overlapping blocks are left for you.',
  },
  messages: {
    identical: { severity: 'warning', text: 'This block repeats the one on line {{line}} exactly: the command runs twice for every matching alert.' },
    sharedIds: { severity: 'warning', text: "This block and the one on line {{line}} both run '{{command}}' {{where}} for rule(s) {{ids}}: the command runs twice for those alerts." },
    sameCondition: { severity: 'warning', text: "This block and the one on line {{line}} both run '{{command}}' {{where}} for {{condition}}: the command runs twice for those alerts." },
  },
  check(ctx) {
    const accepted = acceptedResponses(ctx).map((a) => ({ ...a, key: targetKey(a.command.name!.text, a.flags, a.ar), triggers: triggersOf(a.ar) }));
    // Per target, the first response with each content, rule id and condition: each later response
    // finds the first earlier one it repeats or overlaps in time linear in its own triggers.
    const firstSeen = new Map<string, FirstSeen>();
    accepted.forEach((later, j) => {
      let seen = firstSeen.get(later.key);
      if (!seen) firstSeen.set(later.key, (seen = { shape: new Map(), id: new Map(), condition: new Map() }));
      const shape = shapeOf(later.ar);
      const conditionKey = conditionKeyOf(later.triggers);
      const candidates = [seen.shape.get(shape), ...later.triggers.ruleIds.map((id) => seen.id.get(id)), conditionKey === undefined ? undefined : seen.condition.get(conditionKey)];
      const i = candidates.reduce<number>((min, c) => (c !== undefined && c < min ? c : min), Infinity);
      if (!seen.shape.has(shape)) seen.shape.set(shape, j);
      for (const id of later.triggers.ruleIds) if (!seen.id.has(id)) seen.id.set(id, j);
      if (conditionKey !== undefined && !seen.condition.has(conditionKey)) seen.condition.set(conditionKey, j);
      if (i === Infinity) return;
      const earlier = accepted[i];
      const line = lineOf(ctx.doc, earlier.ar.element);
      if (shapeOf(earlier.ar) === shape) {
        ctx.report({ messageId: 'identical', data: { line }, range: later.ar.element.openTag, fix: removeElement(ctx.doc, later.ar.element) });
        return;
      }
      const overlap = overlapOf(earlier.triggers, later.triggers)!;
      const data: Record<string, string | number> = { line, command: later.command.name!.text, where: WHERE[effectiveLocation(later.flags)!], ...overlap };
      ctx.report({ messageId: 'ids' in overlap ? 'sharedIds' : 'sameCondition', data, range: later.ar.element.openTag });
    });
  },
});

interface FirstSeen {
  shape: Map<string, number>;
  id: Map<number, number>;
  condition: Map<string, number>;
}

/** Two responses with equal keys have the same level/group condition (see overlapOf). */
function conditionKeyOf(t: Triggers): string | undefined {
  const group = t.group?.toLowerCase();
  if (t.level > 0) return `level\u0000${group ?? '\u0000'}`;
  return group === undefined ? undefined : `group\u0000${group}`;
}

const WHERE: Record<string, string> = { server: 'on the manager', all: 'on all agents', 'defined-agent': 'on the same agent', local: 'on the alerting agent' };

function targetKey(command: string, flags: LocationFlags, ar: ActiveResponseView): string {
  const where = effectiveLocation(flags);
  return `${command}\u0000${where}\u0000${where === 'defined-agent' ? atoi(ar.agentId?.text ?? '') : ''}`;
}

/** Equal for blocks with the same child elements and values in the same order (comments and layout ignored). */
function shapeOf(ar: ActiveResponseView): string {
  return JSON.stringify(ar.element.children.map((c) => [c.name, c.content, c.children.length]));
}

function overlapOf(a: Triggers, b: Triggers): { ids: string } | { condition: string } | undefined {
  const inB = new Set(b.ruleIds);
  const shared = [...new Set(a.ruleIds)].filter((id) => inB.has(id));
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
