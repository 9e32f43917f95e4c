/** A Wazuh rule as analysisd sees it after loading every rules file (overwrite applied). */
export interface WazuhRule {
  id: number;
  level: number;
  /**
   * The group string analysisd builds and rules_group is matched against: the `<group name="...">`
   * attribute(s) and the rule's `<group>` children, comma-joined, e.g. `syslog,sshd,authentication_failed,`.
   */
  groupString: string;
  /** `<options>no_ar</options>`: never bound to any active response. */
  noAr: boolean;
  /** `<options>alert_by_email</options>` */
  alertByEmail: boolean;
  /** `<options>no_email_alert</options>` */
  noEmailAlert: boolean;
  description: string;
  file: string;
  line: number;
  /** True when a later definition with overwrite="yes" replaced the original. */
  overwritten: boolean;
}

export interface RulesetLoadProblem {
  file: string;
  line: number;
  message: string;
}

export interface Ruleset {
  /** Rules by id, after overwrite. */
  rules: Map<number, WazuhRule>;
  /** Every single group name used by any rule. */
  groups: Set<string>;
  files: string[];
  problems: RulesetLoadProblem[];
}
