/** The words every formatter uses for a change, so text and Markdown say the same thing. */
import { READ_WAZUH_ALERTS } from '../simulate/engine.ts';
import type { BehaviourGroup, Category, DiffReport, ResponseView, StaticChange } from './model.ts';

const VERBS: Record<Category, string> = {
  'newly-fires': 'newly fire',
  'stops-firing': 'no longer fire',
  'now-whitelisted': 'no longer fire (now white-listed)',
  'no-longer-whitelisted': 'newly fire (no longer white-listed)',
  'other-targets': 'fire on other targets',
  'other-timeout': 'fire with another timeout',
  'email-now-sent': 'are now e-mailed',
  'email-no-longer-sent': 'are no longer e-mailed',
  'email-rerouted': 'are e-mailed to other recipients',
};

/** The verb of one alert: `1 alert newly fires`, `1 alert is no longer e-mailed`. */
const singular = (verb: string) => verb.replace(/^are /, 'is ').replace(/^(newly |no longer )?fire\b/, '$1fires');

/** A response's timeout: 0 puts nothing in execd's timeout list (os_execd/execd.c:344-345), so nothing undoes it. */
export const timeoutText = (seconds: number | undefined) => (seconds === 0 ? '0 s, never undone' : `${seconds} s`);

export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** `412 alerts newly fire firewall-drop [...] on 7 agents (23 addresses)`. */
export function groupSentence(g: BehaviourGroup, withSubject = true): string {
  const isEmail = g.category.startsWith('email');
  const what = isEmail || !withSubject ? '' : ` ${g.subject}`;
  const detail = g.detail !== undefined ? ` (${g.detail})` : '';
  const where = isEmail ? '' : hostsText(g);
  const addresses = !isEmail && g.srcipCount > 0 ? `, ${count(g.srcipCount, 'source address', 'source addresses')}` : '';
  return `${withSubject ? `${count(g.alerts, 'alert')} ` : ''}${g.alerts === 1 ? singular(VERBS[g.category]) : VERBS[g.category]}${what}${detail}${where}${addresses}`;
}

/** Where the group's responses ran: `on 3 agents`, `on the manager`, `on every active agent and 2 others`. */
function hostsText(g: BehaviourGroup): string {
  // The manager (target 000) is no agent: `all` never reaches it (exec.c iterates the active agents).
  const named = [...(g.everyAgent ? ['every active agent'] : []), ...(g.manager ? ['the manager'] : [])];
  if (named.length === 0) return ` on ${count(g.agentCount, 'agent')}`;
  const others = g.agentCount - named.length;
  if (others > 0) named.push(g.everyAgent ? count(others, 'other') : count(others, 'agent'));
  return ` on ${named.length > 2 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}` : named.join(' and ')}`;
}

/** The problems of a refused side shown one by one after the first (the JSON lists them all). */
export const REFUSALS_SHOWN = 4;

/**
 * A refused side's problems after the first, which stops Wazuh: each one Wazuh meets once those before it are
 * fixed (src/wazuh/load-log.ts), the first REFUSALS_SHOWN named, the rest counted.
 */
function refusalDetails(messages: readonly string[]): { intro: string; items: string[] } | undefined {
  const rest = messages.slice(1);
  if (rest.length === 0) return undefined;
  const shown = rest.length > REFUSALS_SHOWN + 1 ? rest.slice(0, REFUSALS_SHOWN) : rest;
  const more = rest.length - shown.length;
  return {
    intro: `${count(rest.length, 'more problem')}, each met once those before it are fixed:`,
    items: [...shown, ...(more > 0 ? [`and ${more.toLocaleString('en')} more (--format json lists every one)`] : [])],
  };
}

/**
 * A block added or removed, in brackets: its timeout and bound rules. Wazuh refuses to start with a rejected block,
 * so no add ever carries its timeout (one it may not even have read: ReadActiveResponses stops at a refused option), and
 * it says so instead of '0 s'. A disabled block keeps the timeout it would have; a dropped or skipped one only on one
 * side is no change (staticDiff).
 */
function blockText(v: ResponseView): string {
  if (v.status === 'rejected') return 'rejected: Wazuh refuses to start with it, so it never runs and no timeout applies';
  return `${v.status === 'active' ? timeoutText(v.timeout) : `${v.timeout} s, ${v.status}`}${v.rules ? `, ${count(v.rules.count, 'rule')}` : ''}`;
}

/**
 * One line per static change: a sign (+ added, - removed, ~ changed, ! refused), the subject and what changes; a
 * refusal's first problem is its line, the others follow as `details`.
 */
export function staticLine(c: StaticChange): { sign: '+' | '-' | '~' | '!'; subject: string; change: string; details?: { intro: string; items: string[] } } {
  switch (c.kind) {
    case 'refusal': {
      const details = refusalDetails(c.messages);
      return { sign: '!', subject: c.side === 'base' ? 'BASE' : 'HEAD', change: `Wazuh refuses to start: ${c.messages[0] ?? ''}`, ...(details ? { details } : {}) };
    }
    case 'response-added':
      return { sign: '+', subject: c.response, change: `response added (${blockText(c.head)})` };
    case 'response-removed':
      return { sign: '-', subject: c.response, change: `response removed (${blockText(c.base)})` };
    case 'response-changed':
      return { sign: '~', subject: c.response, change: c.fields.map((f) => `${f.field} ${f.base || '(none)'} -> ${f.head || '(none)'}`).join('; ') };
    case 'white-list':
      return { sign: '~', subject: 'white_list', change: [...c.added.map((x) => `+${x}`), ...c.removed.map((x) => `-${x}`)].join(', ') };
    case 'email':
      return { sign: c.base === '' ? '+' : c.head === '' ? '-' : '~', subject: `e-mail ${c.field}`, change: c.base === '' ? c.head : c.head === '' ? c.base : `${c.base || '(none)'} -> ${c.head || '(none)'}` };
    case 'execd':
      return { sign: '~', subject: c.field, change: `${c.base} -> ${c.head}` };
  }
}

/**
 * The static changes that are changes: a refusal both sides share (the same messages, lines and file names aside) is said
 * ('! BASE', '! HEAD') but changes nothing, so a file diffed with itself, or an edit elsewhere in a file Wazuh
 * refuses either way, is not counted as one change per side.
 */
export function configurationChanges(changes: readonly StaticChange[]): StaticChange[] {
  const refusal = (side: 'base' | 'head') =>
    changes
      .filter((c) => c.kind === 'refusal' && c.side === side)
      .flatMap((c) => (c.kind === 'refusal' ? c.messages : []))
      // Each side's own file name is in os_xml's refusal ((1226): Error reading XML file 'NAME': ...), and
      // Wazuh reads one file, etc/ossec.conf, whatever arctl was given: a name is no change, nor a line.
      .map((m) => m.replace(/^(.*\(1226\): Error reading XML file )'.*?': /, "$1'': ").replace(/ \(line \d+\)\.?$/, ''))
      .join('\n');
  const shared = refusal('base') === refusal('head');
  return changes.filter((c) => c.kind !== 'refusal' || !shared);
}

/** The plan's one-line answer: `3 configuration changes; 56 of 1,234 alerts decided differently: ...`. */
export function headline(report: DiffReport): string {
  const changes = configurationChanges(report.static).length;
  const parts = [changes === 0 ? 'no configuration change' : count(changes, 'configuration change')];
  const b = report.behaviour;
  if (b) {
    parts.push(b.changedAlerts === 0 ? (b.alerts === 1 ? 'the 1 alert decided the same way' : `none of ${count(b.alerts, 'alert')} decided differently`) : `${b.changedAlerts.toLocaleString('en')} of ${count(b.alerts, 'alert')} decided differently`);
  }
  return `${parts.join('; ')}.`;
}

/**
 * analysisd sends a location-all response to every active agent (src/analysisd/alerts/exec.c:92-179, one message
 * per id wazuh-db lists); without --agents, arctl does not know them, and replays them as one host, as
 * `simulate --timeline` does.
 */
export const TIMELINE_ALL_NOTE =
  'location all is replayed as one host standing for every active agent (as simulate --timeline does without --agents): what it blocks counts once, not once per agent; --agents counts each agent';

/** Alerts in a shape arctl does not read, which decide nothing on either side (BehaviourDiff.unread). */
export function unreadSentence(unread: { ossec2: number; flattened: number }): string {
  const parts = [
    unread.ossec2 > 0 ? `${count(unread.ossec2, 'alert')} in OSSEC 2.x's alerts.json form (rule.sidid)` : undefined,
    unread.flattened > 0 ? `${count(unread.flattened, 'alert')} in a flattened export (a top-level rule_id or "rule.id")` : undefined,
  ].filter((p): p is string => p !== undefined);
  return `${parts.join(' and ')}, which arctl does not read: no rule.id, so nothing fires on either side; ${READ_WAZUH_ALERTS}`;
}
