import { parseRuleIdList, ruleIdListStop } from '../../wazuh/rules-id.ts';
import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'rules-id-format',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<rules_id> uses separators or text that Wazuh\'s id walker silently stops at.',
  docs: {
    what: 'A `<rules_id>` with anything but digits, commas and spaces (`;`, `|`, `-` ranges, words), or ids separated only by spaces (`5710 5712`). Text glued after a number (`5712}`) is info: Wazuh skips it and binds every id written.',
    why: 'Rule_AddAR (src/analysisd/rules.c) walks the list: after a number it jumps to the next comma, and any other character at the start of an item ends the walk, so `5710 5712`, `5710;5712` and `5710|5712` all mean 5710 only. Nothing is logged. Docs: ids separated by commas (DOC-AR).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5710|5712|5716</rules_id>
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
    <rules_id>5710,5712,5716</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'A list of plain ids separated by `;`, `|`, spaces or commas is rewritten with commas; ranges and words are left for you.',
  },
  messages: {
    truncated: { severity: 'error', text: "rules_id '{{value}}' is read by Wazuh as {{read}}: {{lost}} silently ignored. Separate ids with commas." },
    truncatedCovered: { severity: 'warning', text: "rules_id '{{value}}' is read by Wazuh as {{read}}: {{lost}} silently ignored (this block's {{other}} may still bind them). Separate ids with commas." },
    strayText: { severity: 'info', text: "rules_id '{{value}}': Wazuh binds every id written and skips {{stray}} (text after a number, up to the next comma). Remove it." },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      for (const option of ar.options.all('rules_id')) {
        const value = option.text;
        if (/^[\d, ]*$/.test(value) && !/\d +\d/.test(value)) continue;
        const read = parseRuleIdList(value);
        const written = value.match(/\d+/g) ?? [];
        const lost = written.length - read.length;
        const plainList = /^[\s,;|]*\d+([\s,;|]+\d+)*[\s,;|]*$/.test(value);
        const separator = /,\s/.test(value) ? ', ' : ',';
        const fix = plainList ? replaceValue(option, written.join(separator)) : undefined;
        if (plainList && lost === 0 && !/[;|]/.test(value) && !/\s/.test(value.trim())) continue;
        // Only text glued to a number ('100219}', '5712abc'): the walk jumps past it to the next comma and
        // binds every id written, so the response runs as written (Rule_AddAR's atoi then strchr(',')).
        if (lost === 0 && read.length > 0 && ruleIdListStop(value) === undefined) {
          const stray = [...new Set(value.match(/[^\d, ]+/g) ?? [])].map((t) => `'${t}'`).join(', ');
          ctx.report({ messageId: 'strayText', data: { value, stray }, range: valueRange(option), fix: replaceValue(option, read.join(separator)) });
          continue;
        }
        // With a level or group trigger too, the ignored ids may still fire through it: runs, not as written.
        const levelText = ar.level?.text.trim();
        const other = levelText && levelText !== '0' ? `<level> ${levelText}` : ar.rulesGroup && ar.rulesGroup.text !== '' ? `<rules_group>` : undefined;
        ctx.report({
          messageId: other ? 'truncatedCovered' : 'truncated',
          data: {
            ...(other ? { other } : {}),
            value,
            read: read.length === 0 ? 'no id at all' : read.join(', '),
            lost: lost > 0 ? `${lost} other id(s) are` : 'the rest is',
          },
          range: valueRange(option),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
