import { defineRule } from '../types.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { childrenOf } from '../../wazuh/load-global.ts';
import { refuseSharedFile } from '../../wazuh/shared-conf.ts';

export default defineRule({
  id: 'command-missing-field',
  fixable: false,
  needs: [],
  summary: '<command> must have both <name> and <executable>',
  docs: {
    what: 'A <command> block without <name> or without <executable>, or with no child elements at all.',
    why:
      'ReadActiveCommands (src/config/active-response.c) stops analysisd with "(1280): Missing command options. You must specify a \'name\' and \'executable\'." A <command> with no child elements is not even read as a block: read_main_elements (src/config/config.c) refuses it with (1230).',
    bad: `<ossec_config>
  <command>
    <name>block</name>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
  },
  messages: {
    missing: { severity: 'error', text: "<command>{{named}} has no <{{missing}}>: Wazuh stops with (1280): Missing command options. You must specify a 'name' and 'executable'." },
    noChildren: { severity: 'error', text: "<command> has no options: Wazuh refuses it with (1230): Invalid element in the configuration: 'command'." },
    // In a group's agent.conf nothing stops: the agents refuse the new file (src/wazuh/shared-conf.ts).
    noChildrenShared: { severity: 'error', text: `<command> has no options: agents read it only with children and ${refuseSharedFile("(1230): Invalid element in the configuration: 'command'")}.` },
    ...schemaMessages('command-missing-field'),
  },
  // 1280, and the 1230 of a <command> section with no child element.
  ownsRefusal({ message }) {
    const el = message.element;
    const childless = message.code === 1230 && el?.name === 'command' && el.parent && !el.parent.parent && childrenOf(el).length === 0;
    return message.code === 1280 || childless ? {} : undefined;
  },

  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const cmd of ctx.config.commands) {
        if (childrenOf(cmd.element).length === 0) {
          ctx.report({ messageId: ctx.role === 'agent.conf' ? 'noChildrenShared' : 'noChildren', range: cmd.element.openTag });
          continue;
        }
        const missing = [!cmd.name && 'name', !cmd.executable && 'executable'].filter((m): m is string => Boolean(m));
        if (missing.length === 0) continue;
        const named = cmd.name ? ` '${cmd.name.text}'` : '';
        ctx.report({ messageId: 'missing', data: { named, missing: missing.join('> or <') }, range: cmd.element.openTag });
      }
    });
  },
});
