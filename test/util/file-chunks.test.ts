import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileChunks, FILE_CHUNK_BYTES, isRegularFile } from '../../src/util/file-chunks.ts';
import { openAlertSource } from '../../src/simulate/input.ts';
import { tempDir, tempFiles } from '../helpers/temp.ts';

const bytes = Buffer.from(Array.from({ length: FILE_CHUNK_BYTES * 2 + 123 }, (_, i) => (i * 31) % 251));

async function collect(chunks: AsyncIterable<Buffer>, copy: boolean): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(copy ? Buffer.from(c) : c);
  return Buffer.concat(parts);
}

test('fileChunks reads a file whole or a byte range, in chunks that own their memory unless reused', async () => {
  const path = join(tempFiles({ 'a.bin': bytes }), 'a.bin');
  assert.deepEqual(await collect(fileChunks(path), false), bytes);
  assert.deepEqual(await collect(fileChunks(path, { start: 1000, end: FILE_CHUNK_BYTES + 5000, reuse: true }), true), bytes.subarray(1000, FILE_CHUNK_BYTES + 5000));
  // An end past the file's end stops at the end.
  assert.deepEqual(await collect(fileChunks(path, { start: FILE_CHUNK_BYTES * 2, end: bytes.length * 2 }), false), bytes.subarray(FILE_CHUNK_BYTES * 2));
  // A reused buffer: each chunk is a view of the same memory (the reader copies what it keeps).
  const views: Buffer[] = [];
  for await (const c of fileChunks(path, { reuse: true })) views.push(c);
  assert.equal(views[0]!.buffer, views[1]!.buffer);
});

test('fileChunks: an open error comes from the iteration, as from a read stream', async () => {
  const missing = join(tempDir(), 'missing.json');
  const chunks = fileChunks(missing);
  await assert.rejects(collect(chunks, false), { code: 'ENOENT' });
  assert.equal(isRegularFile(missing), false);
});

test('openAlertSource reads a FIFO through a stream (a synchronous read would block the thread)', async (t) => {
  const dir = tempDir();
  const fifo = join(dir, 'alerts.fifo');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
  assert.equal(isRegularFile(fifo), false);
  // The writer blocks until the FIFO has a reader: it runs in a process of its own.
  const writer = spawn('sh', ['-c', `printf '{"a":1}\\n' > "$1"`, 'sh', fifo], { stdio: 'ignore' });
  const exited = new Promise((resolve) => writer.on('exit', resolve));
  assert.equal((await collect(openAlertSource(fifo), false)).toString(), '{"a":1}\n');
  assert.equal(await exited, 0);
});
