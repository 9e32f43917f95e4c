import { defineRule } from '../types.ts';
import { acceptedResponses } from '../active-response.ts';
import { EXTRA_ARGS_REFUSAL, extraArgsProgramOutcome, programBaseName, splitExtraArgs } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'program-needs-extra-args',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'wazuh-slack or kaspersky run by a response, but their <command> gives no <extra_args>: the program exits doing nothing',
  docs: {
    what: 'A <command> whose executable is one of the stock 4.2+ programs that take what they act on from <extra_args> (wazuh-slack: the webhook URL; kaspersky: the arguments for kaspersky.py), used by an active response, with no <extra_args> or one that holds no word.',
    why: "analysisd sends the words of <extra_args> as parameters.extra_args (ar_json.c: split on single spaces). These programs read them with get_extra_args_from_json (src/active-response/active_responses.c), which gives nothing for an empty list; then they log \"Cannot read 'extra_args' from data\" and exit (wazuh-slack.c, kaspersky.c at v4.14.7). Every time the response fires, nothing is posted or run: the response can never happen as written. Not reported before 4.2, whose ossec-slack.sh and kaspersky.sh are other programs.",
    bad: `<ossec_config>
  <command>
    <name>slack</name>
    <executable>wazuh-slack</executable>
  </command>
  <active-response>
    <command>slack</command>
    <location>server</location>
    <level>12</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>slack</name>
    <executable>wazuh-slack</executable>
    <extra_args>https://hooks.slack.com/services/T000/B000/XXXX</extra_args>
  </command>
  <active-response>
    <command>slack</command>
    <location>server</location>
    <level>12</level>
  </active-response>
</ossec_config>`,
  },
  messages: {
    missing: { severity: 'error', text: "'{{program}}' takes what it acts on from <extra_args>, and command '{{name}}' gives {{given}}: each time one of its {{count}} response(s) fires, {{program}} logs \"{{refusal}}\" and exits, {{outcome}}." },
  },
  check(ctx) {
    if (ctx.target.legacy) return;
    const users = new Map<number, { count: number; name: string; executable: string; extraArgs: string | undefined; index: number }>();
    for (const { loaded } of acceptedResponses(ctx)) {
      const command = loaded.command;
      if (loaded.status !== 'active' || !command) continue;
      if (extraArgsProgramOutcome(command.executable) === undefined || splitExtraArgs(command.extraArgs).length > 0) continue;
      const entry = users.get(command.index) ?? { count: 0, name: command.name, executable: command.executable, extraArgs: command.extraArgs, index: command.index };
      entry.count++;
      users.set(command.index, entry);
    }
    for (const { count, name, executable, extraArgs, index } of users.values()) {
      const view = ctx.config.commands[index];
      const at = view?.executable?.element.contentRange ?? view?.element.openTag;
      if (!at) continue;
      const given = extraArgs === undefined ? 'no <extra_args>' : 'an <extra_args> that holds no word';
      ctx.report({ messageId: 'missing', data: { program: programBaseName(executable), name, given, count, refusal: EXTRA_ARGS_REFUSAL, outcome: extraArgsProgramOutcome(executable)! }, range: at });
    }
  },
});
