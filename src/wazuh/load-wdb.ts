/**
 * What wazuh-db refuses in a manager's `<wdb>` (Read_WazuhDB, src/config/wazuh_db-config.c:28-117 at v4.14.7, the same
 * file from v4.4.0, when the section came). read_main_elements calls it only for a `<wdb>` with children
 * (src/config/config.c:275-282; agents' builds warn "only set in the manager"), and it reads only the first child: a
 * `<backup>` whose first attribute is database="global", with children: <enabled> (yes or no), <interval> (w_parse_time
 * above 0), <max_files> (digits, above 0); anything else is refused. wazuh-db exits on a refusal ("Invalid
 * configuration block for Wazuh-DB.", src/wazuh_db/main.c:118-119), -t included, and `wazuh-control start` with it.
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import { invalidElement, invalidValue, type StartupLog } from './load-log.ts';
import { parseWazuhTime } from './time-units.ts';

/** Read_WazuhDB: each refusal of one `<wdb>` with children (its first child only), one fix at a time. */
export function readWazuhDb(section: XmlElement, log: StartupLog): void {
  const backup = childrenOf(section)[0];
  if (!backup) return;
  if (backup.name !== 'backup') return void log.fail(1230, invalidElement(backup.name), backup);
  const first = backup.attributes[0];
  if (!first || first.name !== 'database') log.fail(null, `(1233): Invalid attribute '${first?.name ?? ''}' in the configuration: 'backup'.`, backup);
  else if (first.value !== 'global') log.fail(1235, invalidValue(first.name, first.value), backup);
  const options = childrenOf(backup);
  // Read_WazuhDB_Backup (:59-66): a <backup> without children is XML_ELEMNULL's refusal.
  if (options.length === 0) return void log.fail(null, '(1231): Invalid NULL element in the configuration.', backup);
  for (const option of options) {
    const value = option.content;
    if (option.name === 'enabled') {
      if (value !== 'yes' && value !== 'no') log.fail(1235, invalidValue(option.name, value), option);
    } else if (option.name === 'interval') {
      if (parseWazuhTime(value) <= 0) log.fail(1235, invalidValue(option.name, value), option);
    } else if (option.name === 'max_files') {
      if (!isStrNum(value) || atoi(value) <= 0) log.fail(1235, invalidValue(option.name, value), option);
    } else {
      log.fail(1230, invalidElement(option.name), option);
    }
  }
}
