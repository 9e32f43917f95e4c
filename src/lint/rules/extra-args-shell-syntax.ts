import { defineRule } from '../types.ts';

const SHELL_TOKENS = [';', '&&', '|', '`', '$('];

/** XML entity references, which Wazuh's XML reader keeps as written (verified/os_xml.json "entity": '&amp;&lt;' stays). */
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const ENTITY_CHARS: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function entityChar(entity: string): string {
  const named = ENTITY_CHARS[entity];
  if (named !== undefined) return named;
  const code = entity.startsWith('&#x') ? parseInt(entity.slice(3, -1), 16) : parseInt(entity.slice(2, -1), 10);
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '?';
}

export default defineRule({
  id: 'extra-args-shell-syntax',
  fixable: false,
  needs: [],
  summary: '<extra_args> with shell syntax (; | && backticks $( ) that never runs as shell, or an XML entity the script gets as written',
  docs: {
    what: '<extra_args> containing ;, |, &&, backticks or $( (info), or an XML entity reference such as &quot; or &amp; (warning: Wazuh\'s XML reader keeps it as written, so the script gets it literally).',
    why:
      'extra_args are passed as plain arguments: shell-escaped (os_shell_escape) in the legacy message and as a JSON array split on spaces for 4.2+ agents (src/analysisd/alerts/exec.c, ar_json.c), so no shell ever interprets them. The reference page\'s own example contains "; cat /etc/passwd", which users copy. Available since 3.5.0.',
    bad: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
    <extra_args>-arg1 --arg2 arg3 ; cat /etc/passwd</extra_args>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
    <extra_args>-arg1 --arg2 arg3</extra_args>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
  },
  messages: {
    shell: { severity: 'info', text: "<extra_args> contains '{{token}}', but Wazuh passes extra_args to the script as plain arguments: no shell runs them." },
    // os_xml decodes nothing: the script gets the reference itself.
    entity: { severity: 'warning', text: "<extra_args> holds the XML entity '{{entity}}', which Wazuh's XML reader does not decode: the script receives '{{entity}}' as written, not '{{char}}'. Write the character itself: Wazuh reads a bare &, > and quotes in a value ('<' cannot be written there)." },
  },
  check(ctx) {
    for (const cmd of ctx.config.commands) {
      for (const args of cmd.options.all('extra_args')) {
        // The ';' that ends an entity reference is no shell syntax.
        const entities = args.text.match(ENTITY) ?? [];
        const plain = args.text.replace(ENTITY, ' ');
        const token = SHELL_TOKENS.find((t) => plain.includes(t));
        if (token) ctx.report({ messageId: 'shell', data: { token }, range: args.element.contentRange });
        const entity = entities[0];
        if (entity !== undefined) ctx.report({ messageId: 'entity', data: { entity, char: entityChar(entity) }, range: args.element.contentRange });
      }
    }
  },
});
