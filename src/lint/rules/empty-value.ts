import type { Severity } from '../types.ts';
import { defineRule } from '../types.ts';
import { lintedBlocks, type BlockKind } from '../support/blocks.ts';
import { valueRange } from '../active-response.ts';
import { isBlankText } from '../support/ranges.ts';

/** Options that must hold a value, per block, with what Wazuh does when they are empty. */
const REQUIRED_VALUES: Partial<Record<BlockKind, Record<string, { severity: Severity; effect: string }>>> = {
  command: {
    name: { severity: 'error', effect: 'the command gets the name "" and no <active-response> can use it' },
    executable: { severity: 'error', effect: 'the response runs no program' },
  },
  'active-response': {
    command: { severity: 'error', effect: 'analysisd stops with (1281): Missing options in the active response configuration' },
    location: { severity: 'error', effect: 'analysisd stops with (1281): Missing options in the active response configuration' },
    agent_id: { severity: 'error', effect: 'the block is dropped with warning (1306): Invalid agent ID' },
    level: { severity: 'warning', effect: 'it reads as level 0, i.e. no level condition' },
    timeout: { severity: 'warning', effect: 'it reads as 0: the response is never undone' },
    rules_id: { severity: 'warning', effect: 'it lists no rule, so it triggers nothing' },
  },
  global: {
    email_to: { severity: 'error', effect: 'analysisd stops with "Invalid Email address"' },
    white_list: { severity: 'error', effect: 'it is not an address, so Wazuh compiles it as an empty host-name pattern' },
  },
  email_alerts: {
    email_to: { severity: 'error', effect: 'maild gets an empty recipient' },
    level: { severity: 'warning', effect: 'it reads as level 0, i.e. no level condition' },
  },
};

export default defineRule({
  id: 'empty-value',
  severity: 'error',
  fixable: false,
  needs: [],
  summary: 'Options that need a value (command, location, name, executable, agent_id, level, ...) must not be empty',
  docs: {
    what:
      'Empty or whitespace-only content for command, location, name, executable, agent_id, level, timeout, rules_id, email_to and white_list.',
    why:
      'Wazuh\'s XML reader gives "" for an empty element and the option parsers take it as it is (src/config/active-response.c, global-config.c): an empty <command> or <location> stops analysisd with (1281), an empty agent_id drops the block with (1306), an empty global <email_to> is refused, an empty <name> or <executable> makes a command nothing can use or run. (Only <expect></expect> was legal empty, in OSSEC 2.x.)',
    bad: '<active-response>\n  <command>firewall-drop</command>\n  <location></location>\n</active-response>',
    good: '<active-response>\n  <command>firewall-drop</command>\n  <location>local</location>\n</active-response>',
  },
  messages: {
    empty: "<{{option}}> in <{{block}}> is empty: {{effect}}.",
  },
  check(ctx) {
    for (const block of lintedBlocks(ctx.config)) {
      const required = REQUIRED_VALUES[block.kind];
      if (!required) continue;
      for (const child of block.element.children) {
        const rule = required[child.name];
        if (!rule || child.children.length > 0 || !isBlankText(child.content)) continue;
        ctx.report({
          messageId: 'empty',
          data: { option: child.name, block: block.kind, effect: rule.effect },
          range: valueRange({ text: child.content, element: child }),
          severity: rule.severity,
        });
      }
    }
  },
});
