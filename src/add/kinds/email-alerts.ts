/** `arctl add email-alerts`: an `<email_alerts>` block (granular e-mail, read by maild). */
import type { ConfigDocument } from '../../document/document.ts';
import type { TextEdit } from '../../document/edit.ts';
import type { ConfigView } from '../../document/views.ts';
import { blockSignature, serializeBlock, type XmlBlock } from '../blocks.ts';
import { after, lastChildOf, ossecRoots } from '../placement.ts';
import { EMAIL_FORMATS, asValidator, checkAddressList, checkEmailFormat, checkEventLocation, checkGroupPattern, checkLevel, checkRuleIds } from '../values.ts';
import type { AddKind, Built, EditStep, PlanContext, Prompter } from './kind.ts';
import { elementSignature, inOssecConfig, lineOf, need, optional, optionalValidator, orUndefined, refuseOnAgent, MANAGER_READS } from './support.ts';

export interface EmailAlertsSpec {
  kind: 'email-alerts';
  to: string[];
  level?: string;
  ruleId?: string;
  group?: string;
  eventLocation?: string;
  format?: string;
  doNotDelay?: boolean;
  doNotGroup?: boolean;
}

/** What the flags or prompts give for email-alerts: the spec before it is checked. */
export type RawEmailAlerts = Omit<EmailAlertsSpec, 'kind'>;

export function emailAlertsBlock(spec: EmailAlertsSpec): XmlBlock {
  const children: XmlBlock['children'] = spec.to.map((to) => ({ name: 'email_to', text: to }));
  if (spec.level !== undefined) children.push({ name: 'level', text: spec.level });
  if (spec.ruleId !== undefined) children.push({ name: 'rule_id', text: spec.ruleId });
  if (spec.group !== undefined) children.push({ name: 'group', text: spec.group });
  if (spec.eventLocation !== undefined) children.push({ name: 'event_location', text: spec.eventLocation });
  if (spec.format !== undefined) children.push({ name: 'format', text: spec.format });
  // do_not_group makes do_not_delay pointless (Wazuh ignores the latter then), so write only one.
  if (spec.doNotGroup) children.push({ name: 'do_not_group' });
  else if (spec.doNotDelay) children.push({ name: 'do_not_delay' });
  return { name: 'email_alerts', children };
}

export function buildEmailAlerts(raw: RawEmailAlerts): Built<EmailAlertsSpec> {
  const to = raw.to.flatMap((t) => need('--to', checkAddressList(t)));
  const level = optional('--level', raw.level, checkLevel);
  const ruleId = optional('--rule-id', raw.ruleId, checkRuleIds);
  const group = optional('--group', raw.group, (t) => checkGroupPattern('group', t));
  const eventLocation = optional('--event-location', raw.eventLocation, checkEventLocation);
  const format = optional('--format', raw.format, checkEmailFormat);
  const missing: string[] = [];
  if (to.length === 0) missing.push('--to');
  // Without a criterion Wazuh refuses the block (1264); the delivery flags alone would mail every alert.
  if ([level, ruleId, group, eventLocation].every((v) => v === undefined)) missing.push('one of --level, --rule-id, --group, --event-location');
  if (missing.length > 0) return { missing };
  return {
    spec: {
      kind: 'email-alerts',
      to,
      ...(level !== undefined ? { level } : {}),
      ...(ruleId !== undefined ? { ruleId } : {}),
      ...(group !== undefined ? { group } : {}),
      ...(eventLocation !== undefined ? { eventLocation } : {}),
      ...(format !== undefined ? { format } : {}),
      ...(raw.doNotDelay ? { doNotDelay: true } : {}),
      ...(raw.doNotGroup ? { doNotGroup: true } : {}),
    },
  };
}

export async function askEmailAlerts(p: Prompter, raw: RawEmailAlerts): Promise<RawEmailAlerts> {
  const out = { ...raw, to: [...raw.to] };
  if (out.to.length === 0) {
    // The flag's parser: `a, b` is two recipients, `SOC <soc@example.com>` one.
    out.to = [await p.input({ message: 'Send to (one or more addresses)', validate: asValidator(checkAddressList) })];
  }
  if ([out.level, out.ruleId, out.group, out.eventLocation].every((v) => v === undefined)) {
    for (let again = false; ; again = true) {
      const why = again ? 'Wazuh refuses <email_alerts> without level, rule ids or group (error 1264).\n' : '';
      out.level = orUndefined(await p.input({ message: `${why}Minimum alert level 1-16 (empty to skip)`, validate: optionalValidator(checkLevel) }));
      out.ruleId = orUndefined(await p.input({ message: 'Rule ids (comma-separated, empty to skip)', validate: optionalValidator(checkRuleIds) }));
      out.group = orUndefined(await p.input({ message: 'Rule group pattern (empty to skip)', validate: optionalValidator((t) => checkGroupPattern('group', t)) }));
      if ([out.level, out.ruleId, out.group].some((v) => v !== undefined)) break;
    }
  }
  return out;
}

function planEmailAlerts(spec: EmailAlertsSpec, { path, doc, config, unit }: PlanContext): EditStep {
  refuseOnAgent(path, config, ...MANAGER_READS['email-alerts']);
  const block = emailAlertsBlock(spec);
  const signature = blockSignature(block);
  const same = config.emailAlerts.find((e) => inOssecConfig(e.element) && elementSignature(e.element) === signature);
  if (same) {
    return { unchanged: `${path}: an identical <email_alerts> is already at line ${lineOf(doc, same.element)}; nothing written` };
  }
  return { edit: placeEmailAlerts(doc, config, serializeBlock(block, unit)), summary: [`added <email_alerts> for ${spec.to.join(', ')}`] };
}

/** A new `<email_alerts>`: after the last one, else after `<alerts>` or `<global>`. */
export function placeEmailAlerts(doc: ConfigDocument, config: ConfigView, lines: string[]): TextEdit {
  const anchor =
    config.emailAlerts.map((e) => e.element).filter(inOssecConfig).at(-1) ??
    config.alerts.map((a) => a.element).find(inOssecConfig) ??
    config.globals.map((g) => g.element).find(inOssecConfig);
  if (anchor) return after(doc, anchor, lines);
  return lastChildOf(doc, ossecRoots(doc)[0], lines);
}

const text = (value: unknown) => value as string | undefined;

export const emailAlertsKind: AddKind<'email-alerts', RawEmailAlerts, EmailAlertsSpec> = {
  name: 'email-alerts',
  element: 'email_alerts',
  description: 'add an <email_alerts> block (granular e-mail)',
  flags: [
    { flags: '--to <address>', description: 'recipient (repeatable)', repeatable: true },
    { flags: '--level <n>', description: 'alerts of this level or higher (1-16)' },
    { flags: '--rule-id <ids>', description: 'these rule ids (comma-separated)' },
    { flags: '--group <pattern>', description: 'rules whose groups match' },
    { flags: '--event-location <pattern>', description: 'alerts from matching agents/locations' },
    { flags: '--format <format>', description: 'full, sms or default' },
    { flags: '--do-not-delay', description: 'send at once' },
    { flags: '--do-not-group', description: 'one e-mail per alert' },
  ],
  examples: {
    own: ['arctl add email-alerts --to soc@example.com --level 12', 'arctl add email-alerts --to web-team@example.com --rule-id 31151,31152 --do-not-delay'],
    overview: ['arctl add email-alerts --to soc@example.com --level 12'],
  },
  completion: { '--format': { words: () => EMAIL_FORMATS } },
  raw: (o) => ({
    to: o.to as string[],
    level: text(o.level),
    ruleId: text(o.ruleId),
    group: text(o.group),
    eventLocation: text(o.eventLocation),
    format: text(o.format),
    doNotDelay: o.doNotDelay as boolean | undefined,
    doNotGroup: o.doNotGroup as boolean | undefined,
  }),
  ask: (p, raw) => askEmailAlerts(p, raw),
  build: (raw) => buildEmailAlerts(raw),
  plan: planEmailAlerts,
};
