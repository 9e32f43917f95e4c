/**
 * What wazuh-csyslogd refuses in `<syslog_output>` (Read_CSyslog, src/config/csyslogd-config.c:15-207, the same
 * reader from v3.0.0 to v4.14.7): an option it does not know ((1230), XML_INVELEM, :172-174), a `<level>` or `<port>`
 * not all digits ((1235), XML_VALUEERR, :62-75; OS_StrIsNum passes the empty string), a `<format>` other than
 * default, cef, json or splunk (:131-146), a `<use_fqdn>` other than yes or no (strcmp, :155-163), a `<location>` or
 * `<group>` OSMatch cannot compile (longer than OS_PATTERN_MAXSIZE: (1450), REGEX_COMPILE, error 3, :147-172), and,
 * once the block is read, a block without `<server>` ((5301), XML_INV_CSYSLOG, :179-183). `<rule_id>` is read as far
 * as it goes, never refused. ReadConfig fails at the first, and OS_ReadSyslogConf exits (merror_exit,
 * src/os_csyslogd/config.c:29-31), with -t too (src/os_csyslogd/main.c:117): wazuh-control start stops at
 * `wazuh-csyslogd -t` (testconfig, src/init/wazuh-server.sh:236-256), though csyslogd is an optional daemon when it
 * starts. Only csyslogd reads the section (CSYSLOGD), on managers.
 *
 * Before 3.9 ossec-control tested and started csyslogd only once `ossec-control enable client-syslog` had added it to
 * the daemons (${CSYSLOG_DAEMON}, src/init/ossec-server.sh at v3.8.2; always from v3.9.0): not modelled there.
 */
import type { XmlElement } from '../document/types.ts';
import { isStrNum } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue, type StartupLog } from './load-log.ts';
import { compileOsMatch } from './os-match.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';

/** Whether wazuh-control start tests csyslogd at the target whatever the file says (3.9 and later). */
export function csyslogdTested(target: TargetVersion): boolean {
  return versionAtLeast(target, 3, 9);
}

const FORMATS = new Set(['default', 'cef', 'json', 'splunk']);

/** Read_CSyslog on one `<syslog_output>` with children: every refusal, in the order they are met one fix at a time. */
export function readSyslogOutput(section: XmlElement, log: StartupLog): void {
  let server = false;
  for (const child of childrenOf(section)) {
    if (child.isVariable) continue;
    const value = child.content;
    switch (child.name) {
      case 'level':
      case 'port':
        if (!isStrNum(value)) log.fail(1235, invalidValue(child.name, value), child);
        break;
      case 'server':
        server = true;
        break;
      case 'rule_id':
        break;
      case 'format':
        if (!FORMATS.has(value)) log.fail(1235, invalidValue(child.name, value), child);
        break;
      case 'use_fqdn':
        if (value !== 'yes' && value !== 'no') log.fail(1235, invalidValue(child.name, value), child);
        break;
      case 'location':
      case 'group':
        if (compileOsMatch(value) === null) log.fail(1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
        break;
      default:
        log.fail(1230, invalidElement(child.name), child);
    }
  }
  if (!server) log.fail(5301, '(5301): Invalid client-syslog configuration.', section);
}
