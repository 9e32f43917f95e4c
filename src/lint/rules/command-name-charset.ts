import type { TextEdit } from '../../document/edit.ts';
import type { ActiveResponseView, OptionValue } from '../../document/views.ts';
import { defineRule } from '../types.ts';
import { replaceValue } from '../active-response.ts';
import { combineEdits } from '../support/edits.ts';
import { replaceLookalikes } from '../support/lookalikes.ts';
import { arConfSafeName, isArConfSafeName } from '../../wazuh/command-name.ts';
import { commentedBlocks, recomment, type CommentedBlock } from '../../document/comment-out.ts';


/**
 * The edit rewriting an arctl-disabled <active-response> whose <command> holds `name` (none when it holds
 * another, or when a comment inside the value would be lost): the whole comment, escaped anew.
 */
function renameInDisabled(block: CommentedBlock, name: string, suggestion: string): Array<TextEdit | undefined> {
  if (block.element.name !== 'active-response') return [];
  const uses = block.element.children.filter((c) => c.name === 'command' && c.content === name);
  if (uses.length === 0) return [];
  if (uses.some((c) => c.contentHasComment || c.children.length > 0 || c.selfClosing)) return [undefined];
  let bytes = block.bytes;
  for (const c of [...uses].sort((a, b) => b.contentRange.start - a.contentRange.start)) {
    bytes = Buffer.concat([bytes.subarray(0, c.contentRange.start), Buffer.from(suggestion), bytes.subarray(c.contentRange.end)]);
  }
  return [recomment(block, bytes)];
}

/** Every <active-response><command> value, by the name it holds. */
function commandReferences(responses: readonly ActiveResponseView[]): Map<string, OptionValue[]> {
  const byName = new Map<string, OptionValue[]>();
  for (const ar of responses) {
    for (const option of ar.options.all('command')) {
      const list = byName.get(option.text);
      if (list) list.push(option);
      else byName.set(option.text, [option]);
    }
  }
  return byName;
}

export default defineRule({
  id: 'command-name-charset',
  fixable: true,
  needs: [],
  summary: 'Command names should only use letters, digits, _ . and -',
  docs: {
    what: "A <command><name> with whitespace, ' - ', or characters outside [A-Za-z0-9_.-].",
    why:
      "analysisd writes each response to etc/shared/ar.conf as '<name><timeout> - <executable> - <timeout>' (src/config/active-response.c) and agents parse that file on ' - ' separators; spaces and ' - ' in a name break the line and execd logs (1313): Invalid active response config: 'shared/ar.conf' (wazuh/wazuh-qa#4516).",
    bad: `<ossec_config>
  <command>
    <name>drop ip</name>
    <executable>block.sh</executable>
  </command>
  <active-response>
    <command>drop ip</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>drop-ip</name>
    <executable>block.sh</executable>
  </command>
  <active-response>
    <command>drop-ip</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    fix: "Replaces each run of unsafe characters with '-' in the name and in the <active-response><command> values that use it, also in the responses `arctl disable` commented out.",
  },
  messages: {
    charset: { severity: 'warning', text: "The command name '{{name}}' has characters that break etc/shared/ar.conf lines; use only letters, digits, '_', '.' and '-' (e.g. '{{suggestion}}')." },
  },
  check(ctx) {
    const names = new Set(ctx.config.commands.map((c) => c.name?.text));
    // One rename per name, offered by its first definition: the edit spans every reference, and a copy
    // per repeated definition would hold the file N times (duplicate-command-name covers the repeats).
    const renamed = new Set<string>();
    let refsByName: Map<string, OptionValue[]> | undefined;
    let blocks: CommentedBlock[] | undefined;
    for (const cmd of ctx.config.commands) {
      const name = cmd.name;
      if (!name) continue;
      // Leading '!', surrounding whitespace and look-alikes have their own rules.
      const core = replaceLookalikes(name.text.trim().replace(/^!+/, ''));
      if (core === '' || isArConfSafeName(core)) continue;
      const suggestion = arConfSafeName(core);
      let fix: TextEdit | undefined;
      if (suggestion !== '' && !names.has(suggestion) && name.text === core && !renamed.has(name.text)) {
        renamed.add(name.text);
        refsByName ??= commandReferences(ctx.config.activeResponses);
        const refs = refsByName.get(name.text) ?? [];
        // Responses arctl disabled use the name too: renamed inside their comments, `arctl enable` finds the command.
        blocks ??= commentedBlocks(ctx.doc);
        const edits = [...[name, ...refs].map((option) => replaceValue(option, suggestion)), ...blocks.flatMap((b) => renameInDisabled(b, name.text, suggestion))];
        if (edits.every((e): e is TextEdit => e !== undefined)) fix = combineEdits(ctx.doc, edits);
      }
      ctx.report({ messageId: 'charset', data: { name: name.text, suggestion }, range: name.element.contentRange, ...(fix ? { fix } : {}) });
    }
  },
});
