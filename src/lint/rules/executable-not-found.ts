import { defineRule } from '../types.ts';
import { suggestAll } from '../../util/suggest.ts';
import { programPlatform } from '../../wazuh/programs.ts';
import { usedCommands } from '../active-response.ts';

export default defineRule({
  id: 'executable-not-found',
  fixable: false,
  needs: ['arBin'],
  summary: '<executable> is not in the given active-response/bin directory (--ar-bin)',
  docs: {
    what: "An <executable> that is not a file in the active-response/bin directory given with --ar-bin (or --root's): an error when an enabled <active-response> uses the command, a warning when none does. A program of one platform is not looked for in a directory that holds only the other's: a manager's Linux bin has no route-null.exe or netsh.exe, which Windows agents hold (src/win32/wazuh-installer.wxs), so the stock ossec.conf's win_route-null and netsh commands are not reported against it.",
    why:
      'Nothing checks the executable when the configuration loads; on the endpoint execd logs "Active response command not present: \'active-response/bin/<x>\'. Not using it on this system." and the response silently does nothing (src/os_execd/exec.c; wazuh/wazuh#766 "No error is shown when AR command is not available").',
    bad: `<ossec_config>
  <command>
    <name>custom-block</name>
    <executable>custom-block</executable> <!-- not in active-response/bin -->
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>custom-block</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    context: { arBin: ['disable-account', 'firewall-drop', 'host-deny', 'restart-wazuh', 'route-null'] },
  },
  messages: {
    missing: { severity: 'error', text: "'{{executable}}' is not in {{dir}}: the response would run nothing there.{{hint}}" },
    missingUnused: { severity: 'warning', text: "'{{executable}}' is not in {{dir}}: no <active-response> uses this command today, but one that did would run nothing there.{{hint}}" },
  },
  check(ctx) {
    const bin = ctx.arBin!;
    // The platforms the directory's programs say it is for (none: only custom programs, or empty).
    const dirPlatforms = new Set([...bin.files].map(programPlatform).filter((p) => p !== undefined));
    const used = usedCommands(ctx.config);
    for (const cmd of ctx.config.commands) {
      const exe = cmd.executable?.text;
      if (exe === undefined || exe.trim() === '' || bin.files.has(exe)) continue;
      const platform = programPlatform(exe);
      if (platform !== undefined && dirPlatforms.size > 0 && !dirPlatforms.has(platform)) continue;
      const near = bin.files.has(exe.trim()) ? [exe.trim()] : suggestAll(exe, bin.files);
      const hint = near.length > 0 ? ` Did you mean '${near[0]}'?` : '';
      ctx.report({ messageId: used.has(cmd) ? 'missing' : 'missingUnused', data: { executable: exe, dir: bin.dir, hint }, range: cmd.executable!.element.contentRange });
    }
  },
});
