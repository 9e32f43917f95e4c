import { durationSeconds } from '../../wazuh/time-units.ts';
import { defineRule } from '../types.ts';
import { atoi, replaceValue, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'timeout-not-integer',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <active-response><timeout> is not a plain number of seconds (read with atoi).',
  docs: {
    what: 'A `<timeout>` that is not a non-negative whole number of seconds: `10m`, `1h`, `600s`, `-5`, `1e3`, `ten`; or one past 2147483647, which atoi() wraps (`3000000000` is -1294967296).',
    why: 'analysisd reads it with atoi() and never validates it (src/config/active-response.c): `10m` becomes 10 seconds, `1h` 1 second, `ten` 0 (the block is never undone); negative values are kept (wazuh/wazuh#15171). The unit is seconds (DOC-AR).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>30m</timeout>
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
    <timeout>1800</timeout>
  </active-response>
</ossec_config>`,
    fix: 'A number with a unit suffix `s`, `m`, `h`, `d` or `w` (lowercase, as Wazuh writes units) is converted to seconds (`30m` -> `1800`); anything else is left for you.',
  },
  messages: {
    notInteger: { severity: 'warning', text: "Timeout '{{value}}' is not a whole number of seconds: Wazuh reads it with atoi() as {{seconds}} second(s){{meant}}." },
    overflow: {
      severity: 'warning',
      text: "Timeout '{{value}}' does not fit in an int: Wazuh reads it with atoi() as {{seconds}} second(s){{effect}}. Write at most 2147483647.",
    },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      for (const timeout of ar.options.all('timeout')) {
        const value = timeout.text;
        if (/^\s*\d*\s*$/.test(value)) {
          // atoi reads surrounding whitespace fine; empty-value reports ''. Past INT_MAX only the low 32 bits stay.
          const seconds = atoi(value);
          if (value.trim() !== '' && BigInt(value.trim()) !== BigInt(seconds)) {
            ctx.report({ messageId: 'overflow', data: { value: value.trim(), seconds, effect: overflowEffect(seconds) }, range: valueRange(timeout) });
          }
          continue;
        }
        const meant = durationSeconds(value);
        const fix = meant !== undefined && meant <= 2147483647 ? replaceValue(timeout, String(meant)) : undefined;
        ctx.report({
          messageId: 'notInteger',
          data: { value, seconds: atoi(value), meant: meant !== undefined ? ` (you probably meant ${meant})` : '' },
          range: valueRange(timeout),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});

/**
 * What the wrapped value does: execd undoes a block once (now - added) > timeout (src/os_execd/execd.c:157),
 * so a negative timeout is lifted at its first check; 0 adds no timeout entry (execd.c:345), so it stays.
 */
function overflowEffect(seconds: number): string {
  if (seconds < 0) return ', so execd lifts the block at its next timeout check, right after adding it';
  if (seconds === 0) return ', which means no timeout: the block is never undone';
  return '';
}
