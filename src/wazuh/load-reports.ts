/**
 * What wazuh-monitord refuses in `<reports>` (Read_CReports, src/config/reports-config.c:39-183 at v4.14.7; the same
 * refusal from v3.0.0): an option it does not know ((1230), XML_INVELEM, :159-162). Its other complaints are logged
 * and read past: a `<type>` other than email (:106-113), a filter it cannot take (:122-125, :153-156), a report
 * without `<email_to>` (:169-175). ReadConfig fails at the refusal and monitord exits (MonitordConfig,
 * src/monitord/monitord.c:194-197; merror_exit, src/monitord/main.c:152-153), before its -t returns: wazuh-control
 * start stops at `wazuh-monitord -t` (testconfig, src/init/wazuh-server.sh:236-256; ossec-monitord is in DAEMONS from
 * v3.0.0). Only monitord reads the section (CREPORTS), on managers.
 */
import type { XmlElement } from '../document/types.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, type StartupLog } from './load-log.ts';

const REPORT_OPTIONS = new Set(['title', 'type', 'category', 'group', 'rule', 'level', 'location', 'showlogs', 'srcip', 'user', 'frequency', 'email_to']);

/** Read_CReports on one `<reports>` with children: every option it does not know. */
export function readReports(section: XmlElement, log: StartupLog): void {
  for (const child of childrenOf(section)) {
    if (!child.isVariable && !REPORT_OPTIONS.has(child.name)) log.fail(1230, invalidElement(child.name), child);
  }
}
