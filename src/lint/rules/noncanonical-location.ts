import { CANONICAL_LOCATIONS, describeLocation, type CanonicalLocation } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { isDisabled, replaceValue, valueRange } from '../active-response.ts';

const CANONICAL: readonly string[] = CANONICAL_LOCATIONS;
/** Undocumented spellings Wazuh's patterns name explicitly, and the documented value they mean. */
const ALIASES: Record<string, CanonicalLocation> = { any: 'all', as: 'server', analysisd: 'server', 'analysis-server': 'server' };

export default defineRule({
  id: 'noncanonical-location',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'A <location> is accepted only by accident of Wazuh\'s case-insensitive substring match.',
  docs: {
    what: 'A `<location>` that is not exactly `local`, `server`, `defined-agent` or `all` but still sets a target: case variants (`Local`), undocumented aliases (`any`, `AS`, `analysisd`, `analysis-server`), values that merely contain a keyword (`localhost`, `wazuh-master` and `east` contain "as" and so mean server), and combined values (`local,server`) that set several targets.',
    why: 'analysisd matches the value with case-insensitive, unanchored OS_Regex searches (src/config/active-response.c, os_regex flags 0), so these are accepted silently and often mean something else than intended; the documented values are exactly the four above (DOC-AR). With several targets, OS_Exec acts on only one of them (server wins, then all, defined-agent, local).',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>wazuh-master</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    fix: 'Case variants are lower-cased and the aliases `any` -> `all`, `AS` / `analysisd` / `analysis-server` -> `server` replaced; other values (combined, substring) are left for you.',
  },
  messages: {
    // Same targets as the documented value (OS_Regex without OS_CASE_SENSITIVE, active-response.c:176-198): advice, not a change of behaviour.
    spelling: { severity: 'info', text: "Location '{{value}}' means '{{canonical}}', exactly as written: write the documented value '{{canonical}}'." },
    substring: { severity: 'warning', text: "Location '{{value}}' is not a documented value: Wazuh's case-insensitive substring match reads it as '{{canonical}}'." },
    combined: { severity: 'warning', text: "Location '{{value}}' sets several targets at once ({{targets}}): Wazuh only sends the response to '{{effective}}'; use one block per target." },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      const location = ar.location;
      if (!location || isDisabled(ar)) continue;
      const value = location.text;
      const trimmed = value.trim();
      if (CANONICAL.includes(trimmed)) continue; // exact, or only untrimmed (untrimmed-value reports that)
      const meaning = describeLocation(value);
      if (meaning.canonical.length === 0) continue; // invalid-location
      const range = valueRange(location);
      if (meaning.canonical.length > 1) {
        ctx.report({ messageId: 'combined', data: { value, targets: meaning.canonical.join(', '), effective: meaning.effective ?? '' }, range });
        continue;
      }
      const canonical = meaning.canonical[0];
      const lower = trimmed.toLowerCase();
      if (lower === canonical || ALIASES[lower] === canonical) {
        const fix = replaceValue(location, canonical);
        ctx.report({ messageId: 'spelling', data: { value, canonical }, range, ...(fix ? { fix } : {}) });
      } else {
        ctx.report({ messageId: 'substring', data: { value, canonical }, range });
      }
    }
  },
});
