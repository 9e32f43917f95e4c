/** `main(argv, io)`: importing the CLI does nothing; a run touches only the io it is given. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

test('loading the CLI bundle runs nothing: no output, no exit code, whatever the arguments', () => {
  const dir = tempDir('arctl-import-');
  const script = join(dir, 'load.cjs');
  writeFileSync(script, `require(${JSON.stringify(join(projectRoot, 'bin/load-bundle.js'))}).loadBundle(${JSON.stringify(join(projectRoot, 'dist/arctl.cjs'))});\n`);
  const r = spawnSync(process.execPath, [script, 'lint', 'no-such-file.conf'], { encoding: 'utf8', timeout: 60_000 });
  assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, { status: 0, stdout: '', stderr: '' });
});

test('main writes to the streams it is given and returns the exit code; it leaves no listener behind', async () => {
  const written = { stdout: '', stderr: '' };
  const sink = (name: keyof typeof written) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written[name] += chunk.toString();
        done();
      },
    });
  const stdout = sink('stdout');
  const stderr = sink('stderr');
  const io = { stdout, stderr, stdin: Readable.from([]), env: { NO_COLOR: '1' }, cwd: projectRoot };
  const exitBefore = process.exitCode;
  assert.equal(await main(['--version'], io), 0);
  assert.match(written.stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(await main(['lint', join(projectRoot, 'examples/broken.ossec.conf'), '--format', 'json'], io), 1);
  assert.equal(await main(['lint', 'no-such-file.conf'], io), 2);
  assert.match(written.stderr, /^arctl: no-such-file\.conf: no such file\n$/);
  assert.equal(process.exitCode, exitBefore);
  assert.equal(stdout.listenerCount('error'), 0);
  assert.equal(stderr.listenerCount('error'), 0);
});

test('a failing standard output given to main is reported once and is exit 2', async () => {
  const stdout = new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    },
  });
  let stderr = '';
  const io = {
    stdout,
    stderr: new Writable({ write: (chunk: Buffer, _e, done) => ((stderr += chunk.toString()), done()) }),
    stdin: Readable.from([]),
    env: {},
    cwd: projectRoot,
  };
  assert.equal(await main(['rules'], io), 2);
  assert.equal(stderr, 'arctl: cannot write standard output: no space left on device\n');
});
