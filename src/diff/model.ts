/**
 * What `arctl diff` reports: the semantic difference between two loaded configurations (static), and
 * what that difference does to recorded alerts (behaviour). Plain data, read by the formatters.
 */

/** One `<active-response>` block as a reviewer reads it: what runs, where, for how long, on what. */
export interface ResponseView {
  /** 0-based block index on its side. */
  block: number;
  line: number;
  /** `<command>` name (cosmetic: execd runs the executable). */
  command: string;
  executable: string;
  status: 'active' | 'disabled' | 'rejected' | 'dropped' | 'skipped';
  /** Where it runs: `local`, `server`, `all`, `defined-agent 003`, or several joined by `+`. */
  where: string;
  timeout: number;
  /** The trigger: `level >= 10`, `rules_id 5712,5720`, `rules_group sshd` (joined by `, `). */
  trigger: string;
  extraArgs?: string;
  /** Legacy targets (< 4.2): the command's <expect> fields, which decide whether it fires. */
  expect?: string;
  /** With --ruleset: the rules it binds (count, and how many per level), and the no_ar rules it would match. */
  rules?: { count: number; levels: Record<string, number>; noAr: number };
}

export interface FieldChange {
  field: 'status' | 'executable' | 'where' | 'timeout' | 'trigger' | 'extra_args' | 'expect' | 'command' | 'rules';
  base: string;
  head: string;
}

export type StaticChange =
  | { kind: 'refusal'; side: 'base' | 'head'; messages: string[]; note?: string }
  /**
   * `note`: what the reader must know to read the change right (a copy of another response: see ResponsePair.note;
   * the agents' execd is off, so what it sends to agents runs nothing: diff --agent-config).
   */
  | { kind: 'response-added'; response: string; head: ResponseView; note?: string }
  | { kind: 'response-removed'; response: string; base: ResponseView; note?: string }
  | { kind: 'response-changed'; response: string; base: ResponseView; head: ResponseView; fields: FieldChange[]; note?: string }
  | { kind: 'white-list'; added: string[]; removed: string[] }
  /** `note`: why recorded alerts may not show the change (email_alert_level). */
  | { kind: 'email'; field: string; base: string; head: string; note?: string }
  /** `note`: whose execd reads it, and what the agents' own does (the manager's <repeated_offenders>). */
  | { kind: 'execd'; field: string; base: string; head: string; note?: string };

/** What changes for an alert, per response (or for its e-mail). */
export const CATEGORIES = [
  'newly-fires',
  'stops-firing',
  'now-whitelisted',
  'no-longer-whitelisted',
  'other-targets',
  'other-timeout',
  'email-now-sent',
  'email-no-longer-sent',
  'email-rerouted',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Alerts that change the same way for the same response (or e-mail), with counts and examples. */
export interface BehaviourGroup {
  category: Category;
  /** The response's label (see responseLabel), or `e-mail`. */
  subject: string;
  /** What it was and what it becomes, in words (`targets 002 -> all`, `600 s -> 3600 s`, recipients). */
  detail?: string;
  alerts: number;
  /** Alert counts per rule id and per agent (id and name), largest first, at most a few. */
  rules: Array<{ id: string; count: number }>;
  agents: Array<{ id: string; count: number }>;
  /** Distinct agents and source addresses involved (the hosts execd runs on, for responses). */
  agentCount: number;
  /** Some response went to `all` (every active agent; --agents lists them). */
  everyAgent?: boolean;
  /** Some response ran on the manager (target 000: location server, or local on the manager's own event); counted in agentCount. */
  manager?: boolean;
  srcipCount: number;
  /** A few alert ids (or `#index` when an alert has no id). */
  examples: string[];
  /** What the reader must know to read the group right (the response is a copy of another: execd's repeat). */
  note?: string;
}

export interface BehaviourDiff {
  /** Alerts read (every file), including those the line prefilter ruled out unparsed. */
  alerts: number;
  /** Alerts whose decisions differ between the two sides. */
  changedAlerts: number;
  groups: BehaviourGroup[];
  /** Entries skipped with --skip-invalid. */
  invalidSkipped: number;
  files: string[];
  /**
   * Alerts read in a shape Wazuh never writes (OSSEC 2.x alerts.json, a flattened export: no rule.id), which
   * decide nothing on either side; present when some were read.
   */
  unread?: { ossec2: number; flattened: number };
}

export interface TimelineSideSummary {
  adds: number;
  /**
   * Dispatches that ran nothing at their host (simulate --timeline's fails): the agent lacks the program (a Linux
   * one on Windows), remoted does not deliver, execd refuses a cut message, the alert has no key for check_keys.
   */
  fails: number;
  addressesBlocked: number;
  peakActive: number;
  /** Seconds blocked summed over every add to its delete (or the end of the alerts). */
  blockedSeconds: number;
  stillActive: number;
}

/** Both sides' replays; `note`: what the numbers count otherwise than one would think (location all without --agents). */
export interface DiffTimeline {
  base: TimelineSideSummary;
  head: TimelineSideSummary;
  note?: string;
}

export interface DiffReport {
  targetVersion: string;
  base: { label: string; refused: boolean };
  head: { label: string; refused: boolean };
  static: StaticChange[];
  behaviour?: BehaviourDiff;
  timeline?: DiffTimeline;
  /**
   * Both sides are shared agent.conf files: nothing in them is read for active response (agents'
   * execd reads only their own ossec.conf, os_execd/main.c:63,126; analysisd runs on the manager),
   * so there is nothing to compare and no alert to decide.
   */
  sharedAgentConf?: true;
  /**
   * Both sides are agents' own ossec.conf files: agents run no analysisd, so only their execd's switches
   * (the first <disabled>, <repeated_offenders>) are compared, and no alert is decided (src/diff/agent-node.ts).
   */
  agentNode?: true;
  /** The answer --exit-code gives: with alerts, some alert is decided differently; without, some static change. */
  changed: boolean;
}
