/**
 * `npm run oracle -- --exec [--count N] [--seed S] [--record FILE] [--oracle BIN]`: `arctl simulate`'s
 * per-alert decisions against Wazuh v4.14.7's analysisd: which responses Rule_AddAR binds to the rule
 * (src/analysisd/rules.c), and what the alert's active-response loop (analysisd.c: the crafted dstuser and
 * srcip checks, then OS_Exec in src/analysisd/alerts/exec.c: get_ip's white lists, the location chain,
 * the agents' versions, getActiveResponseInString / getActiveResponseInJSON in ar_json.c, get_exec_msg)
 * sends to which queue, byte for byte.
 *
 * The oracle binary compiles those functions unchanged with stand-ins for wazuh-db (the case's agents and
 * their versions), the labels cache (empty: versions come from wazuh-db), the queues (captured) and
 * Eventinfo_to_jsonstr (it returns the case's alerts.json line, which ar_json.c parses and prints again).
 * It is built outside this repository (it compiles Wazuh's code); without it the run says so and skips.
 *
 * A case: an ossec.conf (commands with extra_args, responses with every trigger, location and agent_id,
 * white lists, a cluster node name or none), a rule (id, level, accuracy, no_ar, group string), an event
 * (agent, location, srcip and dstuser including hostile values, decoder, syscheck file, alert second) with
 * the alerts.json line Wazuh's to_json.c would write for it (built here from the same fields), and the
 * agents wazuh-db knows. arctl gets the same ossec.conf, the alert line and the agents (as --agents).
 * Some alerts are the corpus's real ones (../shared/corpus/alerts) carrying the case's fields; a seed gives
 * the same case only with the same corpus.
 *
 * Not modelled: labels carrying `_wazuh_version`, wazuh-db failing, the alert second id moving between
 * the alerts.json write and OS_Exec (another thread), and fields of the alert beyond those listed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { simulateAlert } from '../../src/simulate/engine.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import type { AgentInfo } from '../../src/wazuh/agents.ts';
import { readerOptions } from '../../src/wazuh/arch.ts';
import { execQueueMessage } from '../../src/wazuh/exec-message.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { COMPLIANCE_PREFIXES } from '../../src/wazuh/alert-groups.ts';
import type { WazuhRule } from '../../src/wazuh/ruleset-types.ts';
import { rng } from './generate.ts';

export interface ExecCaseAgent {
  id: number;
  version: string | null;
  active: boolean;
}

export interface ExecCase {
  /** The manager's ossec.conf. */
  config: string;
  rule: { id: number; level: number; accuracy: 0 | 1; no_ar: boolean; group: string };
  event: { agent_id: string; location: string; srcip: string | null; dstuser: string | null; decoder: string; file: string | null; sec: number; second_id: number };
  /** The alerts.json line for the event. */
  alert: string;
  agents: ExecCaseAgent[];
  /** arctl reads the rule from --ruleset (level, accuracy, no_ar, group string), not from the alert. */
  ruleset: boolean;
}

/** What analysisd does with one alert: the bound responses (position among loaded blocks) and what each sent. */
export interface ExecVerdict {
  /** Config.ar (REMOTE_AR 1 | LOCAL_AR 2), or null when analysisd refuses the configuration. */
  ar: number | null;
  /** sent: null where arctl stops at the manager's or agents' execd (off), which analysisd does not know of. */
  bound: Array<{ index: number; name: string; crafted: boolean; sent: Array<{ queue: 'exec' | 'ar'; msg: string }> | null }>;
}

export interface RecordedExecCase extends ExecCase {
  seed: number;
  note?: string;
  wazuh: ExecVerdict;
}

const GROUPS = ['syslog', 'sshd', 'authentication_failed', 'web', 'attack', 'pci_dss_10.2.4', 'gdpr_IV_35.7.d', 'ossec', 'syscheck', 'invalid_login', 'Sshd', 'sys check', 'ümlaut', 'web-accesslog', 'win_evt_1234'];
const RULES_GROUP = ['sshd', 'sshd|web', '^syslog', 'auth', 'attack,', ',sshd,', 'web|', '\\w+_failed', 'SSHD', '^$', '(', 'syscheck$', '\\.', 'pci_dss_10', 'sys check', '!sshd', '^sshd,', 'web|attack|', 'sshd$', '\\s', 'ü', '[', 'SSHD|^web', '\\p', 'syslog,sshd', '^syslog,sshd,$', 'authentication_\\w+,', '\\d\\d', '.'];
const RULES_ID = ['5712', '100, 5712', ' 5712 ,,1', '5712abc', '99999999999', '1,2,3', '-5712', '05712', '5712 5713', 'abc,5712', ''];
const LOCATIONS = ['local', 'server', 'all', 'defined-agent', 'AS', 'analysisd', 'local,server', 'LOCAL', 'any', 'defined-agent,local', 'all,server'];
const AGENT_IDS = ['001', '1', '002', '0001', '000', 'abc', '-1', '7', '003x', ' 2', '1000', '+3', '99999999999'];
const EXTRA_ARGS = [undefined, undefined, '-f', 'a b  c', 'x $y', "it's !", 'a`b`', '--path=/tmp/a;b', ' lead', '"q" (p) {c} [s] <r> &|#*:', 'ümlaut é', `${'x'.repeat(2040)} tail-cut`, 'a\tb'];
const SRCIPS = [null, null, '1.2.3.4', '::ffff:1.2.3.4', '10.9.9.9', '::ffff:10.9.9.9', '10.1.2.3', 'fe80::1', '2001:db8::5', '192.168.0.77', '1.2.3.4;rm -rf', 'evil.example.com', 'host-1.example.com', '1.2.3.4\n', ' 1.2.3.4', '10.0.0.0/8', '', 'a_b-c.d:e', 'fe80::1%eth0', '1.2.3.4\t', 'ü.example', '10.0.0.1', '110.0.0.1', '192.168.0.077'];
const DSTUSERS = [null, null, 'root', 'bob.smith@corp', 'r$oot', 'user name', 'admin\n', '', 'ü', 'x?y-z_1', 'DOMAIN\\user', 'a b', '-', 'root\r'];
const WHITE_LISTS = [[], [], ['10.9.9.9'], ['10.0.0.0/8'], ['192.168.0.0/24', '2001:db8::/32'], ['evil.example.com'], ['host-\\d'], ['1.2.3.4'], ['::ffff:1.2.3.4'], ['fe80::1/128'], ['10.0.0'], ['!evil'], ['example'], ['192.168.0.0/255.255.255.0'], ['^1.2'], ['4$'], ['10.0.0.1/32', 'host-1|evil']];
const VERSIONS = ['Wazuh v4.14.7', 'Wazuh v4.2.3', 'Wazuh v4.2.5', 'Wazuh v4.1.5', 'Wazuh v3.13.1', 'v4.2.0', 'Wazuh 4.3.0', 'Wazuh v4.2', null, 'Wazuh v5.0.0', 'Wazuh v4.10.0', 'Wazuh v4.2.4-rc1', 'vv4.2.3', 'Wazuh v 4.2.3', 'Wazuh v4..2.3', 'Wazuh v04.02.05', 'Wazuh v4.2.3.4', 'Wazuh v4.x.1', 'Wazuh v.4.2.1'];
const DECODERS = ['sshd', 'sshd', 'json', 'syscheck_integrity_changed', 'syscheck_new_entry', 'windows_eventchannel', 'syscheck'];
const FILES = ['/etc/passwd', '/tmp/a b;c', "/tmp/it's $HOME", 'C:\\Windows\\x.exe', '/tmp/`id`'];
const NODE_NAMES = [undefined, undefined, 'node01', 'master-1'];

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A seeded case. */
export function generateExecCase(seed: number, templates: ReadonlyArray<Record<string, unknown>> = []): ExecCase {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const lines: string[] = ['<ossec_config>'];
  const whiteList = pick(WHITE_LISTS);
  if (whiteList.length > 0) lines.push(`  <global>\n${whiteList.map((w) => `    <white_list>${xml(w)}</white_list>`).join('\n')}\n  </global>`);
  const nodeName = pick(NODE_NAMES);
  if (nodeName !== undefined) lines.push(`  <cluster>\n    <node_name>${xml(nodeName)}</node_name>\n  </cluster>`);
  const commands = 1 + Math.floor(random() * 2);
  for (let i = 0; i < commands; i++) {
    const extra = pick(EXTRA_ARGS);
    const expect = chance(0.3) ? `\n    <expect>${pick(['srcip', 'user', 'filename', 'srcip,user'])}</expect>` : '';
    lines.push(`  <command>\n    <name>cmd${i}</name>\n    <executable>${pick(['firewall-drop', 'host-deny', 'custom.sh'])}</executable>${expect}\n    <timeout_allowed>${chance(0.7) ? 'yes' : 'no'}</timeout_allowed>${extra !== undefined ? `\n    <extra_args>${xml(extra)}</extra_args>` : ''}\n  </command>`);
  }
  const responses = 1 + Math.floor(random() * 5);
  for (let i = 0; i < responses; i++) {
    const location = pick(LOCATIONS);
    const parts = [`    <command>cmd${Math.floor(random() * commands)}</command>`, `    <location>${location}</location>`];
    if (location.includes('defined-agent') || chance(0.1)) parts.push(`    <agent_id>${pick(AGENT_IDS)}</agent_id>`);
    if (chance(0.5)) parts.push(`    <level>${Math.floor(random() * 17)}</level>`);
    // Listed values, or random text from the characters the matchers and the rules_id walker treat apart.
    const randomText = (chars: string, max: number) => Array.from({ length: 1 + Math.floor(random() * max) }, () => chars[Math.floor(random() * chars.length)]).join('');
    if (chance(0.5)) parts.push(`    <rules_group>${xml(chance(0.3) ? randomText('sshdweb,_^$|\\.wdW+*?() S', 8) : pick(RULES_GROUP))}</rules_group>`);
    if (chance(0.4)) parts.push(`    <rules_id>${chance(0.3) ? randomText('57120 ,,a-+\t', 10) : pick(RULES_ID)}</rules_id>`);
    if (chance(0.5)) parts.push(`    <timeout>${pick([0, 60, 600])}</timeout>`);
    if (chance(0.08)) parts.push(`    <disabled>${pick(['yes', 'no'])}</disabled>`);
    lines.push(`  <active-response>\n${parts.join('\n')}\n  </active-response>`);
  }
  lines.push('</ossec_config>', '');

  const groups = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(GROUPS));
  const rule = {
    id: chance(0.5) ? 5712 : pick([100, 1, 5713, 31101, 550, 0, 2, 57, 712, 2157]),
    level: chance(0.1) ? 0 : 1 + Math.floor(random() * 15),
    accuracy: (chance(0.1) ? 0 : 1) as 0 | 1,
    no_ar: chance(0.05),
    group: groups.map((g) => `${g},`).join(''),
  };
  const agentNumber = pick([0, 0, 1, 1, 2, 3, 10, 1000]);
  const agentId = String(agentNumber).padStart(3, '0');
  const agentName = agentNumber === 0 ? 'manager' : `agent${agentNumber}`;
  const agentIp = agentNumber === 0 ? undefined : pick(['any', '10.0.0.5']);
  const where = pick(['/var/log/auth.log', 'syscheck', 'EventChannel', 'rootcheck']);
  const decoder = pick(DECODERS);
  const file = decoder.startsWith('syscheck_') ? pick(FILES) : null;
  const sec = 1_700_000_000 + Math.floor(random() * 1000);
  const secondId = Math.floor(random() * 100000);
  const event = {
    agent_id: agentId,
    location: agentNumber === 0 ? where : `(${agentName}) ${agentIp}->${where}`,
    // Mostly values that pass analysisd's crafted-field checks, so that the messages are reached.
    srcip: chance(0.6) ? pick([null, '1.2.3.4', '::ffff:1.2.3.4', '10.9.9.9', '2001:db8::5', '192.168.0.77']) : pick(SRCIPS),
    dstuser: chance(0.6) ? pick([null, 'root', 'bob.smith@corp', '-']) : pick(DSTUSERS),
    decoder,
    file,
    sec,
    second_id: secondId,
  };
  // The alerts.json line as src/analysisd/format/to_json.c writes it (cJSON: keys in this order, compact).
  const alert: Record<string, unknown> = {
    timestamp: '2023-11-14T22:13:20.000+0000',
    rule: { level: rule.level, description: 'test rule', id: String(rule.id), firedtimes: 1, mail: false, groups },
    agent: { id: agentId, name: agentName, ...(agentIp && agentIp !== 'any' ? { ip: agentIp } : {}) },
    manager: { name: 'wazuh-manager' },
    id: `${sec}.${secondId}`,
    full_log: chance(0.03) ? `big ${'z'.repeat(65400 + Math.floor(random() * 400))}!` : chance(0.2) ? `log with $dollar 'quote' and !bang \`tick\`` : 'Failed password for root',
    decoder: { name: decoder },
    ...(event.srcip !== null || event.dstuser !== null ? { data: { ...(event.srcip !== null ? { srcip: event.srcip } : {}), ...(event.dstuser !== null ? { dstuser: event.dstuser } : {}) } } : {}),
    ...(file !== null ? { syscheck: { path: file, event: 'modified' } } : {}),
    location: where,
  };
  // W_JSON_ParseGroups (json_extended.c): compliance tokens go to arrays of their own, after `groups`.
  const ruleJson = alert.rule as Record<string, unknown>;
  ruleJson.groups = groups.filter((g) => !COMPLIANCE_PREFIXES.some(([, prefix]) => g.startsWith(prefix)));
  for (const g of groups) {
    const family = COMPLIANCE_PREFIXES.find(([, prefix]) => g.startsWith(prefix));
    if (family) ((ruleJson[family[0]] ??= []) as string[]).push(g.slice(family[1].length));
  }
  // Sometimes a real alert (the corpus's) carries the case's fields: its other fields (mitre, labels, cluster,
  // full_log...) as Wazuh wrote them.
  const template = templates.length > 0 && chance(0.3) ? pick(templates) : undefined;
  let alertLine = JSON.stringify(template ? onTemplate(template, alert) : alert);
  // Numbers as cJSON prints them (%1.15g), which a JSON parser reads back as the same double.
  if (chance(0.05)) alertLine = alertLine.replace(/"firedtimes":(\d+)/, `"firedtimes":$1,"score":${pick(['1.5e-07', '1e+16', '0.1', '123456789012', '-0'])}`);
  const agents: ExecCaseAgent[] = [{ id: 0, version: 'Wazuh v4.14.7', active: true }];
  for (let id = 1; id <= 3; id++) if (chance(0.85)) agents.push({ id, version: pick(VERSIONS), active: chance(0.8) });
  if (chance(0.3)) agents.push({ id: 10, version: pick(VERSIONS), active: chance(0.8) });
  if (chance(0.5)) agents.push({ id: 1000, version: pick(VERSIONS), active: chance(0.8) });
  // Without --ruleset the alert cannot tell accuracy="0" or no_ar, nor where compliance tokens sat.
  const ruleset = rule.accuracy === 0 || rule.no_ar || groups.some((g) => COMPLIANCE_PREFIXES.some(([, prefix]) => g.startsWith(prefix))) || chance(0.3);
  return { config: lines.join('\n'), rule, event, alert: alertLine, agents, ruleset };
}

/** A corpus alert with the generated alert's rule, agent, data, decoder, syscheck, location and id. */
function onTemplate(template: Record<string, unknown>, alert: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(template);
  const rule = { ...(out.rule as Record<string, unknown>) };
  for (const [field] of COMPLIANCE_PREFIXES) delete rule[field];
  delete rule.groups;
  out.rule = { ...rule, ...(alert.rule as Record<string, unknown>) };
  const agent = { ...(out.agent as Record<string, unknown>) };
  delete agent.ip;
  out.agent = { ...agent, ...(alert.agent as Record<string, unknown>) };
  const data = { ...((out.data ?? {}) as Record<string, unknown>) };
  delete data.srcip;
  delete data.dstuser;
  Object.assign(data, alert.data ?? {});
  if (Object.keys(data).length > 0) out.data = data;
  else delete out.data;
  out.decoder = { ...((out.decoder ?? {}) as Record<string, unknown>), ...(alert.decoder as Record<string, unknown>) };
  if (alert.syscheck) out.syscheck = alert.syscheck;
  else delete out.syscheck;
  for (const key of ['location', 'id'] as const) out[key] = alert[key];
  return out;
}

/** The corpus's alerts (../shared/corpus/alerts/*.jsonl), when it is there: bodies for some cases. */
export function corpusAlerts(corpus: string): Array<Record<string, unknown>> {
  const dir = join(corpus, 'alerts');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim().startsWith('{')))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Runs Wazuh's analysisd functions (the oracle binary) on a case. */
export function wazuhVerdict(oracle: string, c: ExecCase): ExecVerdict {
  const dir = mkdtempSync(join(tmpdir(), 'arctl-exec-oracle-'));
  try {
    mkdirSync(join(dir, 'etc/shared'), { recursive: true });
    // getDefine_Int reads etc/internal_options.conf: the stock value of the one option the readers ask for.
    writeFileSync(join(dir, 'etc/internal_options.conf'), 'analysisd.min_rotate_interval=600\n');
    writeFileSync(join(dir, 'etc/ossec.conf'), c.config);
    writeFileSync(join(dir, 'case.json'), JSON.stringify(c));
    const run = spawnSync(oracle, [dir, join(dir, 'case.json')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`exec oracle: exit ${run.status} signal ${run.signal}: ${run.stderr.slice(-2000)}`);
    const o = JSON.parse(run.stdout) as { exit?: number; ar?: number; bound?: ExecVerdict['bound'] };
    if (o.exit !== undefined) return { ar: null, bound: [] };
    return { ar: o.ar!, bound: o.bound! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The agents as --agents gives them to simulate. */
function agentInfos(c: ExecCase): AgentInfo[] {
  return c.agents.map((a) => ({ id: String(a.id).padStart(3, '0'), name: a.id === 0 ? 'manager' : `agent${a.id}`, ...(a.version !== null ? { version: a.version } : {}), status: a.active ? 'active' : 'disconnected' }));
}

/** The rule as --ruleset would give it (rules.c: level 0 reads as 99 then 0; accuracy="0" keeps it off AR). */
function rulesetRule(c: ExecCase): WazuhRule {
  return { id: c.rule.id, level: c.rule.level, arLevel: c.rule.accuracy === 0 ? 0 : c.rule.level, groupString: c.rule.group, noAr: c.rule.no_ar, correlation: false, alertByEmail: false, noEmailAlert: false, options: c.rule.no_ar ? ['no_ar'] : [], description: 'test rule', file: 'case.xml', line: 1, overwritten: false } as WazuhRule;
}

/** What arctl's simulate gives for the case, in the oracle's terms. */
export function arctlVerdict(c: ExecCase): ExecVerdict {
  const target = parseTargetVersion('4.14.7');
  const doc = new ConfigDocument('ossec.conf', Buffer.from(c.config, 'utf8'), readerOptions(target));
  const config = loadSimConfig(doc, target);
  if (config.refusal.length > 0) return { ar: null, bound: [] };
  const alert = JSON.parse(c.alert) as Record<string, unknown>;
  const rules = c.ruleset ? new Map([[c.rule.id, rulesetRule(c)]]) : undefined;
  const result = simulateAlert(config, { agents: agentInfos(c), ...(rules ? { rules } : {}) }, alert, 0);
  const loaded = config.responses.filter((r) => r.status === 'active');
  const bound: ExecVerdict['bound'] = [];
  for (const r of result.responses) {
    if (!r.matchedBy || r.matchedBy.length === 0) continue;
    const response = config.responses.find((x) => x.block === r.block)!;
    const crafted = r.reason === 'invalid-user' || r.reason === 'invalid-srcip';
    if (r.reason === 'execd-disabled') {
      bound.push({ index: loaded.indexOf(response), name: response.name, crafted, sent: null });
      continue;
    }
    const sent: NonNullable<ExecVerdict['bound'][number]['sent']> = [];
    // In target order, as OS_Exec sends them (agentMessages groups the agents by message).
    const groupOf = new Map((r.agentMessages ?? []).flatMap((g) => g.agents.map((agent) => [agent, g] as const)));
    for (const agent of r.targets ?? []) {
      const message = groupOf.get(agent)?.message;
      if (message === undefined || message === null) continue;
      const onManager = response.location.server || (response.location.local && c.event.agent_id === '000');
      sent.push(onManager ? { queue: 'exec', msg: message } : { queue: 'ar', msg: execQueueMessage(response.location, agent, message) });
    }
    bound.push({ index: loaded.indexOf(response), name: response.name, crafted, sent });
  }
  return { ar: (config.queue.remote ? 1 : 0) | (config.queue.local ? 2 : 0), bound };
}

/** The first difference between two verdicts, with its class (what differs, not the values). */
export function verdictDifference(wazuh: ExecVerdict, arctl: ExecVerdict): { text: string; kind: string } | undefined {
  if (wazuh.ar === null || arctl.ar === null) {
    return wazuh.ar === arctl.ar ? undefined : { text: `analysisd ${wazuh.ar === null ? 'refuses' : 'accepts'} the configuration, arctl ${arctl.ar === null ? 'refuses' : 'accepts'} it`, kind: 'configuration refused' };
  }
  if (wazuh.ar !== arctl.ar) return { text: `Config.ar Wazuh ${wazuh.ar} arctl ${arctl.ar}`, kind: 'AR queue flags' };
  const boundText = (v: ExecVerdict) => v.bound.map((b) => `${b.index}:${b.name}`).join(' ');
  if (boundText(wazuh) !== boundText(arctl)) return { text: `bound: Wazuh [${boundText(wazuh)}] arctl [${boundText(arctl)}]`, kind: 'binding' };
  for (const [i, w] of wazuh.bound.entries()) {
    const a = arctl.bound[i]!;
    if (w.crafted !== a.crafted) return { text: `response ${w.index}: crafted field check Wazuh ${w.crafted} arctl ${a.crafted}`, kind: 'crafted dstuser/srcip check' };
    if (a.sent === null || w.sent === null) continue;
    const key = (s: { queue: string; msg: string }) => `${s.queue} ${s.msg}`;
    const ws = w.sent.map(key);
    const as = a.sent.map(key);
    if (ws.length !== as.length) {
      return { text: `response ${w.index}: Wazuh sends ${ws.length} message(s) [${ws.map((m) => m.slice(0, 60)).join(' | ')}], arctl ${as.length} [${as.map((m) => m.slice(0, 60)).join(' | ')}]`, kind: 'messages sent (count)' };
    }
    for (let j = 0; j < ws.length; j++) {
      if (ws[j] === as[j]) continue;
      let at = 0;
      while (ws[j]![at] === as[j]![at]) at++;
      const around = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 30), at + 40));
      const part = ws[j]!.startsWith('exec') || ws[j]!.includes(' {"version"') ? 'JSON message' : 'legacy message';
      return { text: `response ${w.index} message ${j}: at byte ${at} Wazuh ${around(ws[j]!)} arctl ${around(as[j]!)}`, kind: `message text (${part})` };
    }
  }
  return undefined;
}

/** Runs `count` seeded cases against the oracle binary; returns the number of disagreements. */
export function runExecOracle(opts: { count: number; seed: number; out: string; oracle: string; corpus: string; record?: string }): number {
  if (!existsSync(opts.oracle)) {
    console.log(`oracle: skipped: no exec oracle binary at ${opts.oracle} (it compiles Wazuh's analysisd code and is built outside this repository; pass --oracle BIN)`);
    return 0;
  }
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });
  const classes = new Map<string, number>();
  const templates = corpusAlerts(opts.corpus);
  if (templates.length === 0) console.log(`exec oracle: no corpus alerts under ${opts.corpus}: every alert is generated`);
  const recorded: RecordedExecCase[] = [];
  let recordedSize = 0;
  let wrong = 0;
  // What the cases reached in Wazuh: so a run with no disagreement says what it covered.
  const reached = { refused: 0, bound: 0, crafted: 0, exec: 0, ar: 0, legacy: 0, escaped: 0, cut: 0, unsent: 0 };
  for (let i = 0; i < opts.count; i++) {
    const seed = opts.seed + i;
    const c = generateExecCase(seed, templates);
    const wazuh = wazuhVerdict(opts.oracle, c);
    const arctl = arctlVerdict(c);
    if (wazuh.ar === null) reached.refused++;
    if (wazuh.bound.length > 0) reached.bound++;
    const sent = wazuh.bound.flatMap((b) => b.sent ?? []);
    if (wazuh.bound.some((b) => b.crafted)) reached.crafted++;
    if (wazuh.bound.some((b) => !b.crafted && (b.sent ?? []).length === 0)) reached.unsent++;
    if (sent.some((m) => m.queue === 'exec')) reached.exec++;
    if (sent.some((m) => m.queue === 'ar')) reached.ar++;
    if (sent.some((m) => m.queue === 'ar' && !m.msg.includes(' {"version"'))) reached.legacy++;
    if (sent.some((m) => m.msg.includes('\\\\x'))) reached.escaped++;
    if (sent.some((m) => Buffer.byteLength(m.msg, 'utf8') >= 65536)) reached.cut++;
    const difference = verdictDifference(wazuh, arctl);
    if (difference !== undefined) {
      wrong++;
      const seen = classes.get(difference.kind) ?? 0;
      classes.set(difference.kind, seen + 1);
      writeFileSync(join(opts.out, `exec-seed-${seed}.json`), JSON.stringify({ seed, difference: difference.text, case: c, wazuh, arctl }, null, 2));
      if (seen < 3) console.log(`seed ${seed}: ${difference.text}`);
    }
    // Recorded: every disagreement, cases that send something (legacy and escaped ones more often) and a
    // sample of the rest, each under 8 KB and all under 280 KB (long-message cases stay in the CLI tests).
    const legacyOrEscaped = sent.some((m) => (m.queue === 'ar' && !m.msg.includes(' {"version"')) || m.msg.includes('\\\\x'));
    const keep = difference !== undefined || i % 50 === 0 || (sent.length > 0 && i % (legacyOrEscaped ? 3 : 12) === 0);
    if (opts.record && keep) {
      const entry: RecordedExecCase = { seed, ...c, ...(difference ? { note: difference.text } : {}), wazuh };
      const size = JSON.stringify(entry).length;
      if (size < 8_000 && recordedSize + size < 280_000) {
        recorded.push(entry);
        recordedSize += size;
      }
    }
  }
  console.log(`exec oracle: ${opts.count} cases (seeds ${opts.seed}..${opts.seed + opts.count - 1}), ${wrong} disagreeing`);
  console.log(`  Wazuh: ${reached.refused} configurations refused, ${reached.bound} alerts with bound responses, ${reached.crafted} with a crafted dstuser/srcip, ${reached.unsent} with a bound response that sent nothing (white list, queue off, unknown agent or version), messages to execd in ${reached.exec}, to agents in ${reached.ar} (legacy in ${reached.legacy}, 4.2.0-4.2.4 escaped in ${reached.escaped}), cut at OS_MAXSTR in ${reached.cut}`);
  for (const [cls, n] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`  ${n} x ${cls}`);
  if (opts.record) writeFileSync(opts.record, `[\n${recorded.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  return wrong;
}
