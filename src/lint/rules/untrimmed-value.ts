import { defineRule } from '../types.ts';
import { lintedBlocks, YES_NO_OPTIONS, type BlockKind } from '../support/blocks.ts';
import { analysisdModel, boundCommand, isDisabled, readByAnalysisd, replaceValue, usedCommands } from '../active-response.ts';
import type { XmlElement } from '../../document/types.ts';
import { versionAtLeast } from '../../wazuh/version.ts';
import { exactText } from '../support/edits.ts';
import { isBlankText, trimXmlSpace } from '../support/ranges.ts';

/**
 * Values compared exactly (strcmp) per block, and values where surrounding whitespace is harmless
 * because Wazuh matches them as substrings (location) or reads them with atoi (agent_id).
 */
const EXACT: Record<BlockKind, readonly string[]> = {
  command: ['name', 'executable', ...YES_NO_OPTIONS.command],
  'active-response': ['command', ...YES_NO_OPTIONS['active-response']],
  global: [...YES_NO_OPTIONS.global],
  email_alerts: ['format'],
  alerts: [...YES_NO_OPTIONS.alerts],
};
const COSMETIC: Partial<Record<BlockKind, readonly string[]>> = {
  'active-response': ['location', 'agent_id'],
};

export default defineRule({
  id: 'untrimmed-value',
  fixable: true,
  needs: [],
  summary: 'Spaces, tabs or line breaks around values that Wazuh compares exactly',
  docs: {
    what:
      'Leading or trailing whitespace inside yes/no switches, <name>, <executable>, <command>, <format>, and (cosmetic) <location> and <agent_id>.',
    why:
      'Wazuh\'s XML reader keeps element content byte for byte (src/os_xml/os_xml.c, no trimming) and the option parsers use strcmp: `<disabled> no</disabled>` stops analysisd with (1235), `<command> firewall-drop</command>` finds no command (1303). Pretty-printers and templating tools (Jinja/Ansible) that put values on their own lines cause this. <location> is matched as a substring and <agent_id> read with atoi, so there the spaces only look wrong. A command <name> padded with spaces or tabs exactly as the <command> of the responses that use it matches, and from 4.2 reaches execd unchanged (JSON, ar.conf): a warning, without a fix (trimming one side would break the pair), since agents older than 4.2 get a space-separated message.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>
      firewall-drop
    </command>
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
    fix: 'Trims the value.',
  },
  messages: {
    exact: { severity: 'error', text: "The value of <{{option}}> has surrounding whitespace ('{{shown}}'): Wazuh compares it exactly, so it is not '{{trimmed}}'{{refusal}}." },
    exactUnused: { severity: 'warning', text: "The value of <{{option}}> has surrounding whitespace ('{{shown}}'): Wazuh compares it exactly, so it is not '{{trimmed}}' (no enabled <active-response> uses this command yet)." },
    exactPaired: {
      severity: 'warning',
      text: "The value of <{{option}}> has surrounding whitespace ('{{shown}}'): Wazuh compares it exactly, and the command's <name> and the <command> of the responses that use it are written alike, so they run; but agents older than 4.2 receive the name in a space-separated message that breaks on it. Write '{{trimmed}}' in both places.",
    },
    cosmetic: { severity: 'info', text: "The value of <{{option}}> has surrounding whitespace ('{{shown}}'); Wazuh tolerates it here, but write '{{trimmed}}'." },
  },
  check(ctx) {
    // What Wazuh says at start-up about an element, when it refuses because of it (1235, 1303, ...).
    const model = readByAnalysisd(ctx.config, ctx.role) ? analysisdModel(ctx.doc, ctx.config, ctx.target) : undefined;
    const refusals = new Map([...(model?.maild.problems ?? []), ...(model?.problems ?? [])].filter((m) => m.fatal && m.range).map((m) => [m.range!.start, m]));
    const used = usedCommands(ctx.config);
    const commands = new Map(ctx.config.commands.map((c) => [c.element, c]));
    const responses = new Map(ctx.config.activeResponses.map((r) => [r.element, r]));
    // A padded name written alike in <name> and in the responses' <command> matches (strcmp), and from 4.2 the name
    // travels in JSON and in ar.conf lines unchanged (src/analysisd/ar_json.c:49, src/os_execd/exec.c ReadExecConfig):
    // only a line break (which splits the ar.conf line) or a pre-4.2 string message breaks it.
    const paired = (el: XmlElement) => {
      if (ctx.target.legacy || !versionAtLeast(ctx.target, 4, 2) || /[\r\n]/.test(el.content)) return false;
      const command = commands.get(el.parent!);
      if (command) return el.name === 'name' && used.has(command);
      const response = responses.get(el.parent!);
      return el.name === 'command' && response !== undefined && !isDisabled(response) && boundCommand(ctx.config, response) !== undefined;
    };
    for (const block of lintedBlocks(ctx.config)) {
      const exact = EXACT[block.kind];
      // A command no enabled response binds never runs: its padded name or program stops nothing yet.
      const command = commands.get(block.element);
      const unused = command !== undefined && !used.has(command);
      const cosmetic = COSMETIC[block.kind] ?? [];
      for (const child of block.element.children) {
        const isExact = exact.includes(child.name);
        if ((!isExact && !cosmetic.includes(child.name)) || child.children.length > 0) continue;
        const value = child.content;
        const trimmed = trimXmlSpace(value);
        if (trimmed === value || isBlankText(value)) continue;
        const raw = exactText(ctx.doc, child.contentRange);
        const fix = raw === undefined ? undefined : replaceValue({ text: value, element: child }, trimXmlSpace(raw));
        const refusal = isExact ? refusals.get(child.range.start) : undefined;
        // Trimming one side of a working pair would break it: no fix there.
        const pair = isExact && !refusal && paired(child);
        ctx.report({
          // A refusal stays an error wherever it is; otherwise a dead command's value stops nothing yet.
          messageId: pair ? 'exactPaired' : isExact ? (unused && !refusal && !YES_NO_OPTIONS.command.includes(child.name) ? 'exactUnused' : 'exact') : 'cosmetic',
          data: {
            option: child.name,
            shown: JSON.stringify(value).slice(1, -1),
            trimmed,
            ...(isExact ? { refusal: refusal ? `: ${refusal.daemon} refuses to start with ${refusal.text.replace(/\.$/, '')}` : '' } : {}),
          },
          range: child.contentRange,
          ...(fix && !pair ? { fix } : {}),
        });
      }
    }
  },
});
