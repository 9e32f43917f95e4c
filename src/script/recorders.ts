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
  // Blocks handed to other hosts (a firewall, a router, an Ansible inventory): wazuh/integrations' Ansible response runs ansible-playbook.
  'ansible-playbook', 'ansible', 'ssh', 'scp',
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

/**
 * The client for a recorder whose program closed RECORD_FD: sends argv[3] to the socket argv[2], exits 0 once arctl has it.
 * A query (QUERY, then the command line) exits with arctl's answer: 1 when what it asks about is absent.
 */
const CLIENT_SOURCE = `'use strict';
let answer = '';
const c = require('node:net').connect(process.argv[2], () => c.end(process.argv[3]));
c.on('data', (d) => { answer += d; });
c.on('end', () => process.exit(answer === '1' ? 1 : 0));
c.on('error', () => process.exit(1));
`;

/**
 * A query's first character: a recorder asks arctl whether a firewall rule or set entry is there (iptables -C,
 * ipset test), and exits as the command would. Queries change nothing: they are answered, not recorded.
 */
const QUERY = '?';

/** The iptables programs (and ip6tables'), each family keeping its own rules. */
const IPTABLES_FAMILY = new Set(['iptables', 'iptables-legacy', 'iptables-nft', 'iptables-multi', 'ip6tables', 'ip6tables-legacy', 'ip6tables-nft']);

/**
 * The firewall the recorded commands build, from this machine's empty one: the rules `iptables -A/-I` added and
 * `-D` took out, the entries of `ipset add/del`. `iptables -C` and `ipset test` answer from it, as the programs
 * would on an agent whose firewall holds only what the response added: a check before acting (`iptables -C ... ||
 * iptables -I ...`) finds nothing the first time and the rule once added. A recorder that always succeeded told
 * every check "already there", so such a program never showed its action (and a check before a delete always
 * deleted).
 */
export class RecordedFirewall {
  private readonly rules = new Map<string, string[]>();
  private readonly sets = new Set<string>();

  /** Follows a recorded command line (`iptables -I INPUT -s 203.0.113.7 -j DROP`). */
  apply(record: string): void {
    const words = record.split(' ').filter((w) => w !== '');
    const command = words[0] ?? '';
    if (IPTABLES_FAMILY.has(command)) this.applyIptables(familyOf(command), words.slice(1));
    else if (command === 'ipset') this.applyIpset(words.slice(1));
  }

  /** Whether a query's rule or entry is there (the command's exit status 0). */
  answer(query: string): boolean {
    const words = query.split(' ').filter((w) => w !== '');
    const command = words[0] ?? '';
    if (IPTABLES_FAMILY.has(command)) {
      const rule = iptablesRule(words.slice(1));
      return rule !== undefined && (this.rules.get(familyOf(command)) ?? []).includes(rule.key);
    }
    if (command === 'ipset') {
      const entry = ipsetEntry(words.slice(1));
      return entry !== undefined && this.sets.has(entry.key);
    }
    return false;
  }

  private applyIptables(family: string, args: string[]): void {
    const rule = iptablesRule(args);
    if (!rule) return;
    const rules = this.rules.get(family) ?? [];
    this.rules.set(family, rules);
    if (rule.op === 'add') rules.push(rule.key);
    else if (rule.op === 'delete') {
      const at = rules.indexOf(rule.key);
      if (at !== -1) rules.splice(at, 1);
    } else if (rule.op === 'flush') {
      this.rules.set(family, rules.filter((key) => !key.startsWith(rule.key)));
    }
  }

  private applyIpset(args: string[]): void {
    const entry = ipsetEntry(args);
    if (!entry) return;
    if (entry.op === 'add') this.sets.add(entry.key);
    else if (entry.op === 'delete') this.sets.delete(entry.key);
    else if (entry.op === 'flush') for (const key of [...this.sets]) if (key.startsWith(entry.key)) this.sets.delete(key);
  }
}

function familyOf(command: string): string {
  return command.startsWith('ip6') ? 'ip6tables' : 'iptables';
}

const IPTABLES_OPS: Record<string, 'add' | 'delete' | 'check' | 'flush'> = {
  '-A': 'add', '--append': 'add', '-I': 'add', '--insert': 'add', '-D': 'delete', '--delete': 'delete', '-C': 'check', '--check': 'check', '-F': 'flush', '--flush': 'flush',
};

/**
 * An iptables command line read as a rule: its operation and `TABLE CHAIN SPEC` (the table `filter` unless -t names
 * one; -I's rule number dropped), or for -F the table and chain it empties as a prefix. A rule deleted or inserted by
 * number alone, or a line without an operation, gives undefined.
 */
function iptablesRule(args: string[]): { op: 'add' | 'delete' | 'check' | 'flush'; key: string } | undefined {
  let table = 'filter';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = args[++i] ?? table;
    else if (a.startsWith('--table=')) table = a.slice('--table='.length);
    else if (a === '-w' || a === '--wait') {
      if (/^\d+$/.test(args[i + 1] ?? '')) i++;
    } else rest.push(a);
  }
  const at = rest.findIndex((a) => IPTABLES_OPS[a] !== undefined);
  if (at === -1) return undefined;
  const op = IPTABLES_OPS[rest[at]!]!;
  const chain = rest[at + 1];
  const spec = [...rest.slice(0, at), ...rest.slice(at + 2)];
  if (op === 'flush') return { op, key: chain === undefined || chain.startsWith('-') ? `${table} ` : `${table} ${chain} ` };
  if (chain === undefined) return undefined;
  if (rest[at] === '-I' || rest[at] === '--insert') {
    if (/^\d+$/.test(spec[0] ?? '')) spec.shift();
  }
  if (spec.length === 0 || (op === 'delete' && spec.length === 1 && /^\d+$/.test(spec[0]!))) return undefined;
  return { op, key: `${table} ${chain} ${spec.join(' ')}` };
}

/** An ipset command line: add, del, test (an entry `SET ENTRY`) or flush (a set, or every one). */
function ipsetEntry(args: string[]): { op: 'add' | 'delete' | 'check' | 'flush'; key: string } | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const ops: Record<string, 'add' | 'delete' | 'check' | 'flush'> = { add: 'add', del: 'delete', test: 'check', flush: 'flush' };
  const op = ops[words[0] ?? ''];
  if (!op) return undefined;
  if (op === 'flush') return { op, key: words[1] === undefined ? '' : `${words[1]} ` };
  if (words[1] === undefined || words[2] === undefined) return undefined;
  return { op, key: `${words[1]} ${words[2]}` };
}

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
  /** What iptables -C and ipset test answer from. */
  private readonly firewall = new RecordedFirewall();

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
    // A check (iptables -C, ipset test) asks arctl and exits as the command would (RecordedFirewall); iptables says why on stderr.
    const ask = `${q(process.execPath)} ${q(join(dir, CLIENT))} ${q(socket)} "${QUERY}\${0##*/} $*" 2>/dev/null`;
    const checks: Record<string, string> = {
      iptables: `case " $* " in *" -C "*|*" --check "*) ${ask} && exit 0; echo "\${0##*/}: Bad rule (does a matching rule exist in that chain?)." >&2; exit 1 ;; esac\n`,
      ipset: `for a in "$@"; do case "$a" in -*) continue ;; test) ${ask}; exit $? ;; *) break ;; esac; done\n`,
    };
    for (const command of RECORDED_COMMANDS) {
      const check = IPTABLES_FAMILY.has(command) ? checks.iptables : command === 'ipset' ? checks.ipset : '';
      this.write(command, `${record}${check}rec "\${0##*/} $*"\nexit 0\n`);
    }
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
      // A query comes alone on a connection of its own (the client's): answered on it, not kept as a record.
      if (pending.startsWith(QUERY)) {
        conn.end(this.firewall.answer(pending.slice(QUERY.length)) ? '0' : '1');
        pending = '';
        return;
      }
      if (pending !== '') this.add(pending);
      pending = '';
      conn.end();
    });
    conn.on('error', () => {});
    conn.on('close', () => this.connections.delete(conn));
  }

  private add(record: string): void {
    // A query sent where records go is no record (a program can write anything there).
    if (record.startsWith(QUERY)) return;
    this.firewall.apply(record);
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
