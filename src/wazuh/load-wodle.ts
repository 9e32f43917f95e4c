/**
 * What wazuh-modulesd refuses in `<wodle name="syscollector">` (wm_syscollector_read, src/config/wmodules-syscollector.c:
 * 47-258, v4.14.7), the most common wodle of a shared agent.conf. In a node's own ossec.conf modulesd stops: wm_config
 * returns -1 and main exits (src/wazuh_modules/wmodules.c:77-79, main.c:145-147). In a shared agent.conf it is
 * Test_WModule's refusal (src/config/wmodules-config.c:669-686), verifyRemoteConf's sixth test: agents refuse the file.
 * The other modules' readers are not modelled.
 */
import type { XmlElement } from '../document/types.ts';
import { strtoul } from './c-number.ts';
import { childrenOf } from './load-global.ts';
import type { StartupLog } from './load-log.ts';

/** The yes/no options, compared with strcmp (:128-242); hotfixes is read on Windows only, elsewhere warned about (:170-180). */
export const SYSCOLLECTOR_SWITCHES: ReadonlySet<string> = new Set([
  'scan_on_start', 'disabled', 'network', 'os', 'hardware', 'packages', 'processes', 'ports', 'groups', 'users', 'services', 'browser_extensions',
]);

/** wm_syscollector_read: each refusal of one `<wodle name="syscollector">`, one fix at a time. */
export function readSyscollector(wodle: XmlElement, log: StartupLog): void {
  const invalidInterval = "Invalid interval at module 'syscollector'";
  for (const child of childrenOf(wodle)) {
    const value = child.content;
    if (child.name === 'interval') {
      // :97-127: strtoul base 0 into an unsigned int, not 0 nor UINT_MAX, then a unit d/h/m/s or nothing.
      const { value: interval, end } = strtoul(value, 32);
      if (interval === 0 || interval === 0xffffffff || !['d', 'h', 'm', 's', ''].includes(value.charAt(end))) log.fail(null, invalidInterval, child);
    } else if (child.name === 'hotfixes' || child.name === 'synchronization') {
      continue;
    } else if (SYSCOLLECTOR_SWITCHES.has(child.name)) {
      // :188-203: <ports> takes one attribute, all, yes or no (checked before the value).
      const first = child.attributes[0];
      if (child.name === 'ports' && first) {
        if (first.name !== 'all') log.fail(null, "Invalid attribute for tag 'ports' at module 'syscollector'.", child);
        else if (first.value !== 'yes' && first.value !== 'no') log.fail(null, "Invalid content for attribute 'all' at module 'syscollector'.", child);
      }
      if (value !== 'yes' && value !== 'no') log.fail(null, `Invalid content for tag '${child.name}' at module 'syscollector'.`, child);
    } else {
      log.fail(null, `No such tag '${child.name}' at module 'syscollector'.`, child);
    }
  }
}
