/** `arctl script test`: reads the inputs, picks the isolation, runs the test (src/script), prints. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { simulateAlert } from '../simulate/engine.ts';
import { loadSimConfig } from '../simulate/from-load.ts';
import { alertFacts } from '../simulate/alert.ts';
import { alertReadError, openAlertSource, readAlerts } from '../simulate/input.ts';
import { buildPayload, type ExecdJsonPayload, type LegacyPayload } from '../simulate/payload.ts';
import type { SimConfig, SimResponse } from '../simulate/model.ts';
import { NAMESPACE_COMMAND, NETWORK_UNSHARE_ARGS, probeNamespace, SandboxHost } from '../script/node-host.ts';
import { renderJson, renderJunit, renderText } from '../script/render.ts';
import { sampleAlert } from '../script/sample-alert.ts';
import { alertsScenario, singleAlertScenario, type PayloadFor } from '../script/scenario.ts';
import { testProgram } from '../script/test-program.ts';
import type { FileIsolation, Isolation } from '../script/model.ts';
import { InputError } from '../util/errors.ts';
import { checkOneStdinReader, describeFsError, inputFileSize, readConfigInput } from '../util/read-input.ts';
import { currentRun } from './io.ts';
import { AR_BINDIR } from '../wazuh/execd-protocol.ts';
import { firstRepeatedOffenders, offenderMinutes } from '../wazuh/repeated-offenders.ts';
import { DEFAULT_TARGET_VERSION, parseTargetVersion, TargetVersionError, type TargetVersion } from '../wazuh/version.ts';
import { colorEnabled, makeChalk, writeOut } from './output.ts';
import type { RunResult } from './exit-code.ts';
import type { ScriptTestFlags } from './script.ts';
import { UNSET_NODE_NAME } from '../wazuh/exec-message.ts';

const HEAD_BYTES = 64 * 1024;
/** An alerts file for a script test is a handful of alerts, not a day of alerts.json. */
const MAX_ALERTS = 200;

function version(text: string, flag: string): TargetVersion {
  try {
    return parseTargetVersion(text);
  } catch (error) {
    if (error instanceof TargetVersionError) throw new InputError(error.describe(flag));
    throw error;
  }
}

function seconds(text: string, flag: string, allowZero: boolean): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || (!allowZero && value === 0)) {
    throw new InputError(`${flag} '${text}': expected a number of seconds${allowZero ? '' : ' above 0'}`);
  }
  return value;
}

function readProgram(path: string, legacy: boolean) {
  let st;
  try {
    st = statSync(path);
  } catch (error) {
    throw new InputError(`${path}: ${describeFsError(error)}`);
  }
  if (!st.isFile()) throw new InputError(`${path}: not a regular file`);
  const head = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return { path, head, mode: st.mode, uid: st.uid, gid: st.gid, groupName: groupName(st.gid), installed: path.includes(`/${AR_BINDIR}/`), legacy };
}

function groupName(gid: number): string | undefined {
  try {
    const groups = readConfigInput('/etc/group').bytes.toString('utf8');
    return groups.split('\n').map((l) => l.split(':')).find((f) => f[2] === String(gid))?.[0];
  } catch {
    return undefined;
  }
}

/** The alerts of `--alert` (`-`: standard input, which the program under test never reads: execd's pipe is its stdin). */
async function readAlertFile(path: string): Promise<Array<Record<string, unknown>>> {
  const shown = path === '-' ? '<stdin>' : path;
  if (path !== '-') inputFileSize(path, 'an alerts file');
  const alerts: Array<Record<string, unknown>> = [];
  try {
    for await (const record of readAlerts(openAlertSource(path, currentRun().io.stdin as AsyncIterable<Buffer>))) {
      alerts.push(record.alert);
      if (alerts.length > MAX_ALERTS) throw new InputError(`${shown}: more than ${MAX_ALERTS} alerts; a script test replays a few (use arctl simulate --timeline for a day of alerts)`);
    }
  } catch (error) {
    throw alertReadError(error, shown, false);
  }
  if (alerts.length === 0) throw new InputError(`${shown}: no alerts`);
  return alerts;
}

interface ResponseChoice {
  command: string;
  executable: string;
  timeout: number;
  repeatedOffenders?: number[];
  payloadFor: PayloadFor;
}

function fromConfig(path: string, flags: ScriptTestFlags, target: TargetVersion, programName: string): ResponseChoice {
  const file = readConfigInput(path);
  const doc = new ConfigDocument(file.path, file.bytes);
  const config = loadSimConfig(doc, target);
  if (config.refusal.length > 0) throw new InputError(`${file.path}: Wazuh would refuse to start with this configuration: ${config.refusal[0]}`);
  const active = config.responses.filter((r) => r.status === 'active');
  // An <executable> in a subdirectory of active-response/bin (sub/block.sh) is the program file block.sh.
  const response =
    flags.command !== undefined
      ? active.find((r) => r.command === flags.command)
      : (active.find((r) => r.executable === programName) ?? active.find((r) => r.executable.split('/').pop() === programName));
  if (!response) {
    const names = [...new Set(active.map((r) => `${r.command} (${r.executable})`))].join(', ') || 'none';
    throw new InputError(`${file.path}: no enabled <active-response> ${flags.command !== undefined ? `runs <command> ${flags.command}` : `runs the executable ${programName} (give --command)`}; the enabled ones: ${names}`);
  }
  const minutes = firstRepeatedOffenders(buildConfigView(doc));
  return {
    command: response.command,
    executable: response.executable,
    timeout: response.timeout,
    ...(minutes ? { repeatedOffenders: minutes } : {}),
    payloadFor: configPayload(config, response),
  };
}

/** The payload `arctl simulate` computes for this block, or undefined when the alert does not fire it. */
function configPayload(config: SimConfig, response: SimResponse): PayloadFor & { lastReason?: string } {
  const payloadFor: PayloadFor & { lastReason?: string } = (alert) => {
    const result = simulateAlert(config, {}, alert, 0).responses.find((r) => r.block === response.block);
    if (!result?.fired) {
      payloadFor.lastReason = result?.detail ?? 'it does not fire';
      return undefined;
    }
    return asDelivery(result.payload as ExecdJsonPayload | LegacyPayload);
  };
  return payloadFor;
}

function asDelivery(payload: ExecdJsonPayload | LegacyPayload): { message: Record<string, unknown> } | { argv: string[] } {
  return 'argv' in payload ? { argv: payload.argv } : { message: payload as unknown as Record<string, unknown> };
}

function fromFlags(flags: ScriptTestFlags, target: TargetVersion, programName: string): ResponseChoice {
  const timeout = seconds(flags.timeout ?? '600', '--timeout', true);
  const response = { executable: programName, extraArgs: flags.extraArgs, expect: { user: true, srcip: true, filename: false } };
  const minutes = flags.repeatedOffenders !== undefined ? offenderMinutes(flags.repeatedOffenders).filter((m) => m > 0) : undefined;
  return {
    command: flags.command ?? programName.replace(/\.[^.]+$/, ''),
    executable: programName,
    timeout: Math.floor(timeout),
    ...(minutes && minutes.length > 0 ? { repeatedOffenders: minutes } : {}),
    payloadFor: (alert) => asDelivery(buildPayload({ target, nodeName: UNSET_NODE_NAME }, response, alertFacts(alert), alert)),
  };
}

function isolationNote(isolation: Isolation, files: FileIsolation, mountRefused?: string, overlayRefused?: string, readOnlyTrees: string[] = [], sandboxNotes: string[] = [], network: { held: boolean; pidRefused?: string } = { held: false }, namespaceCommand = NAMESPACE_COMMAND, agentHome?: string): string {
  const execd = 'execd\'s argv, working directory (a temporary installation directory), streams and environment; commands found through PATH (iptables, nft, ip, firewall-cmd...)';
  const common = `${execd}, and rm, mv, chmod... on paths outside that directory, recorded, not run`;
  // A command named by absolute path: a recorder in each directory of execd's PATH (the overlay), bound over the program this machine has (read-only), or the real program.
  const absolute = {
    overlay: '; the same commands named by absolute path in a directory of execd\'s PATH (/sbin/iptables, /usr/bin/systemctl) are recorders too, whether or not this machine has them',
    readOnly: '; the same commands named by absolute path are recorded where this machine has them as a program of their own name (/usr/sbin/iptables); elsewhere they run, or are not found, as on this machine',
  };
  const proc = sandboxNotes.length > 0 ? `${sandboxNotes.join('; ')}; ` : 'a /proc of its own, read-only, showing only its own processes, every one of which ends with the test; ';
  if (isolation === 'mount-and-network-namespace' && files === 'overlay') {
    return `private user, network, mount and PID namespace (${namespaceCommand}): firewall changes by absolute path stay in it, and every file outside the installation directory is a copy-on-write overlay of this machine's (/proc, /sys and read-only mounts aside, which stay read-only${readOnlyTrees.length > 0 ? `, as do ${readOnlyTrees.slice(0, 5).join(', ')}${readOnlyTrees.length > 5 ? ` and ${readOnlyTrees.length - 5} more` : ''}, where the kernel refused an overlay` : ''}): a write, redirect, open(), rm or mv succeeds in the test and shows as "created/changed/removed PATH (in the test's overlay)", with the lines of a small text file, while this machine's file stays as it was; a private /tmp; a private /dev with null, zero, full, random, urandom and tty only; ${proc}${execd}, recorded, not run${absolute.overlay}${agentHome ? `; the installation directory is at ${agentHome} too (this machine has none), so a program that names ${agentHome}/logs/active-responses.log finds the test's, as it finds its own on an agent` : ''}`;
  }
  if (isolation === 'mount-and-network-namespace') {
    return `private user, network, mount and PID namespace (${namespaceCommand}): firewall changes by absolute path stay in it, and every file outside the installation directory is read-only there (the copy-on-write overlay could not be built: ${overlayRefused ?? 'unknown reason'}; a write, redirect or open() fails with EROFS and shows as "tried to write" when the program says which file on stderr, and a program that hides the error shows nothing), but for a private /tmp; a private /dev with null, zero, full, random, urandom and tty only; ${proc}${common}${absolute.readOnly}`;
  }
  if (isolation === 'network-namespace') {
    const namespaces = network.held
      ? `private user, network and PID namespace, no mount namespace (unshare ${NETWORK_UNSHARE_ARGS.join(' ')}: root alone is mapped, to the user running arctl, even for root; one network namespace for every run; every process the program starts ends with the test)`
      : `private network namespace only, a new one each run (unshare --user --net --map-root-user; the kernel refused a PID namespace too: ${network.pidRefused ?? 'unknown reason'}; a process the program leaves in a process group of its own may outlive the test)`;
    return `${namespaces}: firewall changes by absolute path stay in it, but the kernel refused a mount namespace (${mountRefused ?? 'unknown reason'}), so writes to files outside the installation directory (redirects, open(), /etc/hosts.deny) are NOT contained: they change this machine, the recorders' directory is writable to the program, and /proc, /tmp and /dev are this machine's; ${common}; a command named by absolute path runs for real`;
  }
  return `none (--no-isolation): a firewall change by absolute path (/usr/sbin/iptables) and a write to any file reach this machine; ${common}`;
}

/** none with --no-isolation; else the mount namespace, which SandboxHost.startNamespace() may still find refused. */
function chooseIsolation(flags: ScriptTestFlags): Isolation {
  if (!flags.isolation) return 'none';
  const probe = probeNamespace();
  if (!probe.ok) {
    throw new InputError(`cannot run the program in a private network namespace (${probe.reason}); --no-isolation runs it in a temporary directory only, where its firewall changes reach this machine`);
  }
  return 'mount-and-network-namespace';
}

export async function runScriptTest(programPath: string, flags: ScriptTestFlags, colorFlag: boolean): Promise<RunResult> {
  const target = version(flags.targetVersion ?? DEFAULT_TARGET_VERSION, '--target-version');
  const agent = flags.agentVersion !== undefined ? version(flags.agentVersion, '--agent-version') : undefined;
  // A 4.2+ manager sends agents older than 4.2 the legacy string (src/analysisd/alerts/exec.c).
  const legacy = target.legacy || Boolean(agent?.legacy);
  const effective: TargetVersion = legacy === target.legacy ? target : { ...target, legacy };
  const deadlineMs = Math.round(seconds(flags.replyTimeout, '--reply-timeout', false) * 1000);
  checkOneStdinReader([['--alert', flags.alert], ['--file', flags.file]]);
  if (flags.file !== undefined) {
    const given = ([['--timeout', flags.timeout], ['--extra-args', flags.extraArgs], ['--repeated-offenders', flags.repeatedOffenders]] as const).find(([, v]) => v !== undefined);
    if (given) throw new InputError(`${given[0]} is for a test without --file; with --file it comes from the <active-response> and <command> blocks`);
  }
  const file = readProgram(programPath, legacy);
  const alerts = flags.alert !== undefined ? await readAlertFile(flags.alert) : [sampleAlert()];
  const choice = flags.file !== undefined ? fromConfig(flags.file, flags, effective, basename(programPath)) : fromFlags(flags, effective, basename(programPath));
  const deliveries = alerts.length === 1 ? singleAlertScenario(alerts[0]!, choice.payloadFor, choice.timeout, choice.repeatedOffenders) : alertsScenario(alerts, choice.payloadFor);
  if (deliveries.length === 0) {
    const reason = (choice.payloadFor as { lastReason?: string }).lastReason;
    throw new InputError(`${flags.alert === '-' ? '<stdin>' : (flags.alert ?? 'the sample alert')}: no alert fires <command> ${choice.command}${reason ? `: ${reason}` : ''}`);
  }
  const host = new SandboxHost({ programFile: programPath, installName: choice.executable, isolation: chooseIsolation(flags) });
  let outcome;
  try {
    const started = await host.startNamespace();
    const isolation = host.isolation;
    const note = isolationNote(isolation, host.fileIsolation, started.ok ? undefined : started.reason, host.overlayRefused, host.readOnlyTrees, host.sandboxNotes, { held: host.networkHolder, ...(host.pidRefused ? { pidRefused: host.pidRefused } : {}) }, host.namespaceCommand, host.agentHome);
    outcome = await testProgram(host, {
      file,
      program: host.program,
      command: choice.command,
      timeout: choice.timeout,
      ...(choice.repeatedOffenders ? { repeatedOffenders: choice.repeatedOffenders } : {}),
      protocol: legacy ? 'legacy' : 'json',
      target: agent ? `${target.text} (agent ${agent.text})` : target.text,
      isolation,
      isolationNote: note,
      fileIsolation: host.fileIsolation,
      deadlineMs,
      deliveries,
    });
  } finally {
    host.dispose();
  }
  const { report, runs } = outcome;
  if (flags.format === 'json') writeOut(renderJson(report, runs));
  else if (flags.format === 'junit') writeOut(renderJunit(report));
  else {
    const chalk = makeChalk(colorEnabled(!colorFlag));
    writeOut(renderText(report, runs, { pass: chalk.green, fail: chalk.red, warn: chalk.yellow, dim: chalk.dim }));
  }
  return { failed: !report.compliant };
}
