import { defineRule, type RuleContext } from '../types.ts';
import { analysisdModel, isDisabled, lineOf, readByAnalysisd, valueRange } from '../active-response.ts';
import { lostQueueResponses } from '../ar-queues.ts';
import { execdDisabledOptions } from '../../wazuh/execd.ts';

export default defineRule({
  id: 'disabled-first-block-kills-execd',
  fixable: false,
  needs: [],
  summary: 'A <disabled>yes</disabled> meant for one response turns off all AR on the host, or wipes earlier responses\' queues.',
  docs: {
    what: 'Two order quirks of `<disabled>yes</disabled>` in a response block: (1) it is the first `<disabled>` under any `<active-response>` of the file and its block has a `<command>` (the user meant to disable one response; info when every response of a manager\'s file is disabled: nothing that runs today changes, but a block enabled later stays off; on an agent it still turns off what the manager sends); (2) on a manager, enabled responses placed before a disabled block lose the AR queue they need, because no enabled block after the last disabled one opens it. Also reported: a standalone `<disabled>yes</disabled>` block that execd ignores because an earlier `<disabled>no</disabled>` comes first, and a `<disabled>no</disabled>` written after the first `<disabled>yes</disabled>` in the same block (execd keeps the first, not the last).',
    why: '(1) execd (managers, local installs and agents) reads only the first `ossec_config/active-response/disabled` of the file (src/os_execd/config.c ExecdConfig, OS_GetOneContentforElement); `yes` logs `(1350): Active response disabled.` and runs nothing at all on that host. (2) ReadActiveResponses uses the global `ar_flag` both as "this block is disabled" and as the queue bitmask, and resets it to 0 after a disabled block, discarding the bits of every earlier enabled block (wazuh-semantics.md §2a); OS_Exec then silently drops responses whose queue (LOCAL_AR for the manager, REMOTE_AR for agents) was never opened.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <disabled>yes</disabled> <!-- the first disabled of the file: execd runs nothing -->
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5720</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <!-- firewall-drop turned off by commenting the block out:
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response> -->
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5720</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    killsExecd: { severity: 'warning', text: "This is the first <disabled> under an <active-response> in the file, so execd reads it for the whole host: 'yes' turns off every active response here ((1350): Active response disabled.), not only this '{{command}}' block. Comment the block out instead." },
    killsExecdAllOff: { severity: 'info', text: "This is the first <disabled> under an <active-response> in the file, so execd reads it for the whole host: every response here is disabled today, but one enabled later by removing only its own <disabled> would still not run while this block comes first ((1350): Active response disabled.). Comment blocks out instead." },
    ignoredByExecd: { severity: 'warning', text: 'execd reads only the first <disabled> of the file (line {{line}}, "{{first}}"), so this block does not turn off active response on this host.' },
    repeatIgnored: { severity: 'warning', text: 'execd reads only the first <disabled> of the file (line {{line}}, "yes"), not the last of this block: this "no" is ignored and active response stays off on this host ((1350): Active response disabled.). Keep one <disabled> in the block.' },
    wipesQueues: { severity: 'warning', text: 'This disabled block resets the AR queue flags analysisd collected so far: {{lost}} never run, because no enabled block after the last disabled one opens the {{queues}}. Move disabled blocks before the enabled ones, or comment them out.' },
  },
  check(ctx) {
    if (ctx.role !== 'ossec.conf' || ctx.config.kind !== 'ossec_config') return;
    checkExecdFirstDisabled(ctx);
    if (readByAnalysisd(ctx.config, ctx.role)) checkQueueReset(ctx);
  },
});


function checkExecdFirstDisabled(ctx: RuleContext): void {
  const disabled = execdDisabledOptions(ctx.config).map(({ option, response }) => ({ option, response, hasCommand: response.command !== undefined }));
  if (disabled.length === 0) return;
  const first = disabled[0];
  if (first.option.text === 'yes' && first.hasCommand) {
    // A manager's file whose every response is disabled too (analysisd skips each, ReadActiveResponses' ar_flag -1):
    // execd being off changes nothing that runs today, a trap only for a block enabled later (advice). On an
    // agent it still turns off every response the manager sends there: a warning.
    const allOff = readByAnalysisd(ctx.config, ctx.role) && ctx.config.activeResponses.every((ar) => ar.command === undefined || isDisabled(ar));
    ctx.report({ messageId: allOff ? 'killsExecdAllOff' : 'killsExecd', data: { command: first.response.command!.text }, range: valueRange(first.option) });
    return;
  }
  // <disabled>yes</disabled> then <disabled>no</disabled> in one block: other options keep their last
  // occurrence, but execd takes the first (OS_GetOneContentforElement, src/os_execd/config.c:40-47).
  if (first.option.text === 'yes') {
    for (const later of disabled.slice(1)) {
      if (later.response !== first.response || later.option.text !== 'no') continue;
      ctx.report({ messageId: 'repeatIgnored', data: { line: lineOf(ctx.doc, first.option.element) }, range: valueRange(later.option) });
    }
    return;
  }
  if (first.option.text !== 'no') return;
  for (const later of disabled.slice(1)) {
    if (later.option.text === 'yes' && !later.hasCommand) {
      ctx.report({ messageId: 'ignoredByExecd', data: { line: lineOf(ctx.doc, first.option.element), first: first.option.text }, range: valueRange(later.option) });
    }
  }
}

function checkQueueReset(ctx: RuleContext): void {
  const result = lostQueueResponses(analysisdModel(ctx.doc, ctx.config, ctx.target));
  if (!result) return;
  const { wiper, lost } = result;
  const lines = lost.map((l) => `line ${lineOf(ctx.doc, l.response.element)} (${l.response.commandName ?? '?'}, ${l.where})`);
  const queues = [...new Set(lost.map((l) => (l.queue === 'local' ? 'manager queue (LOCAL_AR)' : 'agent queue (REMOTE_AR)')))].join(' and ');
  const view = ctx.config.activeResponses[wiper.index];
  const option = view.options.all('disabled').find((d) => d.text === 'yes') ?? view.disabled!;
  ctx.report({ messageId: 'wipesQueues', data: { lost: `the response(s) on ${lines.join(', ')}`, queues }, range: valueRange(option) });
}
