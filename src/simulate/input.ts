/**
 * Reads alerts as a stream: one alert object, a JSON array of alerts, JSON lines (alerts.json) or
 * pretty-printed objects one after another, optionally gzipped (detected by its magic bytes); an
 * object that is a Wazuh indexer document, a _search response or a logtest answer gives the alerts it carries.
 * Memory depends on the largest single alert, not on the input size.
 */
import { InputError } from '../util/errors.ts';
import { jsonErrorOffset } from '../util/json-text.ts';
import { describeFsError, utf16Encoding } from '../util/read-input.ts';
import { fileChunks, isRegularFile } from '../util/file-chunks.ts';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { ALERTS_LOG_MISSING, AlertsLogError, alertFromLogBlock, isAlertsLogHeader } from '../wazuh/alerts-log.ts';
import { atoi } from '../wazuh/c-number.ts';
import { ALERT_TEXT_WITHIN_BOUNDS, alertBeyondWazuhBounds } from '../wazuh/event-bounds.ts';
import { alertOfIndexerSource } from '../wazuh/indexer-document.ts';
import { readArLogLine } from '../wazuh/ar-log.ts';
import { formatAgentId, type AgentInfo } from '../wazuh/agents.ts';
import { isObject } from '../util/is-object.ts';
import { firstNonUtf8Byte, lastCharTail } from '../util/utf8.ts';
import { READ_WAZUH_ALERTS } from './engine.ts';

export interface AlertRecord {
  /** 0-based position among the alerts read (invalid entries skipped do not count). */
  index: number;
  /** 1-based line where the alert starts in the (decompressed) input. */
  line: number;
  alert: Record<string, unknown>;
  /**
   * Characters of the text the alert was read from (its line, value or alerts.log block; an indexer
   * response's whole text): a cheap bound for what needs measuring only when an alert is huge.
   */
  chars?: number;
  /** What a prefilter that answers with numbers answered for the alert's line (none when it did not look at it). */
  mark?: number;
}

/** A value that is not a JSON object, or text that is not JSON at all. */
export class AlertSyntaxError extends Error {
  readonly line: number;
  readonly reason: string;
  /** False when reading cannot go on past it (a line or value over the size limit, an unclosed array). */
  readonly skippable: boolean;
  /** 1-based, where the JSON goes wrong on that line, when it does there. */
  readonly column?: number;

  constructor(line: number, reason: string, skippable = true, column?: number) {
    // No stack: the error is said as one line, and --skip-invalid makes one per entry skipped (a JSON array of
    // 32 million numbers in a 64 MB file): capturing the reader's deep stack was three quarters of the time.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`line ${line}: ${reason}`);
    Error.stackTraceLimit = limit;
    this.line = line;
    this.reason = reason;
    this.skippable = skippable;
    if (column !== undefined) this.column = column;
  }
}

export interface ReadAlertsOptions {
  /** Count and skip entries that are not JSON objects instead of failing on the first. */
  skipInvalid?: boolean;
  /** Called for each skipped entry (with --skip-invalid). */
  onInvalid?: (error: AlertSyntaxError) => void;
  /** Largest single alert accepted, in characters. */
  maxAlertChars?: number;
  /**
   * Lines of JSON-lines input for which this returns false (or 0) are counted (onFiltered) and not parsed:
   * `--timeline` uses it to skip alerts no response can fire on (such lines are not checked for JSON errors).
   * A number other than 0 is kept as the record's `mark` (which of several consumers want it).
   */
  prefilter?: (line: string) => boolean | number;
  onFiltered?: () => void;
  /**
   * The bytes are a part of a larger, uncompressed JSON-lines input, cut at a line start (the
   * timeline reads big files in parts, in parallel). `first`: the part the input starts with;
   * `next`: any other (no BOM, and a multi-line value is an error, as it is once a whole input has
   * shown itself to be JSON lines).
   */
  part?: 'first' | 'next';
  /** The bytes are already decompressed: a gzipped file's magic bytes are not looked for again. */
  gunzipped?: boolean;
  /** Filled in when reading ends: the alerts read (the prefilter's too) and the lines. */
  counts?: { alerts: number; lines: number };
  /** Called once when the input turns out to be alerts.log, Wazuh's text alert log (read too). */
  onTextLog?: () => void;
  /** Called once, with its line, when a byte of the input is not UTF-8 (read as U+FFFD). */
  onNotUtf8?: (line: number) => void;
  /** alerts.log names agents, not their ids: these (--agents) give the id of each name. */
  agents?: readonly AgentInfo[];
}

/** One alert in alerts.json is a few KB; 64 MB leaves room for huge previous_output fields. */
export const DEFAULT_MAX_ALERT_CHARS = 64 * 1024 * 1024;

/** Whether bytes start with gzip's magic number (1f 8b). */
export function startsAsGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A gunzip stream giving 64 KB out per step instead of zlib's 16 KB: a quarter of the hops between
 * zlib and the reader (a 514 MB gzipped timeline: 4.4 s -> 3.3 s); larger strings would land in V8's
 * large-object space.
 */
export function alertGunzip(): Gunzip {
  return createGunzip({ chunkSize: 64 * 1024 });
}

/**
 * Opens a file (or for `-` the standard input the caller gives) as a byte stream: a regular file read
 * synchronously (../util/file-chunks.ts), anything else (a FIFO, a device) through a read stream.
 */
export function openAlertSource(path: string, stdin?: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  if (path === '-' && !stdin) throw new InputError('standard input is not available here');
  if (path === '-') return stdin!;
  // 64 KB reads: 1 MB reads were no faster and raised peak RSS by about 60 MB on big files.
  return isRegularFile(path) ? fileChunks(path) : createReadStream(path);
}

/** Passes a byte stream through, adding the bytes to `progress.bytes` (for progress bars). */
export async function* countBytes(source: AsyncIterable<Buffer>, progress: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    progress.bytes += chunk.length;
    yield chunk;
  }
}

/** Decompresses the stream when it starts with the gzip magic bytes, else passes it through. */
export async function* maybeGunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let first = await iterator.next();
  // The magic needs two bytes; a first chunk of one byte is joined with the next.
  while (!first.done && first.value.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    first = { done: false, value: Buffer.concat([first.value, next.value]) };
  }
  if (first.done) return;
  async function* rest(): AsyncGenerator<Buffer> {
    yield first.value as Buffer;
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      yield r.value;
    }
  }
  if (startsAsGzip(first.value as Buffer)) {
    yield* Readable.from(rest()).pipe(alertGunzip()) as AsyncIterable<Buffer>;
  } else {
    yield* rest();
  }
}

const EMPTY = Buffer.alloc(0);

export interface TextLine {
  line: number;
  text: string;
  /** In a LineFeed: single-line records a prefilter ruled out, where the lines were split, just before this line. */
  filteredBefore?: number;
}

/**
 * The lines of a JSON-lines input (./../timeline/line-feed.ts), split and thinned by a line prefilter
 * where they were read (another thread): a run of single-line records it ruled out travels as a count
 * (TextLine.filteredBefore, `end.filteredAfter`), read as if the prefilter had ruled each out here. Only
 * for an input whose first non-blank line is one whole object (startsAsJsonLines): a value spread over
 * several lines is then never gathered, so whether the prefilter looks at a line does not depend on
 * the lines before it.
 */
export interface LineFeed {
  batches: AsyncIterable<TextLine[]>;
  /** Filled in by the time `batches` ends: the input's lines, its first line that is not UTF-8, records ruled out after the last line. */
  end: { lines: number; notUtf8?: { line?: number }; filteredAfter: number };
}

export const isLineFeed = (source: AsyncIterable<Buffer> | LineFeed): source is LineFeed => 'batches' in source;

/**
 * Whether a line prefilter looks at this line of JSON lines: one whole object on one line, by its first and last
 * character (readLine's fast path; a LineFeed's reader asks the same where it reads the lines).
 */
export const prefilterLooksAt = (text: string): boolean => text.charCodeAt(0) === 0x7b && text.charCodeAt(text.length - 1) === 0x7d;

/**
 * Wazuh writes alerts as UTF-8; a UTF-16 file (Windows PowerShell's `>` writes one) would only give
 * "not valid JSON" on its first line. Told by its byte order mark, or by a zero byte beside the first
 * character (JSON text starts with ASCII).
 */
function refuseUtf16(start: Buffer): void {
  if (utf16Encoding(start) !== undefined) {
    throw new AlertSyntaxError(1, 'the file is UTF-16 encoded (Windows PowerShell writes UTF-16 with `>`), but alerts are UTF-8 as Wazuh writes them: convert it with iconv -f UTF-16 -t UTF-8', false);
  }
}

/**
 * Splits decoded text into lines (LF or CRLF), each with its 1-based number, one batch per chunk read:
 * a promise per line would cost more than parsing it.
 */
export async function* textLines(bytes: AsyncIterable<Buffer>, maxLineChars: number, counts?: { lines: number; notUtf8?: { line?: number } }, stripBom = true): AsyncGenerator<TextLine[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 1;
  let first = stripBom;
  const split = (chunk: string): TextLine[] => {
    const batch: TextLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      let text = pending === '' ? chunk.slice(start, nl) : pending + chunk.slice(start, nl);
      pending = '';
      if (text.charCodeAt(text.length - 1) === 0x0d) text = text.slice(0, -1);
      batch.push({ line: line++, text });
      start = nl + 1;
    }
    pending += chunk.slice(start);
    if (pending.length > maxLineChars) {
      throw new AlertSyntaxError(line, `line is longer than ${maxLineChars} characters`, false);
    }
    return batch;
  };
  // A byte that is not UTF-8 (a Latin-1 log line: analysisd and execd pass bytes on as they came) reads as U+FFFD.
  // Looked for only when asked (counts.notUtf8 set), and only in bytes whose text holds a U+FFFD, which the decoder
  // gives anyway (a timeline reads hundreds of MB). A character may be cut between two chunks: the bytes of each
  // chunk's last character are looked at with the next chunk (`carry`), and a U+FFFD that may have come from them
  // has the next chunk looked at too (`suspect`); a real U+FFFD in the text is UTF-8 and says nothing.
  const watch = counts?.notUtf8;
  let carry: Buffer = EMPTY;
  let suspect = false;
  const lookAt = (buf: Buffer, text: string): void => {
    if (!watch || watch.line !== undefined) return;
    const replaced = text.includes('\ufffd');
    const checking = suspect || replaced;
    const joined = carry.length > 0 && (checking || buf.length < 4) ? Buffer.concat([carry, buf]) : buf;
    const tail = lastCharTail(joined);
    if (checking) {
      // joined holds the carried bytes here (it is buf only when there were none).
      const bad = firstNonUtf8Byte(joined.subarray(0, joined.length - tail));
      if (bad >= 0) {
        let at = line;
        for (let i = joined.indexOf(10); i !== -1 && i < bad; i = joined.indexOf(10, i + 1)) at++;
        watch.line = at;
      }
      suspect = bad < 0 && replaced;
    }
    // A reused buffer is overwritten by the next read: the carried bytes are a copy.
    carry = tail > 0 ? Buffer.from(joined.subarray(joined.length - tail)) : EMPTY;
  };
  for await (const buf of bytes) {
    if (first && buf.length > 0) refuseUtf16(buf);
    let chunk = decoder.write(buf);
    lookAt(buf, chunk);
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const batch = split(chunk);
    if (batch.length > 0) yield batch;
  }
  const end = decoder.end();
  // The input ends in the middle of a character (or a carried U+FFFD came from its last bytes).
  if (watch && watch.line === undefined && (suspect || end.includes('\ufffd')) && firstNonUtf8Byte(carry) >= 0) watch.line = line;
  const last = split(end);
  if (pending.length > 0) last.push({ line: line++, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending });
  if (counts) counts.lines = line - 1;
  if (last.length > 0) yield last;
}

/**
 * Tracks the nesting depth of JSON text fed in pieces (strings and escapes understood), so values
 * spread over several lines can be cut out without parsing them.
 */
class DepthTracker {
  depth = 0;
  private inString = false;
  private escaped = false;

  /**
   * Feeds text. onComma(offset): a comma at depth `base`; onClose(offset): a bracket that brought
   * the depth down to `base - 1` (the end of the enclosing value). Stops after onClose.
   */
  feed(text: string, base: number, onComma?: (offset: number) => void, onClose?: (offset: number) => void): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth === base - 1 && onClose) {
          onClose(i);
          return;
        }
      } else if (c === 0x2c && this.depth === base && onComma) onComma(i);
    }
  }
}

/** A line that starts at column 0 with `{` and closes on the same line. */
function startsOwnRecord(text: string): boolean {
  if (!text.startsWith('{')) return false;
  const t = new DepthTracker();
  t.feed(text, 0);
  return t.depth === 0;
}

/**
 * Whether an input starts as JSON lines: its first non-blank line is one whole object. Such an input
 * can be cut at any line start and each part read on its own (ReadAlertsOptions.part) with the same
 * results as reading it whole.
 */
export function startsAsJsonLines(head: string): boolean {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return false; // the first line does not end within `head`
    const trimmed = text.slice(start, nl).replace(/\r$/, '').trimStart();
    if (trimmed !== '') return startsOwnRecord(trimmed);
    start = nl + 1;
  }
  return false;
}

/**
 * cJSON, which execd and the stock programs parse the message with, refuses values nested deeper than
 * this (CJSON_NESTING_LIMIT); arctl stops there too, so no deeper alert reaches its recursive code.
 */
export const MAX_ALERT_NESTING = 1000;

/** Whether a parsed value nests deeper than MAX_ALERT_NESTING (walked without recursion). */
function nestedTooDeep(value: unknown, textLength: number): boolean {
  // Every level takes two characters at least: a short text cannot be that deep.
  if (textLength <= 2 * MAX_ALERT_NESTING) return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_ALERT_NESTING) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** The object a line holds, or undefined when it is not one whole JSON object (the caller then explains why). */
function tryParseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value) || nestedTooDeep(value, text.length)) return undefined;
    // An indexer document, a search response or a logtest answer holds its alerts inside: the slow path takes them out.
    if (isEnvelope(value as Record<string, unknown>)) return undefined;
    return text.length <= ALERT_TEXT_WITHIN_BOUNDS || alertBeyondWazuhBounds(value as Record<string, unknown>) === undefined ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a line that is not JSON at all looks like, when arctl can tell: Wazuh's text alert log, or XML
 * (a configuration given as the alerts). Skipping such lines would only lead to 0 alerts.
 */
function recognisedNotAlerts(text: string): string | undefined {
  const start = text.trimStart();
  if (/^\*\* Alert \d+(\.\d+)?:/.test(start)) {
    return 'an alerts.log alert (Wazuh\'s text alert log) among JSON alerts: give alerts.log and alerts.json as separate files';
  }
  if (/^<(\?xml|!--|ossec_config|agent_config)\b/.test(start) || /^<[A-Za-z_][\w.-]*>/.test(start)) {
    return 'this is XML (a Wazuh configuration?), not alerts: run arctl simulate ALERTS --file ossec.conf (were the two swapped?)';
  }
  // active-responses.log: 4.2+ programs log the message they read (its alert inside), older scripts their arguments.
  const arLog = readArLogLine(start);
  if (arLog !== undefined) {
    const own = arLog.format === 'json' ? '; a message it logged ({"version":1,"origin":...}), saved on its own, is read too: its alert is parameters.alert' : '';
    return `a line of active-responses.log (what the response programs log where they run), not an alert: ${READ_WAZUH_ALERTS}${own}`;
  }
  // The header of a Discover / Dashboards CSV report: field names, quoted or not, between commas.
  if (/^"?(@timestamp|timestamp|_id|_index|(rule|agent|data|manager)\.[\w.-]+)"?,/.test(start)) {
    return "a CSV export's header (Discover's or Dashboards' CSV report), not alerts: arctl reads JSON; export the documents as JSON (a search's hits with their _source, or alerts.json)";
  }
  return undefined;
}

/**
 * A line of plain text (an application's log named alerts.log, archives.log, a syslog line): no JSON value starts
 * with its first character, yet JSON.parse names a later one ("Unexpected non-whitespace character after JSON at
 * position 4" for '2026-04-16 16:41:02 [WARNING] ...', read as the number 2026). Skippable like any bad line.
 */
/** The 1-based column where `text` stops being JSON, when that is on its first line (a value gathered over several lines may go wrong further on). */
function jsonErrorColumn(text: string): number | undefined {
  const offset = jsonErrorOffset(text);
  return text.lastIndexOf('\n', offset - 1) === -1 ? offset + 1 : undefined;
}

function textLine(text: string): string | undefined {
  const start = text.trimStart();
  const json = /^(?:[{["]|-?\d|true\b|false\b|null\b)/.test(start);
  // A date or a year and a word (syslog, archives.log) starts with a digit, as a JSON number does.
  const dated = /^\d{4}-\d\d-\d\d[ T]\d|^\d+ +[A-Za-z]/.test(start);
  if (start === '' || (json && !dated)) return undefined;
  return `a line of text, not a JSON alert, and not Wazuh's alerts.log either (its alerts begin '** Alert'): ${READ_WAZUH_ALERTS}`;
}

/**
 * What the Wazuh indexer returns for alerts (the dashboard's JSON view of one, an export of
 * wazuh-alerts-*, a _search response): objects without a `rule` of their own that carry the alert
 * as `_source`, or documents under `hits.hits`. And what logtest answers (the server API's PUT /logtest,
 * wazuh-logtest's socket): `{"error":0,"data":{"output":ALERT,"alert":true,"codemsg":1,...}}`, the event as
 * analysisd decoded it and the rule it matched (api/spec/spec.yaml, /logtest). And the message a response
 * program reads on stdin, which custom programs often dump to a file to see what they got:
 * `{"version":1,"origin":{...},"command":"add","parameters":{"extra_args":[],"alert":ALERT,...}}`, whose alert
 * is Eventinfo_to_jsonstr's, the function that writes alerts.json (src/analysisd/ar_json.c:70-74, v4.14.7).
 * Wazuh's alerts never have these keys at the top.
 */
function isEnvelope(value: Record<string, unknown>): boolean {
  if (value.rule !== undefined) return false;
  return (
    (isObject(value._source) && ('_index' in value || '_id' in value)) ||
    (isObject(value.hits) && Array.isArray(value.hits.hits)) ||
    (typeof value.error === 'number' && isObject(value.data) && isObject(value.data.output)) ||
    isExecdMessage(value)
  );
}

/** A response's message (ar_json.c getActiveResponseInJSON, as execd passes it on): origin, command and the alert in parameters. */
function isExecdMessage(value: Record<string, unknown>): value is { parameters: { alert: Record<string, unknown> } } & Record<string, unknown> {
  return isObject(value.origin) && typeof value.command === 'string' && isObject(value.parameters) && isObject(value.parameters.alert);
}

/**
 * The alerts an envelope carries, each with where it sits (for messages), in order, without the fields
 * the indexer's pipeline added (src/wazuh/indexer-document.ts); a document without an object `_source`
 * gives the reason instead.
 */
function envelopeAlerts(value: Record<string, unknown>): Array<{ where: string; part: string; alert?: Record<string, unknown> }> {
  if (isExecdMessage(value)) return [{ where: 'the active-response message', part: 'parameters.alert', alert: value.parameters.alert }];
  if (isObject(value.data) && isObject(value.data.output)) return [{ where: 'the logtest response', part: 'data.output', alert: value.data.output }];
  if (isObject(value._source)) return [{ where: 'the indexer document', part: '_source', alert: alertOfIndexerSource(value._source) }];
  const hits = (value.hits as { hits: unknown[] }).hits;
  return hits.map((hit, i) => {
    const where = `indexer document hits.hits[${i}]`;
    return isObject(hit) && isObject(hit._source) ? { where, part: '_source', alert: alertOfIndexerSource(hit._source) } : { where, part: '_source' };
  });
}

/**
 * The alerts of an object: itself, or those inside an envelope (indexer, logtest). Each alert Wazuh could not
 * have written (./event-bounds) is reported to `invalid` instead.
 */
function alertsOf(value: Record<string, unknown>, line: number, invalid: (error: AlertSyntaxError) => void): Array<Record<string, unknown>> {
  if (!isEnvelope(value)) {
    const beyond = alertBeyondWazuhBounds(value);
    if (beyond !== undefined) invalid(new AlertSyntaxError(line, beyond));
    return beyond === undefined ? [value] : [];
  }
  const alerts: Array<Record<string, unknown>> = [];
  for (const { where, part, alert } of envelopeAlerts(value)) {
    // A search with "_source": false (or stored "fields" only) returns each hit's _index, _id and _score alone.
    const beyond = alert ? alertBeyondWazuhBounds(alert) : `has no alert object in ${part}${part === '_source' ? ': a search with "_source": false or "fields" returns none, search again with the _source' : ''}`;
    if (beyond === undefined) alerts.push(alert!);
    else invalid(new AlertSyntaxError(line, `${where} ${alert ? `(its ${part}): ${beyond}` : beyond}`));
  }
  return alerts;
}

/**
 * `atLineStart`: the text starts its line, so a column can be told; `elementColumn`: the text is an array
 * element whose first character (after white space) is at that column of `line` (a one-line array of
 * millions of alerts is line 1 throughout: the column says which element).
 */
function parseObject(text: string, line: number, atLineStart = false, elementColumn?: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const recognised = recognisedNotAlerts(text);
    if (recognised) throw new AlertSyntaxError(line, recognised, false);
    const asText = textLine(text);
    const inElement = elementColumn === undefined ? undefined : jsonErrorColumn(text.trimStart());
    const column = asText ? elementColumn : atLineStart ? jsonErrorColumn(text) : inElement === undefined ? elementColumn : elementColumn! - 1 + inElement;
    throw new AlertSyntaxError(line, asText ?? `not valid JSON (${(error as Error).message})`, true, column);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AlertSyntaxError(line, `expected an alert object, found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, true, elementColumn);
  }
  if (nestedTooDeep(value, text.length)) {
    throw new AlertSyntaxError(line, `a JSON value nested deeper than ${MAX_ALERT_NESTING} levels (execd's JSON parser refuses it)`, true, elementColumn);
  }
  return value as Record<string, unknown>;
}

/**
 * The alerts of a byte stream, in order. Errors are AlertSyntaxError with the line number; with
 * skipInvalid they are reported through onInvalid and reading goes on.
 */
export async function* readAlerts(source: AsyncIterable<Buffer>, options: ReadAlertsOptions = {}): AsyncGenerator<AlertRecord> {
  for await (const batch of readAlertBatches(source, options)) yield* batch;
}

/**
 * readAlerts in batches (the alerts of one chunk read): one asynchronous step per chunk instead of
 * per alert, for callers that go through millions of them. An error comes after the batch of the
 * alerts before it.
 */
export async function* readAlertBatches(source: AsyncIterable<Buffer> | LineFeed, options: ReadAlertsOptions = {}): AsyncGenerator<AlertRecord[]> {
  const maxChars = options.maxAlertChars ?? DEFAULT_MAX_ALERT_CHARS;
  let index = 0;
  const invalid = (error: AlertSyntaxError): void => {
    if (!options.skipInvalid || !error.skippable) throw error;
    options.onInvalid?.(error);
  };
  const fed = isLineFeed(source) ? source : undefined;
  const lineCount: { lines: number; notUtf8?: { line?: number } } = fed ? fed.end : options.onNotUtf8 ? { lines: 0, notUtf8: {} } : { lines: 0 };
  const lines = fed ? fed.batches : textLines(options.part || options.gunzipped ? (source as AsyncIterable<Buffer>) : maybeGunzip(source as AsyncIterable<Buffer>), maxChars, lineCount, options.part !== 'next');
  // An object so that TypeScript does not narrow it across the generator below that changes it.
  const state: { mode: 'unknown' | 'lines' | 'array' | 'done' | 'textlog' } = { mode: options.part === 'next' ? 'lines' : 'unknown' };
  // Lines mode: a value spread over several lines is gathered until its braces balance.
  let gathered: string[] = [];
  let gatheredChars = 0;
  let gatherStart = 0;
  let tracker = new DepthTracker();
  // Array mode: the current element's text and where it started.
  let element = '';
  let elementLine = 0;
  let elementColumn = 0;
  let sawElement = false;
  let singleLineRecords = options.part === 'next' ? 1 : 0;
  let block: string[] = [];
  let blockChars = 0;
  let blockStart = 0;

  let out: AlertRecord[] = [];
  let toldNotUtf8 = false;
  for await (const batch of lines) {
    if (!toldNotUtf8 && lineCount.notUtf8?.line !== undefined) {
      toldNotUtf8 = true;
      options.onNotUtf8?.(lineCount.notUtf8.line);
    }
    try {
      for (const { line, text, filteredBefore } of batch) {
        if (filteredBefore !== undefined) ruledOut(filteredBefore);
        readLine(line, text);
      }
    } catch (error) {
      if (out.length > 0) yield out;
      throw error;
    }
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (fed) ruledOut(fed.end.filteredAfter);
  if (!toldNotUtf8 && lineCount.notUtf8?.line !== undefined) options.onNotUtf8?.(lineCount.notUtf8.line);
  if (state.mode === 'textlog') {
    textLogBlock();
    if (out.length > 0) yield out;
    out = [];
  }
  if (state.mode === 'lines' && gathered.length > 0) {
    invalid(new AlertSyntaxError(gatherStart, 'JSON value not closed before the end of the input'));
  }
  if (state.mode === 'array') {
    throw new AlertSyntaxError(elementLine || 1, 'JSON array not closed before the end of the input', false);
  }
  if (options.counts) {
    options.counts.alerts = index;
    options.counts.lines = lineCount.lines;
  }

  /** `count` single-line records of a LineFeed that its prefilter ruled out: what readLine does for each. */
  function ruledOut(count: number): void {
    if (count === 0) return;
    if (state.mode === 'unknown') state.mode = 'lines';
    singleLineRecords += count;
    index += count;
    for (let i = 0; i < count; i++) options.onFiltered?.();
  }

  function readLine(line: number, text: string): void {
    if (state.mode === 'unknown') {
      const trimmed = text.trimStart();
      if (trimmed === '') return;
      if (isAlertsLogHeader(text)) {
        state.mode = 'textlog';
        options.onTextLog?.();
      } else if (trimmed.startsWith('[')) {
        state.mode = 'array';
        tracker = new DepthTracker();
        tracker.depth = 1;
        arrayPiece(trimmed.slice(1), line, text.length - trimmed.length + 1);
        return;
      } else state.mode = 'lines';
    }
    if (state.mode === 'textlog') {
      // A block runs from its header to the next one (a syscheck diff may hold blank lines).
      if (isAlertsLogHeader(text)) {
        textLogBlock();
        block = [text];
        blockChars = text.length;
        blockStart = line;
        return;
      }
      block.push(text);
      blockChars += text.length + 1;
      if (blockChars > maxChars) throw new AlertSyntaxError(blockStart, `an alerts.log alert longer than ${maxChars} characters`, false);
      return;
    }
    if (state.mode === 'array') {
      arrayPiece(text, line);
      return;
    }
    if (state.mode === 'done') {
      if (text.trim() !== '') invalid(new AlertSyntaxError(line, 'text after the end of the JSON array'));
      return;
    }
    // Lines mode.
    if (gathered.length > 0 && startsOwnRecord(text)) {
      // A complete record at column 0 cannot be inside a pretty-printed value: what was gathered is broken.
      invalid(new AlertSyntaxError(gatherStart, 'not valid JSON (value not closed on this line)'));
      gathered = [];
    }
    if (gathered.length === 0) {
      // Fast path for alerts.json: a whole object on one line parses directly. Valid JSON is balanced,
      // so the depth scan below would have sent it to the same parse.
      if (text.charCodeAt(0) === 0x7b) {
        let mark: boolean | number = true;
        if (options.prefilter && prefilterLooksAt(text)) {
          mark = options.prefilter(text);
          if (!mark) {
            singleLineRecords++;
            index++;
            options.onFiltered?.();
            return;
          }
        }
        const alert = tryParseObject(text);
        if (alert) {
          singleLineRecords++;
          out.push(typeof mark === 'number' ? { index: index++, line, alert, chars: text.length, mark } : { index: index++, line, alert, chars: text.length });
          return;
        }
      }
      if (text.trim() === '') return;
      tracker = new DepthTracker();
      tracker.feed(text, 0);
      // Once the input has shown itself to be JSON lines, a line that does not close is just broken.
      if (tracker.depth > 0 && singleLineRecords > 0) {
        invalid(new AlertSyntaxError(line, 'not valid JSON (value not closed on this line)'));
        return;
      }
      if (tracker.depth > 0) {
        gathered = [text];
        gatheredChars = text.length;
        gatherStart = line;
        return;
      }
      parseOrReport(text, line, true);
      singleLineRecords++;
      return;
    }
    gathered.push(text);
    gatheredChars += text.length + 1;
    if (gatheredChars > maxChars) {
      throw new AlertSyntaxError(gatherStart, `a JSON value longer than ${maxChars} characters`, false);
    }
    tracker.feed('\n' + text, 0);
    if (tracker.depth <= 0) {
      const whole = gathered.join('\n');
      gathered = [];
      parseOrReport(whole, gatherStart, true);
    }
  }
  // alerts.log mode: the current alert's lines.
  function textLogBlock(): void {
    if (block.length === 0) return;
    const lines = block;
    block = [];
    while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
    let alert: Record<string, unknown>;
    try {
      alert = alertFromLogBlock(lines);
    } catch (error) {
      if (!(error instanceof AlertsLogError)) throw error;
      invalid(new AlertSyntaxError(blockStart, `alerts.log: ${error.message}`));
      return;
    }
    const beyond = alertBeyondWazuhBounds(alert);
    if (beyond !== undefined) {
      invalid(new AlertSyntaxError(blockStart, `alerts.log: ${beyond}`));
      return;
    }
    // An agentless device's event (no agent object) is the manager's: nothing to map.
    const agent = (alert.agent ?? { id: '000' }) as Record<string, unknown>;
    if (agent.id === undefined && options.agents) {
      const named = options.agents.filter((a) => a.name === agent.name);
      if (named.length === 1) agent.id = formatAgentId(atoi(named[0]!.id));
    }
    // An agent's event whose id is unknown keeps analysisd's `(name) ip->` location, so it is never taken for the manager's.
    if (agent.id === undefined) alert.location = `(${String(agent.name)}) ${String(agent.ip ?? 'any')}->${String(alert.location)}`;
    out.push({ index: index++, line: blockStart, alert, chars: blockChars });
  }
  /** Reads the alerts of an object's text into `out`, or reports why it holds none. */
  function parseOrReport(text: string, line: number, atLineStart = false, elementColumn?: number): void {
    let value: Record<string, unknown>;
    try {
      value = parseObject(text, line, atLineStart, elementColumn);
    } catch (error) {
      if (!(error instanceof AlertSyntaxError)) throw error;
      invalid(error);
      return;
    }
    for (const alert of alertsOf(value, line, invalid)) out.push({ index: index++, line, alert, chars: text.length });
  }

  // Cuts array elements out of a piece of text: a comma at depth 1 or the array's closing bracket ends one.
  // Each element is read as its end is found: a line of millions of elements holds no list of them.
  // `offset`: how many characters of the line come before `piece` (the `[` and what precedes it).
  function arrayPiece(piece: string, line: number, offset = 0): void {
    let cut = 0;
    /** Notes where the element starts when `part` (from `cut`) holds its first non-blank character. */
    const startsIn = (part: string): void => {
      if (elementLine !== 0) return;
      const lead = part.search(/\S/);
      if (lead === -1) return;
      elementLine = line;
      elementColumn = offset + cut + lead + 1;
    };
    const endElement = (at: number, close: boolean): void => {
      const part = piece.slice(cut, at);
      startsIn(part);
      element += part;
      cut = at + 1;
      const startLine = elementLine || line;
      if (element.trim() !== '') {
        parseOrReport(element, startLine, false, elementColumn);
      } else if (!close || sawElement) {
        invalid(new AlertSyntaxError(line, 'empty element in the JSON array'));
      }
      sawElement = true;
      element = '';
      elementLine = 0;
    };
    tracker.feed(
      piece,
      1,
      (at) => endElement(at, false),
      (at) => {
        endElement(at, true);
        state.mode = 'done';
      },
    );
    if (state.mode === 'done') {
      if (piece.slice(cut).trim() !== '') invalid(new AlertSyntaxError(line, 'text after the end of the JSON array'));
      return;
    }
    const rest = piece.slice(cut);
    startsIn(rest);
    element += rest + '\n';
    if (element.length > maxChars) throw new AlertSyntaxError(elementLine, `an array element longer than ${maxChars} characters`, false);
  }
}

/**
 * The one-line error for a failure while reading alerts from `shown` (a file name or <stdin>): the
 * line of a JSON error, corrupt gzip data, or the file system's reason. Other errors pass through.
 */
export function alertReadError(error: unknown, shown: string, skipInvalid: boolean): unknown {
  if (error instanceof AlertSyntaxError) {
    const at = error.column === undefined ? `${error.line}` : `${error.line}:${error.column}`;
    return new InputError(`${shown}:${at}: ${error.reason}${skipInvalid || !error.skippable ? '' : ' (--skip-invalid skips such entries)'}`, {
      file: shown,
      line: error.line,
      ...(error.column === undefined ? {} : { column: error.column }),
    });
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return new InputError(`${shown}: corrupt gzip data (${(error as Error).message})`);
  if (code) return new InputError(`${shown}: ${describeFsError(error)}`);
  return error;
}

/** Said once on standard error when the alerts are alerts.log: what its text form does not carry. */
export function alertsLogNote(shown: string): string {
  return `arctl: ${shown} is alerts.log, Wazuh's text alert log: read alert by alert, but it does not carry ${ALERTS_LOG_MISSING}\n`;
}

/**
 * Said once on standard error when the alerts are not all UTF-8: analysisd writes an event's bytes as they came
 * (cJSON escapes control characters only), and execd hands the alert on byte for byte.
 */
export function notUtf8Note(shown: string, line: number): string {
  return `arctl: ${shown}:${line} has bytes that are not UTF-8 (a log line in Latin-1 or another code page): Wazuh passes them on as they are, arctl reads each as U+FFFD (3 bytes), so its payloads and message sizes differ there\n`;
}

/**
 * Said on standard error when an alerts input held no alert at all (empty, only blank lines, `[]`) and
 * nothing was skipped: the "0 alerts" summary alone reads like a result when it is more likely a wrong file.
 */
export function noAlertsNote(shown: string, done: 'simulated' | 'replayed'): string {
  return `arctl: ${shown} holds no alerts (nothing was ${done})\n`;
}
