import { defineRule } from '../types.ts';
import { acceptedResponses, readByAnalysisd, triggersOf, valueRange } from '../active-response.ts';
import { readByMaild } from '../email.ts';
import { arCapable, rulesMatchingGroup } from '../ruleset-facts.ts';

export default defineRule({
  id: 'level-unreachable',
  fixable: false,
  needs: ['ruleset'],
  summary: 'An AR / email_alerts level above every rule that could match it (with rules_group: every rule of that group).',
  docs: {
    what: 'An `<active-response><level>` higher than the highest level of any rule that can trigger a response or, when the block also has `<rules_group>`, of the rules carrying that group; an `<email_alerts><level>` higher than every rule level.',
    why: 'With both level and rules_group set, Rule_AddAR requires both (src/analysisd/rules.c), so the block can be dead even when each condition alone is satisfiable; a level no rule reaches never matches. Only rules_id can still bind such a block.',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>15</level> <!-- the stock sshd rules top out at level 10 -->
    <rules_group>sshd,</rules_group>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>10</level>
    <rules_group>sshd,</rules_group>
  </active-response>
</ossec_config>`,
    context: { ruleset: 'stock' },
  },
  messages: {
    noRule: { severity: 'warning', text: 'No rule reaches level {{level}} (the highest is {{max}}): this level condition never matches{{idsNote}}.' },
    group: { severity: 'warning', text: "Rules matching rules_group '{{group}}' reach at most level {{max}} (e.g. rule {{example}}), below {{level}}: level and group must both match, so this block never binds through them{{idsNote}}." },
    groupNone: { severity: 'warning', text: "No rule that can trigger a response matches rules_group '{{group}}', so with <level> {{level}} this block never binds through level/group{{idsNote}}." },
    email: { severity: 'warning', text: 'No rule reaches level {{level}} (the highest is {{max}}): this <email_alerts> block never matches.' },
  },
  check(ctx) {
    const ruleset = ctx.ruleset!;
    const capable = [...ruleset.rules.values()].filter(arCapable);
    const maxAll = capable.reduce((m, r) => Math.max(m, r.arLevel), 0);
    if (readByAnalysisd(ctx.config, ctx.role)) {
      for (const { ar } of acceptedResponses(ctx)) {
        const t = triggersOf(ar);
        // Levels above 16 are level-invalid findings, groups OS_Regex cannot compile rules-group-format's.
        if (t.level === 0 || t.level > 16 || !ar.level || !t.groupCompiles) continue;
        const idsNote = t.ruleIds.length ? '; only its rules_id entries can still trigger it' : '';
        const range = valueRange(ar.level);
        if (t.group === undefined) {
          if (t.level > maxAll) ctx.report({ messageId: 'noRule', data: { level: t.level, max: maxAll, idsNote }, range });
          continue;
        }
        const inGroup = rulesMatchingGroup(t.group, ruleset, ctx.arch).filter(arCapable);
        if (inGroup.length === 0) {
          ctx.report({ messageId: 'groupNone', data: { group: t.group, level: t.level, idsNote }, range });
          continue;
        }
        const top = inGroup.reduce((best, r) => (r.arLevel > best.arLevel ? r : best));
        if (top.arLevel < t.level) {
          ctx.report({ messageId: 'group', data: { group: t.group, max: top.arLevel, example: top.id, level: t.level, idsNote }, range });
        }
      }
    }
    if (readByMaild(ctx.config, ctx.role)) {
      const maxLevel = [...ruleset.rules.values()].reduce((m, r) => Math.max(m, r.level), 0);
      for (const block of ctx.config.emailAlerts) {
        const level = block.level && /^\d+$/.test(block.level.text) ? Number(block.level.text) : 0;
        if (level > maxLevel && level <= 16) ctx.report({ messageId: 'email', data: { level, max: maxLevel }, range: valueRange(block.level!) });
      }
    }
  },
});
