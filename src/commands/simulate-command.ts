/**
 * Registers `arctl simulate` (flags and help); what it does is simulate.ts and, with --timeline,
 * simulate-timeline.ts, loaded when the command runs (register's loadRun).
 */
import { MANAGER_ARCHES } from '../wazuh/arch.ts';
import { Option, type Command } from '@commander-js/extra-typings';
import { InputError } from '../util/errors.ts';
import { DEFAULT_TARGET_VERSION } from '../wazuh/version.ts';
import { ROOT_FLAG_HELP } from './installation.ts';
import { formatOption, warnDeprecated } from './vocabulary.ts';
import { currentRun } from './io.ts';

/**
 * `--config FILE` was simulate's name for the ossec.conf; it now names the .arctl.json, as in every
 * command. A FILE that does not end in .json is still read as the ossec.conf, with a warning.
 */
function ossecConfFromConfigFlag(flags: { file?: string; config?: string }, command: { getOptionValueSource(key: string): string | undefined }): void {
  if (flags.config === undefined || flags.config.toLowerCase().endsWith('.json')) return;
  if (command.getOptionValueSource('file') === 'cli') throw new InputError(`--config ${flags.config}: --config names the .arctl.json (a .json file); the ossec.conf is --file`);
  warnDeprecated('simulate --config FILE for the ossec.conf', '--file FILE', '--config names the .arctl.json in every command');
  flags.file = flags.config;
  delete flags.config;
}

/** ARCTL_TIMELINE_WORKERS=N sets the number of timeline worker threads (0: none; the tests use it). */
export function timelineWorkersFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.ARCTL_TIMELINE_WORKERS;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

const EXAMPLES = `
Examples:
  arctl simulate                      on a manager: /var/ossec's alerts.json, ossec.conf, rules and agents
  arctl simulate alert.json --root ./var-ossec-copy
  arctl simulate /var/ossec/logs/alerts/alerts.json --file /var/ossec/etc/ossec.conf
  arctl simulate alert.json --ruleset /var/ossec/ruleset/rules --ruleset /var/ossec/etc/rules
  zcat alerts.json.gz | arctl simulate - --format json
  arctl simulate alerts.json --agents /var/ossec/etc/client.keys --payload
  arctl simulate --assert ar-expectations.yaml        (alerts written inline in the file)
  arctl simulate alerts.json --assert expectations.json   (alerts referred to by id or index)
  arctl simulate alerts.json.gz --timeline --agents agents.json
  arctl simulate alerts.json --timeline --at 2024-05-01T12:00:00Z --format json
  arctl simulate alerts.json --timeline --compare /var/ossec/logs/active-responses.log`;

/** Options that only the --timeline replay reads: option key and flag. */
const TIMELINE_ONLY = [
  ['key', '--key'],
  ['since', '--since'],
  ['until', '--until'],
  ['at', '--at'],
  ['reorderWindow', '--reorder-window'],
  ['progress', '--no-progress'],
  ['compare', '--compare'],
  ['tolerance', '--tolerance'],
  ['logHost', '--log-host'],
  ['logTimezone', '--log-timezone'],
] as const;

/** Options that only --compare reads. */
const COMPARE_ONLY = [
  ['tolerance', '--tolerance'],
  ['logHost', '--log-host'],
  ['logTimezone', '--log-timezone'],
] as const;

/** Where the code that runs `simulate` comes from (loaded when the command runs). */
export type LoadSimulateRun = () => Promise<Pick<typeof import('./simulate.ts'), 'runSimulate'>>;

/**
 * `loadRun`: the full CLI takes the command's code from actions.ts, the one lazy chunk of every command's
 * action (fewer files for esbuild to split the start-up code into); simulate's own bundle
 * (src/commands/simulate-cli.ts) from simulate.ts alone, which holds none of the lint code actions.ts does.
 */
export function register(program: Command, loadRun: LoadSimulateRun): void {
  program
    .command('simulate')
    .description('show which <active-response> blocks and e-mail recipients Wazuh alerts would trigger, and why the others would not')
    .argument('[alerts]', 'alert file: one alert, a JSON array, JSON lines (alerts.json), optionally gzipped; - for stdin')
    .option('--file <path>', 'the ossec.conf to simulate (- for stdin; default ./ossec.conf, or the installation\'s)')
    .option('--config <path>', 'the .arctl.json to use (default: the nearest one from the working directory)')
    .option('--root <dir>', `${ROOT_FLAG_HELP}; and logs/alerts/alerts.json when no ALERTS is given`)
    .option('--ruleset <dir>', 'Wazuh rules directory for exact levels, groups and no_ar (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--agents <file>', 'client.keys or a JSON array of {id, name, ip, os, version, status}: the agents `all` reaches')
    .addOption(formatOption(['text', 'json']))
    .option('--payload', 'text format: also show the name and the exact payload each fired response sends; with --timeline and --agents, the message each agent gets under its add or abort')
    .option('--force', 'go on when Wazuh would refuse the configuration; the offending blocks are reported as rejected')
    .option('--skip-invalid', 'count and skip alert entries that are not JSON objects instead of stopping')
    .option('--assert <file>', 'JSON or YAML list of {alert, fires: [{command, targets}], notFires: [command]}; exit 1 when one fails')
    .option('--target-version <version>', `Wazuh version whose behaviour to reproduce (default: .arctl.json targetVersion, else ${DEFAULT_TARGET_VERSION})`)
    .addOption(new Option('--arch <build>', "the manager's build: x86_64 (default: .arctl.json arch, else x86_64; signed char) or aarch64").choices(MANAGER_ARCHES))
    .option('--timeline', "replay all alerts in time order through execd's timeout lists: adds, aborts, deletes, still active")
    .addOption(new Option('--key <key>', "timeline: what custom programs key on (their check_keys answer; rule: the rule id, as Wazuh's documented Python template)").choices(['srcip', 'user', 'rule', 'none'] as const))
    .option('--agent-config <file>', "the agents' own ossec.conf: their execd's <disabled> and (timeline) <repeated_offenders>")
    .option('--since <time>', 'timeline: skip alerts before this time (ISO 8601, e.g. 2024-05-01T00:00:00Z)')
    .option('--until <time>', 'timeline: skip alerts after this time')
    .option('--at <time>', 'timeline: replay up to this time and list what is active then')
    .option('--reorder-window <seconds>', 'timeline: how late an out-of-order alert may arrive and still be replayed in order', '60')
    .option('--no-progress', 'timeline: no progress bar on a terminal')
    .option('--compare <file>', "timeline: compare the replay with a host's active-responses.log (4.x or pre-4.2); exit 1 on a difference")
    .option('--tolerance <seconds>', 'compare: how far apart in time a replayed and a logged run may be and still match', '5')
    .option('--log-host <id>', 'compare: the agent id whose log it is (000 or manager for the manager, 000@NODE for another cluster node; default: inferred)')
    .option('--log-timezone <zone>', "compare: the log's clock: auto (from the alerts it holds), UTC or an offset such as +02:00", 'auto')
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .addHelpText('after', EXAMPLES)
    .action(async (alertsPath, flags, command) => {
      if (!flags.timeline) {
        // Given on the command line, not defaulted: --reorder-window has a default, --no-progress sets progress false.
        const timelineOnly = TIMELINE_ONLY.find(([key]) => command.getOptionValueSource(key) === 'cli');
        if (timelineOnly) throw new InputError(`${timelineOnly[1]} needs --timeline (it only changes the timeline replay)`);
      }
      if (flags.compare === undefined) {
        const compareOnly = COMPARE_ONLY.find(([key]) => command.getOptionValueSource(key) === 'cli');
        if (compareOnly) throw new InputError(`${compareOnly[1]} needs --compare (it only changes the comparison with active-responses.log)`);
      }
      ossecConfFromConfigFlag(flags, command);
      // A large timeline's worker threads start now, while this thread loads the simulation: their start-up overlaps it.
      const started = flags.timeline && alertsPath !== undefined ? (await import('../timeline/worker-start.ts')).startTimelineWorkers(alertsPath, timelineWorkersFromEnv(currentRun().io.env)) : undefined;
      try {
        const { runSimulate } = await loadRun();
        const { withOutputFile } = await import('./output-file.ts');
        const inputs = [alertsPath, flags.file, flags.assert, flags.compare];
        await withOutputFile(flags.output, inputs, () => runSimulate(alertsPath, flags, (program.opts() as { color?: boolean }).color !== false, started));
      } finally {
        await started?.release();
      }
    });
}
