/**
 * How large the alert values Wazuh matches patterns against can be (v4.14.7). arctl reads alerts from
 * files anyone can write; a value no manager can produce is refused as an invalid entry, so the cost of
 * OS_Regex and OSMatch per alert stays bounded by these sizes and the pattern size (OS_PATTERN_MAXSIZE;
 * a configuration value is even shorter, XML_MAXSIZE - 1 bytes).
 *
 * - Every event analysisd decodes arrives in an OS_MAXSTR buffer (src/analysisd/analysisd.c reads the
 *   queue with OS_RecvUnix(m_queue, OS_MAXSTR, buffer)), header and location included, and every decoded
 *   field (srcip, dstuser, ...) is a part of it: none reaches OS_MAXSTR bytes. The location and the
 *   agent's name and address travel in the same message.
 * - A rule's group string (what `<rules_group>` is matched against) is its `<group name>` attribute, at
 *   most XML_MAXSIZE - 1 bytes, extended by `<group>` elements through loadmemory
 *   (src/analysisd/rules.c), which refuses (1104) when the string so far or the piece is over 2048 bytes:
 *   it never exceeds 20479 bytes. alerts.json splits it on commas; rebuilt with a comma after each
 *   token it is at most one byte longer.
 * - wazuh-maild reads alerts.json with fgets into an OS_MAXSTR + 1 buffer (src/shared/json-queue.c
 *   jqueue_parse_json): a line of OS_MAXSTR bytes or more (newline excluded) is skipped with
 *   "Overlong JSON alert read" and never mailed.
 */
import { XML_MAXSIZE } from '../document/os-xml.ts';
import { COMPLIANCE_PREFIXES } from './alert-groups.ts';

/** defs.h OS_MAXSTR (OS_SIZE_65536). */
export const OS_MAXSTR = 65536;
/** rules.c loadmemory: OS_SIZE_2048, the most a rule's group string may hold before a `<group>` piece is added. */
export const RULE_GROUP_PIECE_MAX = 2048;
/** The longest group string analysisd builds for a rule: its `<group name>` attribute alone. */
export const RULE_GROUP_STRING_MAX = XML_MAXSIZE - 1;

/** UTF-8 byte length without encoding short strings (a UTF-16 unit is at most 3 bytes). */
function bytesOver(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > limit ? bytes : undefined;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The event fields arctl matches patterns against or passes to the programs, by where alerts.json puts them. */
const EVENT_FIELDS: ReadonlyArray<readonly [path: string, read: (alert: Record<string, unknown>) => unknown]> = [
  ['data.srcip', (a) => record(a.data)?.srcip],
  ['srcip', (a) => a.srcip],
  ['data.dstuser', (a) => record(a.data)?.dstuser],
  ['dstuser', (a) => a.dstuser],
  ['location', (a) => a.location],
  ['agent.name', (a) => record(a.agent)?.name],
  ['agent.ip', (a) => record(a.agent)?.ip],
];

/** The size of rebuildGroupString(rule), each part measured by `size`. */
function groupStringSize(rule: Record<string, unknown>, size: (text: string) => number): number {
  let total = 0;
  const add = (list: unknown, prefix: string) => {
    if (!Array.isArray(list)) return;
    for (const item of list) if (typeof item === 'string') total += size(prefix) + size(item) + 1;
  };
  add(rule.groups, '');
  for (const [field, prefix] of COMPLIANCE_PREFIXES) add(rule[field], prefix);
  return total;
}

/**
 * Why no Wazuh v4.14.7 manager can have written this alert, when one of the values it matches patterns
 * against is larger than analysisd can build; undefined for every real alert.
 */
export function alertBeyondWazuhBounds(alert: Record<string, unknown>): string | undefined {
  for (const [path, read] of EVENT_FIELDS) {
    const value = read(alert);
    if (typeof value !== 'string') continue;
    const bytes = bytesOver(value, OS_MAXSTR - 1);
    if (bytes !== undefined) return `${path} is ${bytes} bytes, but analysisd reads each event into ${OS_MAXSTR} bytes (OS_MAXSTR): no Wazuh alert has such a value`;
  }
  const rule = record(alert.rule);
  if (rule) {
    const limit = RULE_GROUP_STRING_MAX + 1;
    // Measured without building the string: this runs for every alert a timeline reads.
    if (groupStringSize(rule, (t) => t.length) * 3 > limit) {
      const bytes = groupStringSize(rule, (t) => Buffer.byteLength(t, 'utf8'));
      if (bytes > limit) {
        return `the rule's groups make a group string of ${bytes} bytes, but analysisd builds at most ${RULE_GROUP_STRING_MAX} (a <group name> attribute, or <group> pieces of ${RULE_GROUP_PIECE_MAX}): no Wazuh alert has such a rule`;
      }
    }
  }
  return undefined;
}

/** Whether wazuh-maild reads this alerts.json line at all (a longer one is "Overlong JSON alert read"). */
export function maildReadsAlertLine(lineBytes: number): boolean {
  return lineBytes < OS_MAXSTR;
}
