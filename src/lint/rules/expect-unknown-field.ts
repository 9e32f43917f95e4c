import { defineRule } from '../types.ts';

/** 3.x tests the whole value for these substrings (case-insensitive OS_Regex). */
const KNOWN = ['srcip', 'user', 'filename'];

export default defineRule({
  id: 'expect-unknown-field',
  fixable: false,
  needs: [],
  summary: '<expect> words other than srcip, user/username and filename have no effect (targets before 4.2)',
  docs: {
    what: 'For targets before 4.2: words in <expect> other than srcip, user / username and filename.',
    why:
      'Wazuh 3.x only looks for the substrings user, srcip and filename in <expect> (v3.13.0 src/config/active-response.c); any other word (dstip, url, ...) is ignored without a message, so the script never receives it.',
    bad: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
    <expect>dstip</expect>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>block</name>
    <executable>block.sh</executable>
    <expect>srcip</expect>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    context: { targetVersion: '3.13' },
  },
  messages: {
    unknown: { severity: 'info', text: "<expect> asks for '{{field}}', which Wazuh {{version}} ignores: only srcip, user (username) and filename are passed to scripts." },
  },
  check(ctx) {
    if (!ctx.target.legacy) return;
    for (const cmd of ctx.config.commands) {
      for (const expect of cmd.options.all('expect')) {
        const words = expect.text.split(/[\s,;|]+/).filter(Boolean);
        const unknown = words.filter((w) => !KNOWN.some((k) => w.toLowerCase().includes(k)));
        if (unknown.length === 0) continue;
        ctx.report({ messageId: 'unknown', data: { field: unknown.join("', '"), version: ctx.target.text }, range: expect.element.contentRange });
      }
    }
  },
});
