/**
 * The lint rule contract. Rules are data plus a check over the document model's typed views; they
 * report data (rule id, message id, values, byte range) and never format text or print.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
import type { Range } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import type { AgentInfo } from '../wazuh/agents.ts';
import type { Ruleset } from '../wazuh/ruleset-types.ts';
import type { Severity } from '../util/severity.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { TargetVersion } from '../wazuh/version.ts';

// Shared with the layers below lint (architecture.md): severities in util, agents in wazuh, findings in schema.
export type { Severity, SeveritySetting } from '../util/severity.ts';
export type { AgentInfo } from '../wazuh/agents.ts';
export type { Diagnostic, MessageSpec, Suggestion } from '../schema/diagnostic.ts';
import type { MessageSpec } from '../schema/diagnostic.ts';
import type { SchemaDiagnostic } from '../schema/rule-ids.ts';
import type { RefusalClaim, StartupRefusal } from './refusals.ts';

/** Optional inputs a rule needs; without them the rule does not run. */
export type RuleInput = 'ruleset' | 'arBin' | 'agents' | 'managerIp';

export interface LintInputs {
  target: TargetVersion;
  /** The managers' build (default x86_64, where plain char is signed). */
  arch?: ManagerArch;
  ruleset?: Ruleset;
  /** Names of the files in the active-response bin directory. */
  arBin?: { dir: string; files: Set<string> };
  agents?: AgentInfo[];
  managerIps: string[];
}

/** The kind of file: a node's own ossec.conf or a centralized agent.conf. */
export type FileRole = 'ossec.conf' | 'agent.conf';

/**
 * What a rule reports: one of its own message ids (the id decides the severity), data, where, a fix
 * when the right change is certain, suggestions (from its `suggestionMessages`) when it depends on intent.
 */
export interface Report<M extends string = string, S extends string = string> {
  messageId: M;
  data?: Record<string, string | number>;
  range: Range;
  fix?: TextEdit;
  suggestions?: Array<{ messageId: S; data?: Record<string, string | number>; fix: TextEdit }>;
}

export interface RuleContext<M extends string = string, S extends string = string> extends LintInputs {
  doc: ConfigDocument;
  config: ConfigView;
  role: FileRole;
  /**
   * The schema pass's findings under this rule's id (src/schema/validate.ts): input for the module
   * that owns the id (src/lint/support/schema-findings.ts); empty for every other rule.
   */
  schema: readonly SchemaDiagnostic[];
  report(report: Report<M, S>): void;
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

export interface RuleDefinition<M extends string = string, S extends string = string> {
  id: string;
  /** Reports fixes that `--fix` applies. */
  fixable: boolean;
  needs: RuleInput[];
  /**
   * The files the rule judges, when not every file: `manager` = a manager's own ossec.conf, the file
   * wazuh-analysisd and wazuh-maild read at start-up (not an agent's ossec.conf, not a shared agent.conf).
   * The engine does not run the rule's check on other files; the schema pass's findings under its id
   * are reported there as they are.
   */
  appliesTo?: 'manager';
  /** One line for `arctl rules` and SARIF shortDescription. */
  summary: string;
  docs: RuleDocs;
  /** The severity table: every message id with its severity and template. */
  messages: Record<M, MessageSpec>;
  /** Templates describing the rule's suggestions (`{{name}}` filled from the suggestion's data). */
  suggestionMessages?: Record<S, string>;
  check(ctx: RuleContext<M, S>): void;
  /**
   * The start-up refusals this rule owns (./refusals.ts): `validate` reports each under this rule's id with
   * Wazuh's message and the claim's hint, and `lint` with the rule's own findings. Claims are disjoint.
   */
  ownsRefusal?(refusal: StartupRefusal): RefusalClaim | undefined;
}

/**
 * Types a rule's message and suggestion ids from its `messages` and `suggestionMessages` tables:
 * reporting an id a table lacks does not compile.
 */
export function defineRule<M extends string, S extends string = never>(rule: RuleDefinition<M, S>): RuleDefinition {
  return rule as unknown as RuleDefinition;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** The severities a rule's messages carry, most severe first. */
export function ruleSeverities(rule: { messages: Record<string, MessageSpec> }): Severity[] {
  const present = new Set(Object.values(rule.messages).map((m) => m.severity));
  return SEVERITY_ORDER.filter((s) => present.has(s));
}
