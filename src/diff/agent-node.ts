/**
 * `arctl diff` on two agents' own ossec.conf files (a `<client>` section, no manager-only section: see
 * isAgentNodeConfig). Agents run no analysisd: their `<command>` and `<active-response>` blocks bind and fire
 * nothing, and no analysisd refuses them. Their execd reads the first `<disabled>` under an
 * `<active-response>` (os_execd/config.c) and the first `<repeated_offenders>`: those alone are compared.
 */
import type { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { execdStoppedBy } from '../wazuh/execd.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import { firstRepeatedOffenders } from '../wazuh/repeated-offenders.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { kindOfBoth } from './report.ts';
import type { DiffReport, StaticChange } from './model.ts';

/** What the formatters say for two agents' own ossec.conf files. */
export const AGENT_NODE_NOTE =
  "an agent's own ossec.conf: only its execd's switches are compared (agents run no analysisd, so their <command> and <active-response> blocks fire nothing; execd reads the first <disabled> under an <active-response> and <repeated_offenders>)";

function execdState(doc: ConfigDocument): { execd: string; repeatedOffenders: string } {
  const view = buildConfigView(doc);
  const stop = execdStoppedBy(view);
  return {
    // Any value but yes or no fails ExecdConfig (1235) and execd exits at start (execdStoppedBy).
    execd: stop === undefined ? 'enabled' : stop.refused ? `exits at start (<disabled>${stop.option.text}</disabled>)` : 'disabled',
    repeatedOffenders: firstRepeatedOffenders(view)?.join(',') || 'none',
  };
}

/**
 * The report for two agents' own ossec.conf files; undefined when neither is one (a manager's files, compared in
 * full). One of each is not compared: an error; a side with no root element at all (/dev/null, a new file) is of
 * the other side's kind (kindOfBoth). Files os_xml cannot read are left to the full comparison, which says so.
 */
export function agentNodeReport(target: TargetVersion, base: { label: string; doc: ConfigDocument }, head: { label: string; doc: ConfigDocument }): DiffReport | undefined {
  const kindOf = ({ doc }: { doc: ConfigDocument }) => (doc.parseError ? 'manager' : doc.roots.length === 0 ? undefined : isAgentNodeConfig(buildConfigView(doc)) ? 'agent' : 'manager');
  const describe = (side: { doc: ConfigDocument }) => (kindOf(side) === 'agent' ? "an agent's own ossec.conf (a <client> section)" : "a manager's ossec.conf");
  if (kindOfBoth(base, head, kindOf, describe) !== 'agent') return undefined;
  const [x, y] = [execdState(base.doc), execdState(head.doc)];
  const changes: StaticChange[] = [];
  if (x.execd !== y.execd) changes.push({ kind: 'execd', field: "agent's execd", base: x.execd, head: y.execd });
  if (x.repeatedOffenders !== y.repeatedOffenders) changes.push({ kind: 'execd', field: 'repeated_offenders', base: x.repeatedOffenders, head: y.repeatedOffenders });
  return { targetVersion: target.text, base: { label: base.label, refused: false }, head: { label: head.label, refused: false }, static: changes, agentNode: true, changed: changes.length > 0 };
}
