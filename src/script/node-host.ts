/**
 * The real ScriptHost: a temporary installation directory laid out as execd sees it
 * (active-response/bin/NAME, logs/, etc/), the program started there as execd starts it (argv, working
 * directory, standard streams, a session of its own, execd's environment), by default inside private
 * user, network and mount namespaces in which every file outside that directory is read-only but for a
 * private /tmp (MOUNT_SETUP; the network namespace alone where the kernel refuses the mount one, util-linux
 * unshare and nsenter). Firewall and system commands found through PATH are
 * replaced by recorders, and file commands by recorders for paths outside the installation directory, so
 * what the program runs shows as evidence instead of changing the machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { AR_BINDIR, AR_LOG_FILE, EXECD_ENVIRONMENT, REPLY_LINE_MAX } from '../wazuh/execd-protocol.ts';
import { refParentFolder } from '../wazuh/execd.ts';
import { InputError } from '../util/errors.ts';
import type { Isolation } from './model.ts';
import type { ExitStatus, LineResult, ScriptHost, ScriptProcess, SpawnRequest } from './process.ts';

/** Commands a response program typically runs to act on the host: recorded, never run. */
export const RECORDED_COMMANDS = [
  'iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft', 'iptables-save', 'iptables-restore',
  'nft', 'ipset', 'firewall-cmd', 'ufw', 'ip', 'route', 'pfctl', 'ipfw', 'npfctl', 'iptables-multi',
  'systemctl', 'service', 'shutdown', 'reboot', 'halt', 'poweroff', 'passwd', 'usermod', 'chage', 'kill', 'pkill', 'killall', 'logger', 'mail', 'sendmail', 'curl', 'wget',
];

/**
 * Commands that make, remove or change files: run when every path they name is inside the installation
 * directory (a script's own lock and state files), recorded and not run when one is outside it. A remove-threat
 * script (`rm -f` of the file an alert names, as Wazuh's VirusTotal example does) would otherwise delete
 * that file on the machine running the test, and its action would show nowhere.
 */
export const FILE_COMMANDS = ['rm', 'rmdir', 'unlink', 'shred', 'mv', 'cp', 'ln', 'mkdir', 'touch', 'chmod', 'chown', 'chattr'];

const UNSHARE_ARGS = ['--user', '--net', '--map-root-user'];
const MOUNT_UNSHARE_ARGS = ['--user', '--net', '--mount', '--map-root-user'];
/** How util-linux unshare and nsenter say they could not execute the program. */
const EXEC_FAILED = /^(?:unshare|nsenter): failed to execute /;
/** How the mount set-up says it failed (and its exit status): the program was not run. */
export const SANDBOX_SETUP_FAILED = 'arctl sandbox: ';
const SETUP_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Run by /bin/sh as root of a fresh user, network and mount namespace: `sh -c SETUP arctl-sandbox ROOT SHIMS
 * TMP`. The installation directory, the recorders' directory and the test's private /tmp are bound onto
 * themselves (writable mounts of their own), every mount this machine had is made read-only in the namespace
 * (`remount,bind,ro` keeping the flags a user namespace may not drop: nosuid, nodev, relatime...), and the
 * private /tmp, holding the other two at their paths, is moved onto /tmp. It then says `ready` and stays, a
 * holder every run of the program enters (nsenter), so the set-up is paid once per test, not per run, until
 * its stdin closes: when arctl ends, even killed, the holder goes too. A
 * write anywhere else fails with EROFS and changes nothing; devices (/dev/null) stay writable.
 */
const MOUNT_SETUP = `PATH='${SETUP_PATH}'
fail() { printf '${SANDBOX_SETUP_FAILED}%s\\n' "$1" >&2; exit 125; }
root=$1 shims=$2 tmp=$3
mounts=$(while read -r _ _ _ _ mp opts _; do printf '%s %s\\n' "$mp" "$opts"; done < /proc/self/mountinfo) || fail 'cannot read /proc/self/mountinfo'
for d in "$root" "$shims" "$tmp"; do mount -n --bind "$d" "$d" || fail "cannot bind $d"; done
for d in "$root" "$shims"; do case $d in /tmp/*) mount -n --bind "$d" "$tmp/\${d#/tmp/}" || fail "cannot bind $d into the private /tmp" ;; esac; done
printf '%s\\n' "$mounts" | while read -r mp opts; do
  case $opts in ro|ro,*) continue ;; esac
  case $mp in *\\\\*) mp=$(printf '%b' "$mp") ;; esac
  mount -n -o "remount,bind,ro\${opts#rw}" "$mp" || exit 1
done || fail 'cannot make every mount read-only'
mount -n --move "$tmp" /tmp || fail 'cannot put the private /tmp in place'
cd "$root" || fail "cannot enter $root"
echo ready
read -r _
`;

type Probe = { ok: true } | { ok: false; reason: string };

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
  private readonly shimLog: string;
  private mode: Isolation;
  /** The program's /tmp in the mount namespace (a directory of this machine's /tmp); undefined outside one. */
  private privateTmp: string | undefined;
  /** The process holding the mount namespace (startNamespace) that every run enters. */
  private holder: ChildProcess | undefined;
  private tmpFiles = new Map<string, string>();
  private shimLogSeen = 0;
  private files = new Map<string, string>();
  private readonly running = new Set<ChildProcess>();
  /** Every program started: each leads a process group of its own (setsid), which may outlive it. */
  private readonly groups = new Set<number>();

  constructor(options: SandboxOptions) {
    // execd drops an executable that climbs out of the bin directory: it never runs (nor leaves the sandbox).
    if (refParentFolder(options.installName)) throw new InputError(traversalRefusal(options.installName));
    this.mode = options.isolation;
    this.root = mkdtempSync(join(tmpdir(), 'arctl-script-'));
    // execd runs AR_BINDIR/<executable> as written (ReadExecConfig, src/os_execd/exec.c:98-101): a
    // subdirectory in the name is a subdirectory of the bin directory.
    this.program = `${AR_BINDIR}/${options.installName}`;
    for (const dir of [AR_BINDIR, 'logs', 'etc', 'queue', 'tmp']) mkdirSync(join(this.root, dir), { recursive: true });
    const installed = join(this.root, this.program);
    mkdirSync(dirname(installed), { recursive: true });
    copyFileSync(options.programFile, installed);
    chmodSync(installed, statSync(options.programFile).mode & 0o7777);
    this.shimDir = mkdtempSync(join(tmpdir(), 'arctl-script-bin-'));
    this.shimLog = join(this.shimDir, '.calls');
    writeFileSync(this.shimLog, '');
    const record = (command: string) => `printf '%s\\n' "${command} $*" >> '${this.shimLog}'\nexit 0\n`;
    for (const command of RECORDED_COMMANDS) {
      const path = join(this.shimDir, command);
      writeFileSync(path, `#!/bin/sh\n${record(command)}`);
      chmodSync(path, 0o755);
    }
    // Paths resolved as the program names them (relative to its working directory, symbolic links followed).
    const root = realpathSync(this.root);
    for (const command of FILE_COMMANDS) {
      const path = join(this.shimDir, command);
      const inside = `for a in "$@"; do\n  case "$a" in -*) continue ;; esac\n  p=$(realpath -m -- "$a" 2>/dev/null) || p=\n  case "$p" in '${root}'|'${root}'/*) ;; *) ${record(command).replace('\nexit 0\n', '; exit 0')} ;; esac\ndone\n`;
      writeFileSync(path, `#!/bin/sh\n${inside}PATH='${EXECD_ENVIRONMENT.PATH}' exec ${command} "$@"\n`);
      chmodSync(path, 0o755);
    }
    this.files = this.snapshot();
  }

  /** The isolation the program runs in: the mount namespace falls back to the network one when the kernel refuses it (startNamespace). */
  get isolation(): Isolation {
    return this.mode;
  }

  /**
   * Sets up the read-only mount namespace (MOUNT_SETUP) once, before the first run. When the kernel or
   * util-linux refuses it, the host falls back to the network namespace alone and returns why.
   */
  async startNamespace(): Promise<Probe> {
    if (this.mode !== 'mount-and-network-namespace') return { ok: true };
    const root = realpathSync(this.root);
    const shims = realpathSync(this.shimDir);
    const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'arctl-script-tmp-')));
    // Mount points for the installation and recorders' directories when they live in /tmp.
    for (const d of [root, shims]) if (d.startsWith('/tmp/')) mkdirSync(join(tmp, d.slice('/tmp/'.length)), { recursive: true });
    // unshare found as probeNamespace() finds it (arctl's PATH); the set-up sets its own PATH.
    const holder = spawn('unshare', [...MOUNT_UNSHARE_ARGS, '--', '/bin/sh', '-c', MOUNT_SETUP, 'arctl-sandbox', root, shims, tmp], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        resolve(ok);
      };
      holder.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('ready\n')) done(true);
      });
      holder.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      holder.on('error', (e) => {
        err ||= (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'unshare: not installed (util-linux)' : e.message;
        done(false);
      });
      holder.on('exit', () => setImmediate(() => done(false)));
    });
    holder.stdout.destroy();
    holder.stderr.destroy();
    holder.stdin.on('error', () => {});
    (holder.stdin as Socket).unref();
    holder.unref();
    if (ready) {
      this.holder = holder;
      this.privateTmp = tmp;
      this.tmpFiles = snapshotFiles(tmp);
      return { ok: true };
    }
    holder.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
    this.mode = 'network-namespace';
    return { ok: false, reason: `unshare ${MOUNT_UNSHARE_ARGS.join(' ')}: ${err.trim().split('\n')[0] || 'no answer'}` };
  }

  spawn(request: SpawnRequest): ScriptProcess {
    const env = { ...EXECD_ENVIRONMENT, PATH: `${this.shimDir}:${EXECD_ENVIRONMENT.PATH}` };
    if (this.mode === 'mount-and-network-namespace' && this.holder?.pid === undefined) throw new Error('SandboxHost.startNamespace() must run before the first program');
    // nsenter without --fork execs the program itself; --wd takes the holder's working directory, the installation directory as mounted in there.
    const [file, args] =
      this.holder?.pid !== undefined
        ? ['nsenter', ['--target', String(this.holder.pid), '--user', '--net', '--mount', '--wd', '--', ...request.argv]]
        : this.mode === 'network-namespace'
          ? ['unshare', [...UNSHARE_ARGS, '--', ...request.argv]]
          : [request.argv[0]!, request.argv.slice(1)];
    const child = spawn(file, args, {
      cwd: this.root,
      env,
      // execd calls setsid(): the program leads a session of its own.
      detached: true,
      stdio: [request.stdin === 'pipe' ? 'pipe' : 'ignore', request.stdout === 'pipe' ? 'pipe' : 'ignore', 'pipe'],
    });
    this.running.add(child);
    if (child.pid !== undefined) this.groups.add(child.pid);
    child.on('exit', () => this.running.delete(child));
    return new NodeScriptProcess(child, this.mode !== 'none');
  }

  takeEffects(): string[] {
    const effects: string[] = [];
    const calls = readFileSync(this.shimLog, 'utf8');
    for (const line of calls.slice(this.shimLogSeen).split('\n')) if (line !== '') effects.push(`ran ${line}`);
    this.shimLogSeen = calls.length;
    const now = this.snapshot();
    effects.push(...fileEffects(this.files, now, (path) => path));
    this.files = now;
    if (this.privateTmp !== undefined) {
      // The program's /tmp: kept from run to run (a state file of the add is there for the delete), never this machine's.
      const tmpNow = snapshotFiles(this.privateTmp);
      effects.push(...fileEffects(this.tmpFiles, tmpNow, (path) => `/tmp/${path} (the test's private /tmp)`));
      this.tmpFiles = tmpNow;
    }
    return effects;
  }

  /** Files under the installation directory (the AR log is the program's own business). */
  private snapshot(): Map<string, string> {
    const out = snapshotFiles(this.root);
    out.delete(AR_LOG_FILE);
    return out;
  }

  /** The program's AR log (logs/active-responses.log), for the report. */
  arLog(): string {
    try {
      return readFileSync(join(this.root, AR_LOG_FILE), 'utf8');
    } catch {
      return '';
    }
  }

  /**
   * Ends what the test started. A program's background work (`( sleep 600; undo ) &`) stays in its
   * process group after it exits; left running, it would act after the test, when the recorders on PATH
   * are gone and `iptables` is this machine's own. So every group is killed, not only running programs.
   */
  dispose(): void {
    this.holder?.kill('SIGKILL');
    for (const child of this.running) killGroup(child);
    for (const pgid of this.groups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // The group is gone.
      }
    }
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.shimDir, { recursive: true, force: true });
    if (this.privateTmp !== undefined) rmSync(this.privateTmp, { recursive: true, force: true });
  }
}

/** Every file under dir by its path relative to dir, with a signature that changes when the file does. */
/** What became of the files of a snapshot (snapshotFiles) by the next one: created, changed, removed; `shown` names each. */
function fileEffects(before: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>, shown: (path: string) => string): string[] {
  const effects: string[] = [];
  for (const [path, sig] of now) {
    const was = before.get(path);
    if (was === undefined) effects.push(`created ${shown(path)}`);
    else if (was !== sig) effects.push(`changed ${shown(path)}`);
  }
  for (const path of before.keys()) if (!now.has(path)) effects.push(`removed ${shown(path)}`);
  return effects;
}

function snapshotFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const st = statSync(path, { throwIfNoEntry: false });
        if (st) out.set(relative(dir, path), `${st.size}:${st.mtimeMs}:${readFileSync(path).toString('base64').slice(0, 4096)}`);
      }
    }
  };
  walk(dir);
  return out;
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
