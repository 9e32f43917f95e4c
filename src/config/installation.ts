/**
 * Zero-config on a Wazuh host: what an installation directory (/var/ossec, or a copied tree) says
 * about the inputs arctl would otherwise be given by flags: its ossec.conf, the shared agent.conf of
 * each group, the rules files analysisd loads (from that ossec.conf's `<ruleset>`), the registered
 * agents (client.keys) and the installed version. Reads the files it names; prints nothing; the
 * settings resolution takes what it finds as the last default, under flags and .arctl.json.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { compareText } from '../util/compare.ts';
import { InputError } from '../util/errors.ts';
import { readConfigInput } from '../util/read-input.ts';
import { INSTALLATION_PATHS, versionAndTypeFromShell, versionFromVersionJson, type InstallationType } from '../wazuh/installation-layout.ts';
import { selectRuleFiles, type RuleFileSelection } from '../wazuh/ruleset-files.ts';
import type { ManagerArch } from '../wazuh/arch.ts';

export interface WazuhInstallation {
  /** The installation directory, absolute. */
  root: string;
  /** From wazuh-control or ossec-init.conf; undefined when neither says. */
  type?: InstallationType;
  /** The installed version (x.y.z) and the file that says so. */
  version?: { text: string; file: string };
  ossecConf: string;
  /** Shared agent.conf files: one per group directory on a manager, the received one on an agent. */
  agentConfs: string[];
  /** A manager's rules files in analysisd's order and its rules directories (absolute paths), and how they were chosen. */
  ruleset?: { files: string[]; dirs: string[]; selection: RuleFileSelection };
  /** A manager's etc/client.keys, when it exists. */
  clientKeys?: string;
  /** active-response/bin, when it exists: the programs execd can run on this host. */
  arBin?: string;
}

/** `root`'s installation; an InputError when it has no etc/ossec.conf. */
export function findInstallation(root: string, arch?: ManagerArch): WazuhInstallation {
  const dir = resolve(root);
  const at = (wazuhPath: string) => (isAbsolute(wazuhPath) ? wazuhPath : join(dir, wazuhPath));
  const ossecConf = at(INSTALLATION_PATHS.ossecConf);
  if (!isFile(ossecConf)) throw new InputError(`${dir}: no ${INSTALLATION_PATHS.ossecConf}: not a Wazuh installation directory (give --root DIR or the files to check)`);
  const { version, type } = installedVersion(at);
  // Without wazuh-control or ossec-init.conf (a copy of etc/ alone), a manager is told by its ruleset/ or by its
  // group directories: only a manager keeps etc/shared/<group>/agent.conf; an agent receives etc/shared/agent.conf.
  const sharedDir = at(INSTALLATION_PATHS.sharedDir);
  const manager = type ? type !== 'agent' : isDirectory(at('ruleset')) || groupAgentConfs(sharedDir).length > 0;
  const installation: WazuhInstallation = { root: dir, ...(type ? { type } : {}), ...(version ? { version } : {}), ossecConf, agentConfs: sharedAgentConfs(sharedDir, manager) };
  const arBin = at(INSTALLATION_PATHS.arBin);
  if (isDirectory(arBin)) installation.arBin = arBin;
  if (!manager) return installation;
  // The rules analysisd loads come from the stock ruleset/ beside etc/: a copy of etc/ alone gives none, as its
  // etc/rules alone would make every stock rule id look unknown.
  if (isDirectory(at('ruleset'))) {
    const selection = selectRuleFiles({ path: ossecConf, bytes: readConfigInput(ossecConf).bytes }, (wazuhPath) => listDirectory(at(wazuhPath)), arch);
    installation.ruleset = { files: selection.files.map(at), dirs: selection.dirs.map(at), selection };
  }
  const clientKeys = at(INSTALLATION_PATHS.clientKeys);
  if (isFile(clientKeys)) installation.clientKeys = clientKeys;
  return installation;
}

/** VERSION.json (4.x), else wazuh-control's VERSION=, else etc/ossec-init.conf (3.x); the type from the shell files. */
function installedVersion(at: (path: string) => string): { version?: { text: string; file: string }; type?: InstallationType } {
  let version: { text: string; file: string } | undefined;
  let type: InstallationType | undefined;
  const json = readSmallText(at(INSTALLATION_PATHS.versionJson));
  const fromJson = json === undefined ? undefined : versionFromVersionJson(json);
  if (fromJson) version = { text: fromJson, file: at(INSTALLATION_PATHS.versionJson) };
  for (const path of [INSTALLATION_PATHS.wazuhControl, INSTALLATION_PATHS.ossecInitConf]) {
    const text = readSmallText(at(path));
    if (text === undefined) continue;
    const found = versionAndTypeFromShell(text);
    if (!version && found.version) version = { text: found.version, file: at(path) };
    type ??= found.type;
  }
  return { ...(version ? { version } : {}), ...(type ? { type } : {}) };
}

/** etc/shared/<group>/agent.conf on a manager (groups in name order); etc/shared/agent.conf on an agent. */
function sharedAgentConfs(sharedDir: string, manager: boolean): string[] {
  if (!manager) {
    const received = join(sharedDir, 'agent.conf');
    return isFile(received) ? [received] : [];
  }
  return groupAgentConfs(sharedDir);
}

/** etc/shared/<group>/agent.conf of every group directory, in name order. */
function groupAgentConfs(sharedDir: string): string[] {
  return (listDirectory(sharedDir) ?? [])
    .slice()
    .sort(compareText)
    .map((group) => join(sharedDir, group, 'agent.conf'))
    .filter(isFile);
}

function listDirectory(path: string): string[] | undefined {
  try {
    return readdirSync(path);
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The first 64 KB of a regular file (wazuh-control states its version in its first lines). */
function readSmallText(path: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(65536);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
