import { defineRule } from '../types.ts';
import { lineOf, removeElement, valueRange } from '../active-response.ts';
import { whiteListItems, type WhiteListItem } from '../white-list.ts';

export default defineRule({
  id: 'whitelist-duplicate',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'A <white_list> entry repeats another one or lies inside another entry\'s netblock.',
  docs: {
    what: 'A `<white_list>` value identical to an earlier one, or an IPv4 address / netblock contained in another entry\'s netblock.',
    why: 'Every entry is checked in turn (OS_IPFoundList, src/analysisd/alerts/exec.c get_ip); a redundant one changes nothing but hides which range was meant and grows with every copy-paste.',
    bad: `<ossec_config>
  <global>
    <white_list>10.0.0.0/8</white_list>
    <white_list>10.1.2.3</white_list>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <white_list>10.0.0.0/8</white_list>
  </global>
</ossec_config>`,
    fix: 'Removes an exact duplicate; removing an entry a wider one covers is a suggestion (--fix-suggestions).',
  },
  messages: {
    same: { severity: 'info', text: "'{{value}}' repeats the <white_list> on line {{line}}." },
    contained: { severity: 'info', text: "'{{value}}' lies inside '{{other}}' (line {{line}}): it is already white-listed." },
  },
  suggestionMessages: {
    remove: "Remove this entry (the wider one covers it)",
  },
  check(ctx) {
    const items = whiteListItems(ctx.config).filter((i) => i.option.text.trim() !== '');
    // Indexed once, so each entry is compared with the entries that can contain it, not with every entry
    // (N entries cost N x N comparisons): the first entry of each text, and the IPv4 entries by netmask,
    // then by masked network, in file order.
    const firstOfText = new Map<string, WhiteListItem>();
    const byMask = new Map<number, Map<number, number[]>>();
    items.forEach((item, index) => {
      if (!firstOfText.has(item.option.text)) firstOfText.set(item.option.text, item);
      const e = item.entry;
      if (e.kind !== 'ip') return;
      let networks = byMask.get(e.netmask);
      if (!networks) byMask.set(e.netmask, (networks = new Map()));
      const list = networks.get(e.network);
      if (list) list.push(index);
      else networks.set(e.network, [index]);
    });
    const masks = [...byMask.keys()];
    items.forEach((item, index) => {
      const same = firstOfText.get(item.option.text);
      if (same && same !== item) {
        const data = { value: item.option.text, line: lineOf(ctx.doc, same.option.element) };
        ctx.report({ messageId: 'same', data, range: valueRange(item.option), fix: removeElement(ctx.doc, item.option.element) });
        return;
      }
      const e = item.entry;
      if (e.kind !== 'ip') return;
      // The first entry in file order whose netblock holds this one: only entries whose mask is a subset of
      // this one's can, and of those only the ones with this network under their mask.
      let wider = -1;
      for (const mask of masks) {
        if (((e.netmask & mask) >>> 0) !== mask) continue;
        const list = byMask.get(mask)!.get((e.network & mask) >>> 0);
        if (!list) continue;
        // Of two equal netblocks written differently, only the later one is redundant.
        const equal = mask === e.netmask;
        for (const at of list) {
          if (wider !== -1 && at > wider) break;
          if (equal && at >= index) break;
          if (items[at]!.option.text === item.option.text) continue;
          wider = at;
          break;
        }
      }
      if (wider === -1) return;
      const other = items[wider]!;
      const data = { value: item.option.text, other: other.option.text, line: lineOf(ctx.doc, other.option.element) };
      // Not an exact duplicate: removing it is a suggestion (the wider entry may be the one to go).
      ctx.report({ messageId: 'contained', data, range: valueRange(item.option), suggestions: [{ messageId: 'remove', fix: removeElement(ctx.doc, item.option.element) }] });
    });
  },
});
