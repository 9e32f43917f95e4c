/**
 * The question `arctl set` asks in a terminal when no change was given: which option, then its new
 * value, checked as it is typed with the same checks as the flags (an empty answer removes the option).
 */
import { setActiveResponseChanges, setEmailAlertsChanges, setGlobalChanges } from '../add/edit-specs.ts';
import type { OptionChange } from '../add/option-edits.ts';
import { ArctlError } from '../util/errors.ts';
import type { Prompter } from '../add/kinds/kind.ts';

interface Settable {
  option: string;
  /** The raw field the flag fills. */
  field: string;
  /** Whether an empty answer may remove it. */
  removable: boolean;
  /** A repeatable option: the answer is one more value (the flag takes a list), not the new value. */
  adds?: boolean;
}

const SETTABLE: Record<'active-response' | 'email-alerts' | 'global', Settable[]> = {
  'active-response': [
    { option: 'timeout', field: 'timeout', removable: true },
    { option: 'location', field: 'location', removable: false },
    { option: 'agent_id', field: 'agentId', removable: true },
    { option: 'level', field: 'level', removable: true },
    { option: 'rules_id', field: 'rulesId', removable: true },
    { option: 'rules_group', field: 'rulesGroup', removable: true },
  ],
  'email-alerts': [
    { option: 'level', field: 'level', removable: true },
    { option: 'rule_id', field: 'ruleId', removable: true },
    { option: 'group', field: 'group', removable: true },
    { option: 'event_location', field: 'eventLocation', removable: true },
    { option: 'format', field: 'format', removable: true },
  ],
  global: [
    { option: 'email_notification', field: 'emailNotification', removable: false },
    { option: 'smtp_server', field: 'smtpServer', removable: false },
    { option: 'email_from', field: 'emailFrom', removable: false },
    { option: 'email_to', field: 'addEmailTo', removable: false, adds: true },
    { option: 'email_maxperhour', field: 'emailMaxperhour', removable: false },
  ],
};

function changesFor(kind: keyof typeof SETTABLE, field: string, value: string | false, adds = false): OptionChange[] {
  const raw = { [field]: adds ? [value] : value };
  if (kind === 'active-response') return setActiveResponseChanges(raw);
  if (kind === 'email-alerts') return setEmailAlertsChanges(raw);
  return setGlobalChanges(raw as Record<string, string>);
}

export async function askSetChange(p: Prompter, kind: keyof typeof SETTABLE): Promise<OptionChange[]> {
  const options = SETTABLE[kind];
  const field = await p.select({ message: 'Which option?', choices: options.map((o) => ({ name: `<${o.option}>${o.adds ? ' (one more)' : ''}`, value: o.field })) });
  const chosen = options.find((o) => o.field === field)!;
  const toChanges = (answer: string) => changesFor(kind, field, answer.trim() === '' && chosen.removable ? false : answer.trim(), chosen.adds);
  const answer = await p.input({
    message: chosen.adds ? `One more <${chosen.option}>:` : `New value of <${chosen.option}>${chosen.removable ? ' (empty: remove it)' : ''}:`,
    validate: (value) => {
      try {
        toChanges(value);
        return true;
      } catch (error) {
        if (error instanceof ArctlError) return error.message;
        throw error;
      }
    },
  });
  return toChanges(answer);
}
