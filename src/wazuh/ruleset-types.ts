/** A Wazuh rule as analysisd sees it after loading every rules file (overwrite applied). */
export interface WazuhRule {
  id: number;
  level: number;
  /**
   * The level Rule_AddAR compares with an active response's `<level>`: the rule level, or 0 when the
   * rule has `accuracy="0"` (analysisd then never scales its level and treats it as level 0 for AR).
   */
  arLevel: number;
  /**
   * The group string analysisd builds and rules_group is matched against: the `<group name="...">`
   * attribute(s) and the rule's `<group>` children, comma-joined, e.g. `syslog,sshd,authentication_failed,`.
   */
  groupString: string;
  /** The rule counts several events (`frequency`, if_matched_sid / if_matched_group); false: one event fires it. */
  correlation: boolean;
  /** `<options>no_ar</options>`: never bound to any active response. */
  noAr: boolean;
  /** `<options>alert_by_email</options>` */
  alertByEmail: boolean;
  /** `<options>no_email_alert</options>` */
  noEmailAlert: boolean;
  /** Every `<options>` value in document order (order decides alert_by_email vs no_email_alert). */
  options: string[];
  description: string;
  file: string;
  line: number;
  /** True when a later definition with overwrite="yes" replaced the original. */
  overwritten: boolean;
  /**
   * Where the replaced original was defined. analysisd keeps the original's place in the rule tree
   * (its if_sid / if_group / if_level parents cannot be overwritten); everything recorded here comes
   * from the overwriting definition.
   */
  overwrittenFrom?: { file: string; line: number };
}

export interface RulesetLoadProblem {
  file: string;
  line: number;
  message: string;
  /** error: analysisd refuses the file; warning: it logs and goes on. */
  severity: 'error' | 'warning';
}

export interface Ruleset {
  /** Rules by id, after overwrite. */
  rules: Map<number, WazuhRule>;
  /** Every single group name used by any rule. */
  groups: Set<string>;
  files: string[];
  problems: RulesetLoadProblem[];
}
