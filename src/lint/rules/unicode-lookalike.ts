import type { XmlElement } from '../../document/types.ts';
import type { ConfigView } from '../../document/views.ts';
import { blockSchema, optionSchema } from '../../schema/elements.ts';
import { acceptsValue } from '../../schema/values.ts';
import { defineRule } from '../types.ts';
import { lintedBlocks, type Block } from '../support/blocks.ts';
import { readByAnalysisd, replaceValue, valueRange } from '../active-response.ts';
import { exactText, renameElementEdit } from '../support/edits.ts';
import { findLookalikes, replaceLookalikes } from '../support/lookalikes.ts';

/** Free-text options where non-ASCII text is legitimate. */
const FREE_TEXT = new Set(['extra_args', 'email_idsname']);
/** Addresses: email-address-invalid reports their non-ASCII characters, with what each one does. */
const ADDRESSES = new Set(['email_to', 'email_from', 'email_reply_to']);
/**
 * Options whose value, when it is not the ASCII text it looks like, leaves the response or e-mail with
 * nothing to do although Wazuh starts: no program to run, no agent (atoi gives 0: 1306), no rule id, a
 * group or location pattern that never matches, an SMTP host that does not resolve.
 */
const NEVER_HAPPENS = new Set([
  'command/executable', 'active-response/agent_id', 'active-response/rules_id', 'active-response/rules_group',
  'global/smtp_server', 'email_alerts/group', 'email_alerts/rule_id', 'email_alerts/event_location',
]);

/**
 * Whether Wazuh refuses an element it does not know at this place: a root's child (ReadConfig's section
 * names, every daemon) or a child of a block whose reader stops on unknown options (1230). Deeper
 * elements and other sections' options belong to readers arctl does not model (some ignore unknown
 * elements: Read_Global_limits_eps, global-config.c:916-961).
 */
function refusedWhenUnknown(el: XmlElement, blocks: ReadonlySet<XmlElement>): boolean {
  const parent = el.parent;
  if (!parent || parent.depth === 0) return true;
  return blocks.has(parent) && blockSchema(parent.name)?.strictChildren === true;
}

/**
 * On a manager's ossec.conf, whether the value's look-alike is an error: the reader refuses the value,
 * the response or e-mail can never happen, or a name no longer matches what refers to it.
 */
function valueIsError(block: Block, child: XmlElement, ascii: string, config: ConfigView): boolean {
  const option = optionSchema(block.kind, child.name);
  if (option && !acceptsValue(option, child.content)) return true;
  if (NEVER_HAPPENS.has(`${block.kind}/${child.name}`)) return true;
  // ReadActiveResponses looks the command up by its exact name (1303) ...
  if (block.kind === 'active-response' && child.name === 'command') return !config.commands.some((c) => c.name?.text === child.content);
  // ... so a command that a response means under another spelling is not found by it.
  if (block.kind === 'command' && child.name === 'name') {
    return config.activeResponses.some((r) => r.command !== undefined && r.command.text !== child.content && replaceLookalikes(r.command.text).trim() === ascii.trim());
  }
  return false;
}

export default defineRule({
  id: 'unicode-lookalike',
  fixable: true,
  needs: [],
  summary: 'Non-ASCII look-alike characters (dashes, no-break spaces, zero-width, smart quotes, homoglyphs) in tags and values',
  docs: {
    what:
      'Unicode dashes (U+2010-U+2015, U+2212), no-break and figure spaces (U+00A0, U+202F, U+2007), zero-width characters and BOMs (U+200B-U+200D, U+2060, U+FEFF), smart quotes, full-width letters and digits, and Cyrillic/Greek letters inside Latin words, in element names and in option values.',
    why:
      'Wazuh compares names and values byte for byte (strcmp) or with OS_Regex (src/config/active-response.c): `defined‐agent` with U+2010 gives (1302), `firewall‐drop` never equals `firewall-drop` (1303), `yes` followed by a no-break space gives (1235), a zero-width character in a tag name gives (1230) where the reader checks names (a section, <command>, <active-response>, <global>, <email_alerts>, <alerts>; deeper elements and other sections only warn: Read_Global_limits_eps ignores names it does not know). On the ossec.conf a manager reads, a value that Wazuh still starts with and that still does something (a <white_list> entry, <helo_server>, <timeout>, a command name used with the same spelling) is a warning; the rest are errors. They come from copying snippets out of web pages, PDFs, chat or word processors.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined‐agent</location>
    <agent_id>002</agent_id>
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
    <location>defined-agent</location>
    <agent_id>002</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'Replaces each look-alike with the ASCII character it imitates (dash, space, quote, letter) and deletes zero-width characters; the other rules then check the result.',
  },
  messages: {
    inName: { severity: 'error', text: "The tag name '{{name}}' contains {{chars}}: Wazuh does not know this element ((1230)); it means '{{ascii}}'." },
    inNameUnread: {
      severity: 'warning',
      text: "The tag name '{{name}}' contains {{chars}}: it is not <{{ascii}}>, so <{{parent}}> does not get that option (arctl does not model this reader: some ignore an element they do not know, some refuse it).",
    },
    inValue: { severity: 'error', text: "The value of <{{option}}> contains {{chars}}: Wazuh compares it byte for byte, so it is not '{{ascii}}'." },
    inValueRuns: {
      severity: 'warning',
      text: "The value of <{{option}}> contains {{chars}}: Wazuh starts and uses it byte for byte, so it is not '{{ascii}}'.",
    },
  },
  check(ctx) {
    const blocks = lintedBlocks(ctx.config);
    const blockElements = new Set(blocks.map((b) => b.element));
    const managerFile = readByAnalysisd(ctx.config, ctx.role);
    for (const el of ctx.doc.elements()) {
      const found = findLookalikes(el.name);
      if (found.length === 0) continue;
      const ascii = replaceLookalikes(el.name);
      const fix = ascii.length > 0 ? renameElementEdit(ctx.doc, el, ascii) : undefined;
      ctx.report({
        messageId: refusedWhenUnknown(el, blockElements) ? 'inName' : 'inNameUnread',
        data: { name: el.name, chars: found.map((f) => f.label).join(', '), ascii, parent: el.parent?.name ?? '' },
        range: el.openTag,
        ...(fix ? { fix } : {}),
      });
    }
    for (const block of blocks) {
      for (const child of block.element.children) {
        if (FREE_TEXT.has(child.name) || ADDRESSES.has(child.name) || child.children.length > 0) continue;
        const found = findLookalikes(child.content);
        if (found.length === 0) continue;
        const ascii = replaceLookalikes(child.content);
        const raw = exactText(ctx.doc, child.contentRange);
        const option = { text: child.content, element: child };
        const fix = raw === undefined ? undefined : replaceValue(option, replaceLookalikes(raw));
        // Files no manager daemon reads (an agent's): their readers are not modelled, every look-alike stays an error.
        const error = !managerFile || valueIsError(block, child, ascii, ctx.config);
        ctx.report({
          messageId: error ? 'inValue' : 'inValueRuns',
          data: { option: child.name, chars: found.map((f) => f.label).join(', '), ascii: ascii.trim() },
          range: valueRange(option),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
