/**
 * What wazuh-maild does with an alert (src/os_maild/os_maild_client.c OS_RecvMailQ_JSON at v4.14):
 * only alerts flagged rule.mail, global recipients always, each `<email_alerts>` block adding its
 * recipients when every criterion it sets matches.
 */
import type { AlertFacts } from './alert.ts';
import { atoi } from '../wazuh/c-number.ts';
import { maildReadsAlertLine, OS_MAXSTR } from '../wazuh/event-bounds.ts';
import { ruleMails } from '../wazuh/ruleset.ts';
import type { EmailResult, SimEmail } from './model.ts';
import type { RuleView } from './engine.ts';

/** rule.mail as analysisd sets it: the alert's own flag, else level >= email_alert_level or alert_by_email, minus no_email_alert. */
export function isMailed(email: SimEmail, facts: AlertFacts, rule: RuleView | undefined): boolean {
  if (facts.mail !== undefined) return facts.mail;
  if (rule?.definition) return ruleMails(rule.definition, email.alertLevel);
  return (facts.ruleLevel ?? 0) >= email.alertLevel;
}

/** `(<agent name>) <agent ip>-><location>`, or `<agent name>-><location>` without an agent ip. */
export function subjectHost(facts: AlertFacts): string | undefined {
  if (facts.agentName === undefined || facts.location === undefined) return undefined;
  return facts.agentIp !== undefined ? `(${facts.agentName}) ${facts.agentIp}->${facts.location}` : `${facts.agentName}->${facts.location}`;
}

/**
 * `alertLineBytes`: the size of the alert's alerts.json line (asked only when maild reads alerts.json).
 */
export function evaluateEmail(email: SimEmail, facts: AlertFacts, mailed: boolean, alertLineBytes?: () => number): EmailResult {
  const none = (detail: string): EmailResult => ({ sent: false, recipients: [], blocks: [], detail });
  if (!email.notification) return none('<email_notification> is not yes: wazuh-maild does not run');
  if (email.logSource === 'alerts.json' && alertLineBytes) {
    const bytes = alertLineBytes();
    if (!maildReadsAlertLine(bytes)) {
      return none(`the alert's alerts.json line is ${bytes} bytes: maild reads lines of less than ${OS_MAXSTR} (OS_MAXSTR) and skips this one ("Overlong JSON alert read")`);
    }
  }
  if (!mailed) {
    return none(facts.mail === false ? 'rule.mail is false: maild only mails alerts flagged for e-mail' : `rule level below <email_alert_level> ${email.alertLevel} and no alert_by_email: not flagged for e-mail`);
  }
  const host = subjectHost(facts);
  if (email.logSource === 'alerts.json') {
    const missing = [
      facts.location === undefined ? 'location' : undefined,
      facts.agentName === undefined ? 'agent.name' : undefined,
      facts.ruleLevel === undefined ? 'rule.level' : undefined,
      facts.ruleDescription === undefined ? 'rule.description' : undefined,
      facts.ruleIdText === undefined ? 'rule.id' : undefined,
      facts.timestamp === undefined ? 'timestamp' : undefined,
    ].filter((f): f is string => f !== undefined);
    if (missing.length > 0) return none(`maild drops an alerts.json alert without ${missing.join(', ')}`);
  }
  const level = facts.ruleLevel ?? 0;
  const ruleId = atoi(facts.ruleIdText ?? '');
  const blocks: number[] = [];
  const recipients = [...email.recipients];
  for (const block of email.blocks) {
    let matched = false;
    if (block.eventLocation !== undefined) {
      if (host === undefined || !block.eventLocation.test(host)) continue;
      matched = true;
    }
    if (block.level) {
      if (level < block.level) continue;
      matched = true;
    }
    if (block.ruleIds.length > 0) {
      // The C list ends at the first 0.
      const cut = block.ruleIds.indexOf(0);
      if (!(cut === -1 ? block.ruleIds : block.ruleIds.slice(0, cut)).includes(ruleId)) continue;
      matched = true;
    }
    // alerts.json carries rule.groups but maild looks up rule.group: the group test never runs (wazuh/wazuh#6973).
    if (block.group !== undefined && email.logSource === 'alerts.log') {
      if (!block.group.test(facts.rebuiltGroupString)) continue;
      matched = true;
    }
    if (!matched) continue;
    blocks.push(block.block);
    for (const to of block.recipients) if (!recipients.includes(to)) recipients.push(to);
  }
  if (recipients.length === 0) return { sent: false, recipients, blocks, detail: 'no recipient: no global <email_to> and no matching <email_alerts> block' };
  return { sent: true, recipients, blocks };
}
