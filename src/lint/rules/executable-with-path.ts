import { defineRule } from '../types.ts';
import { replaceValue } from '../active-response.ts';
import { exactText } from '../support/edits.ts';
import { refParentFolder } from '../../wazuh/execd.ts';

export default defineRule({
  id: 'executable-with-path',
  fixable: false,
  needs: [],
  summary: '<executable> names a file in active-response/bin, without a path',
  docs: {
    what: "An <executable> containing '/' or '\\' (an error when it climbs to a parent directory: '../', '/..'), or one with a space in it, such as a program followed by its arguments.",
    why:
      'execd runs active-response/bin/<executable> (src/os_execd/exec.c): it always prepends the bin directory, so a path is never used as written (the commands reference: "no path needed"). The program must be copied into /var/ossec/active-response/bin (Windows: active-response\\bin). The name is never split either: ReadExecConfig opens active-response/bin/<the whole text>, and when no file has that name it logs "Active response command not present" and the command runs nothing; a " - " in it even cuts the etc/shared/ar.conf line. Arguments go in <extra_args>.',
    bad: `<ossec_config>
  <command>
    <name>block</name>
    <executable>/usr/local/bin/block.sh</executable>
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
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    fix: 'Suggestion only (--fix-suggestions): keeps only the file name; copy the program into active-response/bin yourself.',
  },
  messages: {
    path: { severity: 'warning', text: "<executable> '{{executable}}' has a path, but Wazuh runs active-response/bin/{{executable}}. Use '{{base}}' and copy the program into active-response/bin." },
    traversal: {
      severity: 'error',
      text: "<executable> '{{executable}}' climbs out of active-response/bin: execd refuses it (Active response command '{{executable}}' vulnerable to directory traversal attack. Ignoring.) and the response never runs. Use '{{base}}' and copy the program into active-response/bin.",
    },
    arguments: {
      severity: 'warning',
      text: "<executable> '{{executable}}' has a space: execd takes the whole text as the file name (active-response/bin/{{executable}}), so the command runs nothing unless a file of exactly that name exists. Name only the program ('{{program}}') and pass the rest with <extra_args>.",
    },
  },
  suggestionMessages: {
    baseName: "Keep only '{{base}}' (and copy the program into active-response/bin)",
  },
  check(ctx) {
    for (const cmd of ctx.config.commands) {
      const exe = cmd.executable;
      if (!exe) continue;
      if (!/[\\/]/.test(exe.text)) {
        // ReadExecConfig (src/os_execd/exec.c) opens AR_BINDIR/<executable> as one name: a space never separates arguments.
        // With --ar-bin, executable-not-found knows whether a file of that name exists.
        const words = exe.text.trim().split(/\s+/);
        if (words.length > 1 && !ctx.arBin) {
          ctx.report({ messageId: 'arguments', data: { executable: exe.text.trim(), program: words[0] }, range: exe.element.contentRange });
        }
        continue;
      }
      const file = exe.text.trim();
      const base = file.split(/[\\/]/).pop() ?? '';
      const raw = exactText(ctx.doc, exe.element.contentRange);
      // Which program then runs depends on what is in active-response/bin: a suggestion, not a fix.
      const guess = base !== '' && raw !== undefined ? replaceValue(exe, raw.replace(file, base)) : undefined;
      ctx.report({
        // execd's ReadExecConfig (src/os_execd/exec.c) drops an executable w_ref_parent_folder flags.
        messageId: refParentFolder(file) ? 'traversal' : 'path',
        data: { executable: exe.text.trim(), base: base || '?' },
        range: exe.element.contentRange,
        ...(guess ? { suggestions: [{ messageId: 'baseName', data: { base }, fix: guess }] } : {}),
      });
    }
  },
});
