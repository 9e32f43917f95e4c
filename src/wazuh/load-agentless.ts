/**
 * What wazuh-agentlessd refuses in a manager's `<agentless>` (Read_CAgentless, src/config/agentlessd-config.c:15-172 at
 * v4.14.7, the same refusals from v3.9.0), of what does not depend on the scripts installed: a `<frequency>` or
 * `<port>` not all digits ((1235), OS_StrIsNum passes the empty string), a `<state>` other than periodic,
 * stay_connected or periodic_diff ((1235)), a `<type>` that reaches out of the agentless folder (w_ref_parent_folder
 * on "agentless/TYPE": a "/.." followed by "/" or the end, src/shared/file_op.c:2251-2290), an option it does not know
 * ((1230)); once the block is read, one without `<host>`, `<state>` or `<type>` ((7103)), or whose only state is
 * periodic with a `<frequency>` of 0 ((7102)). Not modelled: whether the `<type>` script exists in the installation's
 * agentless folder (File_DateofChange, :117-122), which only the manager knows. read_main_elements reads the section
 * only with children (src/config/config.c:102-106). ReadConfig fails at the first refusal and agentlessd exits
 * (merror_exit(XML_INV_AGENTLESS), src/agentlessd/main.c:121-122), -t included: `wazuh-control start` stops at its
 * test (testconfig, src/init/wazuh-server.sh:236-256), though agentlessd is an optional daemon when it starts. Before
 * 3.9 ossec-control listed it only once enabled (${AGENTLESS_DAEMON}, src/init/ossec-server.sh at v3.8.2), as
 * csyslogd (src/wazuh/load-csyslog.ts csyslogdTested: the same release).
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue, type StartupLog } from './load-log.ts';

const STATES = new Set(['periodic', 'stay_connected', 'periodic_diff']);
const KNOWN = new Set(['host', 'port', 'type', 'frequency', 'state', 'run_command', 'arguments']);

/** w_ref_parent_folder (POSIX) on the script path Read_CAgentless builds: "agentless/" and the type. */
function refParentFolder(type: string): boolean {
  return /\/\.\.(\/|$)/.test(`agentless/${type}`);
}

/** Read_CAgentless on one `<agentless>` with children: every refusal, in the order they are met one fix at a time. */
export function readAgentless(section: XmlElement, log: StartupLog): void {
  let host = false;
  let type = false;
  let frequency = 86400;
  const states = new Set<string>();
  let refused = false;
  const fail = (code: number | null, text: string, el: XmlElement): void => {
    refused = true;
    log.fail(code, text, el);
  };
  for (const child of childrenOf(section)) {
    const value = child.content;
    if (!KNOWN.has(child.name)) fail(1230, invalidElement(child.name), child);
    else if (child.name === 'frequency' || child.name === 'port') {
      if (!isStrNum(value)) fail(1235, invalidValue(child.name, value), child);
      else if (child.name === 'frequency') frequency = atoi(value);
    } else if (child.name === 'state') {
      if (!STATES.has(value)) fail(1235, invalidValue(child.name, value), child);
      else states.add(value);
    } else if (child.name === 'type') {
      if (refParentFolder(value)) fail(null, `Invalid Agentless type '${value}': it contains references to parent folder.`, child);
      else type = true;
    } else if (child.name === 'host') host = true;
  }
  if (refused) return;
  // :156-170, after the options.
  if (!host || states.size === 0 || !type) log.fail(7103, '(7103): Missing agentless options.', section);
  else if (states.size === 1 && states.has('periodic') && frequency === 0) log.fail(7102, '(7102): Frequency not set for the periodic option.', section);
}
