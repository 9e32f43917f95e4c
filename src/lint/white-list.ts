/** White-list facts the white_list lint rules share: entries of every `<global>`, address formatting, CIDR ranges. */
import type { ConfigView, OptionValue } from '../document/views.ts';
import { formatIpv4 } from '../wazuh/ip.ts';
import { classifyWhiteListEntry, type WhiteListEntry } from '../wazuh/whitelist.ts';

export interface WhiteListItem {
  option: OptionValue;
  entry: WhiteListEntry;
}

/** Every `<white_list>` of every `<global>`, in file order, classified as Read_Global does. */
export function whiteListItems(config: ConfigView): WhiteListItem[] {
  return config.globals.flatMap((g) => g.whiteList).map((option) => ({ option, entry: classifyWhiteListEntry(option.text) }));
}

/** The fewest CIDR blocks covering exactly [first, last] (inclusive, unsigned 32-bit addresses). */
export function rangeToCidrs(first: number, last: number): string[] {
  const out: string[] = [];
  let start = first;
  while (start <= last) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (33 - size);
      if (start % block !== 0 || start + block - 1 > last) break;
      size--;
    }
    out.push(size === 32 ? formatIpv4(start) : `${formatIpv4(start)}/${size}`);
    start += 2 ** (32 - size);
  }
  return out;
}
