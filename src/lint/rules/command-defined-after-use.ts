import { moveAbove } from '../../document/edit.ts';
import type { ActiveResponseView, CommandView, ConfigView } from '../../document/views.ts';
import { defineRule } from '../types.ts';
import { commandDefinedFurtherDown } from '../refusals.ts';
import { droppedBeforeLookup, refusalBeforeLookup } from '../ar-status.ts';
import { commandDefinedAfter, commandDefinedBefore, isDisabled, lineOf, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'command-defined-after-use',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'A <command> is defined after the <active-response> that uses it (1303).',
  docs: {
    what: 'An `<active-response><command>` whose `<command>` block exists, but only later in the file (or in a later `<ossec_config>` root).',
    why: 'analysisd reads commands and responses in one ordered pass and looks the name up among the commands read so far, so it refuses to start with `(1303): Invalid command \'<name>\' in the active response.` (src/config/active-response.c; Wazuh QA wazuh/wazuh#1406 "Set the command below the active response that uses it. Must fail").',
    bad: `<ossec_config>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
  </command>
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
    fix: 'Moves the `<command>` block (its whole lines, re-indented) to just above the first `<active-response>` that uses it.',
  },
  messages: {
    later: { severity: 'error', text: "<command> '{{name}}' is defined on line {{line}}, after this response: Wazuh reads the file in one pass and refuses to start with (1303): Invalid command '{{name}}' in the active response." },
    laterBehind: { severity: 'error', text: "<command> '{{name}}' is defined on line {{line}}, after this response (Wazuh reads the file in one pass): Wazuh stops at this block's ({{code}}) first; once that is mended it refuses to start with (1303): Invalid command '{{name}}' in the active response." },
  },
  // A 1303 whose command is defined further down.
  ownsRefusal(refusal) {
    if (!commandDefinedFurtherDown(refusal)) return undefined;
    return { hint: ` <command> '${refusal.message.element!.content}' is defined further down: move it above this response.` };
  },

  check(ctx) {
    // One move fixes every response that uses the command: only the first finding carries it (a copy
    // per finding would hold the text between them N times: O(N x size) memory for N responses).
    const moved = new Set<CommandView>();
    for (const ar of ctx.config.activeResponses) {
      const ref = ar.command;
      if (!ref || ref.text === '' || isDisabled(ar)) continue;
      if (!ar.location && ar.repeatedOffenders) continue;
      if (droppedBeforeLookup(ctx, ar)) continue;
      if (commandDefinedBefore(ctx.config, ar, ref.text)) continue;
      const later = commandDefinedAfter(ctx.config, ar, ref.text);
      if (!later) continue;
      const fix = moved.has(later) ? undefined : moveAbove(ctx.doc, later.element, firstUse(ctx.config, ref.text).element);
      moved.add(later);
      const earlier = refusalBeforeLookup(ctx, ar);
      ctx.report({
        messageId: earlier !== undefined ? 'laterBehind' : 'later',
        data: { name: ref.text, line: lineOf(ctx.doc, later.element), ...(earlier !== undefined ? { code: earlier } : {}) },
        range: valueRange(ref),
        ...(fix ? { fix } : {}),
      });
    }
  },
});

/** The first enabled response (document order) that references the name. */
function firstUse(config: ConfigView, name: string): ActiveResponseView {
  return config.activeResponses.find((ar) => ar.command?.text === name && !isDisabled(ar))!;
}
