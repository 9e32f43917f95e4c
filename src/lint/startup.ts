/**
 * `arctl validate`'s findings: would Wazuh start with this file? Every refusal of wazuh-analysisd and
 * wazuh-maild at start-up (src/wazuh/load.ts), in the order the daemons would print them (analysisd's
 * AR_ReadConfig, then GlobalConf, then maild's MailConf), each with Wazuh's own code and text and the
 * daemon that stops. `lint` reports the same findings (src/lint/engine.ts).
 *
 * The rule id of a refusal is the catalogue rule that owns that cause (the rule module's `ownsRefusal`,
 * else the schema's classification), so disable comments, `--rule` settings and the docs keep working;
 * the message is Wazuh's.
 */
import { ROOT_ELEMENTS } from '../schema/elements.ts';
import type { ConfigDocument } from '../document/document.ts';
import type { Range } from '../document/types.ts';
import { buildConfigView } from '../document/views.ts';
import { badValue, unexpectedElement } from '../schema/classify.ts';
import { loadAnalysisdConfig, loadAuthd, loadRemoted, type AnalysisdConfig, type LoadMessage } from '../wazuh/load.ts';
import { crashed, daemonName } from '../wazuh/load-log.ts';
import { withDaemonNames } from './daemon-names.ts';
import { REMOTE_OPTIONS_SINCE, remoteOptions } from '../wazuh/load-remote.ts';
import { AUTH_OPTIONS, AUTH_OPTIONS_SINCE, isAuthSwitch, isKeyPollingWodle } from '../wazuh/load-auth.ts';
import { suggestOne } from '../util/suggest.ts';
import { isMainSection, OSSEC_SECTIONS, ossecRulesetOptionHint, ossecSectionHint } from '../wazuh/startup-sections.ts';
import { parseTargetVersion, versionAtLeast, versionAtLeastText, type TargetVersion } from '../wazuh/version.ts';
import type { Diagnostic, FileRole } from './types.ts';
import { elementValueRange } from './active-response.ts';
import { allRules } from './rules/index.ts';

export const STARTUP_MESSAGE_ID = 'startup-refusal' as const;
export const NO_CONFIG_ROOT_MESSAGE_ID = 'no-config-root' as const;
/** The same, for a file Wazuh's reader accepts because it holds no element at all. */
export const NO_CONFIG_ELEMENTS_MESSAGE_ID = 'no-config-elements' as const;

/** The rules that own start-up refusals (./refusals.ts), each claiming its own. */
const REFUSAL_OWNERS = allRules.filter((rule) => rule.ownsRefusal !== undefined);

/** The ids the schema's classification of the element gives a refusal no rule claims (1230, 1235, else invalid-value). */
const SCHEMA_CLASSIFIED_IDS = [
  'unknown-element', 'option-from-other-block', 'invalid-value', 'invalid-boolean', 'empty-value', 'level-invalid',
  'command-name-reserved-bang', 'email-level-invalid', 'email-format-invalid', 'email-maxperhour-range', 'email-log-source-invalid',
];

/** Every rule id a refusal can carry. */
export const STARTUP_RULE_IDS: readonly string[] = [...new Set([...REFUSAL_OWNERS.map((rule) => rule.id), ...SCHEMA_CLASSIFIED_IDS])];

/** The rule that claims the refusal, else the schema's rule for the element (an unexpected element, a bad value). */
function ruleFor(message: LoadMessage, config: AnalysisdConfig, doc: ConfigDocument): { ruleId: string; hint?: string } {
  const refusal = { message, config, doc };
  for (const rule of REFUSAL_OWNERS) {
    const claim = rule.ownsRefusal!(refusal);
    if (claim) return { ruleId: rule.id, ...claim };
  }
  const el = message.element;
  // OSSEC's <rules> (src/wazuh/startup-sections.ts): the same 1230, said with what Wazuh reads instead.
  if (message.code === 1230 && el && el.depth === 1 && OSSEC_SECTIONS.has(el.name)) return { ruleId: 'unknown-element', hint: ossecSectionHint(el.name) };
  const rulesetHint = message.code === 1230 && el ? ossecRulesetOptionHint(el.name, el.parent?.name) : undefined;
  if (rulesetHint) return { ruleId: 'unknown-element', hint: rulesetHint };
  if (message.code === 1230 && el) {
    const schema = unexpectedElement(el);
    const suggestion = schema.data.suggestion === undefined ? undefined : String(schema.data.suggestion);
    return { ruleId: schema.ruleId, ...(suggestion && suggestion !== el.name ? { hint: ` Did you mean <${suggestion}>?` } : {}) };
  }
  // <limit_maxagents> is a yes/no switch before 4.1, the only versions that refuse a value of it.
  if (message.code === 1235 && el && message.daemon === 'wazuh-authd' && (isAuthSwitch(el) || el.name === 'limit_maxagents')) return { ruleId: 'invalid-boolean' };
  // <wodle name="agent-key-polling">'s <enabled> (authd_read_key_request's eval_bool).
  if (el && message.daemon === 'wazuh-authd' && el.name === 'enabled' && isKeyPollingWodle(el.parent)) return { ruleId: 'invalid-boolean' };
  if (message.code === 1235 && el) return { ruleId: badValue(el)?.ruleId ?? 'invalid-value' };
  return { ruleId: 'invalid-value' };
}

/** The <global> options whose 'no' stops wazuh-maild ('Alerts.json is disabled', src/wazuh/load.ts loadMaild's format checks). */
const MAILD_FORMAT_OPTIONS = new Set(['alerts_log', 'jsonout_output']);

/** Codes whose message is about an option's value (1304: the location defined-agent, with no <agent_id> to go with it). */
const VALUE_CODES = new Set([1235, 1237, 1302, 1303, 1304, 1450]);

/**
 * Where a refusal points: the start tag of a section, block or unknown element (1230), the value of an
 * option whose value is refused (the element when the value is empty), as the rules point at them.
 */
function rangeOf(message: LoadMessage, doc: ConfigDocument): Range {
  const el = message.element;
  if (!el) return { start: 0, end: Math.min(1, doc.bytes.length) };
  const quotesValue = (message.code !== null && VALUE_CODES.has(message.code)) || (el.content !== '' && [`'${el.content}'`, `"${el.content}"`, `: ${el.content}`].some((q) => message.text.includes(q)));
  // maild's check of the alert file it reads, refused for <alerts_log>/<jsonout_output> no (as email-notification-incomplete says).
  const formatValue = message.code === null && MAILD_FORMAT_OPTIONS.has(el.name) && el.content === 'no';
  // wazuh-remoted's uncoded "Invalid value for option '<queue_size>'" (src/config/remote-config.c:225-228).
  const remotedValue = message.daemon === 'wazuh-remoted' && message.text.startsWith('Invalid value for option ');
  // authd_read_key_request's refusals name the module, not the value (src/config/authd-key-request-config.c).
  const keyRequestValue = message.daemon === 'wazuh-authd' && isKeyPollingWodle(el.parent);
  const isValue = (quotesValue || formatValue || remotedValue || keyRequestValue) && el.parent?.parent && !el.children.some((c) => !c.isVariable);
  if (!isValue) return el.openTag;
  return elementValueRange(el);
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
  // Then wazuh-remoted's reading of <remote> (without it no response reaches an agent), and wazuh-authd's of <auth>.
  const remoted = loadRemoted(doc, target).problems;
  const authd = loadAuthd(doc, target).problems;
  const out: Diagnostic[] = [];
  for (const m of [...loaded.problems, ...maildOnly, ...remoted, ...authd]) {
    const { ruleId, hint } = ruleFor(m, loaded, doc);
    // Named as the target's log names them (ossec-analysisd before 4.2).
    const daemon = m.daemon === 'wazuh-analysisd' && maild.has(key(m)) ? `${daemonName('wazuh-analysisd', target)} and ${daemonName('wazuh-maild', target)}` : daemonName(m.daemon, target);
    out.push({
      ruleId,
      messageId: STARTUP_MESSAGE_ID,
      data: {
        stops: m.crash ? crashed(daemon) : m.hang ? `${daemon} never starts: ` : `${daemon} ${daemon.includes(' and ') ? 'stop' : 'stops'}: `,
        text: m.text,
        // A rule's hint may name a daemon by placeholder ({{maild}}): filled in here, data values are not formatted again.
        hint: sentenceAfter(m.text, hint === undefined ? remotedHint(m, target) : withDaemonNames(hint, target)),
      },
      severity: 'error',
      range: rangeOf(m, doc),
    });
  }
  return out;
}

/**
 * A hint after Wazuh's text as a sentence of its own: some of Wazuh's messages end without a period
 * (authd's key-request reader: "Invalid content for tag 'enabled' at module 'key-request'"), which a hint
 * that is a sentence would otherwise continue; a hint in parentheses continues Wazuh's sentence.
 */
function sentenceAfter(text: string, hint: string): string {
  return /^ \w/.test(hint) && !/[.!?:]$/.test(text) ? `.${hint}` : hint;
}

/** A remoted (1230): the `<remote>` option the name is closest to; an authd one, the `<auth>` option. */
function remotedHint(m: LoadMessage, target: TargetVersion): string {
  // The deprecated module's block: authd reads it as <auth><key_request>, where the same value is only logged.
  if (m.daemon === 'wazuh-authd' && m.element && isKeyPollingWodle(m.element.parent)) {
    return ' wazuh-authd reads the deprecated <wodle name="agent-key-polling"> as its <auth><key_request> and stops at what that reader refuses (src/config/config.c:180-186): put the options in <auth><key_request>.';
  }
  if (m.daemon === 'wazuh-authd' && m.code === 1230 && m.element?.parent?.name === 'auth') {
    // An option of a later version (<agents> compared in any case).
    const name = m.element.name.toLowerCase() === 'agents' ? 'agents' : m.element.name;
    const since = AUTH_OPTIONS_SINCE[name];
    if (since !== undefined) return withDaemonNames(` {{authd}} reads <${name}> from Wazuh ${since}.`, target);
    const near = suggestOne(m.element.name, AUTH_OPTIONS.filter((o) => !AUTH_OPTIONS_SINCE[o] || versionAtLeastText(target, AUTH_OPTIONS_SINCE[o])));
    return near ? ` Did you mean <${near}>?` : '';
  }
  if (m.daemon !== 'wazuh-remoted' || m.code !== 1230 || !m.element) return '';
  const name = m.element.name;
  // An option of a later version (checked against 4.14's list).
  const later = remoteOptions(parseTargetVersion()).find((o) => (o.anyCase ? o.name === name.toLowerCase() : o.name === name));
  if (later) return withDaemonNames(` {{remoted}} reads <${later.name}> from Wazuh ${REMOTE_OPTIONS_SINCE[later.name] ?? 'a later version'}.`, target);
  const near = suggestOne(m.element.name, remoteOptions(target).map((o) => o.name));
  return near ? ` Did you mean <${near}>?` : '';
}

/** Whether the loader's section table is the one checked against Wazuh's source (4.14 and later). */
export function exactStartupModel(target: TargetVersion): boolean {
  return versionAtLeast(target, 4, 14);
}

/**
 * A file with no `<ossec_config>` (or `<agent_config>`) anywhere is not a Wazuh configuration at all:
 * /etc/passwd, a package.json, an alerts.json, YAML, an empty file. Said once, instead of whatever its
 * bytes look like to Wazuh's XML reader: an error when that reader refuses them, a warning when it
 * finds no element at all (text and comments only: ReadConfig, src/config/config.c, returns 0 without a
 * node, so Wazuh starts, with none of this file's settings).
 */
export function notAConfig(doc: ConfigDocument, role: FileRole): Diagnostic | undefined {
  const refused = Boolean(doc.parseError);
  if (!refused && doc.roots.length > 0) return undefined;
  const text = doc.bytes.toString('latin1');
  // A configuration Wazuh cannot parse gets the parse error itself; so does one that opens with an XML
  // declaration (with or without a root after it): os_xml reads '<?xml' as an element and refuses the '?>'
  // after its attributes ("XMLERR: Bad attribute closing for 'version'='1.0'.", spec verified/os_xml.json),
  // so ReadConfig fails with (1226) and the daemons do not start, whatever follows.
  // So does a pasted snippet whose first element is a Wazuh section (an <integration> block to add to
  // ossec.conf): what Wazuh's reader refuses in it is the problem to show first, not "not a configuration".
  // So does one that names its root only in a closing tag (`ossec_config>` on the first line, its '<' lost in a
  // paste): os_xml skips the text before the first '<' and stops at the closing tag ("Element not opened.").
  const firstElement = /^<([A-Za-z_-]+)[\s>/]/.exec(text.replace(/<!--[\s\S]*?-->/g, '').trimStart())?.[1];
  if (refused && firstElement !== undefined && isMainSection(firstElement)) return undefined;
  if (refused && (/<\/?(ossec_config|agent_config)\b/.test(text) || /^<\?/.test(text.replace(/<!--[\s\S]*?-->/g, '').trimStart()))) return undefined;
  const firstByte = doc.bytes.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  const at = Math.max(0, firstByte);
  return {
    ruleId: 'outside-ossec-config',
    messageId: refused ? NO_CONFIG_ROOT_MESSAGE_ID : NO_CONFIG_ELEMENTS_MESSAGE_ID,
    data: {
      looksLike: firstByte < 0 ? ' (the file is empty)' : looksLike(text),
      // A shared agent.conf: agents read <agent_config> roots (config.c ReadConfig with CAGENT_CONFIG).
      root: ROOT_ELEMENTS[role],
      nothingRead: role === 'agent.conf' ? 'the agents of its group read nothing from it' : 'Wazuh starts with this file but reads nothing from it (no command, active response or e-mail setting)',
    },
    severity: refused ? 'error' : 'warning',
    range: { start: at, end: Math.min(doc.bytes.length, at + 1) },
  };
}

function looksLike(text: string): string {
  const start = text.trimStart();
  if (start.startsWith('<!--') && text.replace(/<!--[\s\S]*?-->/g, '').trim() === '') return ' (it holds only comments)';
  if (/^[[{]/.test(start)) return ' (it looks like JSON)';
  if (/^\*\* Alert \d/m.test(text)) return ' (it looks like a Wazuh alerts.log)';
  if (/^---\s*$/m.test(text) || /^[\w.-]+:\s/m.test(start)) return ' (it looks like YAML or a key: value file)';
  return '';
}
