/**
 * The sandbox's copy-on-write view of this machine: a new root (a tmpfs) in which every writable directory
 * tree is an overlay (lower: this machine's tree, upper: a tmpfs of the namespace), so a program's writes
 * succeed in the test and this machine's files stay as they were; the upper layers then say exactly what it
 * changed. Unprivileged overlayfs works in a user namespace since Linux 5.11 (`userxattr`).
 *
 * An overlay's lower directory may hold no mount of this machine below it (the kernel's clone_private_mount
 * refuses a tree with locked mounts, as every mount a user namespace inherits is), so the plan splits such a
 * directory: its subdirectories are covered one by one and its own files are copied into the new root
 * (Docker's /etc, where /etc/hosts and /etc/resolv.conf are mounts of their own). /proc, /sys and other
 * kernel filesystems are bound as they are, read-only; a read-only mount stays read-only. /dev is a tmpfs of
 * the namespace holding only null, zero, full, random, urandom and tty of this machine.
 */
import { lstatSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { ABSENT, fileState, Names, sameState, type FileState } from './file-changes.ts';

export interface MountEntry {
  path: string;
  /** Per-mount options (rw,nosuid,nodev,relatime...). */
  opts: string;
  fstype: string;
}

/** Kernel filesystems: bound as they are (read-only), never overlaid. */
const KERNEL_FS = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'mqueue', 'debugfs', 'tracefs', 'securityfs', 'pstore', 'bpf', 'configfs',
  'fusectl', 'hugetlbfs', 'binfmt_misc', 'autofs', 'efivarfs', 'selinuxfs', 'nsfs', 'rpc_pipefs',
]);
/** Trees bound whole whatever their filesystem (/dev is the namespace's own: privateDevLines). */
const KERNEL_TREES = new Set(['/proc', '/sys']);
/** The devices of this machine the private /dev holds (no disk, memory or console device). */
const PRIVATE_DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'];
/** The private /dev's tmpfs (its /dev/shm). */
const PRIVATE_DEV_SIZE = '16m';
/** Files copied into the new root up to this size; larger (or unreadable) ones are bound read-only. */
const COPY_MAX = 1 << 20;
/** A path overlayfs options or the set-up script cannot carry. */
const UNSAFE_PATH = /[,:\\\n]/;

/** The mounts of /proc/self/mountinfo by mount point (the last of a point is the visible one); octal escapes decoded. */
export function parseMountinfo(text: string): Map<string, MountEntry> {
  const out = new Map<string, MountEntry>();
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (fields.length < 7 || dash < 6) continue;
    const path = fields[4]!.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    out.delete(path);
    out.set(path, { path, opts: fields[5]!, fstype: fields[dash + 1] ?? '' });
  }
  return out;
}

export interface DirEntry {
  name: string;
  kind: 'directory' | 'file' | 'symlink' | 'other';
  size: number;
  mode: number;
  readable: boolean;
}

/**
 * The entries of a directory of this machine, for the plan. A name that is not UTF-8 is listed as `names`
 * shows it (\\xHH) and reached by its bytes: Node's string names gave it as U+FFFD, which named no file, and
 * the entry was left out of the new root.
 */
export function listDir(dir: string, names = new Names()): DirEntry[] {
  const out: DirEntry[] = [];
  for (const name of names.list(dir)) {
    const path = names.bytes(join(dir, name));
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    let readable = true;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      readable = false;
    }
    out.push({ name, kind: st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other', size: st.size, mode: st.mode & 0o7777, readable });
  }
  return out;
}

export interface OverlayLayer {
  /** The directory of this machine it covers. */
  path: string;
  /** Its upper directory, a path in the namespace. */
  upper: string;
}

export interface OverlayPlan {
  /** Shell lines for the set-up script, run as root of the namespace; `fail` is defined there. */
  lines: string[];
  layers: OverlayLayer[];
  /** Directories whose own entries are copies in the new root's tmpfs (split directories). */
  copied: string[];
  /**
   * The directories the set-up makes that stand for one of this machine's (`path`): each overlay's upper directory, whose
   * mode, owner and times its root shows (/root was 755, not 700), and each split directory of the new root (`made`, paths
   * of the namespace). They get this machine's directory's mode, times and, where the namespace maps its ids, owner and
   * group once the set-up is done (directoryAttributes), when no entry is added any more.
   */
  attributes: Array<{ path: string; made: string }>;
}

/** How the set-up says on stderr that a tree is read-only instead of an overlay (followed by its path). */
export const READ_ONLY_NOTICE = 'arctl sandbox read-only: ';

export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A path as one shell word: quoted (q), or, when it holds bytes that are not UTF-8 (Names.bytes gives a
 * Buffer), printf'd from octal escapes, which a script, being a string, cannot hold otherwise. (No newline is
 * in such a path: UNSAFE_PATH refuses it, and command substitution would drop a trailing one.)
 */
export function word(path: string | Buffer): string {
  if (typeof path === 'string') return q(path);
  const format = [...path].map((b) => (b === 0x25 ? '%%' : b === 0x5c ? '\\\\' : b === 0x27 ? `'\\''` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`)).join('');
  return `"$(printf '${format}')"`;
}

const isReadOnly = (opts: string) => opts === 'ro' || opts.startsWith('ro,');
/** `remount,bind,ro` with the flags a user namespace may not drop (nosuid, nodev, relatime...). */
const readOnlyOpts = (opts: string) => `remount,bind,ro${opts.replace(/^r[wo]/, '')}`;

/** The mount a path lives on: its longest mount point. */
function containing(mounts: ReadonlyMap<string, MountEntry>, p: string): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const [m, entry] of mounts) if ((m === p || m === '/' || p.startsWith(`${m}/`)) && (best === undefined || m.length > best.path.length)) best = entry;
  return best;
}

/** The options that remount a bind of `path` read-only, keeping the flags of the mount it lives on. */
export function readOnlyRemount(mounts: ReadonlyMap<string, MountEntry>, path: string): string {
  return readOnlyOpts(containing(mounts, path)?.opts ?? 'rw');
}

/**
 * Set-up lines that mount at `dev` (a shell word: quoted path or "$variable") a /dev of the namespace's own:
 * a tmpfs with null, zero, full, random, urandom and tty of this machine bound in, the fd links and a /dev/shm.
 * A read-only bind of the real /dev would still let a program run as root write a disk (read-only stops writes
 * to the tree, not I/O on its device nodes).
 */
export function privateDevLines(dev: string): string[] {
  return [
    `mount -n -t tmpfs -o mode=755,size=${PRIVATE_DEV_SIZE} arctl-dev ${dev} || fail 'cannot mount a private /dev'`,
    `for d in ${PRIVATE_DEVICES.join(' ')}; do [ -c "/dev/$d" ] || continue; : > ${dev}/"$d" && mount -n --bind "/dev/$d" ${dev}/"$d" || fail "cannot bind /dev/$d"; done`,
    `ln -s /proc/self/fd ${dev}/fd && ln -s /proc/self/fd/0 ${dev}/stdin && ln -s /proc/self/fd/1 ${dev}/stdout && ln -s /proc/self/fd/2 ${dev}/stderr && mkdir -m 1777 ${dev}/shm || fail 'cannot fill the private /dev'`,
  ];
}

/**
 * The mounts that build the new root `newRoot` (a tmpfs already mounted) from this machine's tree. `skip`:
 * directories left empty (the private /tmp is bound there later). Throws when a path cannot be carried.
 */
export function planOverlay(
  mounts: ReadonlyMap<string, MountEntry>,
  list: (dir: string) => DirEntry[],
  at: { newRoot: string; layers: string; skip: ReadonlySet<string>; names?: Names; ownership?: (path: string) => boolean },
): OverlayPlan {
  const lines: string[] = [];
  const layers: OverlayLayer[] = [];
  const copied: string[] = [];
  const points = [...mounts.keys()];
  // Paths as listed (names that are not UTF-8 shown \xHH); each shell word takes their bytes.
  const names = at.names ?? new Names();
  const path = (p: string) => word(names.bytes(p));
  const under = (p: string, dir: string) => (dir === '/' ? p !== '/' : p.startsWith(`${dir}/`));
  const target = (p: string) => path(`${at.newRoot}${p === '/' ? '' : p}`);
  const check = (p: string) => {
    const bytes = names.bytes(p);
    if (UNSAFE_PATH.test(typeof bytes === 'string' ? bytes : bytes.toString('latin1'))) throw new Error(`a path with a comma, colon, backslash or newline: ${JSON.stringify(p)}`);
  };

  const bindReadOnly = (p: string, recursive: boolean) => {
    lines.push(`mount -n ${recursive ? '--rbind' : '--bind'} ${path(p)} ${target(p)} || fail ${q(`cannot bind ${p}`)}`);
    // The bound mount and every writable mount below it made read-only in the namespace (devices stay usable).
    const own = containing(mounts, p);
    const below = recursive ? points.filter((m) => under(m, p)) : [];
    for (const [m, entry] of [[p, own] as const, ...below.map((m) => [m, mounts.get(m)] as const)]) {
      if (entry && !isReadOnly(entry.opts)) lines.push(`mount -n -o ${q(readOnlyOpts(entry.opts))} ${target(m)} || fail ${q(`cannot make ${m} read-only`)}`);
    }
  };

  const owned = (p: string) => at.ownership?.(p) ?? false;
  const attributes: Array<{ path: string; made: string }> = [];

  // A /dev of the namespace's own with this machine's harmless devices bound in: a read-only bind of the real
  // /dev would still let root open and write its disks (read-only stops writes to the tree, not device I/O).
  const privateDev = () => lines.push(...privateDevLines(target('/dev')));

  const cover = (p: string, mode: number) => {
    check(p);
    if (p !== '/') lines.push(`mkdir -p ${target(p)} && chmod ${mode.toString(8)} ${target(p)} || fail ${q(`cannot make ${p} in the new root`)}`);
    if (at.skip.has(p)) return;
    const mount = mounts.get(p);
    if (p === '/dev') return privateDev();
    if (p !== '/' && (KERNEL_TREES.has(p) || (mount && KERNEL_FS.has(mount.fstype)))) return bindReadOnly(p, true);
    const split = p === '/' || points.some((m) => under(m, p));
    if (!split) {
      if (mount && isReadOnly(mount.opts)) return bindReadOnly(p, true);
      const i = layers.length;
      const upper = `${at.layers}/u/${i}`;
      const work = `${at.layers}/w/${i}`;
      layers.push({ path: p, upper });
      lines.push(`mkdir ${q(upper)} ${q(work)} || fail ${q(`cannot make ${upper}`)}`);
      attributes.push({ path: p, made: upper });
      // A tree the kernel will not overlay (a FUSE or 9p mount...) is bound read-only, and said so; the rest stays an overlay.
      const fallback = `mount -n --bind ${path(p)} ${target(p)} && mount -n -o ${q(readOnlyRemount(mounts, p))} ${target(p)} || fail ${q(`cannot mount an overlay on ${p}, nor bind it read-only`)}`;
      // One shell word: quoted whole, or, for a path that is not UTF-8, quoted around its printf.
      const lower = names.bytes(p);
      const options = typeof lower === 'string' ? q(`userxattr,lowerdir=${p},upperdir=${upper},workdir=${work}`) : `${q('userxattr,lowerdir=')}${word(lower)}${q(`,upperdir=${upper},workdir=${work}`)}`;
      lines.push(`mount -n -t overlay arctl-overlay -o ${options} ${target(p)} || { ${fallback}; echo ${q(`${READ_ONLY_NOTICE}${p}`)} >&2; }`);
      return;
    }
    const copies: string[] = [];
    for (const entry of list(p)) {
      const child = p === '/' ? `/${entry.name}` : `${p}/${entry.name}`;
      if (entry.kind === 'directory') cover(child, entry.mode);
      else if (entry.kind === 'symlink' || (entry.kind === 'file' && entry.readable && entry.size <= COPY_MAX)) copies.push(child);
      else {
        check(child);
        lines.push(`: > ${target(child)} || fail ${q(`cannot make ${child} in the new root`)}`);
        bindReadOnly(child, false);
      }
    }
    if (copies.length > 0) {
      copies.forEach(check);
      // Owner and group too where the namespace maps them; else cp fails on an id it does not map (and drops the group's bits of the
      // mode): mode and times only.
      const mapped = copies.filter(owned);
      const unmapped = copies.filter((c) => !mapped.includes(c));
      for (const [files, preserve] of [[mapped, 'mode,ownership,timestamps'], [unmapped, 'mode,timestamps']] as const) {
        if (files.length > 0) lines.push(`cp -P --preserve=${preserve} -- ${files.map(path).join(' ')} ${target(p)}/ || fail ${q(`cannot copy the files of ${p}`)}`);
      }
    }
    attributes.push({ path: p, made: `${at.newRoot}${p === '/' ? '' : p}` });
    copied.push(p);
  };
  cover('/', 0o755);
  return { lines, layers, copied, attributes };
}

/**
 * The paths whose state in the new root differs from this machine's, with their state there: what the
 * program changed, created and removed, cumulatively; `limit.compared` at most (the bytes of the first
 * `limit.read` read, the others' size, time and mode), and how many more differ. `ns(p)`
 * names path p of the namespace as this process reaches it (through /proc/PID/root of the namespace's
 * holder); the new root is at `newRoot` there. `dirNames` keeps the bytes of the names that are not UTF-8.
 * `baseline`: paths the set-up itself changed (the recorders it put at absolute paths), with their state then,
 * which stands for this machine's.
 */
export function overlayState(
  plan: Pick<OverlayPlan, 'layers' | 'copied'>,
  ns: (p: string) => string,
  newRoot: string,
  limit: { read: number; compared: number },
  dirNames = new Names(),
  baseline: ReadonlyMap<string, FileState> = new Map(),
): { state: Map<string, FileState>; more: number } {
  const out = new Map<string, FileState>();
  let more = 0;
  const view = (p: string) => ns(`${newRoot}${p}`);
  // Paths hold names that are not UTF-8 as shown (Names); each file system call takes their bytes. Past `limit.read`
  // differing paths a file's bytes are not read (size, time and mode tell), past `limit.compared` a path is counted.
  const state = (p: string, read = out.size < limit.read) => fileState(dirNames.bytes(p), read);
  const differs = (p: string, now: FileState) => {
    const host = baseline.get(p) ?? state(p, !now.unread);
    if (host.kind === 'directory' && now.kind === 'directory') return;
    if (sameState(host, now)) return;
    if (out.size < limit.compared) out.set(p, now);
    else more++;
  };
  const names = (dir: string) => {
    try {
      return dirNames.list(dir);
    } catch {
      return [];
    }
  };
  /** A directory of the new root that this machine does not have: everything in it is new. */
  const created = (p: string) => {
    for (const name of names(view(p))) {
      const child = join(p, name);
      const now = state(view(child));
      differs(child, now);
      if (now.kind === 'directory') created(child);
    }
  };
  /** Removed: what this machine has in a directory and the new root no longer shows (whiteouts, opaque directories). */
  const removedFrom = (p: string) => {
    const seen = new Set(names(view(p)));
    for (const name of names(p)) if (!seen.has(name)) differs(join(p, name), ABSENT);
  };
  const walkUpper = (upper: string, p: string) => {
    for (const name of names(upper)) {
      const child = join(p, name);
      const now = state(view(child));
      differs(child, now);
      if (now.kind !== 'directory') continue;
      if (state(child).kind === 'directory') removedFrom(child);
      walkUpper(join(upper, name), child);
    }
  };
  for (const layer of plan.layers) walkUpper(ns(layer.upper), layer.path);
  for (const dir of plan.copied) {
    const host = new Set(names(dir));
    for (const name of new Set([...names(view(dir)), ...host])) {
      const p = join(dir, name);
      // A directory of this machine is covered by its own layer (or bound, or the private /tmp).
      if (host.has(name) && state(p).kind === 'directory') continue;
      const now = state(view(p));
      differs(p, now);
      if (now.kind === 'directory') created(p);
    }
  }
  return { state: out, more };
}
