import { defineRule } from '../types.ts';
import { acceptedResponses, valueRange } from '../active-response.ts';
import { isStockProgram } from '../../wazuh/programs.ts';


/** MAJOR.MINOR of an agent version such as `Wazuh v4.3.10` or `4.1.5`, or undefined. */
function agentVersion(text: string | undefined): { major: number; minor: number } | undefined {
  const m = text ? /(\d+)\.(\d+)/.exec(text) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

function speaksJson(v: { major: number; minor: number }): boolean {
  return v.major > 4 || (v.major === 4 && v.minor >= 2);
}

export default defineRule({
  id: 'mixed-fleet-legacy-message',
  fixable: false,
  needs: ['agents'],
  appliesTo: 'manager',
  summary: 'Custom AR scripts on a fleet mixing agents older and newer than 4.2 get two message formats.',
  docs: {
    what: 'A custom (not stock) program used by an active response when the `--agents` list holds agents both older than 4.2 and 4.2 or newer.',
    why: 'analysisd reads each target agent\'s version and sends agents older than 4.2 the legacy positional string (`<name> add <user> <srcip> <alert id> <rule id> ...` as arguments), agents 4.2+ the JSON message on stdin (4.2.0-4.2.4 with an escaped variant) (src/analysisd/alerts/exec.c). Stock programs ship per agent version, but one custom script rarely handles both.',
    bad: `<ossec_config>
  <command>
    <name>block</name>
    <executable>my-block.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>block</command>
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
    <expect>srcip</expect>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    context: { agents: [{ id: '001', name: 'web01', version: 'Wazuh v4.1.5', status: 'active' }, { id: '002', name: 'db01', version: 'Wazuh v4.8.0', status: 'active' }] },
  },
  messages: {
    mixed: { severity: 'info', text: "Custom program '{{program}}' will receive the legacy positional arguments on {{legacy}} agent(s) older than 4.2 (e.g. {{legacyExample}}) and JSON on stdin on {{json}} agent(s) 4.2+ (e.g. {{jsonExample}}): make sure it handles both." },
  },
  check(ctx) {
    if (!ctx.agents) return;
    const versioned = ctx.agents.map((a) => ({ agent: a, v: agentVersion(a.version) })).filter((x) => x.v !== undefined);
    const legacy = versioned.filter((x) => !speaksJson(x.v!));
    const json = versioned.filter((x) => speaksJson(x.v!));
    if (legacy.length === 0 || json.length === 0) return;
    const seen = new Set<unknown>();
    for (const { command } of acceptedResponses(ctx)) {
      const exe = command.executable;
      if (!exe || seen.has(command) || isStockProgram(exe.text)) continue;
      seen.add(command);
      ctx.report({
        messageId: 'mixed',
        data: {
          program: exe.text,
          legacy: legacy.length,
          json: json.length,
          legacyExample: `${legacy[0].agent.id} ${legacy[0].agent.version}`,
          jsonExample: `${json[0].agent.id} ${json[0].agent.version}`,
        },
        range: valueRange(exe),
      });
    }
  },
});
