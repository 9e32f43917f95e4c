import type { Severity } from '../types.ts';
import { defineRule } from '../types.ts';
import { lintedBlocks, type BlockKind } from '../support/blocks.ts';
import { isDisabled, noResponseToWhiteList, usedCommands, valueRange } from '../active-response.ts';
import { locationFlags } from '../../wazuh/location.ts';
import { globalEmailSettings, notificationOn } from '../email.ts';
import { isBlankText } from '../support/ranges.ts';
import { valueIgnored } from '../../wazuh/repeated-options.ts';
import { invalidEmailAddressText } from '../../wazuh/load-global.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { withDaemonNames } from '../daemon-names.ts';

/** Options that must hold a value, per block, with what Wazuh does when they are empty. */
interface EmptyEffect {
  severity: Severity;
  effect: string;
  /** ReadActiveResponses checks it inside its loop, before a `<disabled>yes</disabled>` block returns. */
  checkedWhenDisabled?: boolean;
  /** When only whitespace differs in effect from empty (the value is then not "" for Wazuh). */
  blank?: { severity: Severity; effect: string; checkedWhenDisabled?: boolean };
  /** When empty in a block with <repeated_offenders>, which ReadActiveResponses drops silently instead of stopping. */
  withRepeatedOffenders?: string;
  /** The effect quotes Read_Global's refusal of the value ("Invalid Email address: <value>.") and says nothing starts. */
  quotesRefusal?: boolean;
}

/** src/config/active-response.c:157-166: a missing or empty command or location with <repeated_offenders> returns 0. */
const SKIPPED_SILENTLY = 'analysisd skips the block without a word, because it holds <repeated_offenders> (the agent-side form): this response never runs';

const REQUIRED_VALUES: Partial<Record<BlockKind, Record<string, EmptyEffect>>> = {
  command: {
    name: { severity: 'error', effect: 'the command has no usable name for an <active-response> to refer to' },
    executable: { severity: 'error', effect: 'the response runs no program' },
  },
  'active-response': {
    command: {
      severity: 'error',
      effect: 'analysisd stops with (1281): Missing options in the active response configuration',
      blank: { severity: 'error', effect: 'no command has that name, so analysisd stops with (1303): Invalid command' },
      withRepeatedOffenders: SKIPPED_SILENTLY,
    },
    location: {
      severity: 'error',
      effect: 'analysisd stops with (1281): Missing options in the active response configuration',
      blank: { severity: 'error', effect: 'it matches no location, so analysisd stops with (1302): Invalid active response location' },
      withRepeatedOffenders: SKIPPED_SILENTLY,
    },
    agent_id: { severity: 'error', effect: 'the block is dropped with warning (1306): Invalid agent ID' },
    level: {
      severity: 'warning',
      effect: 'it reads as level 0, i.e. no level condition',
      blank: { severity: 'error', effect: "whitespace is not a number, so analysisd stops with (1235): Invalid value for element 'level'", checkedWhenDisabled: true },
    },
    timeout: { severity: 'warning', effect: 'it reads as 0: the response is never undone' },
    rules_id: { severity: 'warning', effect: 'it lists no rule, so it triggers nothing' },
  },
  global: {
    // Read_Global's refusal, which lint reports here once (ownsRefusal): the effect quotes it with the value.
    email_to: { severity: 'error', effect: '{{analysisd}} and {{maild}} log', quotesRefusal: true },
    white_list: { severity: 'error', effect: 'it is not an address, so Wazuh compiles it as an empty host-name pattern, which matches every source IP: no response runs for an alert that carries one' },
  },
  email_alerts: {
    email_to: { severity: 'error', effect: 'maild gets an empty recipient' },
    level: { severity: 'warning', effect: 'it reads as level 0, i.e. no level condition' },
  },
};

export default defineRule({
  id: 'empty-value',
  fixable: false,
  needs: [],
  summary: 'Options that need a value (command, location, name, executable, agent_id, level, ...) must not be empty',
  docs: {
    what:
      'Empty or whitespace-only content for command, location, name, executable, agent_id, level, timeout, rules_id, email_to and white_list.',
    why:
      'Wazuh\'s XML reader gives "" for an empty element and the option parsers take it as it is (src/config/active-response.c, global-config.c): an empty <command> or <location> stops analysisd with (1281), an empty agent_id drops the block with (1306), an empty global <email_to> is refused, an empty <name> or <executable> makes a command nothing can use or run. (Only <expect></expect> was legal empty, in OSSEC 2.x.)',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location></location>
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
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    empty: { severity: 'error', text: '<{{option}}> in <{{block}}> is empty: {{effect}}.' },
    blank: { severity: 'error', text: '<{{option}}> in <{{block}}> holds only whitespace: {{effect}}.' },
    emptyRuns: { severity: 'warning', text: '<{{option}}> in <{{block}}> is empty: {{effect}}.' },
    blankRuns: { severity: 'warning', text: '<{{option}}> in <{{block}}> holds only whitespace: {{effect}}.' },
    ...schemaMessages('empty-value'),
  },
  // Read_Global's "Invalid Email address: ." for an empty or blank <global><email_to>: one cause, reported as empty.
  ownsRefusal: ({ message }) => (/^Invalid Email address: /.test(message.text) && message.element && isBlankText(message.element.content) ? {} : undefined),

  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      const used = usedCommands(ctx.config);
      const mailOn = notificationOn(globalEmailSettings(ctx.config));
      const commands = new Map(ctx.config.commands.map((c) => [c.element, c]));
      const responses = new Map(ctx.config.activeResponses.map((r) => [r.element, r]));
      for (const block of lintedBlocks(ctx.config)) {
        const required = REQUIRED_VALUES[block.kind];
        if (!required) continue;
        const response = responses.get(block.element);
        const disabled = response !== undefined && isDisabled(response);
        // A command no enabled response binds never runs: an empty value in it changes nothing yet.
        const command = commands.get(block.element);
        const unused = command !== undefined && !used.has(command);
        // The global white list suppresses responses only: with none enabled, an empty entry changes nothing yet.
        const idleWhiteList = block.kind === 'global' && noResponseToWhiteList(ctx.config, ctx.role);
        // With notification off wazuh-maild sends nothing: an empty recipient of a granular block changes nothing yet.
        const mailOff = block.kind === 'email_alerts' && !mailOn;
        for (const child of block.element.children) {
          const rule = required[child.name];
          if (!rule || child.children.length > 0 || !isBlankText(child.content)) continue;
          // A later occurrence replaces it before Wazuh looks at the value (option-repeated says so).
          if (valueIgnored(child)) continue;
          const skipped = child.content === '' && rule.withRepeatedOffenders !== undefined && response?.repeatedOffenders !== undefined;
          const effect = skipped ? { severity: rule.severity, effect: rule.withRepeatedOffenders! } : child.content === '' ? rule : (rule.blank ?? rule);
          // A disabled block returns before the option checks after the loop (src/config/active-response.c).
          if (disabled && !effect.checkedWhenDisabled) continue;
          // agent_id is read only with defined-agent (agent-id-without-defined-agent covers the rest).
          if (child.name === 'agent_id' && response && !locationFlags(response.location?.text ?? '').definedAgent) continue;
          const idle = idleWhiteList && child.name === 'white_list';
          const quiet = mailOff && child.name === 'email_to';
          const runs = effect.severity === 'warning' || unused || idle || quiet;
          const later = unused
            ? ', once an <active-response> uses this command (none does)'
            : idle ? ', once an <active-response> is enabled (none is)' : quiet ? ', once e-mail notification is on (it is off)' : '';
          ctx.report({
            messageId: child.content === '' ? (runs ? 'emptyRuns' : 'empty') : runs ? 'blankRuns' : 'blank',
            data: { option: child.name, block: block.kind, effect: `${withDaemonNames(effect.effect, ctx.target)}${rule.quotesRefusal ? ` "${invalidEmailAddressText(child.content)}" and do not start` : ''}${later}` },
            range: valueRange({ text: child.content, element: child }),
          });
        }
      }
    });
  },
});
