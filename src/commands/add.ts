/**
 * `arctl add command|active-response|white-list|email-alerts`: flags, prompts for what is missing,
 * preview, then a locked, atomic write of the file with the new block (see src/add/ for the core).
 * The flags are registered here; what a command does is add-run.ts, loaded through actions.ts
 * when one runs.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { MANAGER_ARCHES } from '../wazuh/arch.ts';
import type { RawActiveResponse, RawCommand, RawEmailAlerts, RawWhiteList } from '../add/specs.ts';
import type { CommonOptions } from './add-run.ts';
import { addDeprecatedAlias } from './vocabulary.ts';
import { completeWith } from './completion-model.ts';
import { CANONICAL_LOCATIONS } from '../wazuh/location.ts';
import { parseTargetVersion } from '../wazuh/version.ts';

const templatesModule = () => import('../add/templates.ts');

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Options every kind shares (and `set`, `remove`, `disable`, `enable`, without --create); added after
 * the typed ones and read back untyped (see commonOf).
 */
export function addCommonOptions(cmd: { option(flags: string, description: string, defaultValue?: string): unknown }, { create = true } = {}): void {
  const c = cmd as Command;
  c.option('--file <path>', 'the ossec.conf to edit (-: read standard input, print the new file)', './ossec.conf');
  if (create) c.option('--create', 'start a new file with one <ossec_config> root when it does not exist (or add a root to a file that has none)');
  c.option('--dry-run', 'print the unified diff and write nothing')
    .option('--backup', 'keep the previous version as FILE.bak')
    .option('--no-input', 'never prompt; missing values are an error (exit 2)')
    .option('-y, --yes', 'write without asking for confirmation after the preview')
    .option('--target-version <x.y>', 'Wazuh version to write for (below 4.2: legacy names and <expect>; default 4.14 or the config file)')
    .option('--config <path>', 'the .arctl.json to use (default: the nearest one from the working directory)')
    .addOption(new Option('--arch <build>', "the managers' build the lint gate checks for: x86_64 (default, signed char) or aarch64").choices(MANAGER_ARCHES))
    .option('--ruleset <dir>', 'Wazuh rules directory for the lint gate (repeatable; as arctl lint --ruleset)', collect, [] as string[])
    .option('--agents <file>', 'client.keys or JSON list of agents for the lint gate (as arctl lint --agents)');
  addDeprecatedAlias(c, { flags: '-f <path>', key: 'f', used: `${commandPath(c)} -f`, for: '--file', forKey: 'file', why: '-f is --format in every command' });
}

/** `add white-list`, `set active-response`: the words that run a command, the program's name left out. */
function commandPath(cmd: { name(): string; parent: unknown }): string {
  const words: string[] = [];
  for (let at = cmd as { name(): string; parent: unknown } | null; at?.parent; at = at.parent as typeof at) words.unshift(at.name());
  return words.join(' ');
}

function commonOf(cmd: { opts(): unknown }): CommonOptions {
  return cmd.opts() as CommonOptions;
}

export function register(program: Command): void {
  const add = program
    .command('add')
    .description('add a <command>, <active-response>, <white_list> or <email_alerts> block to ossec.conf, safely')
    .addHelpText(
      'after',
      `
Examples:
  arctl add command --template firewall-drop
  arctl add active-response --recipe ssh-brute-force --dry-run
  arctl add active-response --command firewall-drop --location local --rules-id 5712,5763 --timeout 10m
  arctl add white-list 10.0.0.0/8 192.168.1.10
  arctl add email-alerts --to soc@example.com --level 12`,
    );

  const commandCmd = add
      .command('command')
      .description('add a <command> definition (or a stock one with --template)')
      .option('--template <name>', 'a stock command of the target version (see templates/commands.json)')
      .option('--name <name>', 'command name, referenced by <active-response><command>')
      .option('--executable <file>', 'file name inside active-response/bin')
      .option('--timeout-allowed', 'the response can be undone after a timeout')
      .option('--no-timeout-allowed', 'the response is never undone')
      .option('--extra-args <args>', 'extra arguments passed to the script')
      .option('--expect <fields>', 'legacy targets only: srcip, user, filename')
      .option('--replace', 'overwrite a command of the same name that has other content');
  commandCmd.addHelpText(
    'after',
    `
Examples:
  arctl add command --template firewall-drop
  arctl add command --name block-ssh --executable block-ssh.sh --timeout-allowed --extra-args "-p 22"
  arctl add command --template host-deny --file /var/ossec/etc/ossec.conf --dry-run`,
  );
  addCommonOptions(commandCmd);
  completeWith(commandCmd, '--template', async () => ({ kind: 'words', words: (await templatesModule()).commandTemplates(parseTargetVersion()).map((t) => t.name) }));
  commandCmd.action(async (opts, cmd) => {
    const raw: RawCommand = {
      template: opts.template,
      name: opts.name,
      executable: opts.executable,
      timeoutAllowed: opts.timeoutAllowed,
      extraArgs: opts.extraArgs,
      expect: opts.expect,
    };
    await (await import('./actions.ts')).addCommand(raw, commonOf(cmd), cmd, Boolean(opts.replace));
  });

  const responseCmd = add
      .command('active-response')
      .description('add an <active-response> (or a ready-made one with --recipe)')
      .option('--recipe <name>', 'a ready-made response (see templates/recipes.json)')
      .option('--command <name>', 'a <command> defined in the file')
      .option('--location <where>', 'local, server, defined-agent or all')
      .option('--agent-id <id>', 'the agent for --location defined-agent')
      .option('--level <n>', 'fire on rules of this level or higher (1-16)')
      .option('--rules-id <ids>', 'fire on these rule ids (comma-separated)')
      .option('--rules-group <pattern>', 'fire on rules whose groups match (e.g. "sshd,|web,")')
      .option('--timeout <time>', 'undo after this long: seconds, or 10m, 1h, 1d')
      .option('--disabled', 'refused: <disabled> turns off every response of the host, not this one (use arctl disable)')
      .option('--repeated-offenders <minutes>', 'longer timeouts for repeat offenders, e.g. 30,60,120');
  responseCmd.addHelpText(
    'after',
    `
Examples:
  arctl add active-response --recipe ssh-brute-force
  arctl add active-response --command firewall-drop --location local --rules-id 5712,5763 --timeout 10m
  arctl add active-response --command host-deny --location defined-agent --agent-id 003 --level 12 --timeout 1h`,
  );
  addCommonOptions(responseCmd);
  completeWith(responseCmd, '--recipe', async () => ({ kind: 'words', words: (await templatesModule()).recipes().map((r) => r.name) }));
  completeWith(responseCmd, '--command', { kind: 'from-file', list: 'command-names', defaultFile: './ossec.conf' });
  completeWith(responseCmd, '--location', { kind: 'words', words: CANONICAL_LOCATIONS });
  responseCmd.action(async (opts, cmd) => {
    const raw: RawActiveResponse = {
      recipe: opts.recipe,
      command: opts.command,
      location: opts.location,
      agentId: opts.agentId,
      level: opts.level,
      rulesId: opts.rulesId,
      rulesGroup: opts.rulesGroup,
      timeout: opts.timeout,
      disabled: opts.disabled,
      repeatedOffenders: opts.repeatedOffenders,
    };
    await (await import('./actions.ts')).addActiveResponse(raw, commonOf(cmd), cmd);
  });

  const whiteListCmd = add
      .command('white-list')
      .description('add <white_list> entries (IPv4 addresses and networks) to the <global> that holds the white list')
      .argument('[entries...]', 'addresses, networks or patterns, one <white_list> each');
  whiteListCmd.addHelpText(
    'after',
    `
Examples:
  arctl add white-list 10.0.0.0/8 192.168.1.10
  arctl add white-list 203.0.113.0/24 --file /var/ossec/etc/ossec.conf --dry-run`,
  );
  addCommonOptions(whiteListCmd);
  whiteListCmd.action(async (entries, opts, cmd) => {
    const raw: RawWhiteList = { entries };
    await (await import('./actions.ts')).addWhiteList(raw, commonOf(cmd), cmd);
  });

  const emailCmd = add
      .command('email-alerts')
      .description('add an <email_alerts> block (granular e-mail)')
      .option('--to <address>', 'recipient (repeatable)', collect, [] as string[])
      .option('--level <n>', 'alerts of this level or higher (1-16)')
      .option('--rule-id <ids>', 'these rule ids (comma-separated)')
      .option('--group <pattern>', 'rules whose groups match')
      .option('--event-location <pattern>', 'alerts from matching agents/locations')
      .option('--format <format>', 'full, sms or default')
      .option('--do-not-delay', 'send at once')
      .option('--do-not-group', 'one e-mail per alert');
  emailCmd.addHelpText(
    'after',
    `
Examples:
  arctl add email-alerts --to soc@example.com --level 12
  arctl add email-alerts --to web-team@example.com --rule-id 31151,31152 --do-not-delay`,
  );
  addCommonOptions(emailCmd);
  completeWith(emailCmd, '--format', async () => ({ kind: 'words', words: (await import('../add/values.ts')).EMAIL_FORMATS }));
  emailCmd.action(async (opts, cmd) => {
    const raw: RawEmailAlerts = {
      to: opts.to,
      level: opts.level,
      ruleId: opts.ruleId,
      group: opts.group,
      eventLocation: opts.eventLocation,
      format: opts.format,
      doNotDelay: opts.doNotDelay,
      doNotGroup: opts.doNotGroup,
    };
    await (await import('./actions.ts')).addEmailAlerts(raw, commonOf(cmd), cmd);
  });
}
