/**
 * A large JSON-lines file read by two threads: the replaying thread reads it, splits it into lines and
 * rules out with the line prefilter the alerts no response can fire on (most of a typical alerts.json);
 * the one timeline worker gets only the lines left, over a MessagePort, and parses and decides them.
 *
 * Why: on two cores the worker is the critical path (reading, parsing and deciding 100 MB took it
 * about 0.65 s) while the replaying thread, which only replays and prints, sat idle about half that
 * time; reading, decoding, splitting and the prefilter were about a fifth of the worker's work. Only
 * for a file that starts as JSON lines (LineFeed says why the prefilter may then run elsewhere).
 */
import type { MessagePort } from 'node:worker_threads';
import { countBytes, DEFAULT_MAX_ALERT_CHARS, prefilterLooksAt, textLines, type LineFeed, type TextLine } from '../simulate/input.ts';
import { fileChunks } from '../util/file-chunks.ts';
import { fromWorkerFailure, toWorkerFailure, type LineFeedMessage } from './worker-protocol.ts';
import { portMessages } from './port-messages.ts';

/** Bytes of the file read into one packet: a few hundred messages for a file of 100 MB. */
const PACKET_INPUT_BYTES = 192 * 1024;
/** Packets sent before the reader waits for the worker to take some (bounded memory, and the reader yields to the replay). */
const UNACKED_LINE_PACKETS = 16;

/** Lets the event loop run: the worker's decisions are replayed between packets. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Starts reading `path` and sending its lines to `port`, those `prefilter` rules out as counts; the
 * returned function stops it early. Reading takes turns with the rest of this thread's work.
 */
export function sendLines(path: string, port: MessagePort, prefilter: (line: string) => boolean | number): () => void {
  let stopped = false;
  let unacked = 0;
  let acked: (() => void) | undefined;
  // Each message is an acknowledgement: the worker has read a packet.
  port.on('message', () => {
    unacked--;
    acked?.();
    acked = undefined;
  });
  const post = (message: LineFeedMessage) => port.postMessage(message);
  const read = async () => {
    const counts: { lines: number; notUtf8: { line?: number } } = { lines: 0, notUtf8: {} };
    const progress = { bytes: 0 };
    let kept: string[] = [];
    let gaps: number[] = [];
    let firstLine = 0;
    let filtered = 0;
    let sentBytes = 0;
    // The not-UTF-8 note goes with the first packet of lines read after it was found (readAlertBatches
    // says it before the lines of the chunk it was found in, as on one thread): 'due' once found.
    let note: 'none' | 'due' | 'told' = 'none';
    const send = (withNote = true) => {
      sentBytes = progress.bytes;
      const notUtf8 = withNote && note === 'due' ? counts.notUtf8.line : undefined;
      if (kept.length === 0 && notUtf8 === undefined) return;
      if (notUtf8 !== undefined) note = 'told';
      post({ type: 'lines', text: kept.join('\n'), gaps, firstLine, read: progress.bytes, ...(notUtf8 !== undefined ? { notUtf8 } : {}) });
      unacked++;
      kept = [];
      gaps = [];
    };
    try {
      for await (const batch of textLines(countBytes(fileChunks(path, { reuse: true }), progress), DEFAULT_MAX_ALERT_CHARS, counts)) {
        if (note === 'none' && counts.notUtf8.line !== undefined) {
          // The lines kept before this chunk go first, without it.
          send(false);
          note = 'due';
        }
        for (let i = 0; i < batch.length; i++) {
          const { line, text } = batch[i]!;
          if (prefilterLooksAt(text) && !prefilter(text)) {
            filtered++;
            continue;
          }
          if (kept.length === 0) firstLine = line;
          kept.push(text);
          gaps.push(filtered);
          filtered = 0;
        }
        if (progress.bytes - sentBytes < PACKET_INPUT_BYTES) continue;
        send();
        if (unacked >= UNACKED_LINE_PACKETS) await new Promise<void>((resolve) => (acked = resolve));
        else await nextTurn();
        if (stopped) return;
      }
      // Found at the very end (the input ends inside a character): said after the last lines, as on one thread.
      if (note === 'none' && counts.notUtf8.line !== undefined) {
        send(false);
        note = 'due';
      }
      send();
      post({ type: 'end', lines: counts.lines, filteredAfter: filtered, read: progress.bytes });
    } catch (error) {
      // The lines before the error are read first, as on one thread; a note found in the chunk that
      // failed is not said (one thread never reaches the start of that chunk's lines either).
      if (!stopped) {
        send(note === 'due');
        post({ type: 'failed', failure: toWorkerFailure(error) });
      }
    } finally {
      port.close();
    }
  };
  void read();
  return () => {
    stopped = true;
    acked?.();
  };
}

/**
 * The worker's side: the lines sendLines sends, as a LineFeed. `progress` gets the bytes of the file
 * read so far.
 */
export function receiveLines(port: MessagePort, progress: { bytes: number }): LineFeed {
  const end: LineFeed['end'] = { lines: 0, notUtf8: {}, filteredAfter: 0 };
  async function* batches(): AsyncGenerator<TextLine[]> {
    try {
      for await (const message of portMessages<LineFeedMessage>(port)) {
        if (message.type === 'failed') throw fromWorkerFailure(message.failure);
        progress.bytes = message.read;
        if (message.type === 'end') {
          end.lines = message.lines;
          end.filteredAfter = message.filteredAfter;
          return;
        }
        // Said (readAlertBatches) before this packet's lines.
        if (message.notUtf8 !== undefined) end.notUtf8!.line = message.notUtf8;
        const texts = message.gaps.length === 0 ? [] : message.text.split('\n');
        const batch: TextLine[] = new Array(texts.length);
        let line = message.firstLine;
        for (let i = 0; i < texts.length; i++) {
          const filteredBefore = message.gaps[i]!;
          line += i === 0 ? 0 : filteredBefore + 1;
          batch[i] = { line, text: texts[i]!, filteredBefore };
        }
        yield batch;
        port.postMessage('ack');
      }
    } finally {
      port.close();
    }
  }
  return { batches: batches(), end };
}
