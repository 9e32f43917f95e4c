/** What a finding's severity means (conventions.md): error = Wazuh refuses or it can never happen, warning = runs but not as written, info = advice. */
export type Severity = 'error' | 'warning' | 'info';
/** A severity a user can set for a rule, `off` included. */
export type SeveritySetting = Severity | 'off';
