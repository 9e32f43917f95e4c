import type { ActiveResponseView, CommandView } from '../../document/views.ts';
import { defineRule } from '../types.ts';
import { atoi, isDisabled } from '../active-response.ts';

export default defineRule({
  id: 'ar-name-collision',
  fixable: false,
  needs: [],
  summary: 'Two responses whose ar.conf key (command name + timeout) is the same string',
  docs: {
    what:
      "Two enabled <active-response> blocks using different commands whose generated key '<command name><timeout>' is the same, e.g. command 'drop1' with no timeout and command 'drop' with timeout 10 both give 'drop10'.",
    why:
      "analysisd names each response with snprintf(\"%s%d\", command, timeout) and writes it to etc/shared/ar.conf (src/config/active-response.c); execd resolves a key to the first matching line, so one response runs with the other's executable and timeout.",
    bad: `<ossec_config>
  <command>
    <name>drop1</name>
    <executable>drop.sh</executable>
  </command>
  <command>
    <name>drop</name>
    <executable>drop.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>drop1</command>
    <location>local</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>drop</command>
    <location>local</location>
    <level>12</level>
    <timeout>10</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>drop-a</name>
    <executable>drop.sh</executable>
  </command>
  <command>
    <name>drop-b</name>
    <executable>drop.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>drop-a</command>
    <location>local</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>drop-b</command>
    <location>local</location>
    <level>12</level>
    <timeout>10</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    collision:
      { severity: 'warning', text: "This response's ar.conf key '{{key}}' (command '{{command}}' + timeout {{timeout}}) equals the key of the response at line {{otherLine}} (command '{{otherCommand}}'): agents run whichever ar.conf line comes first. Rename one command so it does not end in a digit." },
  },
  check(ctx) {
    const commands = new Map<string, CommandView>();
    for (const cmd of ctx.config.commands) if (cmd.name && !commands.has(cmd.name.text)) commands.set(cmd.name.text, cmd);
    const seen = new Map<string, ActiveResponseView>();
    for (const ar of ctx.config.activeResponses) {
      if (isDisabled(ar) || !ar.command || ar.command.text === '') continue;
      const command = ar.command.text;
      let timeout = ar.timeout ? atoi(ar.timeout.text) : 0;
      // Without timeout_allowed=yes analysisd forces the timeout to 0 (1305).
      if (commands.get(command)?.timeoutAllowed?.text !== 'yes') timeout = 0;
      const key = `${command}${timeout}`;
      const other = seen.get(key);
      if (!other) {
        seen.set(key, ar);
        continue;
      }
      if (other.command!.text === command) continue;
      ctx.report({
        messageId: 'collision',
        data: { key, command, timeout, otherLine: ctx.doc.lineOf(other.element.range.start), otherCommand: other.command!.text },
        range: ar.command.element.contentRange,
      });
    }
  },
});
