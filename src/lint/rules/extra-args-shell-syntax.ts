import { defineRule } from '../types.ts';

const SHELL_TOKENS = [';', '&&', '|', '`', '$('];

export default defineRule({
  id: 'extra-args-shell-syntax',
  fixable: false,
  needs: [],
  summary: '<extra_args> with shell syntax (; | && backticks $( ) that never runs as shell',
  docs: {
    what: '<extra_args> containing ;, |, &&, backticks or $(.',
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
  },
  check(ctx) {
    for (const cmd of ctx.config.commands) {
      for (const args of cmd.options.all('extra_args')) {
        const token = SHELL_TOKENS.find((t) => args.text.includes(t));
        if (token) ctx.report({ messageId: 'shell', data: { token }, range: args.element.contentRange });
      }
    }
  },
});
