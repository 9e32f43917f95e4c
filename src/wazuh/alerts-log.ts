/**
 * alerts.log, Wazuh's text alert log (logs/alerts/alerts.log), as analysisd writes it: OS_Log in
 * src/analysisd/alerts/log.c (v4.14.7), one block per alert:
 *
 *   "** Alert %ld.%ld:%s - %s\n"            tv_sec, alert second id, " mail " when mailed, rule group string
 *   "%d %s %02d %s %s%s%s\n"                 year, month name, day, hh:mm:ss, hostname "->" (manager events
 *                                            only: an agent's location already starts with "(name) ip->"), location
 *   labels                                   "key: value\n" each (format_labels)
 *   "Rule: %d (level %d) -> '%s'"            rule id, level, description
 *   "\nSrc IP: %s" ... "\nUser: %s"          srcip, (geoip) location, srcport, dstip, (geoip) location, dstport, dstuser,
 *                                            each only when the event has it
 *   "\n%s\n"                                 full_log
 *   (syscheck) "Attributes:\n" and " - Name: value" lines; (others) "%s: %s\n" per dynamic field
 *   last_events, one per line; then "\n".
 *
 * The date line is the manager's local time; the header's tv_sec is exact, so arctl takes the time from it.
 */

import { cjsonGet } from './cjson.ts';
import { isObject } from '../util/is-object.ts';

/**
 * What alerts.json has and alerts.log does not write: said once when arctl reads alerts.log. alerts.json's
 * agent.ip is the agent's internal `_agent_ip` label when it has one (json_extended.c:484-501): the address of
 * its socket to the manager, which every agent since 3.9 sends with its keep-alive (client-agent/notify.c:43-71,
 * 188-190). alerts.log never writes internal labels (log.c:61; labels_op.c:145-148: a `#` key is internal), only
 * the client.keys address in `(name) ip->` (log.c:140-142), `any` for an agent authd registered by default
 * (authd-config.c:78, use_source_ip 0). Nor manager.name, gethostname() whole (format/to_json.c:78-82), which alerts.json
 * also gives a manager event as its agent.name (json_extended.c:410-418): alerts.log's `host->` there is lf->hostname
 * (log.c:139-141), the event's syslog host, else the manager's name cut at its first dot (cleanevent.c:589,
 * analysisd.c:459-466).
 */
export const ALERTS_LOG_MISSING =
  'agent.id (the agent is named, not numbered: --agents maps the name to its id), the decoded fields other than srcip, srcport, dstip, dstport and dstuser ' +
  '(srcuser, protocol, action, id, url, data, extra_data, status, system_name), decoder.name, rule.firedtimes, rule.mitre, syscheck.path, manager.name ' +
  "(alerts.json writes it as the agent.name of the manager's own events too; the name before '->' is the event's own host, or the manager's cut at its first dot), " +
  'the fraction of the alert second ' +
  "and the agent's own address (alerts.json's agent.ip is the _agent_ip the agent reports; alerts.log has its client.keys address, often any)";

const HEADER = /^\*\* Alert (\d+)\.(\d+):( mail )? - (.*)$/;
const DATE_LINE = /^(\d{4}) ([A-Z][a-z]{2}) (\d{2}) (\d{2}:\d{2}:\d{2}) (.*)$/;
const RULE_LINE = /^Rule: (\d+) \(level (\d+)\) -> '(.*)'$/;
/** The optional lines after "Rule:", in the order OS_Log writes them, and where alerts.json keeps each. */
const STATIC_FIELDS: ReadonlyArray<readonly [prefix: string, field: string | undefined]> = [
  ['Src IP: ', 'srcip'],
  ['Src Location: ', undefined],
  ['Src Port: ', 'srcport'],
  ['Dst IP: ', 'dstip'],
  ['Dst Location: ', undefined],
  ['Dst Port: ', 'dstport'],
  ['User: ', 'dstuser'],
];
/**
 * OSSEC before 2.6 wrote every one of these lines, "(none)" for a field the event lacks: "Src IP: %s\nUser: %s"
 * (ossec-hids src/analysisd/alerts/log.c before e3b62549, 2010-11-05), then "Src IP: %s\nSrc Port: %s\nDst IP:
 * %s\nDst Port: %s\nUser: %s" until 5a17c129 (2011-02-11) wrote a line only for a field the event has, as
 * Wazuh does (log.c:148-180). Read as values, `(none)` fails analysisd's srcip and user checks.
 */
const OSSEC_25_LAYOUTS = [
  ['Src IP: ', 'User: '],
  ['Src IP: ', 'Src Port: ', 'Dst IP: ', 'Dst Port: ', 'User: '],
];
const NONE = '(none)';

/** Whether an alert's field lines are all of an old layout's, one of them `(none)`: its `(none)` are absent fields. */
function isOssec25Layout(fieldLines: readonly string[]): boolean {
  return (
    fieldLines.some((l) => l.endsWith(`: ${NONE}`)) &&
    OSSEC_25_LAYOUTS.some((layout) => layout.length === fieldLines.length && layout.every((prefix, k) => fieldLines[k]!.startsWith(prefix)))
  );
}

/** A dynamic field's name as decoders write them (`win.eventdata.ipAddress`, `audit.command`). */
const FIELD_NAME = /^[A-Za-z0-9_][\w.-]*$/;

/**
 * What an agent's event carries between `(name) ` and `->`: remoted writes the agent's client.keys address
 * (secure.c:934), `any` or an IPv4/IPv6 address or network that OS_IsValidIP accepted. Anything else (a
 * `user@host`) is not an agent's.
 */
function isAgentAddress(text: string): boolean {
  return text === 'any' || /^[0-9A-Fa-f.:]+(\/[0-9.]+)?$/.test(text);
}

/** Whether a line starts an alert of alerts.log. */
export function isAlertsLogHeader(line: string): boolean {
  return HEADER.test(line);
}

/** An alert of alerts.log that cannot be read, with the reason. */
export class AlertsLogError extends Error {}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split('.');
  // A field name from an attacker-controlled log must not reach an object's prototype.
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype' || p === '')) return;
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * W_JSON_AddField (shared/string_op.c:186-224), as W_JSON_ParseLabels files a label: a dotted key nests
 * (`aws.region` -> {aws: {region}}), a name already there (cJSON's case-blind lookup) keeps its first value,
 * and a value that starts with `[` and parses whole as JSON is stored parsed.
 */
function addLabel(target: Record<string, unknown>, key: string, value: string): void {
  const dot = key.indexOf('.');
  const name = dot >= 0 ? key.slice(0, dot) : key;
  // A key from a configuration the alert names must not reach an object's prototype.
  if (name === '__proto__' || name === 'constructor' || name === 'prototype') return;
  const existing = cjsonGet(target, name);
  if (dot >= 0) {
    if (existing === undefined) addLabel((target[name] = {}) as Record<string, unknown>, key.slice(dot + 1), value);
    else if (isObject(existing)) addLabel(existing, key.slice(dot + 1), value);
    return;
  }
  if (existing !== undefined) return;
  if (value.startsWith('[')) {
    try {
      target[name] = JSON.parse(value) as unknown;
      return;
    } catch {
      // Not JSON: kept as text.
    }
  }
  target[name] = value;
}

/** A field line of a decoder that names its fields by path (`win.system.message: `): what ends a quoted value. */
const PATH_FIELD = /^[A-Za-z0-9_][\w-]*(\.[\w-]+)+: /;

/**
 * The last line of a quoted value that spans lines, or undefined. OS_Log writes a value as it is
 * (log.c:283-287): an eventchannel message (`"Process Create:\r\n...User: X\r\n..."`) goes on over lines
 * that read like fields of their own. Its quote closes on a line ending in `"` that the next field
 * (named by a path, as the JSON decoder names them) or the end of the alert follows.
 */
function closingLine(lines: readonly string[], from: number): number | undefined {
  for (let k = from + 1; k < lines.length; k++) {
    const next = lines[k + 1];
    if (lines[k]!.endsWith('"') && (next === undefined || next === '' || PATH_FIELD.test(next))) return k;
  }
  return undefined;
}

/**
 * One alert block (its lines, the header first) as the alerts.json object carrying the same facts:
 * id, timestamp, rule (id, level, description, groups, mail), agent (name and ip, id "000" for the
 * manager's own events; an agentless object instead for wazuh-agentlessd's `user@host`), location, data (srcip...dstuser and the dynamic fields), full_log.
 */
export function alertFromLogBlock(lines: readonly string[]): Record<string, unknown> {
  const header = HEADER.exec(lines[0] ?? '');
  if (!header) throw new AlertsLogError('not an alerts.log header ("** Alert <seconds>.<id>: - <groups>")');
  const date = DATE_LINE.exec(lines[1] ?? '');
  if (!date) throw new AlertsLogError('the line after the header is not "<year> <Mon> <day> <hh:mm:ss> <location>"');
  const seconds = Number(header[1]);
  const when = new Date(seconds * 1000);
  if (!Number.isFinite(when.getTime()) || seconds < 1) throw new AlertsLogError(`alert time ${header[1]} is not a time`);
  const alert: Record<string, unknown> = {
    timestamp: when.toISOString().replace('Z', '+0000'),
    id: `${header[1]}.${header[2]}`,
  };
  const rule: Record<string, unknown> = {};
  const agent: Record<string, unknown> = {};
  const where = date[5]!;
  const prefixed = /^\((.*?)\) (\S+)->(.*)$/.exec(where);
  let agentless: Record<string, unknown> | undefined;
  if (prefixed && !isAgentAddress(prefixed[2]!)) {
    // The manager's own event under a `(script) host->` location: wazuh-agentlessd's (agentlessd.c:58, 80,
    // 135), which analysisd gives agent id 000 (cleanevent.c:590). alerts.json then keeps what follows the
    // first '>' as the location and, for a `user@host`, an agentless object instead of the agent
    // (json_extended.c W_JSON_ParseLocation, W_JSON_ParseAgentless).
    const host = prefixed[2]!;
    const at = host.indexOf('@');
    alert.location = where.slice(where.indexOf('>') + 1);
    if (at >= 0) agentless = { script: prefixed[1], user: host.slice(0, at), host: host.slice(at + 1) };
    else agent.id = '000';
  } else if (prefixed) {
    agent.name = prefixed[1];
    // alerts.json leaves an `any` address out (json_extended.c:497, W_JSON_ParseAgentIP).
    if (prefixed[2] !== 'any') agent.ip = prefixed[2];
    alert.location = prefixed[3];
  } else {
    const arrow = where.indexOf('->');
    agent.id = '000';
    if (arrow >= 0) {
      agent.name = where.slice(0, arrow);
      alert.location = where.slice(arrow + 2);
    } else alert.location = where;
  }
  let i = 2;
  // Labels (key: value) until the Rule line: the agent's labels that are neither hidden nor internal
  // (log.c:56-72 format_labels), which alerts.json keeps under agent.labels (json_extended.c:694-709).
  let labels: Record<string, unknown> | undefined;
  for (; i < lines.length && !RULE_LINE.test(lines[i]!); i++) {
    const colon = lines[i]!.indexOf(': ');
    if (colon > 0) addLabel((labels ??= {}), lines[i]!.slice(0, colon), lines[i]!.slice(colon + 2));
  }
  if (labels) agent.labels = labels;
  const ruleLine = RULE_LINE.exec(lines[i] ?? '');
  if (!ruleLine) throw new AlertsLogError('no "Rule: <id> (level <n>) -> \'<description>\'" line');
  rule.level = Number(ruleLine[2]);
  rule.description = ruleLine[3];
  rule.id = ruleLine[1];
  // " mail " is written exactly when alerts.json's rule.mail is true (DO_MAILALERT).
  rule.mail = header[3] !== undefined;
  rule.groups = header[4]!.split(',').filter((g) => g !== '');
  i++;
  const data: Record<string, unknown> = {};
  let next = 0;
  const staticFrom = i;
  for (; i < lines.length && next < STATIC_FIELDS.length; i++) {
    const line = lines[i]!;
    const at = STATIC_FIELDS.findIndex(([prefix], k) => k >= next && line.startsWith(prefix));
    if (at < 0) break;
    const [prefix, field] = STATIC_FIELDS[at]!;
    if (field) data[field] = line.slice(prefix.length);
    next = at + 1;
  }
  if (isOssec25Layout(lines.slice(staticFrom, i))) for (const [key, value] of Object.entries(data)) if (value === NONE) delete data[key];
  // A file integrity event (a syscheck_ decoder): a full_log of several lines, each ending in a newline
  // (decoders/syscheck.c:1680, "Mode: ...\n" among them), then "Attributes:" and no dynamic fields
  // (log.c:186-282): the lines up to that are the full_log, none is a field.
  const attributes = lines.indexOf('Attributes:', i);
  if (attributes > i) {
    alert.full_log = `${lines.slice(i, lines[attributes - 1] === '' ? attributes - 1 : attributes).join('\n')}\n`;
    i = lines.length;
  } else if (i < lines.length) alert.full_log = lines[i++];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    if (!FIELD_NAME.test(key) || key in data) continue;
    let value = line.slice(colon + 2);
    const close = value.startsWith('"') && (value.length === 1 || !value.endsWith('"')) ? closingLine(lines, i) : undefined;
    if (close !== undefined) {
      value = [value, ...lines.slice(i + 1, close + 1)].join('\n');
      i = close;
    }
    setPath(data, key, value);
  }
  alert.rule = rule;
  if (agentless) alert.agentless = agentless;
  else alert.agent = agent;
  if (Object.keys(data).length > 0) alert.data = data;
  Object.defineProperty(alert, ALERTS_LOG_ORIGIN, { value: true, enumerable: false });
  return alert;
}

/**
 * Marks an alert read from alerts.log: a symbol key, so no payload, JSON output or copy carries it. What
 * alerts.log writes of the agent's address differs from alerts.json's agent.ip (see ALERTS_LOG_MISSING).
 */
export const ALERTS_LOG_ORIGIN: unique symbol = Symbol('read from alerts.log');

/** Whether `alert` was read from alerts.log (alertFromLogBlock). */
export function readFromAlertsLog(alert: object): boolean {
  return ALERTS_LOG_ORIGIN in alert;
}
