/**
 * Loads Wazuh rules files the way analysisd does (src/analysisd/rules.c Rules_OP_ReadRules, v4.14.7)
 * as far as active response and e-mail care: id, level, the group string rules_group is matched
 * against, options, description, and overwrite="yes". Never throws: unreadable files and files
 * analysisd would refuse are recorded as problems, with the rules read before the failure kept.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { applyOsXmlVariables, type SubstitutedValues } from './os-xml-variables.ts';
import { RULE_GROUP_PIECE_MAX } from './event-bounds.ts';
import type { Ruleset, RulesetLoadProblem, WazuhRule } from './ruleset-types.ts';

export type { Ruleset, RulesetLoadProblem, WazuhRule } from './ruleset-types.ts';

/** One `<rule>` element as written, before duplicate / overwrite resolution. */
export interface RuleDefinitionRecord {
  id: number;
  level: number;
  arLevel: number;
  overwrite: boolean;
  groupString: string;
  /** A `frequency` attribute or an if_matched_sid / if_matched_group parent: the rule counts several events. */
  correlation: boolean;
  options: string[];
  description: string;
  file: string;
  line: number;
}

/** The `<options>` values analysisd accepts (strcmp on the whole content); anything else refuses the file. */
const RULE_OPTIONS = new Set(['alert_by_email', 'no_email_alert', 'log_alert', 'no_log', 'no_ar', 'no_full_log', 'no_counter']);

/**
 * Reads every `*.xml` file of the directories as analysisd reads its `<rule_dir>`s (./ruleset-files.ts):
 * all files sorted by file name alone, so a local `0000-first.xml` loads before the stock rules and
 * `local_rules.xml` after them; between equal names the stock `ruleset/rules` comes before `etc/rules`
 * (the default ossec.conf's order), otherwise the given order.
 */
export function loadRuleset(dirs: string[]): Ruleset {
  const ruleset = emptyRuleset();
  const files: { dir: string; name: string }[] = [];
  const unreadable: RulesetLoadProblem[] = [];
  for (const dir of orderRuleDirs(dirs)) {
    try {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.xml'))) files.push({ dir, name });
    } catch (error) {
      unreadable.push({ file: dir, line: 0, message: `cannot read rules directory: ${errorText(error)}`, severity: 'error' });
    }
  }
  files.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  readRulesFiles(ruleset, files.map((f) => join(f.dir, f.name)), true);
  ruleset.problems.push(...unreadable);
  return withGroups(ruleset);
}

/** Reads the rules files in the order given (analysisd's: ./ruleset-files.ts); a file that cannot be read is a problem. */
export function loadRulesetFiles(files: readonly string[]): Ruleset {
  const ruleset = emptyRuleset();
  readRulesFiles(ruleset, files, false);
  return withGroups(ruleset);
}

function emptyRuleset(): Ruleset {
  return { rules: new Map(), groups: new Set(), files: [], problems: [] };
}

/** `skipNonFiles`: directory entries that are not regular files are passed over. */
function readRulesFiles(ruleset: Ruleset, files: readonly string[], skipNonFiles: boolean): void {
  for (const file of files) {
    let bytes: Buffer;
    try {
      if (skipNonFiles && !statSync(file).isFile()) continue;
      bytes = readFileSync(file);
    } catch (error) {
      ruleset.problems.push({ file, line: 0, message: `cannot read rules file: ${errorText(error)}`, severity: 'error' });
      continue;
    }
    ruleset.files.push(file);
    const parsed = parseRulesFile(file, bytes);
    for (const problem of parsed.problems) ruleset.problems.push(problem);
    for (const def of parsed.definitions) addDefinition(ruleset, def);
  }
}

function withGroups(ruleset: Ruleset): Ruleset {
  for (const rule of ruleset.rules.values()) {
    for (const group of splitGroups(rule.groupString)) ruleset.groups.add(group);
  }
  return ruleset;
}

/** Stock rules first, then local rules (`.../etc/rules`), otherwise the given order (for files of equal names). */
export function orderRuleDirs(dirs: string[]): string[] {
  const isLocal = (d: string) => /(^|[\\/])etc[\\/]rules[\\/]?$/.test(d);
  return [...dirs.filter((d) => !isLocal(d)), ...dirs.filter(isLocal)];
}

/** The single group names of a group string: split on commas, blanks trimmed, empties dropped. */
export function splitGroups(groupString: string): string[] {
  return groupString
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
}

/**
 * An alert_opts flag as analysisd sets it on a rule (rules.c zerorulemember, then its <options> in order,
 * rules.c:1326-1345): on from the level, then switched on and off by the two options, the last one deciding.
 */
function levelFlag(rule: WazuhRule, level: number, on: string, off: string): boolean {
  let flag = rule.level >= level;
  for (const option of rule.options) {
    if (option === on) flag = true;
    else if (option === off) flag = false;
  }
  return flag;
}

/** Whether analysisd sets the mail flag on a rule, given `<alerts><email_alert_level>` (DO_MAILALERT). */
export function ruleMails(rule: WazuhRule, emailAlertLevel: number): boolean {
  return levelFlag(rule, emailAlertLevel, 'alert_by_email', 'no_email_alert');
}

/** DO_LOGALERT, given `<alerts><log_alert_level>` (rules.c:2133): without it no alert is written (analysisd.c:2173). */
export function ruleLogged(rule: WazuhRule, logAlertLevel: number): boolean {
  return levelFlag(rule, logAlertLevel, 'log_alert', 'no_log');
}

/** Duplicate ids: the first definition wins (7612) unless the later one says overwrite="yes". */
function addDefinition(ruleset: Ruleset, def: RuleDefinitionRecord): void {
  const existing = ruleset.rules.get(def.id);
  if (existing && !def.overwrite) {
    ruleset.problems.push({
      file: def.file,
      line: def.line,
      message: `(7612): Rule ID '${def.id}' is duplicated. Only the first occurrence will be considered.`,
      severity: 'warning',
    });
    return;
  }
  if (!existing && def.overwrite) {
    ruleset.problems.push({
      file: def.file,
      line: def.line,
      message: `(7613): Rule ID '${def.id}' does not exist but 'overwrite' is set to 'yes'. Still, the rule will be loaded.`,
      severity: 'warning',
    });
  }
  const options = def.options;
  const rule: WazuhRule = {
    id: def.id,
    level: def.level,
    arLevel: def.arLevel,
    groupString: def.groupString,
    correlation: def.correlation,
    noAr: options.includes('no_ar'),
    alertByEmail: options.includes('alert_by_email'),
    noEmailAlert: options.includes('no_email_alert'),
    options,
    description: def.description,
    file: def.file,
    line: def.line,
    overwritten: existing !== undefined,
    ...(existing ? { overwrittenFrom: existing.overwrittenFrom ?? { file: existing.file, line: existing.line } } : {}),
  };
  ruleset.rules.set(def.id, rule);
}

class RulesFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses one rules file. A problem that makes analysisd refuse the file stops reading it. */
export function parseRulesFile(file: string, bytes: Buffer): { definitions: RuleDefinitionRecord[]; problems: RulesetLoadProblem[] } {
  const definitions: RuleDefinitionRecord[] = [];
  const problems: RulesetLoadProblem[] = [];
  if (bytes.length === 0) return { definitions, problems };
  const doc = new ConfigDocument(file, bytes);
  const lineOf = (el: XmlElement) => doc.lineOf(el.openTag.start);
  if (doc.parseError) {
    const at = doc.lineOf(doc.parseError.offset);
    problems.push({ file, line: at, message: `(1226): Error reading XML file '${file}': ${doc.parseError.message} (line ${doc.parseError.wazuhLine}).`, severity: 'error' });
    return { definitions, problems };
  }
  try {
    const applied = applyOsXmlVariables(doc);
    if (!applied.ok) throw new RulesFileError(`(1227): Error applying XML variables '${file}': ${applied.message}.`, applied.wazuhLine);
    const values = applied.values;
    const roots = doc.roots.filter((r) => !r.isVariable);
    if (roots.length === 0) throw new RulesFileError(`(1202): Configuration error at '${file}'.`, 1);
    for (const root of roots) {
      const attrs = root.attributes;
      if (root.name.toLowerCase() !== 'group') {
        throw new RulesFileError(`rules_op: Invalid root element "${root.name}".Only "group" is allowed`, lineOf(root));
      }
      if (attrs.length !== 1 || attrs[0].name.toLowerCase() !== 'name') {
        throw new RulesFileError(`rules_op: Invalid root element '${root.name}'.Only the group name is allowed`, lineOf(root));
      }
    }
    for (const root of roots) {
      const rules = root.children.filter((c) => !c.isVariable);
      if (rules.length === 0) throw new RulesFileError(`Group '${root.name}' without any rule.`, lineOf(root));
      const rootGroup = values.attribute(root.attributes[0]);
      rules.forEach((el, index) => {
        const warn = (message: string) => problems.push({ file, line: lineOf(el), message, severity: 'warning' });
        definitions.push(readRule(el, index, rootGroup, values, file, lineOf(el), warn));
      });
    }
  } catch (error) {
    if (!(error instanceof RulesFileError)) throw error;
    problems.push({ file, line: error.line, message: error.message, severity: 'error' });
  }
  return { definitions, problems };
}

function readRule(el: XmlElement, index: number, rootGroup: string, values: SubstitutedValues, file: string, line: number, warn: (message: string) => void): RuleDefinitionRecord {
  if (el.name.toLowerCase() !== 'rule') throw new RulesFileError(`Invalid configuration. '${el.name}' is not a valid element.`, line);
  if (el.attributes.length === 0) throw new RulesFileError(`Invalid rule '${index}'. You must specify an ID and a level at least.`, line);
  let id = -1;
  let level = -1;
  let accuracy = 1;
  let overwrite = false;
  let correlation = false;
  const invalid = (detail: string) => new RulesFileError(`${detail} Invalid attribute for rule.`, line);
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    const value = values.attribute(attr);
    const digits = /^\d*$/.test(value);
    if (name === 'id') {
      if (!digits || value.length > 6) throw invalid(`rules_op: Invalid rule id: ${value}. Must be integer (max 6 digits).`);
      id = value === '' ? 0 : Number(value);
    } else if (name === 'level') {
      // A non-numeric level is skipped silently; the rule then has no level and is refused below.
      if (digits) {
        level = value === '' ? 0 : Number(value);
        if (level > 16) throw invalid(`rules_op: Invalid level: ${level}. Must be an integer between 0 and 16.`);
      }
    } else if (name === 'accuracy') {
      if (!digits) throw invalid(`rules_op: Invalid accuracy: ${value}. Must be integer.`);
      accuracy = Number(value.slice(0, 4) || '0');
    } else if (name === 'overwrite') {
      if (value === 'yes') overwrite = true;
      else if (value === 'no') overwrite = false;
      else throw invalid(`rules_op: Invalid overwrite: ${value}. Can only by 'yes' or 'no'.`);
    } else if (name === 'frequency') {
      correlation = true;
    } else if (!['maxsize', 'timeframe', 'noalert', 'ignore'].includes(name)) {
      throw invalid(`rules_op: Invalid attribute "${attr.name}". Only id, level, maxsize, accuracy, noalert, ignore, frequency and timeframe are allowed.`);
    }
  }
  if (id === -1 || level === -1) throw new RulesFileError(`No rule id or level specified for rule '${index}'.`, line);
  const children = el.children.filter((c) => !c.isVariable);
  if (children.length === 0) {
    throw new RulesFileError(`Rule '${id}' without any option. It may lead to false positives and some other problems for the system. Exiting.`, line);
  }
  let groupString: string | null = rootGroup;
  let description = '';
  const options: string[] = [];
  for (const child of children) {
    const name = child.name.toLowerCase();
    const content = values.content(child);
    if (name === 'group') groupString = addGroupPiece(groupString, content, warn);
    else if (name === 'if_matched_sid' || name === 'if_matched_group') correlation = true;
    else if (name === 'description') description += content.replace('\n', ' ');
    else if (name === 'options') {
      if (!RULE_OPTIONS.has(content)) throw new RulesFileError(`Invalid value for element 'options': ${content}. Invalid option 'options' for rule '${id}'.`, line);
      options.push(content);
    }
  }
  // analysisd scales levels by 100 unless accuracy is 0; Rule_AddAR then sees such a rule as level 0.
  const arLevel = accuracy === 0 ? 0 : level;
  // A lost group string is NULL in analysisd, which no rules_group matches; '' matches only the
  // catch-all patterns (`a|`, `^`) that lint reports anyway.
  return { id, level, arLevel, overwrite, groupString: groupString ?? '', correlation, options, description, file, line };
}

/**
 * rules.c loadmemory for a `<group>` piece, then the newline removal that follows it: a first piece of
 * 2048 bytes or more, or a string or piece over 2048, logs (1104) and the rule's group string is lost
 * (NULL), and a later piece starts a new one. analysisd goes on with the rule.
 */
function addGroupPiece(groupString: string | null, piece: string, warn: (message: string) => void): string | null {
  const size = (text: string) => Buffer.byteLength(text, 'utf8');
  const refused = groupString === null ? size(piece) >= RULE_GROUP_PIECE_MAX : size(groupString) > RULE_GROUP_PIECE_MAX || size(piece) > RULE_GROUP_PIECE_MAX;
  if (refused) {
    warn(`(1104): Maximum string size reached for: ${piece}.`);
    return null;
  }
  return ((groupString ?? '') + piece).replaceAll('\n', '');
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  // Node's file-system messages already start with their code ('ENOENT: no such file or directory, ...').
  return e.code && !e.message.startsWith(`${e.code}:`) ? `${e.code}: ${e.message}` : e.message ?? String(error);
}
