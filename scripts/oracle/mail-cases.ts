/**
 * `npm run oracle -- --mail [--count N] [--seed S] [--record FILE] [--out DIR]`: `arctl simulate`'s e-mail
 * decision for each alert (sent, recipients) against Wazuh v4.14.7's wazuh-maild: MailConf and
 * Read_EmailAlerts (the global and granular <email_alerts> settings), OS_RecvMailQ_JSON (which alerts.json
 * lines it takes: rule.mail true, the fields the subject needs, case-insensitive cJSON lookups; and which
 * granular entries it sets: event_location, level, rule_id, rule.group, format, do_not_delay,
 * do_not_group), and the recipients OS_Sendmail (global email_to + entries set FULL_FORMAT) and OS_Sendsms
 * (entries set SMS_FORMAT) address. The oracle binary (.oracle/mail-oracle, built outside this repository:
 * ./binaries.ts) compiles those functions unchanged and reads each line with json-queue.c's
 * jqueue_parse_json; each alert is judged by itself (gran_set cleared before each). Its output, one JSON
 * object a line: {"config":MailConf's return}, then per line {"taken":bool,"to":[global],"full":[...],
 * "dng":[...],"sms":[...]} (the granular email_to entries gran_set marks FULL_FORMAT, DONOTGROUP, SMS_FORMAT);
 * from alerts.log (Read_FileMon, GetAlertData, OS_RecvMailQ) one such object per alert taken.
 *
 * A case: an ossec.conf (global email_to, email_alert_level, <email_alerts> blocks with random settings,
 * some that maild refuses) and alerts.json lines (rule.mail true/false/not a boolean, level as a
 * number, a string, a fraction or negative, ids as texts, groups and a rule.group array, agents with and
 * without an ip, keys in other cases, a line that is not JSON). arctl gets the same file and lines.
 *
 * With <email_log_source>alerts.log (3 cases in 10) maild reads the alerts as analysisd writes them to
 * alerts.log (OS_RecvMailQ, read-alert.c's GetAlertData: the " mail " flag, the group string the granular
 * group is matched against, the location line, the Rule line); arctl gets the alerts.json lines.
 *
 * Not modelled: grouping of several alerts into one mail (the recipients of a grouped mail are the union
 * of its alerts', until OS_Run sends and clears gran_set), maxperhour, sending itself, duplicate keys in a
 * line (cJSON takes the first, JSON.parse the last), and how analysisd builds the alerts.log group string.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { emailFor } from '../../src/simulate/engine.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import { readerOptions } from '../../src/wazuh/arch.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { rebuildGroupString } from '../../src/wazuh/alert-groups.ts';
import { rng } from './generate.ts';
import { NOT_HERE } from './binaries.ts';

export interface MailCase {
  config: string;
  /** alerts.json lines (maild reading alerts.log gets each as analysisd writes it there: alertsLogBlock). */
  alerts: string[];
}

/**
 * Per alert line: whether a message goes out, and to whom (sorted, once each). `refused`: maild refuses the
 * configuration (every alert then sends nothing); for arctl: analysisd refuses it, so simulate stops.
 */
export interface MailVerdict {
  refused: boolean;
  alerts: Array<{ sent: boolean; recipients: string[] }>;
}

export interface RecordedMailCase extends MailCase {
  seed: number;
  note?: string;
  wazuh: MailVerdict;
}

const ADDRESSES = ['a@x.org', 'b@x.org', 'c@x.org', 'ops@corp', 'sms@gw'];
const LEVELS = ['0', '1', '3', '5', '7', '10', '12', '15', '16', '20', '007', ' 5', '5a', '-1', '99999999999', ''];
const RULE_IDS = ['0', '0, 0', '5712', '100, 5712', ' 5712 ,,1', '5712abc', '99999999999', '1,2,3', '-5712', '05712', '5712 5713', 'abc,5712', '0,5712', '5712,0,100', ''];
const GROUPS = ['sshd', 'sshd|web', '^syslog', 'auth', 'authentication_failed', 'web', 'SSHD', '^$', '!sshd', 'ümlaut', 'syscheck$', 'pci_dss'];
const LOCATIONS = ['manager', 'agent1', '->/var/log/auth.log', 'auth.log$', '^manager', '^(agent1)', '10.0.0.1', 'agent1|manager', 'journald', '!manager', 'x'];
const ALERT_GROUPS = ['syslog', 'sshd', 'authentication_failed', 'web', 'attack', 'pci_dss_10.2.4', 'syscheck', 'SSHD', 'ümlaut'];
const ALERT_LOCATIONS = ['/var/log/auth.log', 'journald', 'syscheck', 'EventChannel', 'rootcheck', '/var/log/secure'];
const ALERT_IDS = ['5712', '100', '1', '5713', '0', '05712', '5712abc', '-5712', '99999999999', '4294967296', ' 100', '', 'abc'];

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A seeded case. */
export function generateMailCase(seed: number): MailCase {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const globalTo = Array.from({ length: Math.floor(random() * 3) }, () => pick(ADDRESSES));
  const lines = ['<ossec_config>', '  <global>', '    <email_notification>yes</email_notification>', '    <smtp_server>localhost</smtp_server>', '    <email_from>wazuh@x.org</email_from>'];
  for (const to of globalTo) lines.push(`    <email_to>${to}</email_to>`);
  // maild reading alerts.log (OS_RecvMailQ), from a stream of its own: the alerts.json cases keep their seeds.
  const logSource = rng(seed ^ 0x5bd1e995)() < 0.3;
  if (logSource) lines.push('    <email_log_source>alerts.log</email_log_source>');
  lines.push('    <jsonout_output>yes</jsonout_output>', '  </global>');
  if (chance(0.5)) lines.push(`  <alerts>\n    <email_alert_level>${pick([1, 3, 7, 10, 12])}</email_alert_level>\n  </alerts>`);
  const blocks = Math.floor(random() * 5);
  for (let b = 0; b < blocks; b++) {
    const parts: string[] = [];
    const add = (element: string, value?: string) => parts.push(value === undefined ? `    <${element}/>` : `    <${element}>${xml(value)}</${element}>`);
    const tos = chance(0.1) ? 0 : 1 + Math.floor(random() * 2);
    const options: Array<() => void> = [
      () => add('level', chance(0.8) ? String(1 + Math.floor(random() * 15)) : pick(LEVELS)),
      () => add('rule_id', chance(0.5) ? pick(['5712', '100', '5712, 100', '1']) : pick(RULE_IDS)),
      () => add('group', pick(GROUPS)),
      () => add('event_location', pick(LOCATIONS)),
      () => add('format', pick(['sms', 'full', 'default', 'sms', 'SMS'])),
      () => add('do_not_delay', chance(0.8) ? undefined : 'yes'),
      () => add('do_not_group', chance(0.8) ? undefined : 'no'),
    ];
    for (const option of options) if (chance(0.35)) option();
    for (let t = 0; t < tos; t++) parts.splice(Math.floor(random() * (parts.length + 1)), 0, `    <email_to>${pick(ADDRESSES)}</email_to>`);
    lines.push(`  <email_alerts>\n${parts.join('\n')}\n  </email_alerts>`);
  }
  lines.push('</ossec_config>', '');

  const alerts: string[] = [];
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    // alerts.log: alerts as analysisd writes them (no hand-made oddities: it writes the log from its own event).
    if (!logSource && chance(0.03)) {
      alerts.push('{"rule": not json');
      continue;
    }
    const agentNumber = pick([0, 0, 1, 2]);
    const agent: Record<string, unknown> = { id: String(agentNumber).padStart(3, '0'), name: agentNumber === 0 ? 'manager' : `agent${agentNumber}` };
    if (agentNumber !== 0 && (logSource || chance(0.8))) agent.ip = pick(['10.0.0.1', '192.168.1.5', 'any']);
    const levelNumber = chance(0.1) ? 0 : 1 + Math.floor(random() * 15);
    const level = logSource || chance(0.85) ? levelNumber : pick<unknown>([String(levelNumber), levelNumber + 0.5, -1, 2147483648]);
    const rule: Record<string, unknown> = { level, description: 'test alert', id: chance(0.6) ? pick(['5712', '100', '1']) : logSource ? pick(['0', '5713', '4294967296']) : pick(ALERT_IDS) };
    // analysisd always writes rule.mail (to_json.c); other values only in hand-made lines.
    const mail = random();
    rule.mail = mail < 0.8 ? true : mail < 0.93 || logSource ? false : pick<unknown>(['true', 1, null]);
    rule.groups = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(ALERT_GROUPS));
    if (!logSource && chance(0.1)) rule.group = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(ALERT_GROUPS));
    const alert: Record<string, unknown> = { timestamp: '2026-12-05T05:00:00.000+0000', rule, agent, manager: { name: 'manager' }, id: `1764910800.${i}`, decoder: { name: 'sshd' }, location: pick(ALERT_LOCATIONS) };
    if (chance(0.7)) alert.full_log = 'Dec  5 05:00:00 host sshd[1]: Failed password for root';
    // Fields maild needs, sometimes missing; keys in another case (cJSON_GetObjectItem ignores case).
    if (!logSource && chance(0.04)) delete alert[pick(['timestamp', 'location'])];
    if (!logSource && chance(0.04)) delete rule[pick(['description', 'level', 'id'])];
    if (!logSource && chance(0.04)) delete agent.name;
    let text = JSON.stringify(alert);
    if (!logSource && chance(0.05)) text = text.replace(pick(['"rule":', '"location":', '"agent":', '"level":', '"mail":']), (k) => k.toUpperCase());
    alerts.push(text);
  }
  return { config: lines.join('\n'), alerts };
}

/**
 * The alert as analysisd's OS_Log writes it to alerts.log (src/analysisd/alerts/log.c, as
 * src/wazuh/alerts-log.ts reads it): the header with " mail " and the group string, the date line with
 * the location ("(name) ip->location" for agents, "hostname->location" for the manager), the Rule line
 * and full_log. The group string is arctl's rebuildGroupString of rule.groups: what it stands on is not
 * compared here.
 */
export function alertsLogBlock(alert: Record<string, unknown>): string {
  const rule = alert.rule as Record<string, unknown>;
  const agent = alert.agent as Record<string, unknown>;
  const where = agent.ip !== undefined ? `(${String(agent.name)}) ${String(agent.ip)}->${String(alert.location)}` : `${String(agent.name)}->${String(alert.location)}`;
  const fullLog = typeof alert.full_log === 'string' ? `${alert.full_log}\n` : '';
  return `** Alert ${String(alert.id)}:${rule.mail === true ? ' mail ' : ''} - ${rebuildGroupString(rule)}\n2026 Dec 05 05:00:00 ${where}\nRule: ${String(rule.id)} (level ${String(rule.level)}) -> '${String(rule.description)}'\n${fullLog}\n`;
}

const readsAlertsLog = (c: MailCase) => /<email_log_source>alerts\.log/.test(c.config);

/** What Wazuh's maild does with the case (the oracle binary, in a temporary directory). */
export function wazuhMailVerdict(oracle: string, c: MailCase): MailVerdict {
  const dir = mkdtempSync(join(tmpdir(), 'arctl-mail-oracle-'));
  try {
    writeFileSync(join(dir, 'ossec.conf'), c.config);
    const log = readsAlertsLog(c);
    const input = join(dir, log ? 'alerts.log' : 'alerts.json');
    writeFileSync(input, c.alerts.map((a) => (log ? alertsLogBlock(JSON.parse(a) as Record<string, unknown>) : `${a}\n`)).join(''));
    const run = spawnSync(oracle, [join(dir, 'ossec.conf'), input], { encoding: 'utf8', timeout: 20_000 });
    if (run.status !== 0) throw new Error(`mail oracle failed (status ${run.status}, signal ${run.signal}): ${run.stderr}`);
    const [head, ...rest] = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    if ((head as { config: number }).config < 0) return { refused: true, alerts: c.alerts.map(() => ({ sent: false, recipients: [] })) };
    const verdicts = rest.map((r) => {
      const o = r as { taken: boolean; to: string[]; full: string[]; dng: string[]; sms: string[] };
      const recipients = o.taken ? [...new Set([...o.to, ...o.full, ...o.dng, ...o.sms])].sort() : [];
      return { sent: recipients.length > 0, recipients };
    });
    if (!log) return { refused: false, alerts: verdicts };
    // alerts.log: GetAlertData passes over the alerts without " mail "; one line per alert taken, in order.
    const mailed = c.alerts.map((a) => (JSON.parse(a) as { rule: { mail?: unknown } }).rule.mail === true);
    if (mailed.filter(Boolean).length !== verdicts.length) throw new Error(`mail oracle took ${verdicts.length} alerts of alerts.log, ${mailed.filter(Boolean).length} are flagged mail`);
    return { refused: false, alerts: mailed.map((m) => (m ? verdicts.shift()! : { sent: false, recipients: [] })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The case's configuration as simulate loads it, and each line judged by `judge` (a line that is not JSON: nothing sent, as simulate --skip-invalid). */
function judgeLines(c: MailCase, judge: (config: ReturnType<typeof loadSimConfig>, alert: Record<string, unknown>) => { sent: boolean; recipients: string[] }): MailVerdict {
  const target = parseTargetVersion('4.14.7');
  const config = loadSimConfig(new ConfigDocument('ossec.conf', Buffer.from(c.config, 'utf8'), readerOptions(target)), target);
  if (config.refusal.length > 0) return { refused: true, alerts: [] };
  return {
    refused: false,
    alerts: c.alerts.map((line) => {
      let alert: Record<string, unknown>;
      try {
        alert = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { sent: false, recipients: [] };
      }
      return judge(config, alert);
    }),
  };
}

/** What arctl's simulate says for each line. */
export function arctlMailVerdict(c: MailCase): MailVerdict {
  return judgeLines(c, (config, alert) => {
    const email = emailFor(config, {}, alert);
    return { sent: email.sent, recipients: email.sent ? [...new Set(email.recipients)].sort() : [] };
  });
}

/**
 * A plain reading of the case (keys as written, Number levels, rule_id lists cut at their first 0), as
 * arctl read it before the oracle: only to pick the cases worth recording, those where it and Wazuh part.
 */
function plainMailVerdict(c: MailCase): MailVerdict {
  const obj = (v: unknown) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  return judgeLines(c, (config, alert) => {
    if (config.email.maildStops !== undefined) return { sent: false, recipients: [] };
    const rule = obj(alert.rule);
    const agent = obj(alert.agent);
    if (rule.mail !== true || [alert.location, agent.name, rule.level, rule.description, rule.id, alert.timestamp].includes(undefined)) return { sent: false, recipients: [] };
    const host = agent.ip !== undefined ? `(${String(agent.name)}) ${String(agent.ip)}->${String(alert.location)}` : `${String(agent.name)}->${String(alert.location)}`;
    const level = Math.trunc(Number(rule.level));
    const id = Number.parseInt(String(rule.id), 10);
    const recipients = new Set(config.email.recipients);
    for (const b of config.email.blocks) {
      const ids = b.ruleIds.indexOf(0) < 0 ? b.ruleIds : b.ruleIds.slice(0, b.ruleIds.indexOf(0));
      const tests = [b.eventLocation ? b.eventLocation.test(host) : undefined, b.level ? level >= b.level : undefined, b.ruleIds.length > 0 ? ids.includes(id) : undefined];
      if (tests.includes(false) || !tests.includes(true)) continue;
      for (const to of b.recipients) recipients.add(to);
    }
    return { sent: recipients.size > 0, recipients: [...recipients].sort() };
  });
}

function difference(wazuh: MailVerdict, arctl: MailVerdict): { text: string; kind: string } | undefined {
  for (let i = 0; i < wazuh.alerts.length; i++) {
    const w = wazuh.alerts[i]!;
    const a = arctl.alerts[i]!;
    if (w.sent !== a.sent) return { text: `alert ${i}: Wazuh ${w.sent ? `sends to ${w.recipients.join(' ')}` : 'sends nothing'}, arctl ${a.sent ? `sends to ${a.recipients.join(' ')}` : 'sends nothing'}`, kind: `sent ${w.sent} vs ${a.sent}` };
    if (w.recipients.join(' ') !== a.recipients.join(' ')) return { text: `alert ${i}: Wazuh to ${w.recipients.join(' ')}, arctl to ${a.recipients.join(' ')}`, kind: 'recipients' };
  }
  if (wazuh.alerts.length !== arctl.alerts.length) return { text: `Wazuh judged ${wazuh.alerts.length} lines, arctl ${arctl.alerts.length}`, kind: 'line count' };
  return undefined;
}

/** Runs `count` seeded cases; returns the number of disagreements (0 when the oracle binary is missing: it says so). */
export function runMailOracle(opts: { count: number; seed: number; out: string; oracle: string; record?: string }): number {
  const oracle = opts.oracle;
  if (!existsSync(oracle)) {
    console.log(`oracle: skipped: no mail oracle binary at ${oracle} (--oracle BIN names one). It compiles Wazuh's maild and is ${NOT_HERE}.`);
    return 0;
  }
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });
  const classes = new Map<string, number>();
  const recorded: RecordedMailCase[] = [];
  let recordedSize = 0;
  let wrong = 0;
  const reached = { refused: 0, alerts: 0, sent: 0, analysisd: 0, log: 0 };
  for (let i = 0; i < opts.count; i++) {
    const seed = opts.seed + i;
    const c = generateMailCase(seed);
    const wazuh = wazuhMailVerdict(oracle, c);
    const arctl = arctlMailVerdict(c);
    if (arctl.refused) {
      // analysisd refuses the file: simulate stops before any alert (the start-up oracle compares that).
      reached.analysisd++;
      continue;
    }
    if (wazuh.refused) reached.refused++;
    if (readsAlertsLog(c)) reached.log++;
    reached.alerts += wazuh.alerts.length;
    reached.sent += wazuh.alerts.filter((a) => a.sent).length;
    const d = difference(wazuh, arctl);
    if (d !== undefined) {
      wrong++;
      const seen = classes.get(d.kind) ?? 0;
      classes.set(d.kind, seen + 1);
      writeFileSync(join(opts.out, `mail-seed-${seed}.json`), JSON.stringify({ seed, difference: d.text, case: c, wazuh, arctl }, null, 2));
      if (seen < 3) console.log(`seed ${seed}: ${d.text}`);
    }
    // Recorded: every disagreement, every case a plain reading gets wrong (keys in capitals, a level that
    // is not a number, zeros in rule_id, a configuration maild refuses...), and a sample.
    const keep = d !== undefined || (opts.record !== undefined && difference(wazuh, plainMailVerdict(c)) !== undefined) || i % 80 === 0 || (wazuh.alerts.some((a) => a.sent) && i % 40 === 0);
    if (opts.record && keep) {
      const entry: RecordedMailCase = { seed, ...c, ...(d ? { note: d.text } : {}), wazuh };
      const size = JSON.stringify(entry).length;
      if (size < 5_000 && recordedSize + size < 250_000) {
        recorded.push(entry);
        recordedSize += size;
      }
    }
  }
  console.log(`mail oracle: ${opts.count} cases (seeds ${opts.seed}..${opts.seed + opts.count - 1}), ${wrong} disagreeing`);
  console.log(`  Wazuh: maild refuses ${reached.refused} configurations, ${reached.alerts} alerts judged, ${reached.sent} sent, ${reached.log} cases read from alerts.log; ${reached.analysisd} cases not compared (analysisd refuses the file)`);
  for (const [cls, n] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`  ${n} x ${cls}`);
  if (opts.record) writeFileSync(opts.record, `[\n${recorded.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  return wrong;
}
