import { insertBlock, type TextEdit } from '../../document/edit.ts';
import type { ConfigDocument } from '../../document/document.ts';
import type { ActiveResponseView, CommandView } from '../../document/views.ts';
import { isBlockingProgram } from '../../wazuh/programs.ts';
import { defineRule } from '../types.ts';
import { boundCommand, isDisabled, lineOf, removeElement, replaceValue, timeoutSeconds, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'timeout-without-timeout-allowed',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'A response sets <timeout> but its command does not allow timeouts, so it is never undone (1305).',
  docs: {
    what: 'An enabled `<active-response>` with a non-zero `<timeout>` whose `<command>` has `<timeout_allowed>` `no` or none (the parser default is no).',
    why: 'analysisd logs only `INFO: (1305): Timeout not allowed for command: \'<name>\'.` and forces the timeout to 0, so the "delete" call never comes and the block stays forever (src/config/active-response.c, Wazuh 3.x and 4.x). OSSEC 2.x refused to start instead (error for --target-version 2.x).',
    bad: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'For a stock reversible program (firewall-drop, host-deny, route-null, netsh, disable-account...) sets `<timeout_allowed>yes</timeout_allowed>` on the command; for other programs, removing the `<timeout>` (which Wazuh ignores anyway) is a suggestion (--fix-suggestions).',
  },
  messages: {
    notAllowed: { severity: 'warning', text: "Command '{{command}}' (line {{line}}) does not allow timeouts: Wazuh logs (1305): Timeout not allowed for command: '{{command}}'. and runs this response with timeout 0, so it is never undone." },
    fatal: { severity: 'error', text: "Command '{{command}}' (line {{line}}) does not allow timeouts: OSSEC {{version}} refuses to start with (1305): Timeout not allowed for command: '{{command}}'." },
  },
  suggestionMessages: {
    removeTimeout: "Remove the <timeout>, which Wazuh ignores for this command",
  },
  ownsRefusal: ({ message }) => (message.code === 1305 ? {} : undefined),

  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      if (isDisabled(ar) || !ar.timeout || timeoutSeconds(ar) === 0) continue;
      const cmd = boundCommand(ctx.config, ar);
      if (!cmd || !ar.location || ar.location.text === '') continue;
      const allowed = cmd.timeoutAllowed?.text;
      if (allowed === 'yes' || (allowed !== undefined && allowed !== 'no')) continue; // invalid values are invalid-boolean's
      const change = fixFor(ctx.doc, ar, cmd);
      // OSSEC 2.x made it an error (merror + return -1); Wazuh 3.x and 4.x log INFO and zero the timeout.
      const ossec = ctx.target.major < 3;
      ctx.report({
        messageId: ossec ? 'fatal' : 'notAllowed',
        data: { command: cmd.name!.text, line: lineOf(ctx.doc, cmd.element), version: ctx.target.text },
        range: valueRange(ar.timeout),
        ...(change?.kind === 'allow' ? { fix: change.edit } : {}),
        ...(change?.kind === 'remove' ? { suggestions: [{ messageId: 'removeTimeout', fix: change.edit }] } : {}),
      });
    }
  },
});

/**
 * A stock reversible program: allowing the timeout makes the response do what it says (a fix).
 * Another program: removing the ignored <timeout> deletes what the user wrote (a suggestion).
 */
function fixFor(doc: ConfigDocument, ar: ActiveResponseView, cmd: CommandView): { kind: 'allow' | 'remove'; edit: TextEdit } | undefined {
  if (isBlockingProgram(cmd.executable?.text ?? '', cmd.name?.text)) {
    const edit = cmd.timeoutAllowed
      ? cmd.options.all('timeout_allowed').length === 1 ? replaceValue(cmd.timeoutAllowed, 'yes') : undefined
      : insertBlock(doc, cmd.element, ['<timeout_allowed>yes</timeout_allowed>']);
    return edit ? { kind: 'allow', edit } : undefined;
  }
  return ar.options.all('timeout').length === 1 ? { kind: 'remove', edit: removeElement(doc, ar.timeout!.element) } : undefined;
}
