import { execdProgram, isStockWindowsProgram, osPlatform, programPlatform, type Platform } from '../../wazuh/programs.ts';
import { effectiveLocation } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, atoi, groupNames, valueRange } from '../active-response.ts';

/** Rule groups only one platform produces (stock ruleset). */
const WINDOWS_GROUPS = /^(windows|sysmon|win_|windows_security|ms_|msauth|powershell)/;
const UNIX_GROUPS = /^(sshd|pam|sudo|audit|auditd|syslog_su|linux|dpkg|yum|rootcheck_unix)$/;

function groupPlatform(group: string): Platform | undefined {
  if (WINDOWS_GROUPS.test(group)) return 'windows';
  if (UNIX_GROUPS.test(group)) return 'unix';
  return undefined;
}

const NAMES: Record<Platform, string> = { windows: 'Windows', unix: 'Linux/Unix' };

export default defineRule({
  id: 'platform-mismatch',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'A Windows-only program is sent to Linux/Unix hosts, or the other way round.',
  docs: {
    what: 'A response whose program exists on one platform only (`*.exe`, `*.cmd`, `netsh` on Windows; `firewall-drop`, `host-deny`, `route-null`, `pf`, `ipfw`, `npf`, `firewalld-drop`... on Linux/Unix) but that runs where that platform cannot be: on the manager (`server`, always Linux), on agents known from `--agents` to be the other platform, or triggered by rule groups only the other platform produces (`windows`, `sysmon` vs `sshd`, `pam`) with location `local` or `all`.',
    why: 'The response is delivered, but the host has no such file: execd logs `Active response command not present` and nothing happens (src/os_execd/exec.c; wazuh/wazuh#15585 pairs netsh with Windows and firewall-drop with Linux; wazuh/wazuh#16650 lists per-OS programs). On the manager, which runs Linux only, a Windows program (location `server`) can never run: an error for the programs Wazuh ships for Windows (`netsh.exe`, `route-null.exe`, `restart-wazuh.exe`, the 3.x `.cmd` scripts), and for any program the manager\'s active-response/bin given (`--ar-bin`, `--root`) does not hold. A custom name with a Windows suffix (`block.ps1`, `drop.cmd`) is only a warning without that directory: execd runs whatever file of that name is there (src/shared/exec_op.c wpopenv: execvp of active-response/bin/NAME), and a script with a `#!` line runs on Linux whatever its suffix. When the directory holds the file, nothing is reported. The same custom names sent to Linux/Unix agents are said the same way (named like a Windows program, runs only as a script there). Where agents of the other platform are only the ones known today (`--agents`), or the trigger\'s rule groups point at them, it is a warning: an agent enrolled later may run it.',
    bad: `<ossec_config>
  <command>
    <name>netsh</name>
    <executable>netsh.exe</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>netsh</command>
    <location>local</location>
    <rules_group>sshd,</rules_group>
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
    <rules_group>sshd,</rules_group>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    manager: { severity: 'error', text: "'{{executable}}' is a {{platform}} program, but location '{{location}}' runs it on the manager, which runs Linux: it never runs ({{execd}} finds no such file in active-response/bin, logs 'Active response command not present' and does not use it)." },
    managerNamed: { severity: 'warning', text: "'{{executable}}' is named like a {{platform}} program, but location '{{location}}' runs it on the manager, which runs Linux: it runs only if the manager's active-response/bin holds an executable file of that name that Linux can run, such as a script with a '#!' line ({{execd}} runs the file whatever its suffix); a Windows program there never runs. Give --ar-bin (or --root) to check the directory." },
    agent: { severity: 'warning', text: "'{{executable}}' is a {{platform}} program, but agent {{agent}} runs {{os}}: it never runs there." },
    agents: { severity: 'warning', text: "'{{executable}}' is a {{platform}} program, but every known agent runs {{other}}: it never runs." },
    someAgents: { severity: 'info', text: "'{{executable}}' is a {{platform}} program: location '{{location}}' also sends it to {{count}} {{other}} agent(s) ({{agents}}), where it never runs." },
    groups: { severity: 'warning', text: "'{{executable}}' is a {{platform}} program, but it is triggered by the {{other}} group '{{group}}' {{where}}: it cannot run on the hosts that raise those alerts." },
    // A custom name with a Windows suffix: a script with a '#!' line of that name runs on Linux (execvp).
    agentNamed: { severity: 'warning', text: "'{{executable}}' is named like a {{platform}} program, but agent {{agent}} runs {{os}}: it runs there only if that agent's active-response/bin holds an executable file of that name that {{other}} can run, such as a script with a '#!' line; a Windows program there never runs." },
    agentsNamed: { severity: 'warning', text: "'{{executable}}' is named like a {{platform}} program, but every known agent runs {{other}}: it runs only where an agent's active-response/bin holds an executable file of that name that {{other}} can run, such as a script with a '#!' line; a Windows program there never runs." },
    someAgentsNamed: { severity: 'info', text: "'{{executable}}' is named like a {{platform}} program: location '{{location}}' also sends it to {{count}} {{other}} agent(s) ({{agents}}), where it runs only as an executable file {{other}} can run, such as a script with a '#!' line." },
    groupsNamed: { severity: 'warning', text: "'{{executable}}' is named like a {{platform}} program, but it is triggered by the {{other}} group '{{group}}' {{where}}: on the hosts that raise those alerts it runs only as an executable file {{other}} can run, such as a script with a '#!' line." },
  },
  check(ctx) {
    for (const { ar, flags, command, loaded } of acceptedResponses(ctx)) {
      const executable = command.executable?.text ?? '';
      const platform = programPlatform(executable);
      if (!platform) continue;
      const other: Platform = platform === 'windows' ? 'unix' : 'windows';
      // restart-wazuh0 (4.2+): ar.conf's first lines map it to the restart program every host has, which runs
      // instead of this one (execdProgram; analysisd/active-response.c:51-53, execd's ReadExecConfig dup_entry).
      const legacy = ctx.target.legacy;
      if (loaded.name !== undefined && execdProgram(loaded.name, executable, legacy, { platform: other, before42: legacy }) !== executable) continue;
      const where = effectiveLocation(flags);
      const base = { executable, platform: NAMES[platform], other: NAMES[other], location: ar.location!.text };
      // A name Wazuh does not ship with a Windows suffix may be a Linux script; on agents arctl has no directory to look in.
      const named = platform === 'windows' && !isStockWindowsProgram(executable);
      const message = <M extends 'agent' | 'agents' | 'someAgents' | 'groups'>(id: M) => (named ? (`${id}Named` as const) : id);
      const range = valueRange(ar.location!);
      if (where === 'server') {
        // The manager's active-response/bin (--ar-bin, --root) holds a file of that name: execd finds it and runs
        // it (a script with a '#!' line runs whatever its name), so nothing says it never runs.
        if (platform !== 'windows' || ctx.arBin?.files.has(executable)) continue;
        // Without the directory, only a stock Windows program (netsh.exe...) is known to be absent and unrunnable
        // there; a custom name with a Windows suffix may be a Linux script (wpopenv: execvp of bin/NAME).
        const known = ctx.arBin !== undefined || isStockWindowsProgram(executable);
        ctx.report({ messageId: known ? 'manager' : 'managerNamed', data: base, range });
        continue;
      }
      if (where === 'defined-agent' && ctx.agents) {
        const id = atoi(ar.agentId?.text ?? '');
        const agent = ctx.agents.find((a) => atoi(a.id) === id);
        if (agent && osPlatform(agent.os) === other) {
          ctx.report({ messageId: message('agent'), data: { ...base, agent: agent.id, os: agent.os ?? '' }, range });
        }
        continue;
      }
      if (where === 'defined-agent') continue;
      const known = (ctx.agents ?? []).filter((a) => a.id !== '000' && osPlatform(a.os) !== undefined);
      if (known.length > 0 && known.every((a) => osPlatform(a.os) === other)) {
        ctx.report({ messageId: message('agents'), data: base, range });
        continue;
      }
      const elsewhere = known.filter((a) => osPlatform(a.os) === other);
      if (where === 'all' && elsewhere.length > 0) {
        const listed = elsewhere.slice(0, 3).map((a) => `${a.id} ${a.name}`.trim()).join(', ') + (elsewhere.length > 3 ? ', ...' : '');
        ctx.report({ messageId: message('someAgents'), data: { ...base, count: elsewhere.length, agents: listed }, range });
        continue;
      }
      const group = ar.rulesGroup && groupNames(ar.rulesGroup.text).find((g) => groupPlatform(g) === other);
      if (group) {
        ctx.report({ messageId: message('groups'), data: { ...base, group, where: where === 'all' ? '(location all)' : '(location local)' }, range: valueRange(ar.rulesGroup!) });
      }
    }
  },
});
