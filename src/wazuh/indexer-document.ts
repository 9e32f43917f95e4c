/**
 * An alert as the Wazuh indexer stores it (a document's `_source`) carries fields analysisd never wrote:
 * Filebeat's wazuh module adds them on the way (extensions/filebeat/7.x/wazuh-module/alerts/ingest/pipeline.json,
 * v4.14.7): `@timestamp` (its date processor) and `GeoLocation` (its geoip processors, from data.srcip,
 * data.win.eventdata.ipAddress and a few cloud fields); Filebeat's own `input` ({"type":"log"}) the pipeline
 * does not remove. analysisd's alerts have none of these at the top (src/analysisd/format/to_json.c), and the
 * message an active response gets carries the alert as analysisd has it.
 */
import { isObject } from '../util/is-object.ts';

/** The alert analysisd wrote, from an indexer document's `_source`: the fields the pipeline added taken out. */
export function alertOfIndexerSource(source: Record<string, unknown>): Record<string, unknown> {
  const input = source.input;
  const filebeatInput = isObject(input) && Object.keys(input).length === 1 && typeof input.type === 'string';
  if (!('@timestamp' in source) && !isObject(source.GeoLocation) && !filebeatInput) return source;
  const alert: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === '@timestamp' || (key === 'GeoLocation' && isObject(value)) || (key === 'input' && filebeatInput)) continue;
    alert[key] = value;
  }
  return alert;
}
