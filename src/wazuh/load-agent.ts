/**
 * What an agent's wazuh-agentd refuses in the sections it alone reads, `<client_buffer>` and `<labels>`:
 * at start-up in the agent's own ossec.conf (ClientConf: ReadConfig(CLABELS | CBUFFER), src/client-agent/
 * config.c:67-69, OS_INVALID: agentd stops), and in a group's shared agent.conf, which the agent checks before
 * it reloads (verifyRemoteConf: Test_ClientBuffer, Test_Labels, src/client-agent/reload_agent.c:66-100;
 * the manager's verify-agent-conf runs the same tests). On a manager no daemon reads `<client_buffer>`, and
 * analysisd's reading of `<labels>` is src/wazuh/load.ts's.
 *
 * Also the yes/no switches of `<syscheck>`, read by wazuh-syscheckd (of agents and managers) with strcmp: a refusal
 * there in a node's own file does not stop it, it warns and runs with file integrity monitoring disabled (src/syscheckd/src/main.c:
 * 134-136); in a shared agent.conf it is Test_Syscheck's refusal, the first of verifyRemoteConf.
 *
 * Sources (v4.14.7): src/config/buffer-config.c Read_ClientBuffer, src/config/labels-config.c Read_Labels,
 * src/config/config.c:156-159 (`<client_buffer>` read with or without children; without, nothing) and
 * :243-246 (`<labels>` read only with children).
 */
import type { XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { atoi, isStrNum } from './c-number.ts';
import { childrenOf, readLabels } from './load-global.ts';
import { invalidElement, invalidValue, StartupLog, type LoadMessage } from './load-log.ts';

/** Read_ClientBuffer's numeric options and the range each must fall in (buffer-config.c:52-86). */
const BUFFER_NUMBERS: Readonly<Record<string, readonly [number, number]>> = {
  queue_size: [1, 100000],
  length: [1, 100000],
  events_per_second: [1, 1000],
};

/** `<disabled>` and its old spelling `<disable>`, compared with strcmp (buffer-config.c:43-51). */
const BUFFER_SWITCHES = new Set(['disabled', 'disable']);

/** Read_ClientBuffer: each refusal in a `<client_buffer>` (the first one is where agentd stops). */
export function readClientBuffer(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (BUFFER_SWITCHES.has(child.name)) {
      if (value !== 'yes' && value !== 'no') log.fail(1235, invalidValue(child.name, value), child);
    } else if (child.name in BUFFER_NUMBERS) {
      const [min, max] = BUFFER_NUMBERS[child.name]!;
      const n = atoi(value);
      if (!isStrNum(value) || n < min || n > max) log.fail(1235, invalidValue(child.name, value), child);
    } else {
      log.fail(1230, invalidElement(child.name), child);
    }
  }
}

/**
 * The `<syscheck>` options Read_Syscheck compares with strcmp against yes and no, returning OS_INVALID on any
 * other word (src/config/syscheck-config.c:1870-1938, 2070-2079, 2203-2216). allow_remote_prefilter_cmd is
 * skipped, with a warning, in a shared agent.conf (:2204-2209), and so is the element after it: that branch does
 * `i++; continue;` inside a `for (...; i++)` loop.
 */
const SYSCHECK_SWITCHES = new Set(['disabled', 'scan_on_start', 'skip_nfs', 'skip_dev', 'skip_sys', 'skip_proc', 'restart_audit', 'allow_remote_prefilter_cmd']);

/** Read_Syscheck's yes/no switches: each value it refuses. */
export function readSyscheckSwitches(section: XmlElement, log: StartupLog, shared: boolean): void {
  const children = childrenOf(section);
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (shared && child.name === 'allow_remote_prefilter_cmd') {
      i++;
      continue;
    }
    if (SYSCHECK_SWITCHES.has(child.name) && child.content !== 'yes' && child.content !== 'no') log.fail(1235, invalidValue(child.name, child.content), child);
  }
}

/**
 * Every refusal wazuh-agentd meets in the `<client_buffer>` and `<labels>` sections, and wazuh-syscheckd in `<syscheck>`, of the file's roots
 * (`root`: `ossec_config` for the agent's own file, `agent_config` for a shared agent.conf), in file order.
 */
export function agentdRefusals(config: ConfigView, root: 'ossec_config' | 'agent_config'): LoadMessage[] {
  const fileName = root === 'agent_config' ? 'agent.conf' : 'ossec.conf';
  const log = new StartupLog('wazuh-agentd', fileName);
  const syscheckd = new StartupLog('wazuh-syscheckd', fileName);
  for (const fileRoot of config.roots) {
    if (fileRoot.name !== root) continue;
    for (const section of childrenOf(fileRoot)) {
      if (section.name === 'client_buffer') readClientBuffer(section, log);
      else if (section.name === 'labels') readLabels(section, log);
      else if (section.name === 'syscheck') readSyscheckSwitches(section, syscheckd, root === 'agent_config');
    }
  }
  return [...log.problems, ...syscheckd.problems];
}
