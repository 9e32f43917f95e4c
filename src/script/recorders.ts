/**
 * The recorders: programs put first on the program's PATH under the names of firewall, system and (outside
 * the overlay) file commands, which record their command line instead of running it. Their record must be
 * one the program cannot take back: anything the recorder can reach the program can reach too, so the
 * channel is one that only carries records to arctl. A file, even bound read-only around it, could be
 * truncated or rewritten through the recorder's own write access (session 17 found `: > .calls` erased the
 * record, and a newline in an argument forged a second line).
 *
 * Each record travels as its own message over a UNIX socket to arctl: on the socket every run gets as fd
 * RECORD_FD (arctl's own connection to the listening socket below: a socket cannot be reopened through
 * /proc/PID/fd, so the program can neither read it back nor truncate it), or, when that fd is not this very
 * socket (the program closed it for its child, as Python's subprocess does, or made fd 7 a copy of its stderr
 * with `exec 7>&2`, which would swallow the records), through the listening socket in the recorders' directory,
 * with a short Node client that returns once arctl has the record. The recorders know the socket by its inode
 * (`socket:[N]`, written into them, in their read-only directory). A program can add records (as calling a
 * recorder would), not erase, change or merge them.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { chmodSync, readlinkSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXECD_ENVIRONMENT } from '../wazuh/execd-protocol.ts';
import { q } from './overlay.ts';

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

/**
 * The directories of execd's PATH as this machine has them: each resolved (/sbin is usr/sbin where /usr is
 * merged), once, those that exist. A program that names a command by absolute path (/sbin/iptables, as the
 * ossec-hids firewall-drop.sh does after probing `ls /sbin/iptables`, then /usr/sbin/iptables) finds a recorder
 * there in the test (plantRecorderLines), not the real program, nor nothing where this machine lacks it.
 */
export function recorderDirectories(): string[] {
  const dirs: string[] = [];
  for (const dir of EXECD_ENVIRONMENT.PATH!.split(':')) {
    try {
      const real = realpathSync(dir);
      if (statSync(real).isDirectory() && !dirs.includes(real)) dirs.push(real);
    } catch {
      // Not on this machine.
    }
  }
  return dirs;
}

/** The paths plantRecorderLines() puts a recorder at, in the new root: DIR/COMMAND for every directory and recorded command. */
export function plantedPaths(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => RECORDED_COMMANDS.map((command) => `${dir}/${command}`));
}

/**
 * Set-up lines (the overlay's): a copy of each recorder at every directory of `dirs` in the new root (`newRoot`,
 * a shell word; `shims`, the recorders' directory as the set-up reaches it), replacing the program or the
 * symbolic link there (in the overlay: this machine's stays as it is), or where this machine has none, as the
 * PATH recorders stand for every command whether this machine has it or not. A tree bound read-only keeps its
 * own (cp fails there), and so does a directory of a recorded command's name; the directory keeps its time. One
 * cp a directory: the set-up runs on loaded machines, where each process it starts costs. The state of these paths after the set-up is what the
 * program's changes are measured against (not this machine's file).
 */
export function plantRecorderLines(dirs: readonly string[], newRoot: string, shims: string): string[] {
  if (dirs.length === 0) return [];
  return [
    `for d in ${dirs.map(q).join(' ')}; do
  [ -d ${newRoot}"$d" ] && [ ! -L ${newRoot}"$d" ] || continue
  (cd ${shims} && cp --remove-destination -- ${RECORDED_COMMANDS.join(' ')} ${newRoot}"$d/" 2>/dev/null)
  touch -r "$d" ${newRoot}"$d" 2>/dev/null
done`,
  ];
}

/**
 * Set-up lines (the read-only mount namespace's, which has no layer to write in): the recorder bound over each
 * recorded command found in `dirs` as a file, or as a symbolic link to a file of a recorded command's name
 * (/usr/sbin/iptables-legacy: that command's recorder). A link to a program of another name (busybox, an
 * xtables multi-call binary) keeps its program: a recorder there would stand for every name it serves.
 */
export function bindRecorderLines(dirs: readonly string[], shims: string): string[] {
  if (dirs.length === 0) return [];
  return [
    `for d in ${dirs.map(q).join(' ')}; do
  for c in ${RECORDED_COMMANDS.join(' ')}; do
    t="$d/$c"; [ -L "$t" ] && t=$(readlink -f -- "$t"); [ -f "$t" ] && [ ! -L "$t" ] || continue
    case " ${RECORDED_COMMANDS.join(' ')} " in *" \${t##*/} "*) mount -n --bind ${shims}"/\${t##*/}" "$t" 2>/dev/null ;; esac
  done
done`,
  ];
}

/**
 * The fd every run gets its recorders' socket on: one digit, as dash redirects no other, and not 3, 4 or 9,
 * which scripts take for their own (`exec 9>lock; flock 9`). A program that takes 7 anyway for its own file
 * leaves its recorders the listening socket: `[ -S ]` tells them.
 */
export const RECORD_FD = 7;
/** The listening socket in the recorders' directory, and its client. */
const SOCKET = '.record';
const CLIENT = '.record.cjs';
/** A record's bytes at most (a command line of megabytes is cut). */
const RECORD_MAX = 4000;
/** Records kept at most between two takes; more are counted. */
const KEPT = 1000;

/** The client for a recorder whose program closed RECORD_FD: sends argv[3] to the socket argv[2], exits 0 once arctl has it. */
const CLIENT_SOURCE = `'use strict';
const c = require('node:net').connect(process.argv[2], () => c.end(process.argv[3]));
c.on('data', () => {});
c.on('end', () => process.exit(0));
c.on('error', () => process.exit(1));
`;

export interface Taken {
  records: string[];
  /** Records past the kept ones. */
  more: number;
}

/** The recorders' directory's programs and the channels their records come back by. */
export class Recorders {
  private readonly server: Server;
  /** Every connection to the server, arctl's own included: ended with the test. */
  private readonly connections = new Set<Socket>();
  /** arctl's connection to its server, every run's RECORD_FD. */
  readonly channel: Socket;
  private records: string[] = [];
  private more = 0;

  constructor(private readonly dir: string, installationDir: string) {
    const socket = join(dir, SOCKET);
    writeFileSync(join(dir, CLIENT), CLIENT_SOURCE);
    // Bound now (a UNIX socket binds synchronously). Records are NUL-delimited; a client's connection is one
    // record, acknowledged by the close (its end completes a last record without a NUL).
    this.server = createServer((conn) => this.read(conn));
    this.server.on('error', () => {});
    this.server.listen(socket);
    this.server.unref();
    // The socket end every run gets as RECORD_FD, known by its inode (no process can make another with it).
    this.channel = connect(socket);
    this.channel.on('error', () => {});
    this.channel.unref();
    const fd = (this.channel as unknown as { _handle?: { fd?: number } })._handle?.fd;
    let inode = '';
    try {
      inode = fd !== undefined && fd >= 0 ? readlinkSync(`/proc/self/fd/${fd}`) : '';
    } catch {
      // No /proc: every record goes by the client.
    }
    // printf's %.Ns keeps N bytes; the record goes as one write, NUL-delimited (no argument holds a NUL).
    const record = `rec() {
  if [ "$(readlink /proc/self/fd/${RECORD_FD} 2>/dev/null)" = ${q(inode || 'none')} ] && printf '\\000%.${RECORD_MAX}s\\000' "$1" >&${RECORD_FD} 2>/dev/null; then return 0; fi
  ${q(process.execPath)} ${q(join(dir, CLIENT))} ${q(socket)} "$1" 2>/dev/null && return 0
  echo "arctl recorder: could not record: $1" >&2
}
`;
    // Named as the program called it ($0's last component): a recorder bound over a program another name links
    // to (/usr/sbin/reboot -> /bin/systemctl, bindRecorderLines) records the name called.
    for (const command of RECORDED_COMMANDS) this.write(command, `${record}rec "\${0##*/} $*"\nexit 0\n`);
    // Paths resolved as the program names them (relative to its working directory, symbolic links followed).
    for (const command of FILE_COMMANDS) {
      const outside = `for a in "$@"; do\n  case "$a" in -*) continue ;; esac\n  p=$(realpath -m -- "$a" 2>/dev/null) || p=\n  case "$p" in ${q(installationDir)}|${q(installationDir)}/*) ;; *) rec "${command} $*"; exit 0 ;; esac\ndone\n`;
      this.write(command, `${record}${outside}PATH='${EXECD_ENVIRONMENT.PATH}' exec ${command} "$@"\n`);
    }
  }

  private write(command: string, body: string): void {
    const path = join(this.dir, command);
    writeFileSync(path, `#!/bin/sh\n${body}`);
    chmodSync(path, 0o755);
  }

  /** Reads a connection's records: NUL-delimited, a partial one waits for its end (or the connection's). */
  private read(conn: Socket): void {
    this.connections.add(conn);
    // A client that never closes (or arctl's own connection) does not keep arctl running.
    conn.unref();
    let pending = '';
    conn.setEncoding('utf8');
    conn.on('data', (chunk: string) => {
      const parts = (pending + chunk).split('\0');
      pending = parts.pop()!.slice(0, RECORD_MAX);
      for (const part of parts) if (part !== '') this.add(part.slice(0, RECORD_MAX));
    });
    conn.on('end', () => {
      if (pending !== '') this.add(pending);
      pending = '';
      conn.end();
    });
    conn.on('error', () => {});
    conn.on('close', () => this.connections.delete(conn));
  }

  private add(record: string): void {
    if (this.records.length < KEPT) this.records.push(record);
    else this.more++;
  }

  /** The records since the last take. */
  take(): Taken {
    const taken = { records: this.records, more: this.more };
    this.records = [];
    this.more = 0;
    return taken;
  }

  close(): void {
    this.server.close();
    this.channel.destroy();
    for (const conn of this.connections) conn.destroy();
  }
}

/** A record as a line of the run's effects: a newline in an argument shows as \n, so one record is one line. */
export function recordLine(record: string): string {
  return `ran ${record.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}`;
}
