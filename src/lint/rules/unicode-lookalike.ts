import { defineRule } from '../types.ts';
import { lintedBlocks } from '../support/blocks.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { exactText, renameElementEdit } from '../support/edits.ts';
import { findLookalikes, replaceLookalikes } from '../support/lookalikes.ts';

/** Free-text options where non-ASCII text is legitimate. */
const FREE_TEXT = new Set(['extra_args', 'email_idsname']);
/** Addresses: email-address-invalid reports their non-ASCII characters, with what each one does. */
const ADDRESSES = new Set(['email_to', 'email_from', 'email_reply_to']);

export default defineRule({
  id: 'unicode-lookalike',
  fixable: true,
  needs: [],
  summary: 'Non-ASCII look-alike characters (dashes, no-break spaces, zero-width, smart quotes, homoglyphs) in tags and values',
  docs: {
    what:
      'Unicode dashes (U+2010-U+2015, U+2212), no-break and figure spaces (U+00A0, U+202F, U+2007), zero-width characters and BOMs (U+200B-U+200D, U+2060, U+FEFF), smart quotes, full-width letters and digits, and Cyrillic/Greek letters inside Latin words, in element names and in option values.',
    why:
      'Wazuh compares names and values byte for byte (strcmp) or with OS_Regex (src/config/active-response.c): `defined‐agent` with U+2010 gives (1302), `firewall‐drop` never equals `firewall-drop` (1303), `yes` followed by a no-break space gives (1235), a zero-width character in a tag name gives (1230). They come from copying snippets out of web pages, PDFs, chat or word processors.',
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
    inValue: { severity: 'error', text: "The value of <{{option}}> contains {{chars}}: Wazuh compares it byte for byte, so it is not '{{ascii}}'." },
  },
  check(ctx) {
    for (const el of ctx.doc.elements()) {
      const found = findLookalikes(el.name);
      if (found.length === 0) continue;
      const ascii = replaceLookalikes(el.name);
      const fix = ascii.length > 0 ? renameElementEdit(ctx.doc, el, ascii) : undefined;
      ctx.report({
        messageId: 'inName',
        data: { name: el.name, chars: found.map((f) => f.label).join(', '), ascii },
        range: el.openTag,
        ...(fix ? { fix } : {}),
      });
    }
    for (const block of lintedBlocks(ctx.config)) {
      for (const child of block.element.children) {
        if (FREE_TEXT.has(child.name) || ADDRESSES.has(child.name) || child.children.length > 0) continue;
        const found = findLookalikes(child.content);
        if (found.length === 0) continue;
        const ascii = replaceLookalikes(child.content);
        const raw = exactText(ctx.doc, child.contentRange);
        const option = { text: child.content, element: child };
        const fix = raw === undefined ? undefined : replaceValue(option, replaceLookalikes(raw));
        ctx.report({
          messageId: 'inValue',
          data: { option: child.name, chars: found.map((f) => f.label).join(', '), ascii: ascii.trim() },
          range: valueRange(option),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
