import { blocksWithOption, isKnownOption, optionSchema, ROOT_ELEMENTS } from '../../schema/elements.ts';
import { acceptsValue } from '../../schema/values.ts';
import { defineRule } from '../types.ts';
import { lintedBlocks, nestedBlockStarts, type BlockKind } from '../support/blocks.ts';
import { renameElementEdit } from '../support/edits.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

/** The same idea spelled differently in two blocks (DOC-AR vs DOC-EMA). */
const OWN_SPELLING: Partial<Record<BlockKind, Record<string, string>>> = {
  'active-response': { rule_id: 'rules_id', group: 'rules_group' },
  email_alerts: { rules_id: 'rule_id', rules_group: 'group' },
};

export default defineRule({
  id: 'option-from-other-block',
  fixable: true,
  needs: [],
  summary: 'An option of another block used in the wrong one (rule_id in <active-response>, rules_id in <email_alerts>, ...)',
  docs: {
    what:
      'A real option name used in a block that does not know it: rule_id or group inside <active-response> (it spells them rules_id / rules_group), rules_id or rules_group inside <email_alerts> (rule_id / group), white_list or email_* outside <global>, repeated_offenders inside <command>, and so on.',
    why:
      'Each block has its own reader, and unknown names stop Wazuh with (1230): Invalid element in the configuration (src/config/active-response.c, email-alerts-config.c, global-config.c). The AR and e-mail reference pages use different names for the same idea, which invites the mix-up.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <rules_id>5710</rules_id>
  </email_alerts>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <rule_id>5710</rule_id>
  </email_alerts>
</ossec_config>`,
    fix: 'Renames rule_id/group <-> rules_id/rules_group to the block\'s own spelling; other misplaced options must be moved by hand.',
  },
  messages: {
    renamed: { severity: 'error', text: "<{{block}}> spells it '<{{own}}>': '<{{name}}>' is an option of <{{owners}}>, and here Wazuh stops with (1230): Invalid element in the configuration: '{{name}}'." },
    misplaced: { severity: 'error', text: "'<{{name}}>' is an option of <{{owners}}>, not of <{{block}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{name}}'. Move it to <{{owners}}>." },
    misplacedValue: { severity: 'error', text: "'<{{name}}>' is not an option of <{{block}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{name}}'. <{{owners}}> has a <{{name}}>, but not one that takes '{{value}}'." },
    ...schemaMessages('option-from-other-block'),
  },
  check(ctx) {
    const root = ROOT_ELEMENTS[ctx.role];
    // A <command> block written inside <global> (say) is outside-ossec-config's: one cause, one finding.
    const nestedBlockAt = nestedBlockStarts(ctx.config, root);
    checkWithSchema(ctx, (ctx) => {
      for (const block of lintedBlocks(ctx.config)) {
        for (const child of block.element.children) {
          if (child.isVariable || isKnownOption(block.kind, child.name) || nestedBlockAt.has(child.openTag.start)) continue;
          const owners = blocksWithOption(child.name);
          if (owners.length === 0) continue;
          const own = OWN_SPELLING[block.kind]?.[child.name];
          const data = { block: block.kind, name: child.name, owners: owners.join('> or <') };
          if (own) {
            const fix = renameElementEdit(ctx.doc, child, own);
            ctx.report({ messageId: 'renamed', data: { ...data, own }, range: child.openTag, ...(fix ? { fix } : {}) });
          } else if (child.children.length === 0 && !owners.some((o) => acceptsValue(optionSchema(o, child.name)!, child.content))) {
            // No owner takes this value (a log file's path in <global><location>): "move it there" would mislead.
            ctx.report({ messageId: 'misplacedValue', data: { ...data, value: child.content }, range: child.openTag });
          } else {
            ctx.report({ messageId: 'misplaced', data, range: child.openTag });
          }
        }
      }
    }, { leaves: (finding) => nestedBlockAt.has(finding.range.start) });
  },
});
