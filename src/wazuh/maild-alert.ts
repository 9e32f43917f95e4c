/**
 * What wazuh-maild reads of an alerts.json line (src/os_maild/os_maild_client.c OS_RecvMailQ_JSON,
 * v4.14.7): cJSON_GetObjectItem lookups, which ignore ASCII case and take the first key that matches;
 * rule.mail must be `true` itself (cJSON_IsTrue); rule.level is cJSON's valueint (0 for a string) read as
 * unsigned; rule.id goes through atoi; the subject host is `(name) ip->location` or `name->location`.
 * A field the C code reads as a string but is not one (valuestring NULL) makes maild crash in
 * strlen/strdup/atoi.
 */
import { atoi } from './c-number.ts';
import { cjsonGet } from './cjson.ts';
import { isObject } from '../util/is-object.ts';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** cjsonGet (cJSON_GetObjectItem) telling a missing item from one that is there (JSON has no undefined value). */
export function cjsonGetObjectItem(value: unknown, name: string): { found: true; value: unknown } | { found: false } {
  const item = cjsonGet(value, name);
  return item === undefined ? { found: false } : { found: true, value: item };
}

/** The host a mail's subject names and granular <event_location> is matched against: `(name) ip->location`, or `name->location` without an agent ip. */
export function maildHost(name: string, ip: string | undefined, location: string): string {
  return ip !== undefined ? `(${name}) ${ip}->${location}` : `${name}->${location}`;
}

/** cJSON's valueint: a number's value cut to int (saturating at INT_MAX / INT_MIN), 0 for anything else. */
export function cjsonValueInt(value: unknown): number {
  if (typeof value !== 'number') return 0;
  if (value >= INT_MAX) return INT_MAX;
  if (value <= INT_MIN) return INT_MIN;
  return Math.trunc(value);
}

export type MaildJsonAlert =
  | { kind: 'skipped'; reason: string }
  | { kind: 'crash'; field: string }
  | {
      kind: 'taken';
      /** The subject host granular event_location is matched against. */
      host: string;
      /** alert_level: unsigned int. */
      level: number;
      /** atoi(rule.id), as the unsigned compare with gran_id sees it (same bits as int). */
      ruleId: number;
      /** rule.group's items (undefined: no rule.group, so the group test is skipped); null marks an item that is not a string. */
      group: Array<string | null> | undefined;
    };

/** The rule.mail flag as maild tests it: undefined when the alert has no rule or no rule.mail at all. */
export function maildMailFlag(alert: Record<string, unknown>): boolean | undefined {
  const rule = cjsonGetObjectItem(alert, 'rule');
  if (!rule.found) return undefined;
  const mail = cjsonGetObjectItem(rule.value, 'mail');
  return mail.found ? mail.value === true : undefined;
}

/** OS_RecvMailQ_JSON's reading of a line whose rule.mail is true, up to the granular checks. */
export function readMaildJsonAlert(alert: Record<string, unknown>): MaildJsonAlert {
  const get = cjsonGetObjectItem;
  const rule = get(alert, 'rule');
  const ruleValue = rule.found ? rule.value : undefined;
  // The body: syscheck fields, else full_log (strlen of its valuestring), else the whole alert.
  if (!get(alert, 'syscheck').found) {
    const fullLog = get(alert, 'full_log');
    if (fullLog.found && typeof fullLog.value !== 'string') return { kind: 'crash', field: 'full_log' };
  }
  const location = get(alert, 'location');
  if (!location.found) return { kind: 'skipped', reason: 'location' };
  const agent = get(alert, 'agent');
  if (!agent.found) return { kind: 'skipped', reason: 'agent' };
  const name = get(agent.value, 'name');
  if (!name.found) return { kind: 'skipped', reason: 'agent.name' };
  const ip = get(agent.value, 'ip');
  if (typeof name.value !== 'string') return { kind: 'crash', field: 'agent.name' };
  if (ip.found && typeof ip.value !== 'string') return { kind: 'crash', field: 'agent.ip' };
  if (typeof location.value !== 'string') return { kind: 'crash', field: 'location' };
  const host = maildHost(name.value, ip.found ? (ip.value as string) : undefined, location.value);
  const level = get(ruleValue, 'level');
  if (!level.found) return { kind: 'skipped', reason: 'rule.level' };
  const description = get(ruleValue, 'description');
  if (!description.found) return { kind: 'skipped', reason: 'rule.description' };
  if (typeof description.value !== 'string') return { kind: 'crash', field: 'rule.description' };
  const id = get(ruleValue, 'id');
  if (!id.found) return { kind: 'skipped', reason: 'rule.id' };
  if (typeof id.value !== 'string') return { kind: 'crash', field: 'rule.id' };
  const timestamp = get(alert, 'timestamp');
  if (!timestamp.found) return { kind: 'skipped', reason: 'timestamp' };
  if (typeof timestamp.value !== 'string') return { kind: 'crash', field: 'timestamp' };
  const group = get(ruleValue, 'group');
  // cJSON_ArrayForEach walks the children of an array or an object; a string or number has none.
  const items = !group.found ? undefined : Array.isArray(group.value) ? group.value : isObject(group.value) ? Object.values(group.value) : [];
  return {
    kind: 'taken',
    host,
    level: cjsonValueInt(level.value) >>> 0,
    ruleId: atoi(id.value),
    group: items?.map((item) => (typeof item === 'string' ? item : null)),
  };
}
