import { defineRule } from '../types.ts';
import { replaceValue } from '../active-response.ts';
import { exactText } from '../support/edits.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

export default defineRule({
  id: 'command-name-reserved-bang',
  fixable: false,
  needs: [],
  summary: "A <command> <name> must not start with '!'",
  docs: {
    what: "A <command><name> whose first character is '!'.",
    why:
      "ReadActiveCommands (src/config/active-response.c) refuses it with (1235): Invalid value for element 'name' and analysisd stops. A leading '!' is reserved: it marks an ad-hoc script name in API / agent_control requests (wazuh/wazuh PR #17048).",
    bad: `<ossec_config>
  <command>
    <name>!block</name>
    <executable>block.sh</executable>
  </command>
  <active-response>
    <command>!block</command>
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
    fix: "Suggestion only (--fix-suggestions): removes the leading '!' characters; the <active-response> blocks that refer to the old name are yours to update.",
  },
  messages: {
    bang: { severity: 'error', text: "The command name '{{name}}' starts with '!': Wazuh stops with (1235): Invalid value for element 'name': {{name}}." },
    ...schemaMessages('command-name-reserved-bang'),
  },
  suggestionMessages: {
    rename: "Rename the command '{{name}}' (then update the <active-response> blocks that use the old name)",
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const cmd of ctx.config.commands) {
        const name = cmd.name;
        if (!name || !name.text.startsWith('!')) continue;
        const raw = exactText(ctx.doc, name.element.contentRange);
        const stripped = raw?.replace(/^!+/, '');
        // The responses that use the old name keep it: renaming is the user's decision, a suggestion.
        const guess = stripped ? replaceValue(name, stripped) : undefined;
        ctx.report({ messageId: 'bang', data: { name: name.text }, range: name.element.contentRange, ...(guess ? { suggestions: [{ messageId: 'rename', data: { name: stripped! }, fix: guess }] } : {}) });
      }
    });
  },
});
