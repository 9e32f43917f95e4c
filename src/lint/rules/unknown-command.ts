import { ROOT_ELEMENTS } from '../../schema/elements.ts';
import { defineRule } from '../types.ts';
import { commandDefinedFurtherDown } from '../refusals.ts';
import { droppedBeforeLookup, refusalBeforeLookup } from '../ar-status.ts';
import { commandDefinedAfter, commandDefinedBefore, isDisabled, replaceValue, valueRange } from '../active-response.ts';
import { foldLookalikes, nearestName } from '../names.ts';
import { isNestedBlock } from '../support/blocks.ts';

export default defineRule({
  id: 'unknown-command',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <active-response> names a <command> that no <command> block defines (1303).',
  docs: {
    what: 'An `<active-response><command>` value that matches no `<command><name>` in the file. Names compare exactly, so case counts (values that differ only by surrounding spaces or look-alike characters are left to untrimmed-value and unicode-lookalike).',
    why: 'analysisd looks the name up with strcmp among the commands read so far and refuses to start with `(1303): Invalid command \'<name>\' in the active response.` (src/config/active-response.c ReadActiveResponses). Disabled blocks are not checked.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>Firewall-Drop</command>
    <location>local</location>
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
    fix: 'When exactly one defined name equals the value ignoring case, the value is replaced with that name; a near name is a suggestion (--fix-suggestions).',
  },
  messages: {
    unknown: { severity: 'error', text: "No <command> is named '{{name}}': Wazuh refuses to start with (1303): Invalid command '{{name}}' in the active response." },
    unknownHint: { severity: 'error', text: "No <command> is named '{{name}}' (did you mean '{{suggestion}}'?): Wazuh refuses to start with (1303): Invalid command '{{name}}' in the active response." },
    unknownBehind: { severity: 'error', text: "No <command> is named '{{name}}'{{hint}}: Wazuh stops at this block's ({{code}}) first; once that is mended it refuses to start with (1303): Invalid command '{{name}}' in the active response." },
  },
  suggestionMessages: {
    useName: "Use the command '{{name}}'",
  },
  // A 1303 whose command is defined nowhere (defined further down: command-defined-after-use).
  ownsRefusal(refusal) {
    const el = refusal.message.element;
    if (refusal.message.code !== 1303 || !el || commandDefinedFurtherDown(refusal)) return undefined;
    const names = [...new Set(refusal.config.commands.map((c) => c.name))];
    const folded = foldLookalikes(el.content).toLowerCase();
    const sameIgnoringCase = names.filter((n) => foldLookalikes(n).toLowerCase() === folded);
    const suggestion = sameIgnoringCase.length === 1 ? sameIgnoringCase[0] : nearestName(el.content, names);
    return suggestion ? { hint: ` Did you mean '${suggestion}'?` } : {};
  },

  check(ctx) {
    const names = [...new Set(ctx.config.commands.map((c) => c.name?.text).filter((n): n is string => n !== undefined && n !== ''))];
    for (const ar of ctx.config.activeResponses) {
      const ref = ar.command;
      if (!ref || ref.text === '' || isDisabled(ar)) continue;
      // A whole <command> block pasted inside the response: its 'name' is the text around its children,
      // and outside-ossec-config's 'nested' names the cause.
      if (isNestedBlock(ref.element, ROOT_ELEMENTS[ctx.role])) continue;
      if (!ar.location && ar.repeatedOffenders) continue;
      if (droppedBeforeLookup(ctx, ar)) continue; // skipped silently by analysisd before the lookup
      if (commandDefinedBefore(ctx.config, ar, ref.text) || commandDefinedAfter(ctx.config, ar, ref.text)) continue;
      // Surrounding spaces and look-alike characters are reported by untrimmed-value / unicode-lookalike.
      if (names.includes(foldLookalikes(ref.text))) continue;
      const folded = foldLookalikes(ref.text).toLowerCase();
      const sameIgnoringCase = names.filter((n) => foldLookalikes(n).toLowerCase() === folded);
      const suggestion = sameIgnoringCase.length === 1 ? sameIgnoringCase[0] : nearestName(ref.text, names);
      // Only the case differs: certain, a fix. A name a few edits away: a guess, a suggestion.
      const fix = sameIgnoringCase.length === 1 ? replaceValue(ref, sameIgnoringCase[0]) : undefined;
      const guess = !fix && suggestion ? replaceValue(ref, suggestion) : undefined;
      const earlier = refusalBeforeLookup(ctx, ar);
      ctx.report({
        messageId: earlier !== undefined ? 'unknownBehind' : suggestion ? 'unknownHint' : 'unknown',
        data: { name: ref.text, ...(suggestion ? { suggestion } : {}), ...(earlier !== undefined ? { code: earlier, hint: suggestion ? ` (did you mean '${suggestion}'?)` : '' } : {}) },
        range: valueRange(ref),
        ...(fix ? { fix } : {}),
        ...(guess ? { suggestions: [{ messageId: 'useName', data: { name: suggestion! }, fix: guess }] } : {}),
      });
    }
  },
});
