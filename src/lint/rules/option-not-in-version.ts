import type { XmlElement } from '../../document/types.ts';
import { defineRule } from '../types.ts';
import { readByAnalysisd, replaceValue, valueRange } from '../active-response.ts';
import { readByMaild } from '../email.ts';
import { blockSchema, optionExistsIn, optionSchema } from '../../schema/elements.ts';

/** 4.2+ compiled programs and the script names the same program had before 4.2 (reverse of legacy-script-name). */
const LEGACY_NAMES: Record<string, string> = {
  'firewall-drop': 'firewall-drop.sh',
  'host-deny': 'host-deny.sh',
  'route-null': 'route-null.sh',
  'disable-account': 'disable-account.sh',
  'restart-wazuh': 'restart-ossec.sh',
  'firewalld-drop': 'firewalld-drop.sh',
  'ip-customblock': 'ip-customblock.sh',
  pf: 'pf.sh',
  ipfw: 'ipfw.sh',
  npf: 'npf.sh',
  'wazuh-slack': 'ossec-slack.sh',
  'route-null.exe': 'route-null.cmd',
  'netsh.exe': 'netsh.cmd',
  'restart-wazuh.exe': 'restart-ossec.cmd',
};

export default defineRule({
  id: 'option-not-in-version',
  severity: 'warning',
  fixable: true,
  needs: [],
  summary: 'An option or stock program name the target Wazuh version does not have.',
  docs: {
    what: 'Options used with a `--target-version` that lacks them (e.g. `<extra_args>` before 3.5, per the option table of each block), and 4.2+ stock program names (`firewall-drop`, `netsh.exe`, ...) when the target is older than 4.2.',
    why: 'Readers of older releases do not know newer options and refuse them with `(1230): Invalid element in the configuration`; before 4.2 the stock programs were shell / cmd scripts (`firewall-drop.sh`, `netsh.cmd`), so a 4.2+ name points at a file that does not exist on those agents and the response silently does nothing. Version drift is the main source of "worked before the upgrade" reports (wazuh/wazuh#1103, #1877, wazuh/wazuh-ansible#574). `<expect>` on 4.2+ is reported by expect-deprecated.',
    bad: '<!-- target 3.13 -->\n<command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>',
    good: '<command><name>firewall-drop</name><executable>firewall-drop.sh</executable><expect>srcip</expect><timeout_allowed>yes</timeout_allowed></command>',
    fix: 'Renames a 4.2+ stock program to its pre-4.2 script name when the target is older than 4.2.',
  },
  messages: {
    notYet: '<{{option}}> exists only since Wazuh {{since}}: Wazuh {{target}} refuses it with (1230): Invalid element in the configuration.',
    removed: '<{{option}}> was removed in Wazuh {{removed}}: Wazuh {{target}} refuses it with (1230): Invalid element in the configuration.',
    newProgram: "'{{value}}' is the Wazuh 4.2+ name of this program: agents older than 4.2 have '{{legacy}}' instead, so on a {{target}} fleet this response does nothing.",
  },
  check(ctx) {
    const blocks: Array<{ name: string; element: XmlElement }> = [];
    if (readByAnalysisd(ctx.config, ctx.role)) {
      for (const c of ctx.config.commands) blocks.push({ name: 'command', element: c.element });
      for (const a of ctx.config.activeResponses) blocks.push({ name: 'active-response', element: a.element });
    }
    if (readByMaild(ctx.config, ctx.role)) {
      for (const g of ctx.config.globals) blocks.push({ name: 'global', element: g.element });
      for (const e of ctx.config.emailAlerts) blocks.push({ name: 'email_alerts', element: e.element });
      for (const a of ctx.config.alerts) blocks.push({ name: 'alerts', element: a.element });
    }
    for (const block of blocks) {
      if (!blockSchema(block.name)) continue;
      for (const child of block.element.children) {
        const schema = optionSchema(block.name, child.name);
        // Approximate version data would make guesses look like facts.
        if (!schema || schema.versions.approximate || optionExistsIn(schema, ctx.target)) continue;
        const { since, removedIn } = schema.versions;
        const data = { option: child.name, target: ctx.target.text, since: since ?? '', removed: removedIn ?? '' };
        const tooOld = since !== undefined && !optionExistsIn({ ...schema, versions: { since } }, ctx.target);
        ctx.report({ messageId: tooOld ? 'notYet' : 'removed', data, range: child.nameRange });
      }
    }
    if (!ctx.target.legacy || !readByAnalysisd(ctx.config, ctx.role)) return;
    for (const cmd of ctx.config.commands) {
      const exe = cmd.executable;
      if (!exe) continue;
      const legacy = LEGACY_NAMES[exe.text];
      if (!legacy) continue;
      const fix = replaceValue(exe, legacy);
      ctx.report({ messageId: 'newProgram', data: { value: exe.text, legacy, target: ctx.target.text }, range: valueRange(exe), ...(fix ? { fix } : {}) });
    }
  },
});
