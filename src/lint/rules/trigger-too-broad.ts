import { isBlockingProgram } from '../../wazuh/programs.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, groupNames, triggersOf, valueRange } from '../active-response.ts';
import { arCapable, numberRanges, rulesMatchingGroup } from '../ruleset-facts.ts';

/** Groups carried by a large share of all alerts (stock ruleset): blocking on them blocks legitimate hosts. */
const COMMON_GROUPS = new Set(['syslog', 'ossec', 'windows', 'web', 'authentication_success', 'accesslog', 'sysmon']);
const NOISE_LEVEL = 6;
/** With --ruleset: a group carried by this many rules (or more) is too broad to block on without a level. */
const BROAD_GROUP_RULES = 50;

export default defineRule({
  id: 'trigger-too-broad',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'A blocking response fires on low-level alerts, on very common groups, or (with --ruleset) on single-event rules and broad groups.',
  docs: {
    what: 'A response running a blocking program (firewall-drop, host-deny, route-null, netsh, disable-account...) whose only trigger is a `<level>` of 6 or less, or whose `<rules_group>` names a very common group (`syslog`, `ossec`, `windows`, `web`, `authentication_success`...) without a level above 6. With --ruleset it also sees what the rules are: a `<rules_id>` naming a rule of level 6 or less that one event fires (5710: one login with an unknown user name), and a `<rules_group>` that at least 50 loaded rules carry (`authentication_failed`), without a level above 6.',
    why: 'Rule_AddAR binds the response to every rule at or above the level or carrying the group (src/analysisd/rules.c), so routine noise blocks legitimate hosts — fleet-wide with location `all` (ossec/ossec-hids#701). Heuristic.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <level>3</level>
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
  },
  messages: {
    lowLevel: { severity: 'warning', text: "Command '{{command}}' blocks on every alert of level {{level}} or more{{fleet}}: that includes routine events; trigger on specific rules_id or a higher level." },
    singleEventRule: { severity: 'warning', text: "Command '{{command}}' blocks on rule {{rule}} (level {{level}}: {{description}}){{fleet}}, which one event fires: a single mistyped login or request blocks the host; trigger on a rule that counts repeated events (frequency)." },
    broadGroup: { severity: 'warning', text: "Command '{{command}}' blocks on every alert in group '{{group}}'{{fleet}}: {{count}} loaded rules carry it, {{single}} of them fired by one event; add a <level> above 6 or trigger on specific rules_id." },
    commonGroup: { severity: 'warning', text: "Command '{{command}}' blocks on every alert in group '{{group}}'{{fleet}}: that group covers routine events; trigger on specific rules_id or narrower groups." },
  },
  check(ctx) {
    for (const { ar, flags, command: cmd } of acceptedResponses(ctx)) {
      if (!isBlockingProgram(cmd.executable?.text ?? '', cmd.name?.text)) continue;
      const t = triggersOf(ar);
      const fleet = flags.all && !flags.server ? ', on every agent' : '';
      const lowLevel = t.level > 0 && t.level <= NOISE_LEVEL;
      // A group OS_Regex cannot compile binds nothing (rules-group-format's error).
      if (t.group !== undefined && t.groupCompiles && (t.level === 0 || lowLevel)) {
        const common = groupNames(t.group).find((g) => COMMON_GROUPS.has(g));
        if (common) {
          ctx.report({ messageId: 'commonGroup', data: { command: cmd.name!.text, group: common, fleet }, range: valueRange(ar.rulesGroup!) });
          continue;
        }
        const grouped = ctx.ruleset ? rulesMatchingGroup(t.group, ctx.ruleset).filter((r) => arCapable(r) && r.arLevel >= t.level) : [];
        if (grouped.length >= BROAD_GROUP_RULES) {
          const single = grouped.filter((r) => !r.correlation).length;
          ctx.report({ messageId: 'broadGroup', data: { command: cmd.name!.text, group: t.group, fleet, count: grouped.length, single }, range: valueRange(ar.rulesGroup!) });
          continue;
        }
      }
      if (ctx.ruleset && ar.rulesId) {
        for (const { id, range } of numberRanges(ar.rulesId)) {
          const rule = ctx.ruleset.rules.get(id);
          if (!rule || !arCapable(rule) || rule.correlation || rule.arLevel > NOISE_LEVEL) continue;
          ctx.report({ messageId: 'singleEventRule', data: { command: cmd.name!.text, rule: id, level: rule.level, description: `'${rule.description}'`, fleet }, range });
        }
      }
      if (lowLevel && t.group === undefined && t.ruleIds.length === 0) {
        ctx.report({ messageId: 'lowLevel', data: { command: cmd.name!.text, level: t.level, fleet }, range: valueRange(ar.level!) });
      }
    }
  },
});
