/**
 * What wazuh-execd reads of ossec.conf (src/os_execd/config.c ExecdConfig). It does not validate the
 * blocks ("We do not validate the xml in here"): it takes the first `ossec_config/active-response/disabled`
 * of the file (OS_GetOneContentforElement) for the whole host. `yes` logs `(1350): Active response
 * disabled.` and execd never opens its queue (src/os_execd/main.c), so nothing runs on that host.
 */
import type { ActiveResponseView, ConfigView, OptionValue } from '../document/views.ts';

/** Every `<disabled>` under an `<active-response>` of an `<ossec_config>` root, in document order. */
export function execdDisabledOptions(config: ConfigView): Array<{ option: OptionValue; response: ActiveResponseView }> {
  const out: Array<{ option: OptionValue; response: ActiveResponseView }> = [];
  for (const response of config.activeResponses) {
    if (response.root.name !== 'ossec_config') continue;
    for (const option of response.options.all('disabled')) out.push({ option, response });
  }
  return out;
}

/** The `<disabled>yes</disabled>` that turns this host's execd off, or undefined when execd runs. */
export function execdTurnedOffBy(config: ConfigView): OptionValue | undefined {
  const first = execdDisabledOptions(config)[0]?.option;
  return first?.text === 'yes' ? first : undefined;
}
