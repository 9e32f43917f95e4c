import { defineRule } from '../types.ts';
import { lineOf, removeElement, valueRange } from '../active-response.ts';
import { whiteListItems } from '../white-list.ts';

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
    items.forEach((item, index) => {
      const same = items.slice(0, index).find((o) => o.option.text === item.option.text);
      if (same) {
        const data = { value: item.option.text, line: lineOf(ctx.doc, same.option.element) };
        ctx.report({ messageId: 'same', data, range: valueRange(item.option), fix: removeElement(ctx.doc, item.option.element) });
        return;
      }
      const e = item.entry;
      if (e.kind !== 'ip') return;
      const wider = items.find((o) => {
        const w = o.entry;
        if (o === item || w.kind !== 'ip' || o.option.text === item.option.text) return false;
        const inside = ((e.network & w.netmask) >>> 0) === w.network && ((e.netmask & w.netmask) >>> 0) === w.netmask;
        // Of two equal netblocks written differently, only the later one is redundant.
        const equal = e.network === w.network && e.netmask === w.netmask;
        return inside && (!equal || items.indexOf(o) < index);
      });
      if (!wider) return;
      const data = { value: item.option.text, other: wider.option.text, line: lineOf(ctx.doc, wider.option.element) };
      // Not an exact duplicate: removing it is a suggestion (the wider entry may be the one to go).
      ctx.report({ messageId: 'contained', data, range: valueRange(item.option), suggestions: [{ messageId: 'remove', fix: removeElement(ctx.doc, item.option.element) }] });
    });
  },
});
