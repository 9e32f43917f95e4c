/**
 * The overlay plan of `arctl script test` (which mounts the sandbox's new root is built from) and the line
 * diff of a small text file, as data: no namespace needed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileChange, readHead, textDiff } from '../../src/script/file-changes.ts';
import { tempDir } from '../helpers/temp.ts';
import { parseMountinfo, planOverlay, readOnlyRemount, type DirEntry } from '../../src/script/overlay.ts';

/** A Docker container's mounts: /etc/hosts and /etc/resolv.conf are file mounts, /proc and /dev kernel trees, /opt/ro read-only. */
const MOUNTINFO = [
  '500 400 0:50 / / rw,relatime - overlay overlay rw,lowerdir=/x,upperdir=/y,workdir=/z',
  '501 500 0:51 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  '502 500 0:52 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755',
  '503 502 0:53 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k',
  '504 500 254:1 /containers/a/hosts /etc/hosts rw,relatime - ext4 /dev/vda1 rw',
  '505 500 254:1 /containers/a/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda1 rw',
  '506 500 0:54 / /opt/ro ro,nosuid,relatime - tmpfs ro rw',
  '507 500 0:55 / /srv/with\\040space rw,relatime - ext4 /dev/vda2 rw',
].join('\n');

const dirs: Record<string, DirEntry[]> = {
  '/': ['bin', 'dev', 'etc', 'opt', 'proc', 'srv', 'tmp', 'usr'].map((name) => ({ name, kind: name === 'bin' ? 'symlink' : 'directory', size: 7, mode: name === 'tmp' ? 0o1777 : 0o755, readable: true })),
  '/etc': [
    { name: 'hosts', kind: 'file', size: 174, mode: 0o644, readable: true },
    { name: 'resolv.conf', kind: 'file', size: 90, mode: 0o644, readable: true },
    { name: 'hosts.deny', kind: 'file', size: 711, mode: 0o644, readable: true },
    { name: 'shadow', kind: 'file', size: 500, mode: 0o640, readable: false },
    { name: 'ssh', kind: 'directory', size: 4096, mode: 0o755, readable: true },
  ],
  '/opt': [{ name: 'ro', kind: 'directory', size: 40, mode: 0o755, readable: true }],
  '/srv': [{ name: 'with space', kind: 'directory', size: 40, mode: 0o755, readable: true }],
};

describe('script test overlay plan', () => {
  const mounts = parseMountinfo(MOUNTINFO);
  const plan = planOverlay(mounts, (dir) => dirs[dir] ?? [], { newRoot: '/L/root', layers: '/L', skip: new Set(['/tmp']) });

  test('each writable tree without mounts below is an overlay; a directory with mounts below is split and its files copied', () => {
    assert.deepEqual(plan.layers, [
      { path: '/etc/ssh', upper: '/L/u/0' },
      { path: '/srv/with space', upper: '/L/u/1' },
      { path: '/usr', upper: '/L/u/2' },
    ]);
    assert.deepEqual(plan.copied, ['/etc', '/opt', '/srv', '/']);
    // A tree the kernel refuses to overlay is bound read-only instead, and said so.
    assert.ok(plan.lines.includes(`mount -n -t overlay arctl-overlay -o 'userxattr,lowerdir=/usr,upperdir=/L/u/2,workdir=/L/w/2' '/L/root/usr' || { mount -n --bind '/usr' '/L/root/usr' && mount -n -o 'remount,bind,ro,relatime' '/L/root/usr' || fail 'cannot mount an overlay on /usr, nor bind it read-only'; echo 'arctl sandbox read-only: /usr' >&2; }`));
    // Docker's file mounts and hosts.deny are copies the program may change; an unreadable file is bound read-only.
    assert.ok(plan.lines.includes(`cp -P --preserve=mode,timestamps -- '/etc/hosts' '/etc/resolv.conf' '/etc/hosts.deny' '/L/root/etc'/ || fail 'cannot copy the files of /etc'`));
    assert.ok(plan.lines.includes(`mount -n --bind '/etc/shadow' '/L/root/etc/shadow' || fail 'cannot bind /etc/shadow'`));
    assert.ok(plan.lines.includes(`cp -P --preserve=mode,timestamps -- '/bin' '/L/root'/ || fail 'cannot copy the files of /'`));
  });

  test('kernel trees are bound whole and made read-only with the flags they keep; a read-only mount is bound as it is; /tmp is left empty', () => {
    const about = (p: string) => plan.lines.filter((l) => l.includes(`'/L/root${p}'`)).map((l) => l.replace(/ \|\| fail .*/, ''));
    assert.deepEqual(about('/proc'), [`mkdir -p '/L/root/proc' && chmod 755 '/L/root/proc'`, `mount -n --rbind '/proc' '/L/root/proc'`, `mount -n -o 'remount,bind,ro,nosuid,nodev,noexec,relatime' '/L/root/proc'`]);
    // /dev is the namespace's own tmpfs with a few harmless devices bound in: nothing of this machine's /dev (its /dev/shm) is bound.
    assert.deepEqual(about('/dev/shm'), []);
    assert.equal(about('/dev')[1], `mount -n -t tmpfs -o mode=755,size=16m arctl-dev '/L/root/dev'`);
    assert.match(about('/dev')[2]!, /^for d in null zero full random urandom tty; do .*mount -n --bind "\/dev\/\$d" '\/L\/root\/dev'\/"\$d"/);
    assert.deepEqual(about('/opt/ro'), [`mkdir -p '/L/root/opt/ro' && chmod 755 '/L/root/opt/ro'`, `mount -n --rbind '/opt/ro' '/L/root/opt/ro'`]);
    assert.deepEqual(about('/tmp'), [`mkdir -p '/L/root/tmp' && chmod 1777 '/L/root/tmp'`]);
    assert.equal(readOnlyRemount(mounts, '/tmp/arctl-script-bin-x'), 'remount,bind,ro,relatime');
  });

  test('a path the overlay options cannot carry is refused (the read-only mounts are used instead)', () => {
    assert.throws(() => planOverlay(mounts, (dir) => (dir === '/' ? [{ name: 'a,b', kind: 'directory', size: 1, mode: 0o755, readable: true }] : []), { newRoot: '/L/root', layers: '/L', skip: new Set() }), /a path with a comma/);
  });
});

describe('script test text diff', () => {
  test('the lines between the common head and tail, removed then added, a few at most', () => {
    assert.deepEqual(textDiff('ALL: 192.0.2.1\n', 'ALL: 192.0.2.1\nALL:203.0.113.7\n'), ['+ALL:203.0.113.7']);
    assert.deepEqual(textDiff('a\nb\nc\n', 'a\nc\n'), ['-b']);
    assert.deepEqual(textDiff('a\nb\nc\n', 'a\nB\nc\n'), ['-b', '+B']);
    assert.deepEqual(textDiff('a', 'a\n'), ['+(a newline at the end)']);
    const many = textDiff('', Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'));
    assert.equal(many.length, 8);
    assert.equal(many.at(-1), '… 13 more line(s)');
  });
});

describe('script test file changes', () => {
  test('the effect names the path, a link\'s target, what else changed, then where', () => {
    const file = (text: string, mode = 0o644, mtimeMs = 1) => ({ kind: 'file' as const, size: text.length, mtimeMs, mode, text });
    const where = " (in the test's overlay)";
    assert.deepEqual(fileChange('/etc/hosts.deny', file('a\n'), file('a\nALL:203.0.113.7\n', 0o644, 2), '/etc/hosts.deny', where), { effect: `changed /etc/hosts.deny${where}`, path: '/etc/hosts.deny', change: 'changed', kind: 'file', diff: ['+ALL:203.0.113.7'] });
    assert.equal(fileChange('/x', file('a'), file('a', 0o600), '/x', where)?.effect, `changed /x, mode 0644 -> 0600, same content${where}`);
    assert.equal(fileChange('/x', file('a'), file('a', 0o644, 2), '/x', where)?.effect, `changed /x, written again with the same content${where}`);
    assert.equal(fileChange('/l', { kind: 'absent' }, { kind: 'symlink', target: '/etc/passwd' }, '/l', where)?.effect, `created /l -> /etc/passwd${where}`);
    assert.equal(fileChange('/d', { kind: 'directory', mode: 0o755 }, { kind: 'absent' }, '/d', where)?.effect, `removed /d/${where}`);
    assert.equal(fileChange('/x', file('a'), file('a'), '/x', where), undefined);
  });
});

describe('script test reads of a file the program may have swapped since its lstat', () => {
  test('a FIFO is not opened for a read that would wait for a writer, a symbolic link is not followed; a regular file is read', { skip: spawnSync('mkfifo', ['--version']).status === 0 ? false : 'no mkfifo' }, () => {
    const dir = tempDir('arctl-script-head-');
    const fifo = join(dir, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    // Before: openSync(fifo, 'r') blocked this process until a writer came (never).
    assert.equal(readHead(fifo, 4096), undefined);
    writeFileSync(join(dir, 'secret'), 'host file\n');
    symlinkSync(join(dir, 'secret'), join(dir, 'link'));
    assert.equal(readHead(join(dir, 'link'), 4096), undefined);
    assert.equal(readHead(join(dir, 'secret'), 4096)?.toString(), 'host file\n');
  });
});
