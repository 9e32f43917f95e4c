import { defineRule } from '../types.ts';
import { lineOf } from '../active-response.ts';
import { remotedExitStopsManager, remoteNotConfigured } from '../../wazuh/load-remote.ts';
import type { ConfigDocument } from '../../document/document.ts';

export default defineRule({
  id: 'remote-not-configured',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: "A manager's ossec.conf without any <remote>: wazuh-remoted exits at start and no agent can connect.",
  docs: {
    what:
      "A manager installation's ossec.conf (it has `<auth>` or `<cluster>`, which only a manager's installation writes, and a `<ruleset>`) with no `<remote>` block at all. " +
      "A local installation's file has neither `<auth>` nor `<cluster>` and runs no remoted: it is not reported, nor is a fragment without `<ruleset>`.",
    why:
      'wazuh-remoted reads its connections from `<remote>`; with none it exits at start (src/remoted/main.c:157-160 from v4.7.0: `Remoted connection is not configured.`, ' +
      'also under `-t`, so `wazuh-control restart` refuses the file; v3.9.0 to v4.6.0 log it as INFO and exit 0). From Wazuh 3.12 `wazuh-control start` (`ossec-control` before 4.2) waits for remoted, ' +
      'which is not an optional daemon, and stops with `wazuh-remoted did not start correctly.` (src/init/wazuh-server.sh, src/init/ossec-server.sh before 4.2): the manager does not start (an error, said by `validate`). ' +
      'Before 3.12 the manager runs without remoted: no agent connects, so no event comes from an agent and no response is sent to one (a warning).',
    bad: `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <alerts_log>yes</alerts_log>
  </global>
  <auth>
    <disabled>no</disabled>
    <port>1515</port>
  </auth>
  <ruleset>
    <decoder_dir>ruleset/decoders</decoder_dir>
    <rule_dir>ruleset/rules</rule_dir>
  </ruleset>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <alerts_log>yes</alerts_log>
  </global>
  <remote>
    <connection>secure</connection>
    <port>1514</port>
    <protocol>tcp</protocol>
  </remote>
  <auth>
    <disabled>no</disabled>
    <port>1515</port>
  </auth>
  <ruleset>
    <decoder_dir>ruleset/decoders</decoder_dir>
    <rule_dir>ruleset/rules</rule_dir>
  </ruleset>
</ossec_config>`,
  },
  messages: {
    runsWithout: {
      severity: 'warning',
      text: "This manager's file has no <remote> (it has <{{sign}}> on line {{line}}, which only a manager's installation writes): {{remoted}} finds no connection to open and exits at start, and the manager runs without it: no agent connects, so no event comes from an agent and no response is sent to one. Add a <remote> block with <connection>secure</connection>.",
    },
  },
  ownsRefusal({ message, doc }) {
    if (message.daemon !== 'wazuh-remoted' || !message.text.startsWith('Remoted connection is not configured')) return undefined;
    // Before 4.7 remoted exits 0 (INFO): wazuh-control start (ossec-control before 4.2) is what stops, once it has waited for it.
    const stops = message.text.endsWith('Exiting.') ? "{{control}} start, which waits for it, stops with '{{remoted}} did not start correctly.'" : '{{control}} start stops with it';
    return { hint: ` ${signText(doc)}: ${stops}, and without a <remote> block no agent could connect. Add <remote> with <connection>secure</connection>.` };
  },
  check(ctx) {
    // From 3.12 the manager does not start: validate's refusal (src/wazuh/load.ts loadRemoted) says it.
    if (ctx.role !== 'ossec.conf' || remotedExitStopsManager(ctx.target)) return;
    const missing = remoteNotConfigured(ctx.doc);
    if (!missing) return;
    ctx.report({ messageId: 'runsWithout', data: { sign: missing.sign.name, line: lineOf(ctx.doc, missing.sign) }, range: missing.root.openTag });
  },
});

/** "This is a manager's file (<auth> on line 6, ...)". */
function signText(doc: ConfigDocument): string {
  const sign = remoteNotConfigured(doc)?.sign;
  return sign ? `This is a manager's file (<${sign.name}> on line ${lineOf(doc, sign)}, which only a manager's installation writes)` : "This is a manager's file";
}
