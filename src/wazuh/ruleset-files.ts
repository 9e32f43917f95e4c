/**
 * Which rules files analysisd loads, and in which order, from the `<ruleset>` blocks of an ossec.conf:
 * a port of Read_Rules (src/config/rules-config.c, v4.14.7).
 *
 * - Paths are Wazuh's: relative ones are relative to the installation directory (analysisd chdirs to
 *   it; no chroot), absolute ones are used as written.
 * - `<rule_include>NAME` without a `/` means `ruleset/rules/NAME`; it is loaded whether or not an
 *   exclusion names it (exclusions only filter directory listings).
 * - `<rule_dir>` lists its directory (a missing one is skipped silently); a file is taken when the
 *   OS_Regex `pattern` attribute (default `.xml$`) matches `DIR/NAME`, unless a `<rule_exclude>` of the
 *   same block equals `NAME` or `DIR/NAME`, or the file is already in the list.
 * - A block without `<rule_dir>` reads `ruleset/rules`.
 * - The whole list is sorted by file name alone (strcmp of the part after the last `/`), so
 *   `etc/rules/local_rules.xml` loads after `ruleset/rules/0999-*.xml` and a local `0000-x.xml` before all.
 * - No file at all (no `<ruleset>`, or none that finds one): analysisd.c reads `ruleset/rules` (Read_Rules(NULL)).
 * Decoders, CDB lists and the legacy `<rules>` section are not read here.
 */
import { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { DEFAULT_MANAGER_ARCH, type ManagerArch } from './arch.ts';
import { compileOsRegex, osRegexMatch } from './os-regex.ts';

/** Rules_OP's defaults (rules-config.c DEFAULT_RULE_DIR), relative to the installation. */
export const DEFAULT_RULE_DIR = 'ruleset/rules';
const DEFAULT_RULE_PATTERN = '.xml$';

export interface RuleFileSelection {
  /** The rules files analysisd reads, in its order, as Wazuh names them (see the module comment). */
  files: string[];
  /** The `<rule_dir>` directories listed (with the default when a block names none), in order. */
  dirs: string[];
  /** Directory entries left out by a `<rule_exclude>`. */
  excluded: string[];
  /** `<ruleset>` blocks in the file. */
  blocks: number;
  /** What analysisd would refuse (a pattern that does not compile), with the line. */
  problems: { line: number; message: string }[];
}

/**
 * The rules files of an ossec.conf (its path and bytes). `listDirectory(path)` gives the entry names of
 * a Wazuh path (relative to the installation or absolute), or undefined when it cannot be opened
 * (analysisd skips such a directory).
 */
export function selectRuleFiles(ossecConf: { path: string; bytes: Buffer }, listDirectory: (wazuhPath: string) => readonly string[] | undefined, arch: ManagerArch = DEFAULT_MANAGER_ARCH): RuleFileSelection {
  const selection: RuleFileSelection = { files: [], dirs: [], excluded: [], blocks: 0, problems: [] };
  const doc = new ConfigDocument(ossecConf.path, ossecConf.bytes);
  for (const root of doc.roots) {
    for (const block of root.children) {
      if (block.name !== 'ruleset') continue;
      selection.blocks++;
      readRulesetBlock(block, selection, listDirectory, arch);
      selection.files.sort((a, b) => compareBytes(baseName(a), baseName(b)));
    }
  }
  // analysisd.c: no rules file at all (no <ruleset>, or none that found one) reads the default directory.
  if (selection.files.length === 0 && selection.problems.length === 0) {
    const names = listDirectory(DEFAULT_RULE_DIR) ?? [];
    selection.dirs.push(DEFAULT_RULE_DIR);
    selection.files = names.filter((n) => n !== '.' && n !== '..' && osRegexMatch(DEFAULT_RULE_PATTERN, `${DEFAULT_RULE_DIR}/${n}`, arch)).map((n) => `${DEFAULT_RULE_DIR}/${n}`);
    selection.files.sort((a, b) => compareBytes(baseName(a), baseName(b)));
  }
  return selection;
}

function readRulesetBlock(block: XmlElement, selection: RuleFileSelection, listDirectory: (wazuhPath: string) => readonly string[] | undefined, arch: ManagerArch): void {
  const excludes: string[] = [];
  const dirs: { dir: string; pattern: string | undefined; line: number }[] = [];
  for (const option of block.children) {
    if (option.name === 'rule_include') {
      selection.files.push(option.content.includes('/') ? option.content : `${DEFAULT_RULE_DIR}/${option.content}`);
    } else if (option.name === 'rule_exclude') {
      excludes.push(option.content);
    } else if (option.name === 'rule_dir') {
      // Without attributes the default pattern; with attributes, only a `pattern` one sets it (else none).
      const patternAttribute = option.attributes.filter((a) => a.name.toLowerCase() === 'pattern').pop();
      dirs.push({ dir: option.content, pattern: option.attributes.length === 0 ? DEFAULT_RULE_PATTERN : patternAttribute?.value, line: option.wazuhLine });
    }
  }
  if (dirs.length === 0) dirs.push({ dir: DEFAULT_RULE_DIR, pattern: DEFAULT_RULE_PATTERN, line: block.wazuhLine });
  for (const { dir, pattern, line } of dirs) {
    selection.dirs.push(dir);
    if (pattern === undefined || !compileOsRegex(pattern)) {
      selection.problems.push({ line, message: 'Configuration error: pattern in rules_dir does not compile' });
      return;
    }
    // opendir("") fails: an empty <rule_dir> reads nothing.
    const names = dir === '' ? undefined : listDirectory(dir);
    if (!names) continue;
    for (const name of names) {
      if (name === '.' || name === '..') continue;
      const path = `${dir}/${name}`;
      if (excludes.includes(path) || excludes.includes(name)) {
        selection.excluded.push(path);
        continue;
      }
      if (selection.files.includes(path) || selection.files.includes(name)) continue;
      if (osRegexMatch(pattern, path, arch)) selection.files.push(path);
    }
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** strcmp: unsigned bytes, as qsort's comparator sees them. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
