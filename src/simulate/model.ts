/**
 * What the simulation engine needs to know about a loaded configuration and its results. The
 * configuration side is filled from src/wazuh/load.ts (see ./from-load.ts); the engine never reads XML.
 */
import type { ManagerArch } from '../wazuh/arch.ts';
import type { LocationFlags } from '../wazuh/location.ts';
import type { WazuhRule } from '../wazuh/ruleset-types.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { AgentInfo } from '../wazuh/agents.ts';
import type { AgentMessageGroup } from './payload.ts';

export type MatchKind = 'level' | 'rules_group' | 'rules_id';

/** Why a block did not fire, in the order cli.md lists them: the first that applies is reported. */
export const REASONS = [
  'disabled',
  'rejected',
  'no-trigger',
  'rule-excluded',
  'no-match',
  'invalid-user',
  'invalid-srcip',
  'missing-field',
  'whitelisted',
  'queue-disabled',
  'execd-disabled',
  'no-target',
] as const;
export type Reason = (typeof REASONS)[number];

/** One `<active-response>` element after analysisd read it. */
export interface SimResponse {
  /** 0-based among all `<active-response>` elements, disabled ones included. */
  block: number;
  /** Line of its start tag. */
  line: number;
  /** `<command>` text as written ('' when absent). */
  command: string;
  /**
   * active: loaded; disabled: `<disabled>yes</disabled>`; rejected: Wazuh refuses the file because of
   * this block; dropped: discarded with a warning (1306); skipped: a repeated_offenders-only block.
   */
  status: 'active' | 'disabled' | 'rejected' | 'dropped' | 'skipped';
  /** Wazuh's own words for rejected / dropped blocks. */
  statusMessage?: string;
  /** Rejected because its `<command>` was refused: analysisd stops there and never reads this block. */
  commandRefused?: true;
  /** `<command><timeout>` as sent to execd. */
  name: string;
  executable: string;
  /** Seconds, after the timeout_allowed check (1305). */
  timeout: number;
  /** Set when a timeout was configured but the command does not allow it (forced to 0). */
  timeoutForced: boolean;
  location: LocationFlags;
  locationText: string;
  agentId?: string;
  /** 0 = unset. */
  level: number;
  rulesGroup?: string;
  rulesId?: string;
  extraArgs?: string;
  /** Legacy (< 4.2) `<expect>` flags of the command. */
  expect: { user: boolean; srcip: boolean; filename: boolean };
}

export interface SimEmailBlock {
  /** 0-based among the `<email_alerts>` elements. */
  block: number;
  line: number;
  recipients: string[];
  /** 0 = unset. */
  level: number;
  /** `<rule_id>` as Wazuh read it (empty = unset). */
  ruleIds: number[];
  /** OSMatch patterns (compiled by src/wazuh). */
  group?: { text: string; test(subject: string): boolean };
  eventLocation?: { text: string; test(subject: string): boolean };
  format: 'full' | 'sms';
}

export interface SimEmail {
  notification: boolean;
  /** wazuh-maild refuses the file (or dies reading it): its first problem; no e-mail is ever sent. */
  maildStops?: string;
  /** Global `<email_to>`: they get every mailed alert. */
  recipients: string[];
  /** Where maild reads alerts from: alerts.json (default) ignores `group` (it looks up rule.group). */
  logSource: 'alerts.json' | 'alerts.log';
  alertLevel: number;
  /** `<alerts><log_alert_level>`: analysisd writes no alert below it, so maild never reads one. */
  logAlertLevel: number;
  blocks: SimEmailBlock[];
}

/** How analysisd's binding and white list behave; supplied by src/wazuh (binding.ts, whitelist.ts). */
export interface SimMatchers {
  bind(response: SimResponse, rule: { id: number; level: number; groupString: string }): { bound: boolean; matchedBy: MatchKind[] };
  /** The white-list entry that covers this srcip (already stripped of `::ffff:`), or undefined. */
  whitelistHit(ip: string): string | undefined;
}

export interface SimConfig {
  path: string;
  target: TargetVersion;
  /** The manager's build: decides how rules_group patterns with bytes >= 0x80 bind. */
  arch: ManagerArch;
  /** Wazuh refuses the file: its error messages (the run stops unless --force). */
  refusal: string[];
  responses: SimResponse[];
  /** The AR queue flags analysisd opens (§2a: a disabled block wipes the earlier ones). */
  queue: { local: boolean; remote: boolean };
  /**
   * The manager's own execd: off when the first `<disabled>` under an `<active-response>` is yes
   * (src/os_execd/config.c ExecdConfig); `line` is that element's.
   */
  managerExecd: { enabled: boolean; line?: number };
  email: SimEmail;
  /** `<cluster><node_name>`: the messages' origin.name ("undefined" without one, as get_node_name gives). */
  nodeName: string;
  matchers: SimMatchers;
}

export interface SimOptions {
  /** Rules by id from --ruleset. */
  rules?: ReadonlyMap<number, WazuhRule>;
  /** From --agents. */
  agents?: readonly AgentInfo[];
  /**
   * From --agent-config: the agents' own ossec.conf stops their execd (its first <disabled> under an
   * <active-response>, at this line, is yes; or `refusedValue`, neither yes nor no, and execd exits at
   * start), so responses sent to agents run nothing (src/wazuh/execd.ts).
   */
  agentsExecdOff?: { file: string; line: number; refusedValue?: string };
}

export interface ResponseResult {
  block: number;
  line: number;
  command: string;
  fired: boolean;
  matchedBy?: MatchKind[];
  /** Read-only: a response at `all` shares one list of the active agents with every alert. */
  targets?: readonly string[];
  name?: string;
  executable?: string;
  timeout?: number;
  payload?: unknown;
  /** With --agents: what analysisd sends the target agents, in the format each one's version gets, one entry per distinct message. */
  agentMessages?: AgentMessageGroup[];
  reason?: Reason;
  /** Not fired: why, in words. Fired: only what the row alone would hide (a catch-all rules_group; a pre-4.2 script a 4.2+ execd lacks). */
  detail?: string;
  /** The rules_group decision used a group string rebuilt from the alert, and the pattern depends on token order. */
  approximate?: boolean;
}

export interface EmailResult {
  sent: boolean;
  recipients: string[];
  blocks: number[];
  detail?: string;
}

export interface AlertResult {
  index: number;
  line?: number;
  id?: string;
  timestamp?: string;
  rule: { id?: string; level?: number; groups: string[] };
  agent: { id?: string; name?: string };
  srcip?: string;
  /** Where rule level and groups came from. */
  ruleSource: 'ruleset' | 'alert';
  /** An alert without rule.id in a shape Wazuh never writes: OSSEC 2.x's alerts.json (rule.sidid), a flattened export. */
  foreignShape?: 'ossec-2.x' | 'flattened';
  responses: ResponseResult[];
  email: EmailResult;
}
