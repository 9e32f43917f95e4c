/**
 * The lint engine: runs every enabled rule over a parsed document and returns diagnostics with the
 * configured severities (each rule module also reports the schema pass's findings under its id);
 * lintDocument adds start-up refusals and inline disable comments. Pure: no I/O,
 * no printing.
 */
import { ConfigDocument } from '../document/document.ts';
import type { Range } from '../document/types.ts';
import { buildConfigView } from '../document/views.ts';
import { rewritesNonUtf8, type TextEdit } from '../document/edit.ts';
import { crLinesAsLf } from '../document/cr-lines.ts';
import { withEditorLineFixes } from './cr-fixes.ts';
import type { Diagnostic, FileRole, LintInputs, Report, RuleDefinition, Severity, SeveritySetting, Suggestion } from './types.ts';
import { allRules } from './rules/index.ts';
import { ruleCatalogue, type RuleMeta } from './catalogue.ts';
import { PARSE_ERROR_RULE_ID, parseErrorRule, TEMPLATE_RULE_ID, templateRule, UNUSED_DISABLE_RULE_ID, unusedDisableRule } from './engine-rules.ts';
import { applyDirectives, parseDirectives } from './disable-directives.ts';
import { SCHEMA_RULE_IDS } from '../schema/rule-ids.ts';
import { nativeSchemaDiagnostics, schemaDiagnostics, type SchemaEngine } from '../schema/validate.ts';
import type { SchemaDiagnostic } from '../schema/rule-ids.ts';
import { formatSchemaMessage, isSchemaMessageId } from '../schema/messages.ts';
import { compareText } from '../util/compare.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import { readByAnalysisd } from './active-response.ts';
import { agentReadsFinding, agentRefusal } from './agent-reads.ts';
import { exactStartupModel, notAConfig, startupDiagnostics, STARTUP_RULE_IDS } from './startup.ts';
import { printable, shortened } from '../util/printable.ts';
import { findTemplateSyntax, templateFileName } from '../document/template.ts';
import { daemonData } from './daemon-names.ts';
import { firstNonUtf8Byte } from '../util/utf8.ts';
import { firstIndexAtLeast, SpanIndex } from '../util/sorted.ts';

export { PARSE_ERROR_RULE_ID, TEMPLATE_RULE_ID, UNUSED_DISABLE_RULE_ID } from './engine-rules.ts';

export interface LintOptions extends LintInputs {
  /** Per-rule severity overrides (config file and --rule). */
  ruleSettings?: Record<string, SeveritySetting>;
  /** Only run these rules (tests and `--rule` isolation); undefined = all. */
  only?: string[];
  /** Defaults to the file name: `agent.conf` (or an `<agent_config>` root) means shared agent configuration. */
  role?: FileRole;
}

/**
 * `validate` reports what stops Wazuh at start-up in Wazuh's order: on a manager the start-up model
 * (src/lint/startup.ts), then what stops its other daemons (MANAGER_REFUSALS); on an agent's file or a shared
 * agent.conf what stops the agents' daemons (agentRefusals). `lint` adds every rule.
 */
export type LintMode = 'lint' | 'validate';

export interface LintDocumentOptions extends LintOptions {
  mode?: LintMode;
  /** How schema findings are computed (src/schema/validate.ts); both give the same findings. */
  schemaEngine?: SchemaEngine;
}

export function fileRole(doc: ConfigDocument): FileRole {
  return judgedRole(doc).role;
}

/**
 * The file's role and what told it: its name (`agent.conf`; `ossec.conf`, `*.ossec.conf`; also after a git
 * revision's `REV:`), else its root elements, else nothing (no such name and no root element: an empty or
 * comment-only file, read as an ossec.conf).
 */
export function judgedRole(doc: ConfigDocument): { role: FileRole; by: 'name' | 'root' | 'nothing' } {
  if (/(^|[\\/:])agent\.conf$/.test(doc.path)) return { role: 'agent.conf', by: 'name' };
  // Named as a node's own configuration: read as ossec.conf whatever its roots (analysisd refuses <agent_config> there).
  if (/(^|[\\/.:])ossec\.conf$/.test(doc.path)) return { role: 'ossec.conf', by: 'name' };
  if (doc.roots.length === 0) return { role: 'ossec.conf', by: 'nothing' };
  const agent = doc.roots.some((r) => r.name === 'agent_config') && !doc.roots.some((r) => r.name === 'ossec_config');
  return { role: agent ? 'agent.conf' : 'ossec.conf', by: 'root' };
}

/** The view rules that run with these options: not turned off, not filtered out, inputs present. */
export function rulesToRun(options: LintOptions): RuleDefinition[] {
  const settings = options.ruleSettings ?? {};
  return allRules.filter((rule) => (!options.only || options.only.includes(rule.id)) && settings[rule.id] !== 'off' && inputsAvailable(rule, options));
}

/**
 * Runs the rules. A file Wazuh cannot parse yields only the parse-error diagnostic. `schema` is the
 * schema pass's findings of the file (the native checks when not given): each goes to the rule module
 * that owns its rule id, which alone decides what is reported under that id.
 */
export function runRules(doc: ConfigDocument, options: LintOptions, schema?: readonly SchemaDiagnostic[]): Diagnostic[] {
  const settings = options.ruleSettings ?? {};
  if (doc.parseError) return parseErrorDiagnostics(doc, settings);
  const config = buildConfigView(doc);
  const role = options.role ?? fileRole(doc);
  const schemaByRule = new Map<string, SchemaDiagnostic[]>();
  for (const d of schema ?? nativeSchemaDiagnostics(doc, options.target)) {
    const list = schemaByRule.get(d.ruleId);
    if (list) list.push(d);
    else schemaByRule.set(d.ruleId, [d]);
  }
  const managerFile = readByAnalysisd(config, role);
  const out: Diagnostic[] = [];
  for (const rule of rulesToRun(options)) {
    const setting = settings[rule.id];
    const schemaFindings = schemaByRule.get(rule.id) ?? [];
    const report = (r: Report) => {
      const severity: Severity = (setting !== 'off' ? setting : undefined) ?? rule.messages[r.messageId].severity;
      // A change that would overwrite bytes that are not UTF-8 with U+FFFD is not offered (nor applied by --fix).
      const safe = (fix: TextEdit | undefined) => fix !== undefined && !rewritesNonUtf8(doc.bytes, fix);
      // Daemons named as the target names them (ossec-maild before 4.2): data, formatted late (./daemon-names.ts).
      const named = (template: string | undefined, data: Record<string, string | number> | undefined) => ({ ...daemonData([template], options.target), ...data });
      const suggestions = r.suggestions?.filter((x) => safe(x.fix)).map((x) => ({ messageId: x.messageId, data: named(rule.suggestionMessages?.[x.messageId], x.data), fix: x.fix }));
      out.push({ ruleId: rule.id, messageId: r.messageId, data: named(rule.messages[r.messageId]?.text, r.data), severity, range: r.range, ...(safe(r.fix) ? { fix: r.fix } : {}), ...(suggestions?.length ? { suggestions } : {}) });
    };
    if (rule.appliesTo === 'manager' && !managerFile) {
      // Not a file the rule judges: the schema pass's findings under its id stand as they are.
      for (const finding of schemaFindings) report({ messageId: finding.messageId, data: finding.data, range: finding.range });
      continue;
    }
    rule.check({ ...options, doc, config, role, schema: schemaFindings, report });
  }
  // On agents the manager's readers never run: what they would refuse stops nothing there.
  return sortDiagnostics(managerFile ? out : out.filter(agentReadsFinding(config, role)));
}

function parseErrorDiagnostics(doc: ConfigDocument, settings: Record<string, SeveritySetting>): Diagnostic[] {
  const setting = settings[PARSE_ERROR_RULE_ID];
  if (setting === 'off' || !doc.parseError) return [];
  const at = doc.parseError.offset;
  // An end tag naming another element: os_xml names the element left open, not where it opened, which can be
  // many lines up (a '<directories>' typed for '</directories>' 30 lines above the '</syscheck>' it meets).
  const open = doc.parseError.unclosed;
  const unclosed = open ? unclosedText(open, doc.lineOf(open.openedAt), doc.lineOf(at), doc.parseError.wazuhLine) : '';
  const cdata = cdataBefore(doc.bytes, at);
  return [
    {
      ruleId: PARSE_ERROR_RULE_ID,
      messageId: inXmlDeclaration(doc.bytes, at) ? 'xmlDeclaration' : cdata === undefined ? 'xml' : 'cdata',
      data: { message: doc.parseError.message, wazuhLine: doc.parseError.wazuhLine, unclosed, ...(cdata === undefined ? {} : { cdataLine: doc.lineOf(cdata) }) },
      severity: setting ?? parseErrorRule.messages.xml.severity,
      range: { start: at, end: Math.min(doc.bytes.length, at + 1) },
    },
  ];
}

/**
 * A file with template syntax (src/document/template.ts), said once instead of what its tags look like to
 * Wazuh's XML reader. A template (ossec.conf.j2, or a file with another name) is not what Wazuh reads: nothing
 * in it is checked (info). A file named as the configuration Wazuh reads (ossec.conf, agent.conf) with tags
 * left in it was not rendered: Wazuh reads the tags as text (warning), or refuses the file when they are not
 * XML it reads (error, with os_xml's own words and line).
 */
function templateFinding(doc: ConfigDocument, settings: Record<string, SeveritySetting>): Diagnostic | undefined {
  const setting = settings[TEMPLATE_RULE_ID];
  if (setting === 'off') return undefined;
  const report = (messageId: string, data: Record<string, string | number>, range: Range): Diagnostic =>
    ({ ruleId: TEMPLATE_RULE_ID, messageId, data, severity: setting ?? templateRule.messages[messageId]!.severity, range });
  const named = templateFileName(doc.path);
  const found = findTemplateSyntax(doc.bytes, doc.path);
  if (!found) {
    // A template without tags renders as it is, and is checked as such; unless it is a fragment of one.
    const rooted = doc.roots.some((r) => r.name === 'ossec_config' || r.name === 'agent_config');
    return named && !rooted && !doc.parseError && doc.roots.length > 0 ? report('fragment', {}, doc.roots[0]!.openTag) : undefined;
  }
  const data = { engine: found.engine, tag: shortened(found.tag.replace(/\s+/g, ' '), 60), tagLine: doc.lineOf(found.offset) };
  const tagRange = { start: found.offset, end: found.offset + found.length };
  const judged = judgedRole(doc);
  if (named || judged.by !== 'name') return report('template', data, tagRange);
  if (doc.parseError) {
    const at = doc.parseError.offset;
    return report('unrenderedRefused', { message: doc.parseError.message, wazuhLine: doc.parseError.wazuhLine, ...data }, { start: at, end: Math.min(doc.bytes.length, at + 1) });
  }
  return report('unrendered', { ...data, file: judged.role }, tagRange);
}

/**
 * What the end tag that os_xml refused did wrong. os_xml reads an end tag's name up to the next '>', white space
 * and '<' included, and compares it byte for byte (src/os_xml/os_xml.c:375-380): '</global >' names 'global ', and
 * a '</global' without its '>' runs on to the next tag's '>'. Quoting that name as an end tag would show neither.
 */
function unclosedText(open: { name: string; closedBy: string }, openedLine: number, endTagLine: number, wazuhLine: number): string {
  // '<http://host/hook>' or '<admin@example.com>' pasted into a value (a Markdown or mail client's autolink): os_xml
  // opens an element of that name, which nothing closes.
  const autolink = /^[a-z][a-z0-9+.-]*:\/\//i.test(open.name) ? 'URL' : /^[^@\s]+@[^@\s]+$/.test(open.name) ? 'address' : undefined;
  if (autolink) {
    return `: the '<${open.name}>' on line ${openedLine} is read as the start of an element that nothing closes. Remove the angle brackets around the ${autolink} (an autolink pasted from Markdown or a mail client)`;
  }
  const name = /^[^\s<]*/.exec(open.closedBy)![0];
  if (open.closedBy.includes('<')) {
    const where = wazuhLine === endTagLine ? 'on the same line' : `on line ${wazuhLine}`;
    return `: the end tag '</${name}' on line ${endTagLine} has no '>', so Wazuh reads on to the next '>' (${where}) and takes all of it as the end tag's name. Add the '>'`;
  }
  if (name === open.name) return `: its end tag '</${open.closedBy}>' has white space after the name, which Wazuh reads as part of the name ('${open.closedBy}' is not '${open.name}'). Write '</${open.name}>'`;
  return `: the <${open.name}> opened at line ${openedLine} has no end tag before this </${open.closedBy}>`;
}

/**
 * Whether a parse error falls in an XML declaration that opens the file (after blanks and comments): os_xml
 * refuses '<?xml version="1.0"?>' with "Bad attribute closing for 'version'='1.0'" (spec verified/os_xml.json
 * 'xml declaration'), words that do not say the declaration is the cause.
 */
/**
 * Where a CDATA section opens before `offset`, outside comments: os_xml knows no CDATA and reads '<!' as the start
 * of a comment that ends only at the next '-->' or '!>' (_oscomment, src/os_xml/os_xml.c:225-251; verified/os_xml.json
 * "cdata": "XMLERR: Comment not closed."), so the error it reports is at that CDATA, or further on when a later
 * comment's '-->' ends it and swallows the end tags between.
 */
function cdataBefore(bytes: Buffer, offset: number): number | undefined {
  const text = bytes.subarray(0, Math.min(bytes.length, offset + 9)).toString('latin1');
  for (const m of text.matchAll(/<!(?!\[CDATA\[)[\s\S]*?(?:-->|!>|$)|<!\[CDATA\[/g)) {
    if (m[0].startsWith('<![')) return m.index <= offset ? m.index : undefined;
  }
  return undefined;
}

function inXmlDeclaration(bytes: Buffer, offset: number): boolean {
  // Before it: blanks, comments, or stray text (a '# managed by ...' line), which os_xml skips up to the first '<'.
  const head = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?(?:[^<]|<!--[\s\S]*?-->)*<\?xml\b[^>]*>?/.exec(bytes.subarray(0, Math.min(bytes.length, offset + 4096)).toString('latin1'));
  return head !== null && offset >= head[0].lastIndexOf('<?xml') && offset < head[0].length;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || compareText(a.ruleId, b.ruleId) || compareText(a.messageId, b.messageId));
}

export function inputsAvailable(rule: Pick<RuleDefinition, 'needs'>, inputs: LintInputs): boolean {
  return rule.needs.every((need) => {
    switch (need) {
      case 'ruleset':
        return inputs.ruleset !== undefined;
      case 'arBin':
        return inputs.arBin !== undefined;
      case 'agents':
        return inputs.agents !== undefined;
      case 'managerIp':
        return inputs.managerIps.length > 0;
      default:
        return false;
    }
  });
}

/** Applies the configured severities to findings the rules did not produce (schema): off drops them. */
export function applySettings(list: readonly Diagnostic[], settings: Record<string, SeveritySetting>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of list) {
    const setting = settings[d.ruleId];
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}

/** Ids of every rule that runs for this mode and these options (JUnit test cases, unused-disable). */
export function ranRuleIds(options: LintDocumentOptions): Set<string> {
  const settings = options.ruleSettings ?? {};
  const ids = new Set<string>([...SCHEMA_RULE_IDS, ...STARTUP_RULE_IDS].filter((id) => settings[id] !== 'off'));
  if (settings[PARSE_ERROR_RULE_ID] !== 'off') ids.add(PARSE_ERROR_RULE_ID);
  if (settings[TEMPLATE_RULE_ID] !== 'off') ids.add(TEMPLATE_RULE_ID);
  if ((options.mode ?? 'lint') === 'lint') {
    for (const rule of rulesToRun(options)) ids.add(rule.id);
    if (settings[UNUSED_DISABLE_RULE_ID] !== 'off') ids.add(UNUSED_DISABLE_RULE_ID);
  }
  return ids;
}

/**
 * Everything arctl reports for one document: rules (with the schema pass's findings), start-up refusals, inline disable comments applied.
 * In a file with CR line ends only, positions and messages count lines as Wazuh does (at LF: one line), and
 * fixes and suggestions are laid out by the editor's lines, as `--fix` and the language server change the file.
 */
export async function lintDocument(doc: ConfigDocument, options: LintDocumentOptions): Promise<Diagnostic[]> {
  const found = await lintOneDocument(doc, options);
  // Not only when the file's findings carry fixes: one laid out on Wazuh's single line may have none (a block's lines to re-indent).
  const lf = found.length > 0 ? crLinesAsLf(doc.bytes) : null;
  if (!lf) return found;
  return withEditorLineFixes(found, await lintOneDocument(new ConfigDocument(doc.path, lf, doc.readerOptions), options));
}

async function lintOneDocument(doc: ConfigDocument, options: LintDocumentOptions): Promise<Diagnostic[]> {
  const early = earlyFindings(doc, options);
  if (early) return early;
  return combineFindings(doc, options, await schemaDiagnostics(doc, options.target, options.schemaEngine));
}

/**
 * lintDocument with the native schema engine (same findings as libxml2), synchronously: for callers that
 * cannot wait, such as add's lint gate inside a pure planning function.
 */
export function lintDocumentSync(doc: ConfigDocument, options: LintOptions & { mode?: LintMode }): Diagnostic[] {
  return earlyFindings(doc, options) ?? combineFindings(doc, options, nativeSchemaDiagnostics(doc, options.target));
}

/** What a file that is not a configuration, or that Wazuh cannot parse, gets instead of a lint. */
function earlyFindings(doc: ConfigDocument, options: LintOptions): Diagnostic[] | undefined {
  const settings = options.ruleSettings ?? {};
  const template = templateFinding(doc, settings);
  if (template) return [template];
  const notConfig = notAConfig(doc, options.role ?? fileRole(doc));
  if (notConfig) return applySettings([notConfig], settings);
  if (doc.parseError) return parseErrorDiagnostics(doc, settings);
  return undefined;
}

function combineFindings(doc: ConfigDocument, options: LintDocumentOptions, schemaFindings: SchemaDiagnostic[]): Diagnostic[] {
  const settings = options.ruleSettings ?? {};
  const mode = options.mode ?? 'lint';
  const role = options.role ?? fileRole(doc);
  // An agent's own ossec.conf is read by the agent's daemons, not by analysisd and maild.
  const view = buildConfigView(doc);
  const managerFile = role === 'ossec.conf' && !isAgentNodeConfig(view);
  const startup = managerFile ? startupDiagnostics(doc, options.target) : [];
  const ruleFindings = mode === 'lint' ? runRules(doc, options, schemaFindings) : [];
  let merged: Diagnostic[];
  if (!managerFile) {
    // validate on a file no manager daemon reads at start-up: the schema pass's verdict.
    merged = mode === 'lint' ? ruleFindings : applySettings(agentRefusals(doc, options, schemaFindings, schemaFindings.filter(agentRefusal(view, role, options.target))), settings);
  } else if (mode === 'validate') {
    // The start-up model is exact for 4.14; older targets add what their version does not know yet.
    const versionOnly = exactStartupModel(options.target) ? [] : schemaFindings.filter((d) => d.ruleId === 'option-not-in-version');
    const refused = new SpanIndex(startup.map((r) => r.range));
    merged = [...startup, ...versionOnly.filter((d) => !refused.holds(d.range.start))];
    // Then the manager's other daemons that read the file at start-up, each stopping wazuh-control start.
    merged = applySettings([...merged, ...managerRefusals(doc, options, schemaFindings, merged)], settings);
  } else {
    merged = withStartup(applySettings(startup, settings), ruleFindings);
  }
  // Last in validate's order: no daemon that analysisd's order describes reads it.
  if (managerFile) merged = [...merged, ...notUtf8(doc, settings)];
  const unusedSetting = settings[UNUSED_DISABLE_RULE_ID];
  const unusedSeverity = mode === 'lint' && unusedSetting !== 'off' ? (unusedSetting ?? unusedDisableRule.messages.unused.severity) : undefined;
  const kept = applyDirectives(merged, parseDirectives(doc), {
    ranRuleIds: ranRuleIds(options),
    knownRuleIds: [...ruleCatalogue().keys()],
    ...(unusedSeverity ? { unusedSeverity } : {}),
  });
  // validate keeps Wazuh's order; lint lists by position.
  return mode === 'validate' && managerFile ? kept : sortDiagnostics(kept);
}

/**
 * What stops an agent's daemons, each in the words of the rule that owns it, where that rule says it of
 * the same element at the same severity: an agent's <ca_verification> is wazuh-modulesd's "Invalid content
 * for tag <ca_verification>" (src/config/wmodules-agent-upgrade.c:255-268), not analysisd's (1235).
 */
function agentRefusals(doc: ConfigDocument, options: LintOptions, schema: readonly SchemaDiagnostic[], refusals: SchemaDiagnostic[]): Diagnostic[] {
  const worded = runRules(doc, { ...options, only: [...new Set([...Object.keys(READER_REFUSALS), ...refusals.map((d) => d.ruleId)])] }, schema);
  // A section every daemon needs with children, written empty (<labels></labels>): read_main_elements stops
  // agents' daemons at it as it stops the manager's (src/config/config.c); no schema finding says so. Nor of
  // the other file's root: the schema takes both roots anywhere, but agents read only <ossec_config> from their
  // own file and only <agent_config> from a shared agent.conf (ReadConfig, src/config/config.c:363-364 and :380-381, else XML_INVELEM at :493).
  // Nor of what wazuh-agentd refuses in <client_buffer> and <labels>, or wazuh-logcollector in <localfile> (src/wazuh/load-agent.ts).
  const readerRefusals = worded.filter((d) => READER_REFUSALS[d.ruleId]?.has(d.messageId));
  const wordedBy = new Map<string, FirstCause>();
  for (const [key, found] of groupBy(worded, (d) => `${d.ruleId}\0${d.severity}`)) wordedBy.set(key, new FirstCause(found));
  const own = refusals.map((r) => wordedBy.get(`${r.ruleId}\0${r.severity}`)?.first(r) ?? r);
  const owned = new SpanIndex(own.map((r) => ({ start: r.range.start, end: causeEnd(r) })));
  // sameCause(r, d): an own refusal's place holds d's start; sameCause(d, r): one starts within d's place.
  return sortDiagnostics([...own, ...readerRefusals.filter((d) => !owned.holds(d.range.start) && !owned.startsWithin(d.range.start, causeEnd(d)))]);
}

/**
 * Findings in position order (as runRules gives them), for "the first one that names the same cause as a
 * refusal" (sameCause either way) in log time instead of a walk over every finding.
 */
class FirstCause {
  private readonly starts: number[];
  /** The furthest causeEnd of the findings up to each index (never decreasing). */
  private readonly reach: number[];

  constructor(private readonly found: readonly Diagnostic[]) {
    this.starts = found.map((d) => d.range.start);
    this.reach = [];
    let furthest = -Infinity;
    for (const d of found) this.reach.push((furthest = Math.max(furthest, causeEnd(d))));
  }

  first(refusal: Diagnostic): Diagnostic | undefined {
    const at = refusal.range.start;
    // Findings starting at or before the refusal come first: the first of them whose place holds its start.
    const upTo = firstIndexAtLeast(this.starts, at + 1);
    const holding = firstIndexAtLeast(this.reach, at + 1);
    if (holding < upTo) return this.found[holding];
    // Else the first finding starting within the refusal's place.
    const within = firstIndexAtLeast(this.starts, at);
    return within < this.starts.length && this.starts[within]! < causeEnd(refusal) ? this.found[within] : undefined;
  }
}

/**
 * The messages of those reader refusals by rule id, in an agent's own file and in a shared agent.conf. Before 3.13
 * syscheckd exits on a refused <syscheck> (syscheckdExits; a Windows agent's, windowsExits), and ossec-control
 * start stops at it (testconfig, src/init/ossec-client.sh at v3.11.4; wazuh-server.sh's: MANAGER_REFUSALS).
 */
const READER_REFUSALS: Readonly<Record<string, ReadonlySet<string>>> = {
  'unknown-element': new Set(['emptySection', 'emptySectionShared', 'agentd', 'agentdShared', 'section', 'sectionShared', 'logcollector', 'clientShared', 'modulesd', 'windowsSection', 'windowsSectionShared', 'syscheckdExits']),
  'outside-ossec-config': new Set(['noRoot', 'otherRoot', 'noRootShared', 'otherRootShared']),
  'invalid-boolean': new Set(['agentd', 'agentdShared', 'logcollector', 'modulesd', 'syscheckdExits']),
  'invalid-value': new Set(['agentd', 'agentdShared', 'logcollector', 'labelLoop', 'labelLoopShared', 'crash', 'crashShared', 'modulesd', 'windowsShared', 'syscheckdExits', 'windowsExits']),
};

/**
 * What stops a manager's daemons other than those of the start-up model (analysisd, maild, remoted, authd): the
 * refusals lint reports of the agents' readers a manager runs too (./agent-reads.ts agentdFindings), by message,
 * in the order wazuh-control tests the daemons. `wazuh-control start` (and restart) first runs every daemon of
 * DAEMONS with -t, last to first, and exits 1 at the first that fails (testconfig, src/init/wazuh-server.sh:236-256
 * and :633-636 at v4.14.7; the same in ossec-server.sh from v3.2.0): csyslogd, agentlessd, wazuh-db, syscheckd, logcollector,
 * monitord, modulesd, clusterd.
 * - wazuh-csyslogd exits on a refused <syslog_output> (src/wazuh/load-csyslog.ts; tested whatever the file says from 3.9);
 * - wazuh-syscheckd exits on a refused <syscheck> before 3.13 only (syscheckdExits; from 3.13 it runs without file
 *   integrity monitoring, src/syscheckd/src/main.c:134-136: lint's warning);
 * - wazuh-logcollector exits on a refused <localfile> (src/logcollector/main.c:133-135), or loops for good at a
 *   reserved label, so that its -t never returns (labelLoop);
 * - wazuh-agentlessd exits on a refused <agentless> (src/wazuh/load-agentless.ts; tested whatever the file says from 3.9);
 * - wazuh-db exits on a refused <wdb> (src/wazuh/load-wdb.ts, 4.4 on);
 * - wazuh-monitord exits on an option of <reports> it does not know (src/wazuh/load-reports.ts);
 * - wazuh-modulesd exits on what wm_config refuses, -t included (wm_setup, src/wazuh_modules/main.c:92-95, 145-147);
 * - wazuh-clusterd -t exits 1 on what its Python checks refuse in the last <cluster> (src/wazuh/load-cluster.ts, 4.9 on).
 * Not here, as no refusal of theirs is lint's alone: wazuh-execd exits on a first <active-response><disabled> other
 * than yes or no (src/os_execd/config.c:41-56), which analysisd refuses first (src/config/active-response.c:125-133);
 * wazuh-integratord exits 0 on a refused <integration>, -t included (src/os_integrator/main.c:117-123): a warning.
 */
const MANAGER_REFUSALS: readonly { daemon: string; messages: ReadonlySet<string> }[] = [
  { daemon: 'wazuh-csyslogd', messages: new Set(['csyslogd']) },
  { daemon: 'wazuh-agentlessd', messages: new Set(['agentlessd']) },
  { daemon: 'wazuh-db', messages: new Set(['wazuhDb']) },
  { daemon: 'wazuh-syscheckd', messages: new Set(['syscheckdExits']) },
  { daemon: 'wazuh-logcollector', messages: new Set(['logcollector', 'labelLoop']) },
  { daemon: 'wazuh-monitord', messages: new Set(['monitord']) },
  { daemon: 'wazuh-modulesd', messages: new Set(['modulesd']) },
  { daemon: 'wazuh-clusterd', messages: new Set(['clusterd', 'clusterdPlaceholder']) },
];

/** The rules that report those refusals. */
const MANAGER_REFUSAL_RULES = ['unknown-element', 'invalid-boolean', 'invalid-value'];

/**
 * validate on a manager's ossec.conf: the refusals of MANAGER_REFUSALS' daemons, in their order (each daemon's by
 * position), each as lint words it under its rule id; not one whose cause an `earlier` finding names already (the
 * same element: one holds the other's start).
 */
function managerRefusals(doc: ConfigDocument, options: LintOptions, schema: readonly SchemaDiagnostic[], earlier: readonly Diagnostic[]): Diagnostic[] {
  const worded = runRules(doc, { ...options, only: MANAGER_REFUSAL_RULES }, schema);
  const named = new SpanIndex(earlier.map((d) => ({ start: d.range.start, end: causeEnd(d) })));
  const fresh = worded.filter((d) => !named.holds(d.range.start) && !named.startsWithin(d.range.start, causeEnd(d)));
  return MANAGER_REFUSALS.flatMap(({ messages }) => fresh.filter((d) => messages.has(d.messageId)));
}

/**
 * A manager's ossec.conf with a byte that is not UTF-8: os_xml takes any byte, but wazuh-apid and
 * wazuh-clusterd decode the file as UTF-8 (framework/wazuh/core/utils.py load_wazuh_xml) and exit at start.
 */
function notUtf8(doc: ConfigDocument, settings: Record<string, SeveritySetting>): Diagnostic[] {
  const setting = settings[PARSE_ERROR_RULE_ID];
  const at = firstNonUtf8Byte(doc.bytes);
  if (setting === 'off' || at < 0) return [];
  const byte = doc.bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
  return [{ ruleId: PARSE_ERROR_RULE_ID, messageId: 'notUtf8', data: { byte }, severity: setting ?? parseErrorRule.messages.notUtf8.severity, range: { start: at, end: at + 1 } }];
}

/**
 * sameCause(refusal, other), as the merges below ask it through indexes: a finding about the element a refusal
 * points at (its tag or its value), not about its children, is one that starts within the refusal's place,
 * [start, causeEnd).
 */
/** Where a refusal's place ends: an empty range still holds its start. */
function causeEnd(refusal: Diagnostic): number {
  return Math.max(refusal.range.end, refusal.range.start + 1);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/**
 * lint: every refusal validate reports, unless a rule already reports that cause under the same rule
 * id (same element): that finding stays, with its own wording and fix.
 */
function withStartup(startup: Diagnostic[], ruleFindings: Diagnostic[]): Diagnostic[] {
  // An error of another rule within the refusal's place (a start tag or a value, never a child) names its
  // cause more precisely (a look-alike character in a command name or a tag name, say): one cause, one finding.
  // Indexed (by rule id, and the errors) so that each refusal costs a lookup, not a walk over every finding.
  const byRule = new Map<string, SpanIndex>();
  for (const [ruleId, found] of groupBy(ruleFindings, (d) => d.ruleId)) byRule.set(ruleId, new SpanIndex(found.map((d) => d.range)));
  const errors = new SpanIndex(ruleFindings.filter((d) => d.severity === 'error').map((d) => d.range));
  const covered = (s: Diagnostic) => {
    const same = byRule.get(s.ruleId);
    // sameCause(s, d): d starts within s's place; sameCause(d, s): d's place holds s's start.
    if (same && (same.startsWithin(s.range.start, causeEnd(s)) || same.holds(s.range.start))) return true;
    return errors.liesWithin(s.range.start, s.range.end);
  };
  return sortDiagnostics([...ruleFindings, ...startup.filter((s) => !covered(s))]);
}

/** The message text of a diagnostic: the rule's template with `{{name}}` filled in. */
export function formatMessage(d: Diagnostic, rules: Map<string, RuleMeta> = ruleCatalogue()): string {
  const own = rules.get(d.ruleId)?.messages[d.messageId];
  // Schema findings carry the schema's message ids even when a rule module owns the rule id.
  if (own === undefined && isSchemaMessageId(d.messageId)) return formatSchemaMessage(d.messageId, d.data);
  return fillTemplate(own?.text ?? d.messageId, d.data);
}

/** The description of one of a finding's suggestions, from its rule's suggestion template. */
export function formatSuggestion(ruleId: string, suggestion: Suggestion, rules: Map<string, RuleMeta> = ruleCatalogue()): string {
  const template = rules.get(ruleId)?.suggestionMessages?.[suggestion.messageId] ?? suggestion.messageId;
  return fillTemplate(template, suggestion.data);
}

function fillTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (key in data ? printable(String(data[key])) : `{{${key}}}`));
}
