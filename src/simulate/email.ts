/**
 * What wazuh-maild does with an alert (src/os_maild/os_maild_client.c OS_RecvMailQ_JSON at v4.14):
 * only alerts flagged rule.mail, global recipients always, each `<email_alerts>` recipient added when
 * every criterion of its block matches (sms ones get the SMS).
 */
import type { AlertFacts } from './alert.ts';
import { daemonName } from '../wazuh/load-log.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { atoi } from '../wazuh/c-number.ts';
import { cjsonPrintUnformatted } from '../wazuh/cjson.ts';
import { maildReadsAlertLine, OS_MAXSTR } from '../wazuh/event-bounds.ts';
import { readFromAlertsLog } from '../wazuh/alerts-log.ts';
import { maildHost, maildMailFlag, readMaildJsonAlert } from '../wazuh/maild-alert.ts';
import { ruleLogged, ruleMails } from '../wazuh/ruleset.ts';
import type { EmailResult, SimEmail, SimEmailBlock } from './model.ts';
import type { RuleView } from './engine.ts';

/**
 * rule.mail as analysisd sets it: the alert's own flag, else level >= email_alert_level or alert_by_email,
 * minus no_email_alert. From alerts.json maild reads the flag with a case-blind lookup and takes only `true`.
 */
export function isMailed(email: SimEmail, facts: AlertFacts, rule: RuleView | undefined, alert: Record<string, unknown>): boolean {
  const flag = email.logSource === 'alerts.json' ? maildMailFlag(alert) : facts.mail;
  if (flag !== undefined) return flag;
  if (rule?.definition) return ruleMails(rule.definition, email.alertLevel);
  return (facts.ruleLevel ?? 0) >= email.alertLevel;
}

/**
 * Why analysisd would write no alert for this event (analysisd.c:2173: only rules with DO_LOGALERT are
 * logged, and maild reads only what is logged): its level is below <log_alert_level> (an event from
 * archives.json, or a level the configuration now leaves out), or its --ruleset rule says no_log.
 */
function notLogged(email: SimEmail, facts: AlertFacts, rule: RuleView | undefined): string | undefined {
  // Levels below 1 never reach this point in analysisd (level 0 rules raise nothing): such an alert was not
  // written by analysisd, and is judged as maild would read it.
  if (rule?.definition) {
    if (rule.definition.level < 1 || ruleLogged(rule.definition, email.logAlertLevel)) return undefined;
    return rule.definition.level >= email.logAlertLevel ? `rule ${rule.id} has <options>no_log</options> in --ruleset` : `rule ${rule.id} has level ${rule.definition.level}, below <log_alert_level> ${email.logAlertLevel}`;
  }
  const level = facts.ruleLevel;
  return level !== undefined && level >= 1 && level < email.logAlertLevel ? `rule level ${level} is below <log_alert_level> ${email.logAlertLevel}` : undefined;
}

/** `(<agent name>) <agent ip>-><location>`, or `<agent name>-><location>` without an agent ip. */
export function subjectHost(facts: AlertFacts): string | undefined {
  // An agentless device's event: alerts.log writes analysisd's whole location, `(script) user@host->syscheck` (log.c:140-142).
  if (facts.agentlessPrefix !== undefined && facts.location !== undefined) return `${facts.agentlessPrefix}->${facts.location}`;
  // An agent's alerts.log event whose id --agents did not give keeps analysisd's whole `(name) ip->` location (input.ts).
  if (facts.agentId === undefined && facts.location?.startsWith('(')) return facts.location;
  if (facts.agentName === undefined || facts.location === undefined) return undefined;
  // alerts.log writes an agent's event under `(name) ip->`, the client.keys address, `any` too (log.c); alerts.json
  // leaves an `any` out of agent.ip (json_extended.c:497), so an agent's alert without one was an `any` agent's.
  const agentEvent = facts.agentId !== undefined && facts.agentId !== '000';
  return maildHost(facts.agentName, facts.agentIp ?? (agentEvent ? 'any' : undefined), facts.location);
}

/** What the granular checks see of the alert. */
interface GranularInput {
  host: string | undefined;
  /** Unsigned, as alert_level is. */
  level: number;
  ruleId: number;
  /** alerts.log: the group string; alerts.json: rule.group's items (null: not a string), or undefined (no rule.group: test skipped). */
  group: string | Array<string | null> | undefined;
}

/**
 * Whether the granular entry of a block's recipient `entry` (Read_EmailAlerts makes one per <email_to>)
 * matches, or 'crash' when the group test meets an item that is not a string (strlen(NULL)).
 */
function entryMatches(block: SimEmailBlock, entry: number, input: GranularInput): boolean | 'crash' {
  let matched = false;
  if (block.eventLocation !== undefined) {
    if (input.host === undefined || !block.eventLocation.test(input.host)) return false;
    matched = true;
  }
  if (block.level) {
    if (input.level < block.level >>> 0) return false;
    matched = true;
  }
  // A 0 read from <rule_id> is overwritten by the next id (the list ends at its first 0), so the list is
  // the ids other than 0. One of only zeros is set but empty for the block's first entry, and NULL for the
  // entries cloned for its other <email_to>s (the clone copies up to the first 0): no criterion there.
  const ids = block.ruleIds.filter((id) => id !== 0);
  if (block.ruleIds.length > 0 && (ids.length > 0 || entry === 0)) {
    if (!ids.includes(input.ruleId)) return false;
    matched = true;
  }
  if (block.group !== undefined && input.group !== undefined) {
    if (typeof input.group === 'string') {
      if (!block.group.test(input.group)) return false;
    } else {
      if (input.group.includes(null)) return 'crash';
      if (!input.group.some((g) => block.group!.test(g!))) return false;
    }
    matched = true;
  }
  return matched;
}

/** The alert as analysisd writes it to alerts.json: one compact JSON line, printed by cJSON_PrintUnformatted (1e+16, not 10000000000000000). */
function alertsJsonLineBytes(alert: Record<string, unknown>): number {
  return Buffer.byteLength(cjsonPrintUnformatted(alert), 'utf8');
}

/**
 * `alert`: the alert as read: maild's alerts.json reading looks at it as cJSON does. `facts` stand for the
 * alerts.log form analysisd would write of it.
 */
export function evaluateEmail(email: SimEmail, target: TargetVersion, facts: AlertFacts, mailed: boolean, alert: Record<string, unknown>, rule?: RuleView): EmailResult {
  const none = (detail: string): EmailResult => ({ sent: false, recipients: [], blocks: [], detail });
  // Named as the target names it (ossec-maild before 4.2).
  const maild = daemonName('wazuh-maild', target);
  if (!email.notification) return none(`<email_notification> is not yes: ${maild} does not run`);
  // maild.c main: MailConf < 0 is merror_exit(CONFIG_ERROR): the daemon that sends every e-mail never starts.
  if (email.maildStops !== undefined) return none(`${email.maildStops}: ${maild} does not start, so it sends no e-mail`);
  const unlogged = notLogged(email, facts, rule);
  if (unlogged !== undefined) return none(`${unlogged}: analysisd writes no alert for it (the responses still run), so maild never reads it`);
  if (email.logSource === 'alerts.json') {
    const bytes = alertsJsonLineBytes(alert);
    if (!maildReadsAlertLine(bytes)) {
      return none(`the alert's alerts.json line is ${bytes} bytes: maild reads lines of less than ${OS_MAXSTR} (OS_MAXSTR) and skips this one ("Overlong JSON alert read")`);
    }
  }
  if (!mailed) {
    const flag = email.logSource === 'alerts.json' ? maildMailFlag(alert) : facts.mail;
    if (flag === false) return none('rule.mail is not true: maild only mails alerts flagged for e-mail');
    // Not an alert (an archives.json event, a hand-made object): there is no level to compare, as the responses say of rule.id.
    if (facts.ruleLevel === undefined && rule?.source !== 'ruleset') return none('the alert has no rule.level: not flagged for e-mail');
    return none(`rule level below <email_alert_level> ${email.alertLevel} and no alert_by_email: not flagged for e-mail`);
  }
  let input: GranularInput;
  if (email.logSource === 'alerts.json') {
    const read = readMaildJsonAlert(alert);
    if (read.kind === 'skipped') return none(`maild drops an alerts.json alert without ${read.reason}`);
    if (read.kind === 'crash') return none(`${maild} crashes on this alert: its ${read.field} is not a string (the C code reads it with strlen/strdup/atoi)`);
    input = { host: read.host, level: read.level, ruleId: read.ruleId, group: read.group };
  } else {
    input = { host: subjectHost(facts), level: (facts.ruleLevel ?? 0) >>> 0, ruleId: atoi(facts.ruleIdText ?? ''), group: facts.rebuiltGroupString };
  }
  const blocks: number[] = [];
  const recipients = [...email.recipients];
  for (const block of email.blocks) {
    let used = false;
    for (let entry = 0; entry < block.recipients.length; entry++) {
      const matches = entryMatches(block, entry, input);
      if (matches === 'crash') return none(`${maild} crashes on this alert: an item of its rule.group is not a string (strlen(NULL))`);
      if (!matches) continue;
      used = true;
      const to = block.recipients[entry]!;
      if (!recipients.includes(to)) recipients.push(to);
    }
    if (used) blocks.push(block.block);
  }
  const note = agentAddressNote(email, facts, alert, input.host);
  if (recipients.length === 0) return { sent: false, recipients, blocks, detail: `no recipient: no global <email_to> and no matching <email_alerts> block${note ? `; ${note}` : ''}` };
  return { sent: true, recipients, blocks, ...(note ? { detail: note } : {}) };
}

/**
 * The agent's address in the host an <event_location> is matched against, when the file read cannot give it:
 * alerts.json's agent.ip is the address the agent reports (its internal _agent_ip label, json_extended.c:484),
 * alerts.log's `(name) ip->` the client.keys one (log.c:140-142), `any` for an agent authd registered by
 * default (authd-config.c:78). An alert read from one file, mailed from the other, has the other's unknown.
 */
function agentAddressNote(email: SimEmail, facts: AlertFacts, alert: Record<string, unknown>, host: string | undefined): string | undefined {
  if (host === undefined || !email.blocks.some((b) => b.eventLocation !== undefined)) return undefined;
  if (facts.agentId === undefined || facts.agentId === '000' || facts.agentlessPrefix !== undefined || facts.agentName === undefined || facts.location === undefined) return undefined;
  const where = `'(${facts.agentName}) <address>->${facts.location}'`;
  if (email.logSource === 'alerts.json' && readFromAlertsLog(alert)) {
    return `maild reads alerts.json, where <event_location> meets ${where} with the address the agent reports (its _agent_ip, alerts.json's agent.ip), which alerts.log does not carry: arctl matched '${host}'`;
  }
  if (email.logSource === 'alerts.log' && !readFromAlertsLog(alert) && facts.agentIp !== undefined) {
    return `maild reads alerts.log, where <event_location> meets ${where} with the agent's client.keys address (any, unless it was registered with one), not necessarily alerts.json's agent.ip ${facts.agentIp}, the address the agent reports: arctl matched '${host}'`;
  }
  return undefined;
}
