/**
 * Typed views of the active-response related blocks of a parsed ossec.conf. Each option keeps the
 * element it came from (for positions and edits). Where Wazuh's readers let the last repeated child
 * win, `value` is the last one and `all` lists every occurrence.
 */
import type { ConfigDocument } from './document.ts';
import { wazuhChildren } from './os-xml.ts';
import type { XmlElement } from './types.ts';

/** One option element, e.g. `<location>local</location>`. `text` is its content as Wazuh reads it. */
export interface OptionValue {
  text: string;
  element: XmlElement;
}

/** Options of a block keyed by child name: the last occurrence and every occurrence, in order. */
export class Options {
  private readonly byName = new Map<string, OptionValue[]>();
  constructor(readonly element: XmlElement) {
    for (const child of wazuhChildren(element)) {
      const list = this.byName.get(child.name) ?? [];
      list.push({ text: child.content, element: child });
      this.byName.set(child.name, list);
    }
  }
  /** The value Wazuh uses (the last occurrence), or undefined when absent. */
  get(name: string): OptionValue | undefined {
    const list = this.byName.get(name);
    return list ? list[list.length - 1] : undefined;
  }
  all(name: string): OptionValue[] {
    return this.byName.get(name) ?? [];
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  names(): string[] {
    return [...this.byName.keys()];
  }
}

export interface CommandView {
  /** 0-based index among all `<command>` blocks of the file, in document order. */
  index: number;
  element: XmlElement;
  root: XmlElement;
  options: Options;
  name?: OptionValue;
  executable?: OptionValue;
  expect?: OptionValue;
  timeoutAllowed?: OptionValue;
  extraArgs?: OptionValue;
}

export interface ActiveResponseView {
  /** 0-based index among all `<active-response>` blocks (every root, disabled ones included). */
  index: number;
  element: XmlElement;
  root: XmlElement;
  options: Options;
  command?: OptionValue;
  location?: OptionValue;
  agentId?: OptionValue;
  rulesId?: OptionValue;
  rulesGroup?: OptionValue;
  level?: OptionValue;
  timeout?: OptionValue;
  disabled?: OptionValue;
  repeatedOffenders?: OptionValue;
  caStore?: OptionValue;
}

export interface GlobalView {
  index: number;
  element: XmlElement;
  root: XmlElement;
  options: Options;
  whiteList: OptionValue[];
  emailTo: OptionValue[];
  emailNotification?: OptionValue;
  emailFrom?: OptionValue;
  smtpServer?: OptionValue;
  emailMaxPerHour?: OptionValue;
  emailLogSource?: OptionValue;
  jsonoutOutput?: OptionValue;
  alertsLog?: OptionValue;
}

export interface EmailAlertsView {
  index: number;
  element: XmlElement;
  root: XmlElement;
  options: Options;
  emailTo: OptionValue[];
  level?: OptionValue;
  ruleId?: OptionValue;
  group?: OptionValue;
  eventLocation?: OptionValue;
  format?: OptionValue;
  doNotDelay?: OptionValue;
  doNotGroup?: OptionValue;
}

export interface AlertsView {
  index: number;
  element: XmlElement;
  root: XmlElement;
  options: Options;
  emailAlertLevel?: OptionValue;
  logAlertLevel?: OptionValue;
}

/** Which kind of file this is, from its root elements. */
export type ConfigKind = 'ossec_config' | 'agent_config' | 'unknown';

export interface ConfigView {
  kind: ConfigKind;
  /** `<ossec_config>` (or `<agent_config>`) roots, in order. */
  roots: XmlElement[];
  commands: CommandView[];
  activeResponses: ActiveResponseView[];
  globals: GlobalView[];
  emailAlerts: EmailAlertsView[];
  alerts: AlertsView[];
  /** Blocks in the single-pass order Wazuh reads them (commands and responses interleaved). */
  blocks: Array<{ type: 'command'; view: CommandView } | { type: 'active-response'; view: ActiveResponseView }>;
}

export const CONFIG_ROOTS = ['ossec_config', 'agent_config'] as const;

/** Builds the typed views. Blocks nested under `<agent_config>` roots are included too. */
export function buildConfigView(doc: ConfigDocument): ConfigView {
  const view: ConfigView = {
    kind: 'unknown',
    roots: [],
    commands: [],
    activeResponses: [],
    globals: [],
    emailAlerts: [],
    alerts: [],
    blocks: [],
  };
  const rootNames = new Set(doc.roots.map((r) => r.name));
  view.kind = rootNames.has('ossec_config') ? 'ossec_config' : rootNames.has('agent_config') ? 'agent_config' : 'unknown';
  for (const root of doc.roots) {
    if (!(CONFIG_ROOTS as readonly string[]).includes(root.name)) continue;
    view.roots.push(root);
    for (const el of wazuhChildren(root)) {
      const options = new Options(el);
      switch (el.name) {
        case 'command': {
          const cmd: CommandView = {
            index: view.commands.length,
            element: el,
            root,
            options,
            name: options.get('name'),
            executable: options.get('executable'),
            expect: options.get('expect'),
            timeoutAllowed: options.get('timeout_allowed'),
            extraArgs: options.get('extra_args'),
          };
          view.commands.push(cmd);
          view.blocks.push({ type: 'command', view: cmd });
          break;
        }
        case 'active-response': {
          const ar: ActiveResponseView = {
            index: view.activeResponses.length,
            element: el,
            root,
            options,
            command: options.get('command'),
            location: options.get('location'),
            agentId: options.get('agent_id'),
            rulesId: options.get('rules_id'),
            rulesGroup: options.get('rules_group'),
            level: options.get('level'),
            timeout: options.get('timeout'),
            disabled: options.get('disabled'),
            repeatedOffenders: options.get('repeated_offenders'),
            caStore: options.get('ca_store'),
          };
          view.activeResponses.push(ar);
          view.blocks.push({ type: 'active-response', view: ar });
          break;
        }
        case 'global':
          view.globals.push({
            index: view.globals.length,
            element: el,
            root,
            options,
            whiteList: options.all('white_list'),
            emailTo: options.all('email_to'),
            emailNotification: options.get('email_notification'),
            emailFrom: options.get('email_from'),
            smtpServer: options.get('smtp_server'),
            emailMaxPerHour: options.get('email_maxperhour'),
            emailLogSource: options.get('email_log_source'),
            jsonoutOutput: options.get('jsonout_output'),
            alertsLog: options.get('alerts_log'),
          });
          break;
        case 'email_alerts':
          view.emailAlerts.push({
            index: view.emailAlerts.length,
            element: el,
            root,
            options,
            emailTo: options.all('email_to'),
            level: options.get('level'),
            ruleId: options.get('rule_id'),
            group: options.get('group'),
            eventLocation: options.get('event_location'),
            format: options.get('format'),
            doNotDelay: options.get('do_not_delay'),
            doNotGroup: options.get('do_not_group'),
          });
          break;
        case 'alerts':
          view.alerts.push({
            index: view.alerts.length,
            element: el,
            root,
            options,
            emailAlertLevel: options.get('email_alert_level'),
            logAlertLevel: options.get('log_alert_level'),
          });
          break;
        default:
          break;
      }
    }
  }
  return view;
}
