/**
 * An alert as the Wazuh indexer stores it (a document's `_source`) carries fields analysisd never wrote:
 * Filebeat's wazuh module adds them on the way (extensions/filebeat/7.x/wazuh-module/alerts/ingest/pipeline.json,
 * v4.14.7): `@timestamp` (its date processor) and `GeoLocation` (its geoip processors, from data.srcip,
 * data.win.eventdata.ipAddress and a few cloud fields); Filebeat's own `input` ({"type":"log"}) the pipeline
 * does not remove. analysisd's alerts have none of these at the top (src/analysisd/format/to_json.c), and the
 * message an active response gets carries the alert as analysisd has it.
 */
import { isObject } from '../util/is-object.ts';

/**
 * The alert analysisd wrote, from an indexer document's `_source`: the fields the pipeline added taken out.
 * A document without `timestamp` (an export that kept @timestamp only) gets it back from @timestamp, which the
 * pipeline's date processor made from it (pipeline.json:113-120): the same instant, written as alerts.json
 * writes one, in UTC (the manager's offset is lost), first as to_json.c writes it.
 */
export function alertOfIndexerSource(source: Record<string, unknown>): Record<string, unknown> {
  const input = source.input;
  const filebeatInput = isObject(input) && Object.keys(input).length === 1 && typeof input.type === 'string';
  if (!('@timestamp' in source) && !isObject(source.GeoLocation) && !filebeatInput) return source;
  const alert: Record<string, unknown> = {};
  const restored = 'timestamp' in source ? undefined : wazuhTimestamp(source['@timestamp']);
  if (restored !== undefined) alert.timestamp = restored;
  for (const [key, value] of Object.entries(source)) {
    if (key === '@timestamp' || (key === 'GeoLocation' && isObject(value)) || (key === 'input' && filebeatInput)) continue;
    alert[key] = value;
  }
  return alert;
}

/** `2025-03-10T19:33:55.036Z` (@timestamp as the indexer keeps it) as alerts.json writes a time: `2025-03-10T19:33:55.036+0000`. */
function wazuhTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(?:Z|[+-]00:?00)$/.exec(value);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}+0000` : undefined;
}
