/**
 * Decompresses a large gzipped timeline input on the replaying thread and sends the bytes to the one
 * timeline worker that decides its alerts, over a MessagePort, in packets whose memory is
 * transferred, not copied.
 *
 * Why not in the worker itself: zlib works on the thread pool, but each 64 KB step is handed back
 * to the JavaScript thread that asked for it, and the worker, busy deciding alerts, took each step
 * only between batches (it sat idle a quarter of the time). The replaying thread, which only replays,
 * keeps zlib running ahead. A thread of its own for zlib was as fast but cost 50 MB more memory.
 */
import { createReadStream } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { alertGunzip } from '../simulate/input.ts';
import { GUNZIP_PACKET_BYTES, toWorkerFailure, UNACKED_PACKETS, type GunzipMessage } from './worker-protocol.ts';

/** Starts sending the decompressed bytes of `path` to `port`; the returned function stops it early. */
export function sendGunzipped(path: string, port: MessagePort): () => void {
  const post = (message: GunzipMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  // zlib's output chunks share their memory with the chunks after them: they are copied into packets
  // that own theirs (allocUnsafeSlow: not a slice of the shared pool), which can then be transferred.
  const newPacket = () => Buffer.allocUnsafeSlow(GUNZIP_PACKET_BYTES);
  let packet = newPacket();
  let filled = 0;
  let read = 0;
  let unacked = 0;

  const file = createReadStream(path);
  file.on('data', (chunk) => (read += chunk.length));
  const gunzip = alertGunzip();
  const send = () => {
    if (filled === 0) return;
    const bytes = packet.buffer as ArrayBuffer;
    post({ type: 'bytes', bytes, length: filled, read }, [bytes]);
    packet = newPacket();
    filled = 0;
    if (++unacked >= UNACKED_PACKETS) gunzip.pause();
  };
  gunzip.on('data', (chunk: Buffer) => {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(chunk.length - at, GUNZIP_PACKET_BYTES - filled);
      chunk.copy(packet, filled, at, at + n);
      filled += n;
      at += n;
      if (filled === GUNZIP_PACKET_BYTES) send();
    }
  });
  // Each message is an acknowledgement: the worker is done with a packet.
  port.on('message', () => {
    if (--unacked < UNACKED_PACKETS) gunzip.resume();
  });
  // Not stream.pipeline: it is done when zlib has taken the last input ('finish'), before zlib's last
  // output and before the error of a truncated file.
  let finished = false;
  const finish = (error?: Error) => {
    if (finished) return;
    finished = true;
    // What was decompressed before an error is read first, as on one thread.
    send();
    post(error ? { type: 'failed', failure: toWorkerFailure(error) } : { type: 'end', read });
    port.close();
  };
  file.on('error', (error) => {
    finish(error);
    gunzip.destroy();
  });
  gunzip.on('error', (error) => finish(error));
  gunzip.on('end', () => finish());
  file.pipe(gunzip);
  return () => {
    finished = true;
    file.destroy();
    gunzip.destroy();
    port.close();
  };
}
