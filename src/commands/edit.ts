/**
 * `arctl set`, `arctl remove`, `arctl disable` and `arctl enable`: change, remove, switch off and on
 * what is already in ossec.conf, with add's guarantees (lint gate, diff preview, locked atomic write,
 * `--file -` as a filter). The flags are registered here; what a command does is edit-run.ts, loaded
 * through actions.ts when one runs. The planning is src/add/edit-plan.ts.
 */
import { Argument, type Command } from '@commander-js/extra-typings';
import type { BlockKind } from '../add/address.ts';
import type { RawSetActiveResponse, RawSetEmailAlerts, RawSetGlobal } from '../add/edit-specs.ts';
import { addCommonOptions } from './add.ts';
import { completeWith } from './completion-model.ts';
import type { AddressFlags, EditCommonOptions } from './edit-run.ts';
import { listKindsWhenUnknown } from './unknown-kind.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

type Registrable = { option(flags: string, description: string): unknown };

/** --nth and --line, and the flag that names a block of this kind. */
function addressOptions(cmd: Registrable, kind: BlockKind): void {
  const c = cmd as Command;
  if (kind === 'active-response') c.option('--command <name>', 'the response that runs this command');
  else if (kind === 'command') c.option('--name <name>', 'the command with this name');
  // Completion offers the command names of the file being edited (--file, else ./ossec.conf).
  if (kind === 'active-response' || kind === 'command') completeWith(c, kind === 'command' ? '--name' : '--command', { kind: 'from-file', list: 'command-names', defaultFile: './ossec.conf' });
  else c.option('--to <address>', 'the <email_alerts> that mails this address');
  c.option('--nth <n>', 'which one when several fit (1 = the first in the file)').option('--line <n>', 'the block on this line (any line of it)');
}

function addressOf(kind: BlockKind, opts: Record<string, unknown>): AddressFlags {
  const name = kind === 'active-response' ? opts.command : kind === 'command' ? opts.name : opts.to;
  return { name: name as string | undefined, nth: opts.nth as string | undefined, line: opts.line as string | undefined };
}

function common(cmd: { opts(): unknown }): EditCommonOptions {
  return cmd.opts() as EditCommonOptions;
}

async function actions() {
  return import('./actions.ts');
}

export function register(program: Command): void {
  registerSet(program);
  registerRemove(program);
  for (const verb of ['disable', 'enable'] as const) {
    const cmd = program
      .command(verb)
      // `arctl disable active-response --command X` reads like add/set/remove: the kind may be named.
      .addArgument(new Argument('[kind]', 'active-response, the one kind it switches (may be left out)').choices(['active-response'] as const))
      .description(
        verb === 'disable'
          ? 'switch one <active-response> off by commenting it out (never <disabled>yes</disabled>, which switches off every response)'
          : 'switch an <active-response> that arctl disable switched off back on, byte for byte',
      );
    addressOptions(cmd, 'active-response');
    if (verb === 'enable') cmd.option('--force', 'switch it on as it was even when lint flags errors it brings back (they are shown)');
    addCommonOptions(cmd, { create: false });
    cmd.addHelpText(
      'after',
      `
Examples:
  arctl ${verb} --command netsh
  arctl ${verb} --command firewall-drop --nth 2 --dry-run
  arctl ${verb} --line 85 --file /var/ossec/etc/ossec.conf`,
    );
    cmd.action(async (_kind, opts, c) => {
      await (await actions()).runToggle(verb, addressOf('active-response', opts), common(c), c, Boolean((opts as { force?: boolean }).force));
    });
  }
}

function registerSet(program: Command): void {
  const set = program
    .command('set')
    .description('change options of an existing <active-response>, <email_alerts> or <global>')
    .addHelpText(
      'after',
      `
Examples:
  arctl set active-response --command firewall-drop --nth 2 --timeout 1h
  arctl set active-response --command netsh --add-rules-id 60122 --timeout 30m
  arctl set email-alerts --to web-team@example.com --level 12 --remove-rule-id 31152
  arctl set global --email-notification yes --email-maxperhour 24`,
    );
  listKindsWhenUnknown(set);

  const response = set
    .command('active-response')
    .description('change options of one <active-response>')
    .option('--timeout <time>', 'undo after this long: seconds, or 10m, 1h, 1d')
    .option('--no-timeout', 'remove <timeout> (the response is never undone)')
    .option('--location <where>', 'local, server, defined-agent or all')
    .option('--agent-id <id>', 'the agent for --location defined-agent')
    .option('--no-agent-id', 'remove <agent_id>')
    .option('--level <n>', 'fire on rules of this level or higher (1-16)')
    .option('--no-level', 'remove <level>')
    .option('--rules-id <ids>', 'fire on these rule ids (comma-separated; replaces the list)')
    .option('--no-rules-id', 'remove <rules_id>')
    .option('--add-rules-id <ids>', 'add these rule ids to the list')
    .option('--remove-rules-id <ids>', 'remove these rule ids from the list')
    .option('--rules-group <pattern>', 'fire on rules whose groups match (replaces the pattern)')
    .option('--no-rules-group', 'remove <rules_group>')
    .option('--add-rules-group <pattern>', 'add this alternative (a|b) to the pattern')
    .option('--remove-rules-group <pattern>', 'remove this alternative from the pattern');
  addressOptions(response, 'active-response');
  addCommonOptions(response, { create: false });
  response.addHelpText(
    'after',
    `
Examples:
  arctl set active-response --command firewall-drop --nth 2 --timeout 1h
  arctl set active-response --command netsh --add-rules-id 60122 --timeout 30m
  arctl set active-response --line 85 --location defined-agent --agent-id 003 --dry-run`,
  );
  response.action(async (opts, cmd) => {
    const raw: RawSetActiveResponse = {
      timeout: opts.timeout,
      location: opts.location,
      agentId: opts.agentId,
      level: opts.level,
      rulesId: opts.rulesId,
      addRulesId: opts.addRulesId,
      removeRulesId: opts.removeRulesId,
      rulesGroup: opts.rulesGroup,
      addRulesGroup: opts.addRulesGroup,
      removeRulesGroup: opts.removeRulesGroup,
    };
    await (await actions()).runSet({ kind: 'active-response', raw }, addressOf('active-response', opts), common(cmd), cmd);
  });

  const email = set
    .command('email-alerts')
    .description('change options of one <email_alerts>')
    .option('--add-to <address>', 'one more recipient (repeatable)', collect, [] as string[])
    .option('--remove-to <address>', 'remove this recipient (repeatable)', collect, [] as string[])
    .option('--level <n>', 'alerts of this level or higher (1-16)')
    .option('--no-level', 'remove <level>')
    .option('--rule-id <ids>', 'these rule ids (comma-separated; replaces the list)')
    .option('--no-rule-id', 'remove <rule_id>')
    .option('--add-rule-id <ids>', 'add these rule ids to the list')
    .option('--remove-rule-id <ids>', 'remove these rule ids from the list')
    .option('--group <pattern>', 'rules whose groups match (replaces the pattern)')
    .option('--no-group', 'remove <group>')
    .option('--add-group <pattern>', 'add this alternative (a|b) to the pattern')
    .option('--remove-group <pattern>', 'remove this alternative from the pattern')
    .option('--event-location <pattern>', 'alerts from matching agents/locations')
    .option('--no-event-location', 'remove <event_location>')
    .option('--format <format>', 'full, sms or default')
    .option('--no-format', 'remove <format>')
    .option('--do-not-delay', 'send at once')
    .option('--no-do-not-delay', 'remove <do_not_delay>')
    .option('--do-not-group', 'one e-mail per alert')
    .option('--no-do-not-group', 'remove <do_not_group>');
  addressOptions(email, 'email-alerts');
  addCommonOptions(email, { create: false });
  email.addHelpText(
    'after',
    `
Examples:
  arctl set email-alerts --to web-team@example.com --level 12
  arctl set email-alerts --line 32 --add-to soc@example.com --remove-rule-id 31152 --dry-run`,
  );
  email.action(async (opts, cmd) => {
    const raw: RawSetEmailAlerts = {
      addTo: opts.addTo,
      removeTo: opts.removeTo,
      level: opts.level,
      ruleId: opts.ruleId,
      addRuleId: opts.addRuleId,
      removeRuleId: opts.removeRuleId,
      group: opts.group,
      addGroup: opts.addGroup,
      removeGroup: opts.removeGroup,
      eventLocation: opts.eventLocation,
      format: opts.format,
      doNotDelay: opts.doNotDelay,
      doNotGroup: opts.doNotGroup,
    };
    await (await actions()).runSet({ kind: 'email-alerts', raw }, addressOf('email-alerts', opts), common(cmd), cmd);
  });

  const global = set
    .command('global')
    .description('change the e-mail options of <global> (where Wazuh reads them: the last occurrence)')
    .option('--email-notification <yes|no>', 'no switches off every e-mail (wazuh-maild exits)')
    .option('--smtp-server <host>', 'the SMTP server')
    .option('--email-from <address>', 'the sender address')
    .option('--email-to <address>', 'the global recipients become these (repeatable; every <global> counts)', collect, [] as string[])
    .option('--add-email-to <address>', 'one more global recipient (repeatable)', collect, [] as string[])
    .option('--remove-email-to <address>', 'remove this global recipient from every <global> (repeatable)', collect, [] as string[])
    .option('--email-maxperhour <n>', 'at most this many e-mails an hour (1-1000000)');
  addCommonOptions(global, { create: false });
  global.addHelpText(
    'after',
    `
Examples:
  arctl set global --email-notification yes --smtp-server smtp.example.com
  arctl set global --add-email-to soc@example.com --remove-email-to old-team@example.com
  arctl set global --smtp-server mail.example.com --dry-run`,
  );
  global.action(async (opts, cmd) => {
    const raw: RawSetGlobal = {
      emailNotification: opts.emailNotification,
      smtpServer: opts.smtpServer,
      emailFrom: opts.emailFrom,
      emailTo: opts.emailTo,
      addEmailTo: opts.addEmailTo,
      removeEmailTo: opts.removeEmailTo,
      emailMaxperhour: opts.emailMaxperhour,
    };
    await (await actions()).runSet({ kind: 'global', raw }, {}, common(cmd), cmd);
  });
}

function registerRemove(program: Command): void {
  const remove = program
    .command('remove')
    .description('remove an <active-response>, <command>, <email_alerts> or <white_list> entry')
    .addHelpText(
      'after',
      `
Examples:
  arctl remove active-response --command firewall-drop --nth 2
  arctl remove command --name restart-wazuh --dry-run
  arctl remove email-alerts --to web-team@example.com
  arctl remove white-list 10.0.0.2`,
    );
  listKindsWhenUnknown(remove);
  for (const kind of ['active-response', 'command', 'email-alerts'] as const) {
    const cmd = remove.command(kind).description(`remove one <${kind === 'email-alerts' ? 'email_alerts' : kind}> (with its lines; comments around it stay)`);
    addressOptions(cmd, kind);
    addCommonOptions(cmd, { create: false });
    cmd.action(async (opts, c) => {
      await (await actions()).runRemove(kind, addressOf(kind, opts), common(c), c);
    });
  }
  const whiteList = remove
    .command('white-list')
    .description('remove <white_list> entries (every occurrence of each)')
    .argument('[entries...]', 'the entries, exactly as written in the file');
  addCommonOptions(whiteList, { create: false });
  whiteList.action(async (entries, opts, cmd) => {
    await (await actions()).runRemoveWhiteList(entries, common(cmd), cmd);
  });
}
