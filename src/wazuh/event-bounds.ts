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

/** Why `value`, the event field at `path`, is larger than analysisd can build; undefined when it is not. */
function fieldBeyondBounds(path: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bytes = bytesOver(value, OS_MAXSTR - 1);
  return bytes === undefined ? undefined : `${path} is ${bytes} bytes, but analysisd reads each event into ${OS_MAXSTR} bytes (OS_MAXSTR): no Wazuh alert has such a value`;
}

/** The size of rebuildGroupString(rule), each part measured by `size`. */
function groupStringSize(rule: Record<string, unknown>, size: (text: string) => number): number {
  let total = listSize(rule.groups, '', size);
  for (let i = 0; i < COMPLIANCE_PREFIXES.length; i++) total += listSize(rule[COMPLIANCE_PREFIXES[i]![0]], COMPLIANCE_PREFIXES[i]![1], size);
  return total;
}

function listSize(list: unknown, prefix: string, size: (text: string) => number): number {
  if (!Array.isArray(list)) return 0;
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (typeof item === 'string') total += size(prefix) + size(item) + 1;
  }
  return total;
}

const textLength = (text: string) => text.length;
const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Why no Wazuh v4.14.7 manager can have written this alert, when one of the values it matches patterns
 * against is larger than analysisd can build; undefined for every real alert. This runs for every
 * alert a timeline reads: the event fields arctl matches patterns against or passes to the programs
 * are read where alerts.json puts them, one after another (no table of tuples and closures, whose
 * iteration made this the larger part of what TurboFan compiled for it).
 */
export function alertBeyondWazuhBounds(alert: Record<string, unknown>): string | undefined {
  const data = record(alert.data);
  const agent = record(alert.agent);
  const beyond =
    fieldBeyondBounds('data.srcip', data?.srcip) ??
    fieldBeyondBounds('srcip', alert.srcip) ??
    fieldBeyondBounds('data.dstuser', data?.dstuser) ??
    fieldBeyondBounds('dstuser', alert.dstuser) ??
    fieldBeyondBounds('location', alert.location) ??
    fieldBeyondBounds('agent.name', agent?.name) ??
    fieldBeyondBounds('agent.ip', agent?.ip);
  if (beyond !== undefined) return beyond;
  const rule = record(alert.rule);
  if (rule) {
    const limit = RULE_GROUP_STRING_MAX + 1;
    // Measured without building the string.
    if (groupStringSize(rule, textLength) * 3 > limit) {
      const bytes = groupStringSize(rule, utf8Length);
      if (bytes > limit) {
        return `the rule's groups make a group string of ${bytes} bytes, but analysisd builds at most ${RULE_GROUP_STRING_MAX} (a <group name> attribute, or <group> pieces of ${RULE_GROUP_PIECE_MAX}): no Wazuh alert has such a rule`;
      }
    }
  }
  return undefined;
}

/** The longest prefix a compliance family puts before each of its tokens in the group string. */
const LONGEST_PREFIX = Math.max(...COMPLIANCE_PREFIXES.map(([, prefix]) => prefix.length));

/**
 * The longest JSON text of an alert that alertBeyondWazuhBounds can never refuse, so that reading alerts of
 * ordinary size skips its walk. A decoded string holds at most 3 UTF-8 bytes per character of its JSON text
 * (escapes only make it shorter), well inside OS_MAXSTR here; a group-string token of c characters takes at
 * least c + 3 of the text (its quotes and a separator) and adds its prefix and a comma to the group string:
 * at most (LONGEST_PREFIX + 1) / 3 + 3 bytes of group string per character of text.
 */
export const ALERT_TEXT_WITHIN_BOUNDS = Math.floor((RULE_GROUP_STRING_MAX + 1) / ((LONGEST_PREFIX + 1) / 3 + 3));

/** Whether wazuh-maild reads this alerts.json line at all (a longer one is "Overlong JSON alert read"). */
export function maildReadsAlertLine(lineBytes: number): boolean {
  return lineBytes < OS_MAXSTR;
}
