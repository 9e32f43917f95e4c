/**
 * The real ScriptHost: a temporary installation directory laid out as execd sees it
 * (active-response/bin/NAME, logs/, etc/), the program started there as execd starts it (argv, working
 * directory, standard streams, a session of its own, execd's environment), by default inside private
 * user, network, mount and PID namespaces in which every file outside that directory is a copy-on-write overlay
 * of this machine's (overlaySetup, src/script/overlay.ts: writes succeed there, this machine's files stay as
 * they were, and each run's changes are read back from the layers), else read-only (mountSetup), but for a
 * private /tmp; the network namespace alone where the kernel refuses the mount one (util-linux unshare and
 * nsenter). What the program writes in the namespace lives in one bounded tmpfs (LAYERS_SIZE). Firewall and
 * system commands found through PATH are replaced by recorders (src/script/recorders.ts), and, outside the
 * overlay, file commands by recorders for paths outside the installation directory, so what the program
 * runs shows as evidence instead of changing the machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, rmSync, statfsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { AR_BINDIR, AR_LOG_FILE, EXECD_ENVIRONMENT, REPLY_LINE_MAX } from '../wazuh/execd-protocol.ts';
import { DEFAULT_INSTALLATION_DIR } from '../wazuh/installation-layout.ts';
import { refParentFolder } from '../wazuh/execd.ts';
import { InputError } from '../util/errors.ts';
import { ABSENT, fileChange, fileState, Names, sameState, type FileChange, type FileState } from './file-changes.ts';
import type { FileIsolation, Isolation } from './model.ts';
import { refusedRenames } from './driver.ts';
import { bindRecorderLines, FILE_COMMANDS, plantedPaths, plantRecorderLines, RECORD_FD, recordLine, recorderDirectories, Recorders } from './recorders.ts';
import { listDir, overlayState, parseMountinfo, planOverlay, privateDevLines, READ_ONLY_NOTICE, readOnlyRemount, type MountEntry, type OverlayPlan } from './overlay.ts';
import type { ExitStatus, LineResult, ScriptHost, ScriptProcess, SpawnRequest } from './process.ts';

const UNSHARE_ARGS = ['--user', '--net', '--map-root-user'];
/**
 * The ids arctl's own user namespace maps (/proc/self/uid_map, gid_map: this machine's every id, or root alone
 * when arctl itself runs in `unshare --map-root-user`), each to itself, as the holder's user namespace maps
 * them when arctl runs as root (uidMaps); undefined when it does not, or cannot tell.
 */
function identityMaps(): { uid: string; gid: string; ids: number; uids: number[][]; gids: number[][] } | undefined {
  if (process.geteuid?.() !== 0) return undefined;
  try {
    const extents = (file: string) =>
      readFileSync(`/proc/self/${file}`, 'utf8')
        .split('\n')
        .map((l) => l.trim().split(/\s+/).map(Number))
        .filter((f) => f.length === 3 && f.every(Number.isFinite));
    const uid = extents('uid_map');
    const gid = extents('gid_map');
    if (uid.length === 0 || gid.length === 0) return undefined;
    const text = (lines: number[][]) => lines.map(([inner, , count]) => `${inner} ${inner} ${count}\n`).join('');
    return { uid: text(uid), gid: text(gid), ids: uid.reduce((n, [, , count]) => n + count!, 0), uids: uid, gids: gid };
  } catch {
    return undefined;
  }
}
const IDENTITY_MAPS = identityMaps();

/**
 * Whether a file's owner and group are ids the holder's user namespace maps (IDENTITY_MAPS: as root, every id
 * arctl's own namespace has), so a copy or a directory the set-up makes can have them; never otherwise.
 */
function ownersMapped(path: string | Buffer): boolean {
  if (!IDENTITY_MAPS) return false;
  const within = (id: number, extents: number[][]) => extents.some(([inner, , count]) => id >= inner! && id < inner! + count!);
  try {
    const st = lstatSync(path);
    return within(st.uid, IDENTITY_MAPS.uids) && within(st.gid, IDENTITY_MAPS.gids);
  } catch {
    return false;
  }
}
/**
 * A user other than root: the first range /etc/subuid and /etc/subgid give it (by name or number), when
 * newuidmap and newgidmap (shadow's uidmap) are on arctl's PATH; undefined otherwise. The holder's namespace
 * then maps root to the user and ids 1 and up to those ranges (subordinateMaps), as rootless containers do.
 */
function subordinateIds(): { uid: number; gid: number; uids: [number, number]; gids: [number, number] } | undefined {
  const uid = process.geteuid?.();
  const gid = process.getegid?.();
  if (uid === undefined || gid === undefined || uid === 0) return undefined;
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry: newuidmap would refuse anyway.
    return undefined;
  }
  const range = (file: string): [number, number] | undefined => {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const [owner, start, count] = line.trim().split(':');
        if ((owner === name || owner === String(uid)) && /^\d+$/.test(start ?? '') && /^[1-9]\d*$/.test(count ?? '')) return [Number(start), Number(count)];
      }
    } catch {
      // No such file.
    }
    return undefined;
  };
  // Found as the holder's unshare is (arctl's PATH): run without arguments, each says how to use it, or is not there (ENOENT).
  const installed = (command: string) => spawnSync(command, [], { stdio: 'ignore', timeout: 10_000 }).error === undefined;
  const uids = range('/etc/subuid');
  const gids = range('/etc/subgid');
  if (!uids || !gids || !installed('newuidmap') || !installed('newgidmap')) return undefined;
  return { uid, gid, uids, gids };
}
const SUBORDINATE_IDS = IDENTITY_MAPS ? undefined : subordinateIds();

/**
 * The holder's namespaces. A PID namespace whose init is the set-up (`--fork`): when it ends, the kernel kills
 * every process of the namespace, those of a user namespace the program made below included, and unshare takes
 * it along when killed (`--kill-child`). Root maps the ids itself (uidMaps); a user with /etc/subuid ranges has
 * them mapped by newuidmap (subordinateMaps); anyone else gets root alone, mapped to themselves.
 */
export const MOUNT_UNSHARE_ARGS = ['--user', '--net', '--mount', '--pid', '--fork', '--kill-child', ...(IDENTITY_MAPS || SUBORDINATE_IDS ? [] : ['--map-root-user'])];
/**
 * The fallback's namespaces, when the kernel refuses the mount one: user, network and PID, held as the mount
 * namespace is (one network namespace for every run, every process ending with the test). Root alone is mapped,
 * even when arctl runs as root: nothing keeps this machine's files from the program there, and a root of the
 * namespace that every id maps to would be root over all of them.
 */
export const NETWORK_UNSHARE_ARGS = ['--user', '--net', '--pid', '--fork', '--kill-child', '--map-root-user'];
/** The namespaces the program runs in, as the isolation line names them: the command, and how ids are mapped. */
export const NAMESPACE_COMMAND =
  IDENTITY_MAPS && IDENTITY_MAPS.ids > 1
    ? `unshare ${MOUNT_UNSHARE_ARGS.join(' ')}, every uid and gid mapped to itself`
    : SUBORDINATE_IDS
      ? `unshare ${MOUNT_UNSHARE_ARGS.join(' ')}, root mapped to the user running arctl and ids 1 to ${Math.min(SUBORDINATE_IDS.uids[1], SUBORDINATE_IDS.gids[1])} to its /etc/subuid and /etc/subgid ranges (newuidmap, newgidmap), so a program may switch to another user there; this machine's files of other users show as nobody`
      : `unshare ${MOUNT_UNSHARE_ARGS.join(' ')}: root alone is mapped${IDENTITY_MAPS ? '' : ', to the user running arctl'}, so a program that switches to another user (su, setpriv) fails there${IDENTITY_MAPS ? '' : ' (newuidmap and /etc/subuid ranges for this user would map more)'}`;
/** What the isolation line says instead of NAMESPACE_COMMAND when newuidmap refused the ranges (subordinateMaps). */
const rootAloneAfter = (why: string) => `unshare ${MOUNT_UNSHARE_ARGS.join(' ')}: root alone is mapped, to the user running arctl (newuidmap refused the /etc/subuid ranges: ${why}), so a program that switches to another user (su, setpriv) fails there`;
/** How util-linux unshare and nsenter say they could not execute the program. */
const EXEC_FAILED = /^(?:unshare|nsenter): failed to execute /;
/** How the mount set-up says it failed (and its exit status): the program was not run. */
export const SANDBOX_SETUP_FAILED = 'arctl sandbox: ';
/** How the set-up says what it could not do but did without (followed by the sentence the isolation line shows). */
const SANDBOX_NOTE = 'arctl sandbox note: ';
const SETUP_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/**
 * What the program may write in the test, all together (a tmpfs of the namespace): the overlay's layers, the
 * installation directory and the private /tmp. Past it a write fails with ENOSPC, and the run says so.
 */
const LAYERS_SIZE = '256m';
const LAYERS_SIZE_SHOWN = '256 MB';
/** The fd the holder keeps its files' tmpfs open on: arctl reads it as /proc/HOLDER/fd/FILES_FD, whatever /tmp is there. */
const FILES_FD = 9;
/** File changes listed per run (installation directory, private /tmp and overlay together); more are counted. */
const MAX_FILE_CHANGES = 100;
/** Recorded commands listed per run; more are counted. */
const MAX_RAN = 100;
/**
 * Files whose bytes a snapshot of the installation directory or the private /tmp reads, and paths of the overlay
 * (overlayState), at most: past them a file is compared by its size, time and mode (a change shows, without its lines).
 */
const READ_FILES = 2000;
/**
 * Paths compared per tree at most (the installation directory, the private /tmp, the overlay's changes), a few
 * MB of state and a fraction of a second a run; past them paths are counted, and the run says the comparison was cut.
 */
const COMPARED_PATHS = 50_000;
/** The AR log is read from its last bytes (the report shows its last lines). */
const AR_LOG_TAIL_BYTES = 16 * 1024;

/**
 * The set-up's first lines: it says `map` and waits for arctl to write its user namespace's id maps (uidMaps),
 * then reads its own pid as this machine sees it (/proc is still this machine's), for `ready PID`: the PID
 * namespace's init, which runs enter (nsenter --target) and whose root arctl reads (/proc/PID/root).
 */
const HOLDER_START = `echo map
read -r _ || exit 125
read -r self _ < /proc/self/stat || fail 'cannot read /proc/self/stat'`;
/**
 * What the set-up writes on stderr last, before `ready` on stdout: two pipes, read in no set order, so arctl takes
 * the set-up as ready only once both are in, and none of its notices (a tree bound read-only) can come after.
 */
export const SETUP_DONE = 'arctl sandbox set up';
/** The set-up's last lines: ready, then held until arctl closes its stdin. */
const HOLDER_END = `echo '${SETUP_DONE}' >&2
echo "ready $self"
read -r _`;
/** The network holder's set-up (`sh -c SETUP arctl-sandbox ROOT`): ready, and held. */
const NETWORK_SETUP = `PATH='${SETUP_PATH}'
fail() { printf '${SANDBOX_SETUP_FAILED}%s\\n' "$1" >&2; exit 125; }
${HOLDER_START}
${HOLDER_END}
`;
/**
 * A /proc of the namespace's PID namespace at \`$1\`: the program sees its own processes, as its \`$$\`, \`$!\` and
 * pid files number them; read-only, as this machine's is in the namespace (a sysctl written there would be this
 * machine's). Where the kernel refuses it (a /proc partly hidden, as in a container), this machine's stays.
 */
const privateProc = (at: string) => `mount -n -t proc -o ro,nosuid,nodev,noexec arctl-proc ${at} || echo '${SANDBOX_NOTE}no /proc of its own (the kernel refused one): the program sees this machine'"'"'s processes' >&2`;

/** Set-up lines: this machine's mounts as the namespace got them (mount point, options), before it adds its own. */
const SAVE_MOUNTS = `mounts=$(while read -r _ _ _ _ mp opts _; do printf '%s %s\\n' "$mp" "$opts"; done < /proc/self/mountinfo) || fail 'cannot read /proc/self/mountinfo'`;
/**
 * Set-up lines: every mount SAVE_MOUNTS saw made read-only in the namespace (\`remount,bind,ro\` keeping the
 * flags a user namespace may not drop: nosuid, nodev, relatime...); mounts made since, binds included, keep theirs.
 */
const mountsReadOnly = (extra: string) => `printf '%s\\n' "$mounts" | while read -r mp opts; do
  case $opts in ro${extra}|ro${extra},*) continue ;; esac
  case $mp in *\\\\*) mp=$(printf '%b' "$mp") ;; esac
  mount -n -o "remount,bind,ro${extra}\${opts#r[wo]}" "$mp" || exit 1
  echo .
done || fail 'cannot make every mount read-only'`;
const MOUNTS_READ_ONLY = mountsReadOnly('');
/**
 * The same, devices too: in the overlay the program runs in the new root, but may reach this machine's tree,
 * /dev included, through /proc/HOLDER/root; read-only stops writes, nodev stops device I/O (adding a flag is
 * allowed in a user namespace, dropping one is not). The new root's devices were bound before, and keep theirs.
 */
const MOUNTS_READ_ONLY_NODEV = mountsReadOnly(',nodev');

/**
 * Set-up lines, the tmpfs at $layers mounted: a private /tmp made at $layers/tmp (1777, as a /tmp is) and the
 * installation directory ($root, as arctl made it) copied to $inst: where $root is in /tmp (arctl's temporary
 * directory, as a rule), at its place in the private /tmp (installationIn), one mount with it, so a rename
 * between the two works as it does where the agent has /tmp and its installation on one file system (the
 * kernel renames nothing across mounts: EXDEV); else $layers/inst, bound in place later. Every byte the
 * program writes counts against LAYERS_SIZE; the holder keeps $layers open on FILES_FD for arctl.
 */
const FILES_LINES = `mkdir -m 1777 "$layers/tmp" || fail 'cannot make the private /tmp'
case $root in /tmp/*) inst=$layers/tmp/\${root#/tmp/} ;; *) inst=$layers/inst ;; esac
mkdir -p "$inst" && chmod 700 "$inst" && cp -a "$root/." "$inst/" || fail 'cannot copy the installation directory into the sandbox'
exec ${FILES_FD}< "$layers" || fail 'cannot hold the sandbox'"'"'s files'`;

/**
 * Where the set-up puts the installation directory `root` (a real path) in the holder's files (FILES_LINES):
 * `tmp/PATH` in the private /tmp when root is in /tmp, else `inst`.
 */
export function installationIn(root: string): string {
  return root.startsWith('/tmp/') ? `tmp/${root.slice('/tmp/'.length)}` : 'inst';
}

/**
 * Run by /bin/sh as root of a fresh user, network, mount and PID namespace when the overlay cannot be built:
 * `sh -c SETUP arctl-sandbox ROOT SHIMS TMP SHIMS_RO LAYERS`. A tmpfs at LAYERS (FILES_LINES) holds the
 * installation directory, bound at ROOT, and the test's private /tmp, bound at TMP; the recorders' directory is
 * bound onto itself read-only (`SHIMS_RO` being its remount options: its records go out by socket,
 * src/script/recorders.ts), every mount
 * this machine had is made read-only in the namespace (`remount,bind,ro` keeping the flags a user namespace
 * may not drop: nosuid, nodev, relatime...), and the private /tmp, holding the other two at their paths, is
 * moved onto /tmp. It then says `ready` and stays, a holder every run of the program enters (nsenter), so the
 * set-up is paid once per test, not per run, until its stdin closes: when arctl ends, even killed, the holder
 * goes too. A write anywhere else fails with EROFS and changes nothing. /dev is the namespace's own
 * (privateDevLines: null, zero, full, random, urandom and tty), built in the private /tmp and moved over /dev.
 */
const mountSetup = (recorderDirs: readonly string[]) => `PATH='${SETUP_PATH}'
fail() { printf '${SANDBOX_SETUP_FAILED}%s\\n' "$1" >&2; exit 125; }
root=$1 shims=$2 tmp=$3 shimsro=$4 layers=$5
${HOLDER_START}
${SAVE_MOUNTS}
mount -n -t tmpfs -o mode=700,size=${LAYERS_SIZE} arctl-files "$layers" || fail 'cannot mount a tmpfs for the test'"'"'s files'
${FILES_LINES}
{ [ "$inst" != "$layers/inst" ] || mount -n --bind "$inst" "$root"; } && mount -n --bind "$layers/tmp" "$tmp" || fail 'cannot bind the test'"'"'s files in place'
mount -n --bind "$shims" "$shims" || fail "cannot bind $shims"
mount -n -o "$shimsro" "$shims" || fail "cannot make $shims read-only"
for d in "$root" "$shims"; do [ "$d" != "$root" ] || [ "$inst" = "$layers/inst" ] || continue; case $d in /tmp/*) mkdir -p "$tmp/\${d#/tmp/}" && mount -n --rbind "$d" "$tmp/\${d#/tmp/}" || fail "cannot bind $d into the private /tmp" ;; esac; done
case $shims in /tmp/*) mount -n -o "$shimsro" "$tmp/\${shims#/tmp/}" || fail "cannot make $shims read-only" ;; esac
${bindRecorderLines(recorderDirs, '"$shims"').join('\n')}
${MOUNTS_READ_ONLY}
devs=$tmp/.arctl-dev
mkdir "$devs" || fail 'cannot make a private /dev'
${privateDevLines('"$devs"').join('\n')}
mount -n --move "$devs" /dev && rmdir "$devs" || fail 'cannot put the private /dev in place'
mount -n --move "$tmp" /tmp || fail 'cannot put the private /tmp in place'
${privateProc('/proc')}
cd "$root" || fail "cannot enter $root"
${HOLDER_END}
`;

/**
 * The overlay set-up (src/script/overlay.ts): `sh -c SETUP arctl-sandbox ROOT SHIMS TMP SHIMS_RO LAYERS`. A
 * tmpfs at LAYERS holds the overlays' upper and work directories, the installation directory and the private
 * /tmp (FILES_LINES) and, at LAYERS/root, the new root the plan builds, so LAYERS_SIZE bounds every write; the
 * private /tmp, the installation directory (writable) and the recorders' directory (read-only) are bound into
 * the new root at their paths. Every run enters it with nsenter --root; arctl reads the
 * layers through /proc/HOLDER/root. The holder's own root stays this machine's tree, which a program reaches
 * through /proc/HOLDER/root as arctl does (same user namespace): every mount of it is then made read-only, as
 * the read-only set-up does, so a write there fails with EROFS instead of changing this machine's file.
 */
/**
 * The line that shows the installation directory at the agent's own path too (/var/ossec) in the new root, where
 * this machine has none: programs that name it by absolute path (Wazuh's documented Python template logs to
 * /var/ossec/logs/active-responses.log) then find the test's installation, as they find theirs on an agent. A
 * /var the set-up cannot add to leaves it out (the run then shows the program's failure, and the stderr hint).
 */
function agentHomeLines(home: string | undefined): string {
  return home === undefined ? '' : `mkdir -p "$new${home}" 2>/dev/null && mount -n --bind "$new$root" "$new${home}" 2>/dev/null || true\n`;
}

function overlaySetup(planLines: string[], recorderDirs: readonly string[], agentHome?: string): string {
  return `PATH='${SETUP_PATH}'
fail() { printf '${SANDBOX_SETUP_FAILED}%s\\n' "$1" >&2; exit 125; }
root=$1 shims=$2 tmp=$3 shimsro=$4 layers=$5
new=$layers/root
${HOLDER_START}
${SAVE_MOUNTS}
mount -n -t tmpfs -o mode=700,size=${LAYERS_SIZE} arctl-layers "$layers" || fail 'cannot mount a tmpfs for the overlay layers'
mkdir "$layers/u" "$layers/w" && mkdir -m 755 "$new" || fail 'cannot make the new root'
${FILES_LINES}
${planLines.map((line) => `${line}\necho .`).join('\n')}
mount -n --bind "$layers/tmp" "$new/tmp" || fail 'cannot bind the private /tmp'
mkdir -p "$new$root" "$new$shims" && { [ "$inst" != "$layers/inst" ] || mount -n --bind "$inst" "$new$root"; } || fail "cannot bind $root"
mount -n --bind "$shims" "$new$shims" && mount -n -o "$shimsro" "$new$shims" || fail "cannot bind $shims read-only"
${agentHomeLines(agentHome)}${plantRecorderLines(recorderDirs, '"$new"', '"$shims"').join('\n')}
${MOUNTS_READ_ONLY_NODEV}
${privateProc('"$new/proc"')}
${HOLDER_END}
`;
}

type Probe = { ok: true } | { ok: false; reason: string };

interface OverlayView {
  plan: OverlayPlan;
  /** The new root, a path in the namespace. */
  newRoot: string;
  /** The layers' mount point (a directory of this machine, empty outside the namespace). */
  layers: string;
  /** A path of the namespace as this process reaches it: /proc/HOLDER/root/PATH. */
  view: (path: string) => string;
  /** What differed from this machine after the last run (overlayState). */
  state: Map<string, FileState>;
  /** The names in those paths that are not UTF-8. */
  names: Names;
  /** The recorders the set-up put at absolute paths, with their state then (plantRecorderLines): not the program's doing. */
  planted: ReadonlyMap<string, FileState>;
}

/** Whether this kernel lets us create user and network namespaces; the reason when not. */
export function probeNamespace(): Probe {
  const r = spawnSync('unshare', [...UNSHARE_ARGS, 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return { ok: false, reason: `unshare: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed (util-linux)' : r.error.message}` };
  if (r.status !== 0) return { ok: false, reason: `unshare ${UNSHARE_ARGS.join(' ')}: ${r.stderr.trim().split('\n')[0] || `exit ${r.status}`}` };
  return { ok: true };
}

/** Why a test of an <executable> that climbs out of active-response/bin does not run: what execd logs. */
export function traversalRefusal(executable: string): string {
  return `<executable> '${executable}': execd refuses it (Active response command '${executable}' vulnerable to directory traversal attack. Ignoring.: ReadExecConfig, src/os_execd/exec.c:93-95) and never runs it; nothing to test`;
}

export interface SandboxOptions {
  /** The program file to install in the sandbox. */
  programFile: string;
  /** The executable name execd runs it as (the <command>'s <executable>). */
  installName: string;
  isolation: Isolation;
}

export class SandboxHost implements ScriptHost {
  readonly root: string;
  /** argv[0] as execd passes it. */
  readonly program: string;
  private readonly shimDir: string;
  private readonly recorders: Recorders;
  private mode: Isolation;
  /** The program's /tmp in the mount namespace, as arctl reads it (in the holder's files); undefined outside one. */
  private privateTmp: string | undefined;
  /** The installation directory as arctl reads it: in the holder's files (/proc/HOLDER/fd/FILES_FD/inst), else this.root. */
  private installation: string;
  /** The holder's files' tmpfs (LAYERS_SIZE), as arctl reads it; undefined outside the mount namespace. */
  private filesView: string | undefined;
  /** This machine's directories made for the namespace (its private /tmp's mount point, the layers'), removed at the end. */
  private readonly madeDirs: string[] = [];
  /** The process holding the mount namespace (startNamespace) that every run enters. */
  private holder: Holder | undefined;
  /** What the namespace's set-up did without (no /proc of its own...), for the isolation line. */
  sandboxNotes: string[] = [];
  /** Where the installation directory also stands in the sandbox: the agent's path (/var/ossec), when this machine has none. */
  agentHome: string | undefined;
  private tmpFiles: Snapshot = { files: new Map(), unread: 0 };
  private files: Snapshot = { files: new Map(), unread: 0 };
  private changes: FileChange[] = [];
  /** The copy-on-write overlay the program runs in (startNamespace). */
  private overlay: OverlayView | undefined;
  /** Why the overlay could not be built (the read-only mounts were used instead). */
  overlayRefused: string | undefined;
  /** Directories bound read-only in the overlay's new root because the kernel refused an overlay there. */
  readOnlyTrees: string[] = [];
  private readonly running = new Set<ChildProcess>();
  /** The namespace's user namespace (/proc/PID/ns/user of the holder, `user:[INODE]`): every process in it is the test's. */
  private userNamespace: string | undefined;
  /** Every program started: each leads a process group of its own (setsid), which may outlive it. */
  private readonly groups = new Set<number>();
  /** The mount holder's namespaces and ids, as the isolation line names them (NAMESPACE_COMMAND, unless newuidmap refused). */
  namespaceCommand = NAMESPACE_COMMAND;
  /** The kernel refused the mount namespace, and the holder holds the network and PID ones (NETWORK_UNSHARE_ARGS). */
  networkHolder = false;
  /** Why the network fallback has no PID namespace (a network namespace a run instead). */
  pidRefused: string | undefined;

  constructor(options: SandboxOptions) {
    // execd drops an executable that climbs out of the bin directory: it never runs (nor leaves the sandbox).
    if (refParentFolder(options.installName)) throw new InputError(traversalRefusal(options.installName));
    this.mode = options.isolation;
    this.root = mkdtempSync(join(tmpdir(), 'arctl-script-'));
    this.installation = this.root;
    // execd runs AR_BINDIR/<executable> as written (ReadExecConfig, src/os_execd/exec.c:98-101): a
    // subdirectory in the name is a subdirectory of the bin directory.
    this.program = `${AR_BINDIR}/${options.installName}`;
    for (const dir of [AR_BINDIR, 'logs', 'etc', 'queue', 'tmp']) mkdirSync(join(this.root, dir), { recursive: true });
    const installed = join(this.root, this.program);
    mkdirSync(dirname(installed), { recursive: true });
    copyFileSync(options.programFile, installed);
    chmodSync(installed, statSync(options.programFile).mode & 0o7777);
    this.shimDir = mkdtempSync(join(tmpdir(), 'arctl-script-bin-'));
    this.recorders = new Recorders(this.shimDir, realpathSync(this.root));
    this.files = this.snapshot();
  }

  /** The isolation the program runs in: the mount namespace falls back to the network one when the kernel refuses it (startNamespace). */
  get isolation(): Isolation {
    return this.mode;
  }

  /** How files outside the installation directory are kept: a copy-on-write overlay, read-only mounts, or not (this machine's). */
  get fileIsolation(): FileIsolation {
    return this.mode !== 'mount-and-network-namespace' ? 'none' : this.overlay ? 'overlay' : 'read-only';
  }

  /**
   * Sets up the mount namespace once, before the first run: the copy-on-write overlay (overlaySetup), else
   * every mount read-only (mountSetup, `overlayRefused` says why). When the kernel or util-linux refuses the
   * mount namespace, the host falls back to the network namespace alone and returns why.
   */
  async startNamespace(): Promise<Probe> {
    if (this.mode !== 'mount-and-network-namespace') return { ok: true };
    const root = realpathSync(this.root);
    const shims = realpathSync(this.shimDir);
    const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'arctl-script-tmp-')));
    const layers = realpathSync(mkdtempSync(join(tmpdir(), 'arctl-script-layers-')));
    // Mount points: what is left here is empty (the tmpfs were the namespace's).
    this.madeDirs.push(tmp, layers);
    let mounts: Map<string, MountEntry> | undefined;
    let plan: OverlayPlan | undefined;
    // Where a program that names a recorded command by absolute path finds its recorder (recorders.ts).
    const recorderDirs = recorderDirectories();
    // This machine's names that are not UTF-8, as the plan lists them and the overlay's changes are read.
    const names = new Names();
    try {
      mounts = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'));
      plan = planOverlay(mounts, (dir) => listDir(dir, names), { newRoot: `${layers}/root`, layers, skip: new Set(['/tmp']), names, ownership: (p) => ownersMapped(names.bytes(p)) });
    } catch (error) {
      this.overlayRefused = `cannot plan the overlay: ${(error as Error).message}`;
    }
    const shimsReadOnly = readOnlyRemount(mounts ?? new Map(), shims);
    if (plan) {
      // This machine has no Wazuh installation: the test's stands at its path too (agentHomeLines).
      const home = existsSync(DEFAULT_INSTALLATION_DIR) ? undefined : DEFAULT_INSTALLATION_DIR;
      const started = await startHolder(overlaySetup(plan.lines, recorderDirs, home), [root, shims, tmp, shimsReadOnly, layers]);
      if (started.ok && plan.layers.length > 0 && started.readOnly.length === plan.layers.length) {
        // No tree took an overlay (a kernel before 5.11): the read-only set-up says so more simply.
        started.holder.process.kill('SIGKILL');
        this.overlayRefused = `the kernel refused an overlay on every directory (${started.said[0] ?? 'no reason given'})`;
      } else if (started.ok) {
        this.readOnlyTrees = started.readOnly;
        // Nothing a file command does leaves the overlay: rm, mv, chmod... run, and what they did shows as the overlay's changes.
        for (const command of FILE_COMMANDS) rmSync(join(this.shimDir, command), { force: true });
        const pid = started.holder.init;
        const view = (path: string) => `/proc/${pid}/root${path}`;
        directoryAttributes(plan, view, names);
        // The recorders the set-up put at absolute paths: the program's changes there are measured against them.
        const planted = new Map<string, FileState>();
        for (const path of plantedPaths(recorderDirs)) {
          const now = fileState(view(`${layers}/root${path}`));
          if (!sameState(now, fileState(path))) planted.set(path, now);
        }
        // The installation at the agent's path, when the set-up could put it there: the set-up's doing, not the program's.
        if (home !== undefined && existsSync(view(`${layers}/root${home}/${this.program}`))) {
          this.agentHome = home;
          planted.set(home, fileState(view(`${layers}/root${home}`)));
        }
        this.overlay = { plan, newRoot: `${layers}/root`, layers, view, state: new Map(), names, planted };
        return this.holding(started.holder, started.notes, started.command);
      } else this.overlayRefused = started.reason;
    }
    const started = await startHolder(mountSetup(recorderDirs), [root, shims, tmp, shimsReadOnly, layers]);
    if (started.ok) return this.holding(started.holder, started.notes, started.command);
    this.mode = 'network-namespace';
    // The network and PID namespaces without the mount one, held for every run; else a network namespace a run.
    const network = await startHolder(NETWORK_SETUP, [root], HOLDER_QUIET_MS, { unshare: NETWORK_UNSHARE_ARGS });
    if (network.ok) {
      this.holder = network.holder;
      this.networkHolder = true;
      try {
        this.userNamespace = readlinkSync(`/proc/${network.holder.init}/ns/user`);
      } catch {
        // Gone already: spawn says so.
      }
    } else this.pidRefused = network.reason;
    return { ok: false, reason: started.reason };
  }

  private holding(holder: Holder, notes: string[], command?: string): Probe {
    this.holder = holder;
    if (command) this.namespaceCommand = command;
    this.sandboxNotes = notes;
    try {
      this.userNamespace = readlinkSync(`/proc/${holder.init}/ns/user`);
    } catch {
      // Gone already: spawn says so.
    }
    this.filesView = `/proc/${holder.init}/fd/${FILES_FD}`;
    this.installation = `${this.filesView}/${installationIn(realpathSync(this.root))}`;
    this.privateTmp = `${this.filesView}/tmp`;
    this.files = this.snapshot();
    this.tmpFiles = snapshotFiles(this.privateTmp, this.installation);
    return { ok: true };
  }

  spawn(request: SpawnRequest): ScriptProcess {
    const env = { ...EXECD_ENVIRONMENT, PATH: `${this.shimDir}:${EXECD_ENVIRONMENT.PATH}` };
    if (this.mode === 'mount-and-network-namespace' && this.holder === undefined) throw new Error('SandboxHost.startNamespace() must run before the first program');
    // The program runs in the holder's user namespace and may kill it: nsenter would then fail, and its exit 1 pass for the program's.
    if (this.holder && !this.holderAlive()) throw new InputError(`the test's sandbox has ended: its holder process (${this.holder.init}) was killed, by the program or another process, before this run; nothing more can run in it`);
    // nsenter, entering the PID namespace, forks the program into it (a child of nsenter, which passes on its exit status or signal); --wd takes the holder's working directory, the installation directory as mounted in there.
    // In the overlay, --root and --wd name the new root and the installation directory in it through /proc/HOLDER/root.
    const inside = this.overlay ? [`--root=${this.overlay.view(this.overlay.newRoot)}`, `--wd=${this.overlay.view(`${this.overlay.newRoot}${realpathSync(this.root)}`)}`] : ['--wd'];
    const [file, args] =
      this.holder !== undefined
        ? ['nsenter', ['--target', String(this.holder.init), '--user', '--net', ...(this.networkHolder ? [] : ['--mount']), '--pid', '--preserve-credentials', ...(this.networkHolder ? [] : inside), '--', ...request.argv]]
        : this.mode === 'network-namespace'
          ? ['unshare', [...UNSHARE_ARGS, '--', ...request.argv]]
          : [request.argv[0]!, request.argv.slice(1)];
    const child = spawn(file, args, {
      cwd: this.root,
      env,
      // execd calls setsid(): the program leads a session of its own.
      detached: true,
      // And the recorders' socket at RECORD_FD (src/script/recorders.ts), nothing between.
      stdio: [request.stdin === 'pipe' ? 'pipe' : 'ignore', request.stdout === 'pipe' ? 'pipe' : 'ignore', 'pipe', ...new Array<'ignore'>(RECORD_FD - 3).fill('ignore'), this.recorders.channel],
    });
    this.running.add(child);
    if (child.pid !== undefined) this.groups.add(child.pid);
    child.on('exit', () => this.running.delete(child));
    return new NodeScriptProcess(child, this.mode !== 'none');
  }

  takeEffects(): string[] {
    const { records, more: notKept } = this.recorders.take();
    const effects = records.slice(0, MAX_RAN).map(recordLine);
    const past = records.length + notKept - MAX_RAN;
    if (past > 0) effects.push(`and ${past} more command(s) recorded`);
    const changes: FileChange[] = [];
    const unread: string[] = [];
    // A holder that is gone leaves no files to read (the namespace's tmpfs went with it): every file would seem removed.
    const holderGone = this.holder !== undefined && !this.holderAlive();
    if (!holderGone) {
      const now = this.snapshot();
      changes.push(...snapshotChanges(this.files.files, now.files, (path) => [path, '']));
      if (now.unread > 0) unread.push(`${now.unread} in the installation directory`);
      this.files = now;
    }
    if (this.privateTmp !== undefined && !holderGone) {
      // The program's /tmp: kept from run to run (a state file of the add is there for the delete), never this machine's.
      const tmpNow = snapshotFiles(this.privateTmp, this.installation);
      changes.push(...snapshotChanges(this.tmpFiles.files, tmpNow.files, (path) => [`/tmp/${path}`, " (the test's private /tmp)"]));
      if (tmpNow.unread > 0) unread.push(`${tmpNow.unread} in the test's private /tmp`);
      this.tmpFiles = tmpNow;
    }
    const overlay = this.overlay && !holderGone ? this.overlayChanges(this.overlay) : { changes: [], more: 0 };
    changes.push(...overlay.changes);
    // A bounded report: a program that makes 100,000 files gets 100 lines and counts.
    const more = (effect: string): FileChange => ({ effect, path: '', change: 'changed', kind: 'other' });
    this.changes = changes.slice(0, MAX_FILE_CHANGES);
    if (changes.length > MAX_FILE_CHANGES) this.changes.push(more(`and ${changes.length - MAX_FILE_CHANGES} more path(s) changed`));
    if (overlay.more > 0) this.changes.push(more(`and ${overlay.more} more path(s) differ from this machine's in the test's overlay, not compared: the comparison was cut at ${COMPARED_PATHS} paths`));
    if (unread.length > 0) this.changes.push(more(`and path(s) the test did not compare (the comparison was cut at ${COMPARED_PATHS} files per tree; a directory it cannot list counts as one): ${unread.join(', ')}`));
    if (this.filesView !== undefined && !holderGone && isFull(this.filesView)) {
      this.changes.push(more(`the test's sandbox is full: the ${LAYERS_SIZE_SHOWN} the program may write (the overlay's changes, the installation directory and the private /tmp together) are used up, and a write fails there with "No space left on device"`));
    }
    if (holderGone) this.changes.push(more(`the test's sandbox ended during this run (its holder process, ${this.holder?.init}, was killed, by the program or another process): what the program changed in its files cannot be read`));
    effects.push(...this.changes.map((c) => c.effect));
    return effects;
  }

  /** A rename the sandbox's mounts refused (EXDEV) where the agent may not, from the run's stderr (refusedRenames). */
  stderrEffects(stderr: string): string[] {
    return this.holder && !this.networkHolder ? refusedRenames(stderr) : [];
  }

  /** Whether the namespace's holder still runs: its /proc/PID/root is readable while it does (not once it is a zombie). */
  private holderAlive(): boolean {
    if (this.holder === undefined) return false;
    const { process: unshare, init: pid } = this.holder;
    if (unshare.exitCode !== null || unshare.signalCode !== null) return false;
    try {
      statSync(`/proc/${pid}/root/`);
      return true;
    } catch {
      return false;
    }
  }

  /** The files behind the last takeEffects(): each created, changed or removed path, with a diff for small text files. */
  lastFileChanges(): FileChange[] {
    return this.changes;
  }

  /** What the program changed in the overlay since the last run, against its state then (this machine's file at first). */
  private overlayChanges(overlay: OverlayView): { changes: FileChange[]; more: number } {
    const { state: now, more } = overlayState(overlay.plan, overlay.view, overlay.newRoot, { read: READ_FILES, compared: COMPARED_PATHS }, overlay.names, overlay.planted);
    // The installation at the agent's path is the installation directory, whose changes its own snapshot reports.
    const home = this.agentHome;
    if (home !== undefined) for (const path of [...now.keys()]) if (path.startsWith(`${home}/`)) now.delete(path);
    const changes: FileChange[] = [];
    const paths = [...new Set([...overlay.state.keys(), ...now.keys()])].sort();
    // A path no state names is as on this machine, unless a directory above it was removed.
    const stateOf = (state: ReadonlyMap<string, FileState>, path: string) => {
      const own = state.get(path);
      if (own) return own;
      for (let up = dirname(path); up !== '/' && up !== '.'; up = dirname(up)) if (state.get(up)?.kind === 'absent') return ABSENT;
      return overlay.planted.get(path) ?? fileState(overlay.names.bytes(path));
    };
    for (const path of paths) {
      const change = fileChange(path, stateOf(overlay.state, path), stateOf(now, path), path, " (in the test's overlay)");
      if (change) changes.push(change);
    }
    overlay.state = now;
    return { changes, more };
  }

  /** Files under the installation directory (the AR log is the program's own business). */
  private snapshot(): Snapshot {
    const out = snapshotFiles(this.installation);
    out.files.delete(AR_LOG_FILE);
    return out;
  }

  /** The program's AR log (logs/active-responses.log), for the report: its last bytes only. */
  arLog(): { text: string; cut: boolean } {
    const path = join(this.installation, AR_LOG_FILE);
    try {
      const size = statSync(path).size;
      const start = Math.max(0, size - AR_LOG_TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      const fd = openSync(path, 'r');
      try {
        readSync(fd, buf, 0, buf.length, start);
      } finally {
        closeSync(fd);
      }
      const text = buf.toString('utf8');
      // A cut first line is dropped: only whole lines are shown.
      return start > 0 ? { text: text.slice(text.indexOf('\n') + 1), cut: true } : { text, cut: false };
    } catch {
      return { text: '', cut: false };
    }
  }

  /**
   * Ends what the test started. A program's background work (`( sleep 600; undo ) &`) stays in its
   * process group after it exits; left running, it would act after the test, when the recorders on PATH
   * are gone and `iptables` is this machine's own. So every group is killed, not only running programs.
   */
  dispose(): void {
    for (const child of this.running) killGroup(child);
    for (const pgid of this.groups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // The group is gone.
      }
    }
    if (this.holder) {
      // The PID namespace's init: when it dies the kernel kills every process of the namespace, a program's
      // daemon in a user namespace of its own included; its end is waited for, so none outlives arctl.
      this.holder.process.kill('SIGKILL');
      killAndWait(this.holder.init);
    }
    killUserNamespace(this.userNamespace);
    this.recorders.close();
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.shimDir, { recursive: true, force: true });
    for (const dir of this.madeDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** What became of the files of a snapshot (snapshotFiles) by the next one: created, changed, removed; `shown` names each. */
function snapshotChanges(before: ReadonlyMap<string, FileState>, now: ReadonlyMap<string, FileState>, shown: (path: string) => [string, string]): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, state] of now) {
    const change = fileChange(path, before.get(path) ?? ABSENT, state, ...shown(path));
    if (change) changes.push(change);
  }
  for (const [path, state] of before) if (!now.has(path)) changes.push(fileChange(path, state, ABSENT, ...shown(path))!);
  return changes;
}

interface Snapshot {
  /** Each file (not directory) by its path relative to the tree, with its state. */
  files: Map<string, FileState>;
  /** Files past COMPARED_PATHS, and directories that could not be listed: not compared. */
  unread: number;
}

/** The files under dir but `skip`, with their states: the bytes of READ_FILES read, COMPARED_PATHS at most, the rest counted. */
function snapshotFiles(dir: string, skip?: string): Snapshot {
  const files = new Map<string, FileState>();
  let unread = 0;
  // A name that is not UTF-8 is shown escaped and reached by its bytes (Names).
  const names = new Names();
  const walk = (at: string) => {
    let entries;
    try {
      entries = names.list(at);
    } catch {
      unread++;
      return;
    }
    for (const name of entries) {
      const path = join(at, name);
      if (path === skip) continue;
      if (files.size >= COMPARED_PATHS) {
        // Past the limit a file is counted, not compared: only its kind is looked at.
        const kind = fileKind(names.bytes(path));
        if (kind === 'directory') walk(path);
        else if (kind !== 'absent') unread++;
        continue;
      }
      // The state's own lstat tells a directory (read no further); past READ_FILES a file's bytes are not read.
      const state = fileState(names.bytes(path), files.size < READ_FILES);
      if (state.kind === 'directory') walk(path);
      else if (state.kind !== 'absent') files.set(relative(dir, path), state);
    }
  };
  walk(dir);
  return { files, unread };
}

/**
 * Gives each directory the set-up made for one of this machine's (OverlayPlan.attributes) that directory's mode,
 * times and, where the namespace maps its ids (ownersMapped), owner and group: system calls through
 * /proc/HOLDER/root once the set-up is done, not three processes a directory in it (the set-up runs on loaded
 * machines, where each process costs). A directory that cannot take them keeps the set-up's.
 */
function directoryAttributes(plan: OverlayPlan, view: (path: string) => string, names: Names): void {
  for (const { path, made } of plan.attributes) {
    const host = names.bytes(path);
    const inside = names.bytes(made);
    const there = typeof inside === 'string' ? view(inside) : Buffer.concat([Buffer.from(view('')), inside]);
    try {
      const st = lstatSync(host);
      if (ownersMapped(host)) chownSync(there, st.uid, st.gid);
      chmodSync(there, st.mode & 0o7777);
      utimesSync(there, st.atimeMs / 1000, st.mtimeMs / 1000);
    } catch {
      // Gone, or not ours to change.
    }
  }
}

/** Whether a tmpfs has no block or no inode left (statfs); false when it cannot be read. */
function isFull(path: string): boolean {
  try {
    const fs = statfsSync(path);
    return fs.bavail === 0 || fs.ffree === 0;
  } catch {
    return false;
  }
}

function fileKind(path: string | Buffer): 'directory' | 'absent' | 'other' {
  try {
    return lstatSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'absent';
  }
}

/**
 * How long the holder's set-up may go without a sign of progress (a line: the overlay's set-up says `.` after each
 * step) before the sandbox falls back (the overlay to read-only, read-only to the network alone). A bound on its
 * whole time made a loaded machine fall back at random (load 16 in CI: the overlay became read-only): its hundred
 * steps each start processes, and a slow one is not a stuck one.
 */
export const HOLDER_QUIET_MS = 30_000;

/** The holder: unshare, and the PID namespace's init it forked, which runs enter and whose root arctl reads. */
interface Holder {
  process: ChildProcess;
  init: number;
}

/**
 * Starts `sh -c script` in new user, network, mount and PID namespaces, writes its id maps (uidMaps) when it
 * says `map`, and waits for its `ready PID`: the holder, or why not.
 */
export async function startHolder(
  script: string,
  args: string[],
  quietMs = HOLDER_QUIET_MS,
  namespaces: { unshare: string[]; maps?: (pid: number) => { refused?: string; command?: string } } = { unshare: MOUNT_UNSHARE_ARGS, maps: holderMaps },
): Promise<{ ok: true; holder: Holder; readOnly: string[]; notes: string[]; said: string[]; command?: string } | { ok: false; reason: string }> {
  // unshare found as probeNamespace() finds it (arctl's PATH); the set-up sets its own PATH.
  const holder = spawn('unshare', [...namespaces.unshare, '--', '/bin/sh', '-c', script, 'arctl-sandbox', ...args], { cwd: args[0], stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let mapped = false;
  let command: string | undefined;
  let init: number | undefined;
  holder.stdin.on('error', () => {});
  let quiet = false;
  const ready = await new Promise<boolean>((resolve) => {
    // The set-up is a hundred mounts and copies: seconds, or a minute on a loaded machine. Each line it writes restarts the wait.
    const silent = () => {
      quiet = true;
      resolve(false);
    };
    let timer = setTimeout(silent, quietMs);
    const progress = () => {
      clearTimeout(timer);
      timer = setTimeout(silent, quietMs);
    };
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    // Ready on stdout, and its last line on stderr: every notice before it is in.
    const whenReady = () => {
      const said = /^ready (\d+)$/m.exec(out);
      if (!said || !err.split('\n').includes(SETUP_DONE)) return;
      init = Number(said[1]);
      done(true);
    };
    holder.stdout.on('data', (chunk: Buffer) => {
      progress();
      out += chunk.toString('utf8');
      if (!mapped && /^map$/m.test(out)) {
        mapped = true;
        const maps = namespaces.maps?.(holder.pid!) ?? {};
        command = maps.command;
        const refused = maps.refused;
        if (refused) {
          err += `${SANDBOX_SETUP_FAILED}${refused}\n`;
          return done(false);
        }
        holder.stdin.write('\n');
      }
      whenReady();
    });
    holder.stderr.on('data', (chunk: Buffer) => {
      progress();
      err += chunk.toString('utf8');
      whenReady();
    });
    holder.on('error', (e) => {
      err ||= (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'unshare: not installed (util-linux)' : e.message;
      done(false);
    });
    holder.on('exit', () => setImmediate(() => done(false)));
  });
  holder.stdout.destroy();
  holder.stderr.destroy();
  (holder.stdin as Socket).unref();
  holder.unref();
  if (ready && init !== undefined) {
    // The trees bound read-only instead of overlaid, what the set-up did without, and what mount said.
    const lines = err.split('\n').filter((l) => l.trim() !== '' && l !== SETUP_DONE);
    const after = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
    return { ok: true, holder: { process: holder, init }, readOnly: after(READ_ONLY_NOTICE), notes: after(SANDBOX_NOTE), said: lines.filter((l) => !l.startsWith(READ_ONLY_NOTICE) && !l.startsWith(SANDBOX_NOTE)), ...(command ? { command } : {}) };
  }
  holder.kill('SIGKILL');
  // The set-up's own words when it got that far (arctl sandbox: cannot mount an overlay on /x), else unshare's.
  const said = err.split('\n').find((l) => l.startsWith(SANDBOX_SETUP_FAILED));
  if (said) return { ok: false, reason: said.slice(SANDBOX_SETUP_FAILED.length) };
  if (quiet) return { ok: false, reason: `the set-up showed no progress for ${quietMs / 1000}s` };
  return { ok: false, reason: `unshare ${namespaces.unshare.join(' ')}: ${err.trim().split('\n')[0] || 'no answer'}` };
}

/**
 * The id maps of the mount holder's user namespace (unshare PID `pid`, which waits for them): every id to itself
 * as root (uidMaps); root to the user and ids 1 and up to its /etc/subuid and /etc/subgid ranges through
 * newuidmap and newgidmap (SUBORDINATE_IDS); otherwise unshare's --map-root-user did it. Where newuidmap
 * refuses, root alone is mapped to the user, as --map-root-user does, and `command` says so.
 */
function holderMaps(pid: number): { refused?: string; command?: string } {
  if (IDENTITY_MAPS) {
    const refused = uidMaps(pid, IDENTITY_MAPS);
    return refused ? { refused } : {};
  }
  if (!SUBORDINATE_IDS) return {};
  const { uid, gid, uids, gids } = SUBORDINATE_IDS;
  const uidmap = spawnSync('newuidmap', [String(pid), '0', String(uid), '1', '1', String(uids[0]), String(uids[1])], { encoding: 'utf8', timeout: 10_000 });
  const gidmap = spawnSync('newgidmap', [String(pid), '0', String(gid), '1', '1', String(gids[0]), String(gids[1])], { encoding: 'utf8', timeout: 10_000 });
  if (uidmap.status === 0 && gidmap.status === 0) return {};
  const why = [uidmap, gidmap].map((r) => (r.status === 0 ? '' : (r.stderr || String(r.error ?? `exit ${r.status}`)).trim().split('\n')[0]!)).filter((w) => w !== '').join('; ');
  // Root alone, as --map-root-user writes it (a map written by newuidmap stays: a map is written once).
  const single: Array<[string, string]> = [
    ...(uidmap.status === 0 ? [] : [['uid_map', `0 ${uid} 1\n`] as [string, string]]),
    ...(gidmap.status === 0 ? [] : [['setgroups', 'deny'] as [string, string], ['gid_map', `0 ${gid} 1\n`] as [string, string]]),
  ];
  for (const [file, text] of single) {
    try {
      writeFileSync(`/proc/${pid}/${file}`, text);
    } catch (error) {
      return { refused: `newuidmap refused the /etc/subuid ranges (${why}), and /proc/${pid}/${file} could not be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
  }
  return { command: rootAloneAfter(why) };
}

/**
 * Maps every uid and gid of the holder's user namespace to itself (arctl runs as root): a program that
 * switches user (su, setpriv, a daemon dropping to nobody) does so as on this machine, where a map of root
 * alone fails it with EINVAL. Why not, when the kernel refuses.
 */
function uidMaps(pid: number, maps: { uid: string; gid: string }): string | undefined {
  for (const [file, text] of [['uid_map', maps.uid], ['gid_map', maps.gid]] as const) {
    try {
      writeFileSync(`/proc/${pid}/${file}`, text);
    } catch (error) {
      return `cannot write /proc/${pid}/${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }
  return undefined;
}

/**
 * Kills every process in a user namespace the test made: a program's daemon that left its process group
 * (`setsid cmd &`) outlived the test in it, and kept the namespace. Passes until none is left (a process
 * may fork meanwhile), a few at most. (One that made a user namespace of its own below is not in it: the PID
 * namespace ends it, killAndWait.)
 */
function killUserNamespace(namespace: string | undefined): void {
  if (namespace === undefined) return;
  for (let pass = 0; pass < 5; pass++) {
    let found = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readlinkSync(`/proc/${pid}/ns/user`) !== namespace) continue;
        process.kill(Number(pid), 'SIGKILL');
        found++;
      } catch {
        // Gone, or not ours to read.
      }
    }
    if (found === 0) return;
  }
}

/** How long dispose() waits for the PID namespace to end (the kernel kills its processes, then its init). */
const NAMESPACE_END_MS = 5000;

/**
 * Kills a PID namespace's init and waits until it is dead (gone, or a zombie): the kernel ends its every
 * other process first. Bounded: a machine too loaded to end it in NAMESPACE_END_MS is not waited for further.
 */
function killAndWait(init: number): void {
  try {
    process.kill(init, 'SIGKILL');
  } catch {
    return;
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < NAMESPACE_END_MS; waited += 10) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${init}/stat`, 'utf8');
    } catch {
      return;
    }
    // pid (comm) STATE ...: the command may hold spaces and parentheses, the state follows the last ')'.
    if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))) return;
    Atomics.wait(pause, 0, 0, 10);
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

class NodeScriptProcess implements ScriptProcess {
  private readonly started = Date.now();
  private out = Buffer.alloc(0);
  private outEnded = false;
  private lineTaken = false;
  private extra = '';
  private err = '';
  private errEnded = false;
  private exit: ExitStatus | undefined;
  private wake: () => void = () => {};
  private finished = 0;

  /**
   * @param viaUnshare the program is started by unshare, which reports its own failure to execute it
   * ("unshare: failed to execute PATH: REASON" on stderr, exit 126 or 127). execd's child gets
   * `_exit(127)` when execvp fails, and writes nothing (src/shared/exec_op.c wpopenv): that is what is
   * reported, and unshare's line is not taken for the program's output.
   */
  constructor(
    private readonly child: ChildProcess,
    private readonly viaUnshare = false,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (this.lineTaken) this.extra += chunk.toString('utf8');
      else this.out = Buffer.concat([this.out, chunk]);
      this.wake();
    });
    child.stdout?.on('end', () => {
      this.outEnded = true;
      this.wake();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (this.err.length < 65536) this.err += chunk.toString('utf8');
      this.wake();
    });
    child.stderr?.on('end', () => {
      this.errEnded = true;
      this.wake();
    });
    child.stdin?.on('error', () => {}); // EPIPE: the program exited without reading (execd ignores it too)
    child.on('error', () => {
      this.exit ??= { code: 127, signal: null };
      this.outEnded = true;
      this.wake();
    });
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.finished = Date.now();
      this.wake();
    });
  }

  write(text: string): void {
    if (this.child.stdin && !this.child.stdin.destroyed) this.child.stdin.write(text);
  }

  closeStdin(): void {
    this.child.stdin?.end();
  }

  closeStdout(): void {
    this.lineTaken = true;
    if (this.out.length > 0) this.extra += this.out.toString('utf8');
    this.out = Buffer.alloc(0);
    // execd fclose()s its end: a later write gets EPIPE / SIGPIPE, as in production.
    this.child.stdout?.destroy();
  }

  private takeLine(): LineResult | undefined {
    const nl = this.out.indexOf(0x0a);
    if (nl >= 0 && nl < REPLY_LINE_MAX) {
      const line = this.out.subarray(0, nl).toString('utf8');
      this.extra = this.out.subarray(nl + 1).toString('utf8');
      this.lineTaken = true;
      this.out = Buffer.alloc(0);
      return { kind: 'line', line, truncated: false };
    }
    if (this.out.length >= REPLY_LINE_MAX) {
      const line = this.out.subarray(0, REPLY_LINE_MAX).toString('utf8');
      this.extra = this.out.subarray(REPLY_LINE_MAX).toString('utf8');
      this.lineTaken = true;
      this.out = Buffer.alloc(0);
      return { kind: 'line', line, truncated: true };
    }
    if (this.outEnded || (this.child.stdout === null && this.exit)) {
      if (this.out.length > 0) {
        const line = this.out.toString('utf8');
        this.lineTaken = true;
        this.out = Buffer.alloc(0);
        return { kind: 'line', line, truncated: false };
      }
      return { kind: 'eof' };
    }
    return undefined;
  }

  readLine(deadlineMs: number): Promise<LineResult> {
    return this.until(() => this.takeLine(), deadlineMs, { kind: 'timeout' });
  }

  async wait(deadlineMs: number): Promise<ExitStatus | 'timeout'> {
    const status = await this.until(() => this.exit, deadlineMs, 'timeout' as const);
    // What the program's recorders sent before it exited is read in the same turn of the event loop as its
    // exit, maybe after it: the turn ends before the host takes the records.
    if (status !== 'timeout') await new Promise((resolve) => setImmediate(resolve));
    if (status === 'timeout' || !this.viaUnshare || (status.code !== 126 && status.code !== 127)) return status;
    // unshare wrote its line before it exited; let the pipe deliver it.
    await this.until(() => (this.errEnded || EXEC_FAILED.test(this.err) ? true : undefined), 200, false);
    if (!EXEC_FAILED.test(this.err)) return status;
    const newline = this.err.indexOf('\n');
    this.err = newline >= 0 ? this.err.slice(newline + 1) : '';
    this.exit = { code: 127, signal: null };
    return this.exit;
  }

  async kill(): Promise<ExitStatus> {
    killGroup(this.child);
    const status = await this.wait(5000);
    return status === 'timeout' ? { code: null, signal: 'SIGKILL' } : status;
  }

  stderr(): string {
    return this.err;
  }

  extraStdout(): string {
    return this.extra;
  }

  elapsedMs(): number {
    return (this.finished || Date.now()) - this.started;
  }

  private until<T, D>(probe: () => T | undefined, deadlineMs: number, onTimeout: D): Promise<T | D> {
    return new Promise((resolve) => {
      const now = probe();
      if (now !== undefined) {
        resolve(now);
        return;
      }
      const timer = setTimeout(() => {
        this.wake = () => {};
        resolve(onTimeout);
      }, deadlineMs);
      this.wake = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.wake = () => {};
        resolve(value);
      };
    });
  }
}
