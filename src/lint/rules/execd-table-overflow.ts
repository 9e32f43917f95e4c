import { defineRule } from '../types.ts';
import { acceptedResponses, analysisdModel } from '../active-response.ts';
import { EXECD_AR_ENTRIES, execdRows } from '../../wazuh/execd.ts';

/** A manager configuration with `count` responses, one rule id each (the docs' Bad example). */
function oneBlockPerRule(count: number): string {
  const blocks = Array.from({ length: count }, (_, i) => `  <active-response><command>firewall-drop</command><location>local</location><rules_id>${100001 + i}</rules_id><timeout>600</timeout></active-response>`);
  return `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
${blocks.join('\n')}
</ossec_config>`;
}

export default defineRule({
  id: 'execd-table-overflow',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'More active responses than wazuh-execd has room for in its table of ar.conf entries',
  docs: {
    what:
      "A manager configuration whose etc/shared/ar.conf (Wazuh's restart entries, then one line per enabled <active-response>) fills more than the 65 rows of wazuh-execd's table on hosts that have the responses' programs: every execd reads it, the manager's and each agent's.",
    why:
      'ReadExecConfig (src/os_execd/exec.c) stores ar.conf in static arrays of MAX_AR + 1 = 65 rows (execd.h) without checking the bound. A line whose name is already in the table joins that entry when one of the two programs is missing on the host; otherwise it takes a row. Past 65 rows the name, program and timeout are written beyond the arrays, over the programs of the first entries and over the entry count, so responses run the wrong program or none (the execd oracle saw the first response lost, "(1311) Invalid command name"). Nothing is logged at start.',
    bad: oneBlockPerRule(64),
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <!-- one block, one ar.conf line, for every rule with the same command, location and timeout -->
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>${Array.from({ length: 64 }, (_, i) => 100001 + i).join(',')}</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    overflow: {
      severity: 'warning',
      text: 'This response takes row {{row}} of the {{rows}} that ar.conf fills in {{execd}}\'s table ({{names}} distinct names with Wazuh\'s restart entries), which holds 65 (MAX_AR 64, os_execd/exec.c): execd writes the rest past it, over other entries\' programs, on every host where {{where}}. Merge responses that share a command, location and timeout into one block with a <rules_id> or <rules_group> list.',
    },
  },
  check(ctx) {
    const model = analysisdModel(ctx.doc, ctx.config, ctx.target);
    const { fewest, most, restartRows } = execdRows(model.arConf, model.arConf.length - model.activeResponses.length);
    if (most <= EXECD_AR_ENTRIES) return;
    // The first response past the table when every response line takes a row of its own.
    const first = acceptedResponses(ctx)[EXECD_AR_ENTRIES - restartRows];
    if (!first) return;
    const where = fewest > EXECD_AR_ENTRIES ? 'execd runs (more distinct names than rows)' : 'the programs of the repeated names exist';
    ctx.report({
      messageId: 'overflow',
      data: { row: String(EXECD_AR_ENTRIES + 1), rows: String(most), names: String(fewest), where },
      range: first.ar.element.openTag,
    });
  },
});
