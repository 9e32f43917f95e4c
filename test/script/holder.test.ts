/**
 * The process holding the sandbox's namespaces (src/script/node-host.ts startHolder): how long its set-up is
 * waited for. Needs user, network, mount and PID namespaces; skipped where the kernel refuses them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import { MOUNT_UNSHARE_ARGS, SETUP_DONE, startHolder } from '../../src/script/node-host.ts';

describe("the sandbox's holder", () => {
  const unshare = spawnSync('unshare', [...MOUNT_UNSHARE_ARGS, 'true'], { encoding: 'utf8' });
  const skip = unshare.status === 0 ? false : `unshare ${MOUNT_UNSHARE_ARGS.join(' ')} is not permitted here`;
  /** A set-up of 8 half-second steps (4 s), each saying `.` when `progress`, then ready. */
  const setUp = (progress: boolean) => `echo map; read -r _; i=0; while [ $i -lt 8 ]; do sleep 0.5; ${progress ? 'echo .; ' : ''}i=$((i+1)); done; read -r self _ < /proc/self/stat; echo '${SETUP_DONE}' >&2; echo "ready $self"; read -r _`;

  test('a set-up slower than the wait is waited for while it shows progress; a silent one falls back', { skip }, async () => {
    // Before: a bound on the whole set-up (30 s), which a loaded machine exceeded, falling back at random.
    const slow = await startHolder(setUp(true), [tmpdir()], 3000);
    assert.equal(slow.ok, true, slow.ok ? '' : slow.reason);
    if (slow.ok) slow.holder.process.kill('SIGKILL');
    const silent = await startHolder(setUp(false), [tmpdir()], 3000);
    assert.deepEqual(silent, { ok: false, reason: 'the set-up showed no progress for 3s' });
  });

  test("what the set-up says on stderr before it is ready is in, whichever pipe arctl reads first", { skip }, async () => {
    // Its notices a second late on stderr (a loaded machine may deliver that pipe after stdout): ready waits for them.
    const late = `echo map; read -r _; read -r self _ < /proc/self/stat; (sleep 1; echo 'arctl sandbox read-only: /srv/fuse' >&2; echo '${SETUP_DONE}' >&2) & echo "ready $self"; read -r _`;
    const started = await startHolder(late, [tmpdir()], 30_000);
    assert.equal(started.ok, true, started.ok ? '' : started.reason);
    if (!started.ok) return;
    started.holder.process.kill('SIGKILL');
    // Before: ready on stdout was enough, and the tree bound read-only went unnamed.
    assert.deepEqual(started.readOnly, ['/srv/fuse']);
  });
});
