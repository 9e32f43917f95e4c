import { defineRule } from '../types.ts';
import { atoi, replaceValue, valueRange } from '../active-response.ts';
import { elementsNotRefused, offenderMinutes, writtenEntries } from '../../wazuh/repeated-offenders.ts';

const MAX_ENTRIES = 5;
const ONE_DAY_MINUTES = 1440;

export default defineRule({
  id: 'repeated-offenders-format',
  fixable: true,
  needs: [],
  summary: '<repeated_offenders> is not an increasing list of at most 5 positive minute values.',
  docs: {
    what: '(error) entries that are not positive whole numbers (`x`, `5m`, `-1`, `0`); (warning) more than 5 entries, or values not strictly increasing, or child elements (`<count>`, `<action>`) instead of the list; (info) values of a day or more (1440+), which look like seconds.',
    why: 'execd splits the value on `,` into at most 5 pieces (the 5th keeps the rest) and reads each with atoi() (src/os_execd/config.c): `5m` is 5, `x` is 0, a 6th value rides inside the 5th piece and is lost. Values are MINUTES, while `<timeout>` is seconds. Child elements stop nothing (analysisd skips the option, src/config/active-response.c:134-136), but execd gets only the text after the last of them as the option\'s value (src/os_xml/os_xml.c:371-383), blank: it reads 0 and repeated offenders stay off (src/os_execd/execd.c:497). DOC-AR: an increasing list of at most 5 minute values; negatives are accepted silently (wazuh/wazuh#15171).',
    bad: `<ossec_config>
  <active-response>
    <repeated_offenders>30,60,120,240,480,960</repeated_offenders>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <active-response>
    <repeated_offenders>30,60,120,240,480</repeated_offenders>
  </active-response>
</ossec_config>`,
    fix: 'Strips an `m` suffix from entries and drops entries after the fifth — both exactly what execd already reads; ordering is left for you.',
  },
  messages: {
    notNumber: { severity: 'warning', text: "Entry '{{entry}}' is not a positive number of minutes: execd reads it with atoi() as {{read}}{{consequence}}." },
    unitSuffix: { severity: 'info', text: "Entry '{{entry}}': execd reads it with atoi() as {{read}}, which is what it says (minutes); write the number alone." },
    tooMany: { severity: 'warning', text: '{{count}} entries, but execd uses only the first 5 ({{used}}): the rest is ignored.' },
    notIncreasing: { severity: 'warning', text: 'Entries should increase (each repeat blocks longer): execd uses {{used}} in this order.' },
    holdsElements: {
      severity: 'warning',
      text: '<repeated_offenders> holds elements ({{children}}), not a list of minutes: execd reads only the text after the last of them, which is blank, so it finds no minutes and repeated offenders stay off. Write the minutes for the 1st to 5th repeat, e.g. <repeated_offenders>30,60,120</repeated_offenders>.',
    },
    looksLikeSeconds: { severity: 'info', text: 'Entry {{entry}} is {{hours}} hours: repeated_offenders values are minutes, not seconds.' },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      for (const option of ar.options.all('repeated_offenders')) {
        const value = option.text;
        const children = option.element.children.filter((c) => !c.isVariable);
        if (children.length > 0 && elementsNotRefused(option.element) && value.trim() === '') {
          ctx.report({ messageId: 'holdsElements', data: { children: [...new Set(children.map((c) => `<${c.name}>`))].join(', ') }, range: valueRange(option) });
          continue;
        }
        const entries = writtenEntries(value);
        if (entries.length === 0) continue;
        const range = valueRange(option);
        const used = offenderMinutes(value);
        const fixable = entries.every((e) => /^\d+m?$/.test(e) && atoi(e) > 0) && (entries.length > MAX_ENTRIES || entries.some((e) => e.endsWith('m')));
        const fixed = entries.slice(0, MAX_ENTRIES).map((e) => e.replace(/m$/, '')).join(',');
        const fix = fixable ? replaceValue(option, fixed) : undefined;
        let first = true;
        const withFix = () => (first && fix ? ((first = false), { fix }) : {});
        // execd stops at the first entry it reads as 0 (ExecdRun counts entries up to the first 0), and
        // a first 0 leaves repeated offenders off: Wazuh runs, but not as written (a warning).
        let ended = false;
        entries.slice(0, MAX_ENTRIES).forEach((entry, index) => {
          if (ended) return;
          const read = atoi(entry);
          if (/^\d+m$/.test(entry) && read > 0) {
            ctx.report({ messageId: 'unitSuffix', data: { entry, read }, range, ...withFix() });
          } else if (!/^\d+$/.test(entry) || read === 0) {
            const consequence = read !== 0 ? '' : index === 0 ? ', so repeated offenders are off on this host' : ': execd stops the list there and ignores the entries after it';
            ctx.report({ messageId: 'notNumber', data: { entry, read, consequence }, range, ...withFix() });
            if (read === 0) ended = true;
          }
        });
        if (entries.length > MAX_ENTRIES) {
          ctx.report({ messageId: 'tooMany', data: { count: entries.length, used: used.join(',') }, range, ...withFix() });
        }
        const numbers = used.filter((n) => n > 0);
        if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) {
          ctx.report({ messageId: 'notIncreasing', data: { used: used.join(',') }, range });
        }
        for (const n of numbers) {
          if (n >= ONE_DAY_MINUTES) ctx.report({ messageId: 'looksLikeSeconds', data: { entry: n, hours: Math.round((n / 60) * 10) / 10 }, range });
        }
      }
    }
  },
});
