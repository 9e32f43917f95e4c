/**
 * `simulate --timeline`'s lines written as UTF-8 straight into byte chunks: no string per event, no
 * 64 KB string to flatten and convert at each write. The bytes are those of render.ts's eventJson,
 * eventLine, failJson and failLine, each followed by '\n': plain values (printable ASCII that JSON
 * does not escape, the usual host, command, key, alert id, rule) are copied a character at a time;
 * any other value goes through the string functions (JSON.stringify, printable) and Buffer#write, so
 * hostile values come out escaped exactly as there. Variable parts are always separated by literals,
 * so a lone surrogate is encoded (as U+FFFD) the same whether written alone or within its line.
 */
import type { TimelineEvent } from './execd-state.ts';
import type { TimelineFailure, TimelineSink } from './replay.ts';
import { earlyDeleteAge, failJson, failLine, formatTime, hostLabel, isoTime, messageLine, noteLine } from './render.ts';
import { printable } from '../util/printable.ts';

/** Size of a chunk of output: one write each. */
const CHUNK_BYTES = 64 * 1024;
/** Bounds the text-format host label cache (a hostile file may hold endless agent ids). */
const LABELS_MAX = 4096;
const ACTION_PADDED = { add: 'add   ', abort: 'abort ', delete: 'delete' } as const;

export class TimelineLines implements TimelineSink {
  /** Chunks filled, in order, not yet taken. */
  private full: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private lines = 0;
  /** The date part of the last day written (`YYYY-MM-DD`), and that day's number. */
  private day = NaN;
  private dayText = '';
  /** printable(hostLabel(host).padEnd(10)) by host, for the text format. */
  private readonly labels = new Map<string, string>();
  private readonly json: boolean;

  constructor(format: 'text' | 'json') {
    this.json = format === 'json';
  }

  /** Lines written so far (taken or not). */
  get count(): number {
    return this.lines;
  }

  /** At least one whole chunk is waiting to be taken. */
  get chunked(): boolean {
    return this.full.length > 0;
  }

  /** The bytes written since the last call, in chunks; later lines go to new chunks (a stream may keep these queued). */
  take(): Buffer[] {
    if (this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
      this.pos = 0;
    }
    // A copy, and `full` emptied, as TimelineReplay's take(): a new `[]` starts as an array of small
    // integers, and the optimized push in room() that meets one is deoptimized with what inlined it.
    const chunks = this.full.slice();
    this.full.length = 0;
    return chunks;
  }

  /** Any text, as it is (the summary). */
  text(text: string): void {
    this.utf8(text);
  }

  event(e: TimelineEvent): void {
    this.lines++;
    if (this.json) this.eventJson(e);
    else this.eventLine(e);
  }

  fail(f: TimelineFailure): void {
    this.lines++;
    this.utf8(`${this.json ? failJson(f) : failLine(f)}\n`);
  }

  /** render.ts's eventJson. */
  private eventJson(e: TimelineEvent): void {
    this.ascii('{"time":"');
    this.time(e.time, true);
    this.ascii('","host":');
    this.jsonString(e.host);
    this.ascii(',"action":"');
    this.ascii(e.action);
    this.ascii('","command":');
    this.jsonString(e.command);
    this.ascii(',"name":');
    this.jsonString(e.name);
    this.ascii(',"key":');
    this.jsonString(e.key);
    this.ascii(',"alert":');
    this.jsonString(e.alert);
    this.ascii(',"rule":');
    this.jsonString(e.rule);
    this.ascii(',"timeout":');
    if (!this.count32(e.timeout)) this.ascii(JSON.stringify(e.timeout));
    this.ascii(',"offense":');
    if (!this.count32(e.offense)) this.ascii(String(e.offense));
    if (e.message) this.utf8(`,"message":${JSON.stringify({ version: e.message.version, format: e.message.format, message: e.message.message })}`);
    if (e.note) this.utf8(`,"note":${JSON.stringify(e.note)}`);
    this.ascii('}\n');
  }

  /** render.ts's eventLine: printable() of each part is printable() of the line (it escapes characters one by one). */
  private eventLine(e: TimelineEvent): void {
    this.time(e.time, false);
    this.ascii('  ');
    this.utf8OrAscii(this.label(e.host));
    this.ascii('  ');
    this.ascii(ACTION_PADDED[e.action]);
    this.ascii('  ');
    this.printable(e.key);
    this.ascii('  ');
    this.printable(e.command);
    this.ascii('  ');
    if (e.action === 'delete') {
      this.ascii('after ');
      const early = earlyDeleteAge(e);
      if (early !== undefined) {
        this.number(early);
        this.ascii('s of ');
      }
      this.number(e.timeout);
      this.ascii('s (added ');
      this.time(e.addedAt ?? e.time, false);
      this.ascii(')');
    } else if (e.timeout !== 0) {
      this.ascii('timeout ');
      this.number(e.timeout);
      this.ascii('s');
      if (e.offense > 0) {
        this.ascii(', offense #');
        this.number(e.offense + 1);
      }
    } else {
      this.ascii('no timeout: never undone');
    }
    this.ascii('  rule ');
    this.printable(e.rule);
    this.ascii(' alert ');
    this.printable(e.alert);
    this.ascii('\n');
    if (e.message) this.utf8(`${messageLine(e.message)}\n`);
    if (e.note) this.utf8(`${noteLine(e.note)}\n`);
  }

  private label(host: string): string {
    let label = this.labels.get(host);
    if (label === undefined) {
      if (this.labels.size >= LABELS_MAX) this.labels.clear();
      label = printable(hostLabel(host).padEnd(10));
      this.labels.set(host, label);
    }
    return label;
  }

  /** `YYYY-MM-DD HH:MM:SS` (formatTime) or `YYYY-MM-DDTHH:MM:SSZ` (isoTime), the date part cached per day. */
  private time(seconds: number, iso: boolean): void {
    const second = Math.floor(seconds);
    const day = Math.floor(second / 86400);
    if (day !== this.day) {
      // Years outside 0000-9999 (six digits and a sign), and NaN (which throws there): the string functions.
      if (!(day >= -719528 && day < 2932897)) {
        this.utf8(iso ? isoTime(seconds) : formatTime(seconds));
        return;
      }
      this.dayText = new Date(day * 86400000).toISOString().slice(0, 10);
      this.day = day;
    }
    this.ascii(this.dayText);
    this.room(10);
    const buf = this.buf;
    let p = this.pos;
    const inDay = second - day * 86400;
    const h = Math.floor(inDay / 3600);
    const m = Math.floor(inDay / 60) % 60;
    const s = inDay % 60;
    buf[p++] = iso ? 0x54 : 0x20; // T or space
    buf[p++] = 0x30 + Math.floor(h / 10);
    buf[p++] = 0x30 + (h % 10);
    buf[p++] = 0x3a;
    buf[p++] = 0x30 + Math.floor(m / 10);
    buf[p++] = 0x30 + (m % 10);
    buf[p++] = 0x3a;
    buf[p++] = 0x30 + Math.floor(s / 10);
    buf[p++] = 0x30 + (s % 10);
    if (iso) buf[p++] = 0x5a; // Z
    this.pos = p;
  }

  /** A number as a template string writes it. */
  private number(n: number): void {
    if (!this.count32(n)) this.ascii(String(n));
  }

  /** A whole number from 0 to 2^31-1 in decimal (the same text as String and JSON.stringify); false for any other. */
  private count32(n: number): boolean {
    if (!(n >= 0 && n <= 0x7fffffff) || n !== Math.floor(n)) return false;
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits);
    const buf = this.buf;
    let p = this.pos + digits;
    this.pos = p;
    let rest = n;
    do {
      buf[--p] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    return true;
  }

  /** A JSON string literal (render.ts's jsonString). */
  private jsonString(text: string): void {
    const n = text.length;
    this.room(n + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Controls, '"', '\' and everything past ASCII (surrogates among it): as JSON.stringify writes them.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.utf8(JSON.stringify(text));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  /** printable(text). */
  private printable(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09) || c > 0x7e) {
        this.utf8(printable(text));
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /** Text already made printable: copied when it is ASCII, else encoded. */
  private utf8OrAscii(text: string): void {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        this.utf8(text);
        return;
      }
    }
    this.ascii(text);
  }

  /** Text known to be ASCII. */
  private ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  private utf8(text: string): void {
    // At most 3 bytes per UTF-16 unit.
    this.room(text.length * 3);
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Room for `bytes` more in the current chunk: a full chunk is set aside for take() and a new one begun. */
  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.pos = 0;
  }
}
