import { insertBlock, type TextEdit } from '../../document/edit.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses } from '../active-response.ts';
import { whiteListItems } from '../white-list.ts';
import { isBlockingProgram } from '../../wazuh/programs.ts';
import { whiteListMatch } from '../../wazuh/whitelist.ts';

const LOOPBACK = '127.0.0.1';

export default defineRule({
  id: 'whitelist-missing-self',
  fixable: true,
  needs: ['managerIp'],
  appliesTo: 'manager',
  summary: 'Blocking responses exist but <white_list> covers neither loopback nor the given manager IPs.',
  docs: {
    what: 'An accepted IP-blocking response (firewall-drop, host-deny, route-null, netsh, ...) while `<global><white_list>` does not cover `127.0.0.1` or one of the manager addresses given with `--manager-ip`.',
    why: 'The stock server configuration white-lists `127.0.0.1`, `^localhost.localdomain$` and the manager\'s resolvers (etc/ossec-server.conf); a white-listed srcip skips every response (src/analysisd/alerts/exec.c). A manager that blocks itself or its cluster peers breaks agent communication (wazuh/wazuh#4422 rationale; ossec/ossec-hids#1801).',
    bad: `<ossec_config>
  <global>
    <white_list>127.0.0.1</white_list>
  </global>
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
    good: `<ossec_config>
  <global>
    <white_list>127.0.0.1</white_list>
    <white_list>10.0.0.10</white_list>
  </global>
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
    context: { managerIps: ['10.0.0.10'] },
    fix: 'Adds a `<white_list>` for each missing address to the last `<global>` (or a new `<global>` at the top of the first root).',
  },
  messages: {
    missing: { severity: 'warning', text: '<white_list> does not cover {{missing}} while {{count}} blocking response(s) exist (e.g. {{command}} on line {{line}}): a false positive can block the manager itself.' },
  },
  check(ctx) {
    const blocking = acceptedResponses(ctx).filter(({ command }) =>
      isBlockingProgram(command.executable?.text ?? '', command.name?.text),
    );
    if (blocking.length === 0) return;
    const entries = whiteListItems(ctx.config).map((i) => i.entry);
    const wanted = [LOOPBACK, ...ctx.managerIps.filter((ip) => ip !== LOOPBACK)];
    const missing = wanted.filter((ip) => !whiteListMatch(ip, entries));
    if (missing.length === 0) return;
    const lines = missing.map((ip) => `<white_list>${ip}</white_list>`);
    const global = ctx.config.globals[ctx.config.globals.length - 1];
    const root = ctx.config.roots.find((r) => r.name === 'ossec_config');
    let fix: TextEdit | undefined;
    if (global) fix = insertBlock(ctx.doc, global.element, lines);
    else if (root) fix = insertBlock(ctx.doc, root, ['<global>', ...lines.map((l) => ctx.doc.indentUnit() + l), '</global>'], root.children[0]);
    const first = blocking[0];
    ctx.report({
      messageId: 'missing',
      data: {
        missing: missing.join(', '),
        count: blocking.length,
        command: first.command.name?.text ?? '',
        line: ctx.doc.lineOf(first.ar.element.range.start),
      },
      range: global ? global.element.openTag : first.ar.element.openTag,
      ...(fix ? { fix } : {}),
    });
  },
});
