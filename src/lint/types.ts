/**
 * The lint rule contract. Rules are data plus a check over the document model's typed views; they
 * report data (rule id, message id, values, byte range) and never format text or print.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
import type { Range } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import type { Ruleset } from '../wazuh/ruleset-types.ts';
import type { TargetVersion } from '../wazuh/version.ts';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Optional inputs a rule needs; without them the rule does not run. */
export type RuleInput = 'ruleset' | 'arBin' | 'agents' | 'managerIp';

export interface AgentInfo {
  /** Three-digit id, e.g. "001". */
  id: string;
  name: string;
  ip?: string;
  os?: string;
  version?: string;
  /** active | disconnected | never_connected | pending; client.keys entries count as active. */
  status: string;
}

export interface LintInputs {
  target: TargetVersion;
  ruleset?: Ruleset;
  /** Names of the files in the active-response bin directory. */
  arBin?: { dir: string; files: Set<string> };
  agents?: AgentInfo[];
  managerIps: string[];
}

/** The kind of file: a node's own ossec.conf or a centralized agent.conf. */
export type FileRole = 'ossec.conf' | 'agent.conf';

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  range: Range;
  /** For rules whose severity depends on the case (e.g. error / warning / info). */
  severity?: Severity;
  fix?: TextEdit;
}

export interface RuleContext extends LintInputs {
  doc: ConfigDocument;
  config: ConfigView;
  role: FileRole;
  report(report: Report): void;
}

/**
 * The inputs beyond the file that the Bad and Good examples are linted with, for rules that need
 * them (`needs`) or whose point depends on the target version. Shown next to the examples in the
 * docs and `arctl explain`; test/lint/docs-examples.test.ts lints the examples with exactly these.
 */
export interface RuleExampleContext {
  /** --target-version; default 4.14. */
  targetVersion?: string;
  /** --ruleset: `stock` is Wazuh's own rules of v4.14.7 (/var/ossec/ruleset/rules). */
  ruleset?: 'stock';
  /** --agents: the registered agents. */
  agents?: AgentInfo[];
  /** --ar-bin: the file names in the active-response bin directory. */
  arBin?: string[];
  /** --manager-ip. */
  managerIps?: string[];
}

export interface RuleDocs {
  /** What the rule detects. */
  what: string;
  /** Why it matters, with the Wazuh source or error code. */
  why: string;
  /** A whole configuration file that gets at least one finding of this rule. */
  bad: string;
  /** The same file put right: no finding of this rule and no error of any rule. */
  good: string;
  /** Inputs the examples are linted with, when they need more than the file itself. */
  context?: RuleExampleContext;
  /** What --fix does, when the rule is fixable. */
  fix?: string;
}

export interface RuleDefinition {
  id: string;
  severity: Severity;
  fixable: boolean;
  needs: RuleInput[];
  /** One line for `arctl rules` and SARIF shortDescription. */
  summary: string;
  docs: RuleDocs;
  /** Message templates by message id; `{{name}}` is replaced with report data. */
  messages: Record<string, string>;
  check(ctx: RuleContext): void;
}

/** A finding after the engine applied configuration: positions resolved, message formatted late. */
export interface Diagnostic {
  ruleId: string;
  messageId: string;
  data: Record<string, string | number>;
  severity: Severity;
  range: Range;
  fix?: TextEdit;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
