/**
 * `arctl validate`'s findings: would Wazuh start with this file? Every refusal of wazuh-analysisd and
 * wazuh-maild at start-up (src/wazuh/load.ts), in the order the daemons would print them (analysisd's
 * AR_ReadConfig, then GlobalConf, then maild's MailConf), each with Wazuh's own code and text and the
 * daemon that stops. `lint` reports the same findings (src/lint/engine.ts).
 *
 * The rule id of a refusal is the catalogue rule that owns that cause, so disable comments, `--rule`
 * settings and the docs keep working; the message is Wazuh's.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { Range } from '../document/types.ts';
import { buildConfigView } from '../document/views.ts';
import { badValue, unexpectedElement } from '../schema/classify.ts';
import { loadAnalysisdConfig, type AnalysisdConfig, type LoadMessage } from '../wazuh/load.ts';
import { versionAtLeast, type TargetVersion } from '../wazuh/version.ts';
import type { Diagnostic } from './types.ts';
import { foldLookalikes, nearestName } from './names.ts';
import { childrenOf } from '../wazuh/load-global.ts';

export const STARTUP_MESSAGE_ID = 'startup-refusal' as const;
export const NO_CONFIG_ROOT_MESSAGE_ID = 'no-config-root' as const;

/** The rule that owns a refusal with this code, when the code alone decides it. */
const RULE_BY_CODE: Record<number, string> = {
  1264: 'email-alerts-no-filter',
  1280: 'command-missing-field',
  1281: 'missing-command-or-location',
  1302: 'invalid-location',
  1304: 'defined-agent-without-agent-id',
  1305: 'timeout-without-timeout-allowed',
};

/** Refusals of maild's own checks (no code) and of `<global><email_to>`. */
const RULE_BY_TEXT: Array<[RegExp, string]> = [
  [/^Invalid Email address: /, 'email-address-invalid'],
  [/^(All alert formats are disabled\.|Alerts\.(log|json) is disabled)$/, 'email-notification-incomplete'],
];

/** Every rule id a refusal can carry. */
export const STARTUP_RULE_IDS: readonly string[] = [
  ...new Set([
    ...Object.values(RULE_BY_CODE),
    ...RULE_BY_TEXT.map(([, id]) => id),
    'outside-ossec-config', 'unknown-element', 'option-from-other-block', 'invalid-value', 'invalid-boolean', 'empty-value',
    'level-invalid', 'command-name-reserved-bang', 'email-level-invalid', 'email-format-invalid', 'email-maxperhour-range',
    'email-log-source-invalid', 'unknown-command', 'command-defined-after-use',
  ]),
];

function ruleFor(message: LoadMessage, config: AnalysisdConfig, doc: ConfigDocument): { ruleId: string; hint?: string } {
  const el = message.element;
  if (message.code === 1230 && el) {
    if (!el.parent) {
      const hasRoot = doc.roots.some((r) => r.name === 'ossec_config');
      return {
        ruleId: 'outside-ossec-config',
        hint: hasRoot ? ' Move it inside <ossec_config>.' : ' This file has no <ossec_config> root element: wrap the configuration in <ossec_config>...</ossec_config>.',
      };
    }
    // A childless <command> / <active-response> section: the rules that own those blocks report it.
    const childless = !el.parent.parent && childrenOf(el).length === 0;
    if (childless && el.name === 'command') return { ruleId: 'command-missing-field' };
    if (childless && el.name === 'active-response') return { ruleId: 'missing-command-or-location' };
    const schema = unexpectedElement(el);
    const suggestion = schema.data.suggestion === undefined ? undefined : String(schema.data.suggestion);
    return { ruleId: schema.ruleId, ...(suggestion && suggestion !== el.name ? { hint: ` Did you mean <${suggestion}>?` } : {}) };
  }
  if (message.code === 1237 && el?.name === 'white_list') return { ruleId: 'whitelist-not-ip' };
  if (message.code === 1235 && el) return { ruleId: badValue(el)?.ruleId ?? 'invalid-value' };
  if (message.code === 1303 && el) {
    // Defined further down: ReadActiveResponses only knows the commands read before the block.
    const name = el.content;
    const later = config.commands.some((c) => c.name === name && c.element.range.start > el.range.start);
    if (later) return { ruleId: 'command-defined-after-use', hint: ` <command> '${name}' is defined further down: move it above this response.` };
    const names = [...new Set(config.commands.map((c) => c.name))];
    const folded = foldLookalikes(name).toLowerCase();
    const sameIgnoringCase = names.filter((n) => foldLookalikes(n).toLowerCase() === folded);
    const suggestion = sameIgnoringCase.length === 1 ? sameIgnoringCase[0] : nearestName(name, names);
    return { ruleId: 'unknown-command', ...(suggestion ? { hint: ` Did you mean '${suggestion}'?` } : {}) };
  }
  if (message.code === 1302 && el) {
    const suggestion = nearestName(el.content.toLowerCase(), ['local', 'server', 'defined-agent', 'all']);
    return { ruleId: 'invalid-location', ...(suggestion ? { hint: ` Did you mean '${suggestion}'?` } : {}) };
  }
  if (message.code !== null && RULE_BY_CODE[message.code]) return { ruleId: RULE_BY_CODE[message.code]! };
  for (const [pattern, ruleId] of RULE_BY_TEXT) if (pattern.test(message.text)) return { ruleId };
  return { ruleId: 'invalid-value' };
}

/** Codes whose message is about an option's value. */
const VALUE_CODES = new Set([1235, 1237, 1302, 1303, 1450]);

/**
 * Where a refusal points: the start tag of a section, block or unknown element (1230), the value of an
 * option whose value is refused (the element when the value is empty), as the rules point at them.
 */
function rangeOf(message: LoadMessage, doc: ConfigDocument): Range {
  const el = message.element;
  if (!el) return { start: 0, end: Math.min(1, doc.bytes.length) };
  const quotesValue = (message.code !== null && VALUE_CODES.has(message.code)) || (el.content !== '' && [`'${el.content}'`, `"${el.content}"`, `: ${el.content}`].some((q) => message.text.includes(q)));
  const isValue = quotesValue && el.parent?.parent && !el.children.some((c) => !c.isVariable);
  if (!isValue) return el.openTag;
  return el.contentRange.end > el.contentRange.start ? el.contentRange : el.range;
}

function key(m: LoadMessage): string {
  return `${m.element?.range.start ?? -1}\0${m.text}`;
}

/**
 * The refusals of an ossec.conf, in Wazuh's order: analysisd's, then those of maild that analysisd does
 * not share (a problem both daemons stop at is named once, with both).
 */
export function startupDiagnostics(doc: ConfigDocument, target: TargetVersion, config?: AnalysisdConfig): Diagnostic[] {
  if (doc.parseError) return [];
  const loaded = config ?? loadAnalysisdConfig(doc, buildConfigView(doc), target);
  const analysisd = new Set(loaded.problems.map(key));
  const maildOnly = loaded.maild.problems.filter((m) => !analysisd.has(key(m)));
  const maild = new Set(loaded.maild.problems.map(key));
  const out: Diagnostic[] = [];
  for (const m of [...loaded.problems, ...maildOnly]) {
    const { ruleId, hint } = ruleFor(m, loaded, doc);
    const daemon = m.daemon === 'wazuh-analysisd' && maild.has(key(m)) ? 'wazuh-analysisd and wazuh-maild' : m.daemon;
    out.push({
      ruleId,
      messageId: STARTUP_MESSAGE_ID,
      data: {
        stops: m.crash ? '' : `${daemon} ${daemon.includes(' and ') ? 'stop' : 'stops'}: `,
        text: m.text,
        hint: hint ?? '',
      },
      severity: 'error',
      range: rangeOf(m, doc),
    });
  }
  return out;
}

/** Whether the loader's section table is the one checked against Wazuh's source (4.14 and later). */
export function exactStartupModel(target: TargetVersion): boolean {
  return versionAtLeast(target, 4, 14);
}

/**
 * A file with no `<ossec_config>` (or `<agent_config>`) anywhere is not a Wazuh configuration at all:
 * /etc/passwd, a package.json, an alerts.json, YAML. Said once, as an error, instead of whatever its
 * bytes look like to Wazuh's XML reader.
 */
export function notAConfig(doc: ConfigDocument): Diagnostic | undefined {
  const text = doc.bytes.toString('latin1');
  if (/<(ossec_config|agent_config)\b/.test(text)) return undefined;
  if (!doc.parseError && doc.roots.length > 0) return undefined;
  const firstByte = doc.bytes.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  const at = Math.max(0, firstByte);
  return {
    ruleId: 'outside-ossec-config',
    messageId: NO_CONFIG_ROOT_MESSAGE_ID,
    data: { looksLike: looksLike(text) },
    severity: 'error',
    range: { start: at, end: Math.min(doc.bytes.length, at + 1) },
  };
}

function looksLike(text: string): string {
  const start = text.trimStart();
  if (/^[[{]/.test(start)) return ' (it looks like JSON)';
  if (/^\*\* Alert \d/m.test(text)) return ' (it looks like a Wazuh alerts.log)';
  if (/^---\s*$/m.test(text) || /^[\w.-]+:\s/m.test(start)) return ' (it looks like YAML or a key: value file)';
  return '';
}
