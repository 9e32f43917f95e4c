import { ALERT_SECTIONS, hasAgentSection, isAgentNodeConfig, MANAGER_ONLY_SECTIONS } from '../../wazuh/node-role.ts';
import type { ConfigView } from '../../document/views.ts';
import type { XmlElement } from '../../document/types.ts';
import { childrenOf } from '../../wazuh/load-global.ts';
import { mainSectionAccepted } from '../../wazuh/startup-sections.ts';
import { isWindowsOnlySyscheckOption, remotePrefilterSkips } from '../../wazuh/load-syscheck.ts';
import { agentSystem, mayReachWindows, sharedRemoteCommands, unknownOnWindows, type AgentSystem } from '../../wazuh/load-agent.ts';
import type { TargetVersion } from '../../wazuh/version.ts';
import { defineRule } from '../types.ts';
import { withDaemonNames } from '../daemon-names.ts';

/** <active-response> options only analysisd on the manager reads. */
const MANAGER_AR_OPTIONS = new Set(['command', 'location', 'agent_id', 'rules_id', 'rules_group', 'level', 'timeout']);

export default defineRule({
  id: 'ar-in-agent-conf',
  fixable: false,
  needs: [],
  summary: 'Settings agents ignore in a shared agent.conf (manager-side active response, remote commands, <allow_remote_prefilter_cmd>), or <white_list>, e-mail and alert settings and manager-only sections on an agent',
  docs: {
    what:
      'In a shared agent.conf: <command> blocks, manager-side <active-response> options (command, location, agent_id, rules_id, rules_group, level, timeout), <repeated_offenders>, <disabled> with any value but no (yes, or a value no reader checks there), <global><white_list>, <syscheck><allow_remote_prefilter_cmd>, which agents skip there together with the option after it, <syscheck> Windows-only options (<windows_registry>, <registry_ignore>, <windows_audit_interval>) in an <agent_config> whose os filter cannot match a Windows agent, <syscheck><prefilter_cmd>, which agents use from agent.conf only when their own ossec.conf allows it (and whose program each must have, or it refuses the file), and commands (a <localfile> with <command>, a <wodle name="command">), which agents run from agent.conf only when their local_internal_options.conf allows it. In an agent\'s own ossec.conf (one with a <client> section): <global><white_list>, and <command> blocks and <active-response> blocks with manager-side options (an agent runs no analysisd). In both: the other <global> options, <email_alerts> and <alerts>, and the sections only a manager\'s daemons read (<auth>, <vulnerability-detector>, <vulnerability-detection>, <indexer>, <task-manager>, <wdb>), which agents pass over; such a section does not make a file with a <client> a manager\'s, only <remote>, <ruleset> or <cluster> do (no manager starts without <remote>), and the finding says so.',
    why:
      'Responses are bound to rules and dispatched by analysisd on the manager (src/analysisd/active-response.c); agents only run what the manager sends, using the ar.conf it shares. execd reads its two options, <disabled> and <repeated_offenders>, from the agent\'s own ossec.conf only (src/os_execd/config.c ExecdConfig, called with OSSECCONF), so a <disabled>yes</disabled> pushed in agent.conf leaves active response on; the AR reference also warns that repeated_offenders must be in the agent\'s own ossec.conf. <white_list> is read by analysisd only, so it has no effect on agents (ossec/ossec-hids#1801); so are the other <global> options, <email_alerts> and <alerts>, read only by analysisd and wazuh-maild (their modules CGLOBAL, CMAIL and CALERTS are no agent daemon\'s, src/config/config.c read_main_elements), so e-mail settings on an agent send nothing. wazuh-syscheckd takes <allow_remote_prefilter_cmd> only from the agent\'s own ossec.conf: in agent.conf it warns "\'allow_remote_prefilter_cmd\' option can\'t be changed using centralized configuration (agent.conf)." and its `i++; continue;` inside the for loop also skips the option after it (src/config/syscheck-config.c:2202-2208), or, when it is the last, reads past the end of the list of options. Commands from a shared agent.conf are dropped unless the agent sets logcollector.remote_commands=1 (src/config/localfile-config.c:267-281) or wazuh_command.remote_commands=1 (src/wazuh_modules/wm_command.c:58-63), both 0 by default. For the same reason <command> and the binding options of <active-response> in an agent\'s own ossec.conf do nothing: agents run no analysisd, and their execd runs the commands the manager sends, looked up in the ar.conf the manager shares (src/os_execd/exec.c ReadExecConfig reads etc/shared/ar.conf).',
    bad: `<agent_config>
  <active-response>
    <repeated_offenders>5,10</repeated_offenders>
  </active-response>
</agent_config>`,
    good: `<!-- in the agent's own ossec.conf -->
<ossec_config>
  <active-response>
    <repeated_offenders>5,10</repeated_offenders>
  </active-response>
</ossec_config>`,
  },
  messages: {
    command: { severity: 'warning', text: "<command> '{{name}}' in agent.conf has no effect: agents take their commands from the manager. Define it in the manager's ossec.conf." },
    managerOption: { severity: 'warning', text: "This <active-response> in agent.conf binds nothing ({{options}}): response binding and dispatch happen on the manager. Put it in the manager's ossec.conf." },
    repeatedOffenders: { severity: 'warning', text: "<repeated_offenders> in agent.conf is not used: execd reads it from the agent's own ossec.conf." },
    disabled: { severity: 'warning', text: "<disabled>{{value}}</disabled> in agent.conf does nothing: execd reads <disabled> only from the agent's own ossec.conf, so active response stays as that file sets it." },
    remoteCommand: {
      severity: 'warning',
      text: "This {{what}} in a shared agent.conf runs only on agents whose local_internal_options.conf sets {{option}}=1: by default (0) they log \"{{logged}}\" and run nothing. Set {{option}}=1 on those agents, or put the command in their own ossec.conf.",
    },
    windowsOnly: {
      severity: 'warning',
      text: '<{{name}}> is read by Windows agents only, and this <agent_config os="{{os}}"> reaches none (its os filter cannot match a Windows agent\'s system name): the agents it applies to pass over it without a word (src/config/syscheck-config.c reads it under #ifdef WIN32). Move it to a block for Windows agents (os="Windows").',
    },
    prefilterCmd: {
      severity: 'warning',
      text: "This <prefilter_cmd> in a shared agent.conf is used only by agents whose own ossec.conf sets <allow_remote_prefilter_cmd>yes</allow_remote_prefilter_cmd>: the others log \"{{logged}}\" and hash files as they are. And every agent it reaches must have {{program}}: {{syscheckd}} checks that it exists, whatever the agent allows, and refuses this whole shared file on an agent that lacks it (src/config/syscheck-config.c:2041-2066). Set it in the agents' own ossec.conf instead, or allow it there.",
    },
    remotePrefilter: {
      severity: 'warning',
      text: "<allow_remote_prefilter_cmd> in a shared agent.conf has no effect: {{syscheckd}} takes it only from the agent's own ossec.conf (it logs \"'allow_remote_prefilter_cmd' option can't be changed using centralized configuration (agent.conf).\"), {{skipped}}. Move it to the agents' ossec.conf.",
    },
    whiteListShared: { severity: 'warning', text: '<white_list> in a shared agent.conf has no effect: agents do not read <global>, only the manager (analysisd) does. Put it in the manager\'s <global>.' },
    agentCommand: { severity: 'warning', text: "<command> '{{name}}' in an agent's ossec.conf has no effect: agents run no analysisd, and execd takes its commands from the ar.conf the manager shares. Define it in the manager's ossec.conf." },
    agentResponse: {
      severity: 'warning',
      text: "This <active-response> in an agent's ossec.conf binds nothing ({{options}}): agents run no analysisd, only the manager binds responses to rules. Put it in the manager's ossec.conf; here only <disabled>, <repeated_offenders> and the WPK options (<ca_store>, <ca_verification>) are read.",
    },
    whiteList: { severity: 'warning', text: '<white_list> in an agent\'s ossec.conf has no effect: only the manager (analysisd) reads it. Put it in the manager\'s <global>.' },
    alertSettingsShared: {
      severity: 'warning',
      text: "<{{block}}>{{options}} in a shared agent.conf has no effect: alerts and e-mail are the manager's (analysisd, {{maild}}), and agents read no <{{block}}>. Put it in the manager's ossec.conf.",
    },
    managerSectionShared: {
      severity: 'warning',
      text: '<{{name}}> in a shared agent.conf has no effect: {{reader}}. Put it in the manager\'s ossec.conf.',
    },
    managerSectionAgent: {
      severity: 'warning',
      text: "<{{name}}> has no effect here: {{reader}} (arctl takes this file for an agent's own ossec.conf: it has a <client> and none of <remote>, <ruleset>, <cluster>, and no manager starts without <remote>). Put it in the manager's ossec.conf.",
    },
    alertSettingsAgent: {
      severity: 'warning',
      text: "<{{block}}>{{options}} in an agent's ossec.conf has no effect: alerts and e-mail are the manager's (analysisd, {{maild}}), and agents read no <{{block}}>. Put it in the manager's ossec.conf.",
    },
  },
  check(ctx) {
    if (ctx.role === 'agent.conf') {
      for (const cmd of commandsWithOptions(ctx.config)) {
        ctx.report({ messageId: 'command', data: { name: cmd.name?.text.trim() ?? '' }, range: cmd.element.openTag });
      }
      for (const ar of ctx.config.activeResponses) {
        // One finding per block, as for an agent's own ossec.conf: the block is what belongs on the manager.
        const options = managerOptionsOf(ar.element);
        if (options) ctx.report({ messageId: 'managerOption', data: { options }, range: ar.element.openTag });
        for (const child of ar.element.children) {
          if (child.name === 'repeated_offenders') ctx.report({ messageId: 'repeatedOffenders', range: child.openTag });
          // Any value but the default 'no' (an empty one is empty-value's): no agent daemon reads it here (src/os_execd/config.c:25).
          else if (child.name === 'disabled' && child.content !== 'no' && child.content.trim() !== '') ctx.report({ messageId: 'disabled', data: { value: child.content }, range: child.openTag });
        }
      }
      for (const global of ctx.config.globals) {
        for (const wl of global.whiteList) ctx.report({ messageId: 'whiteListShared', range: wl.element.openTag });
      }
      for (const c of sharedRemoteCommands(ctx.config)) {
        const what = c.element.name === 'command' ? '<localfile> command' : '<wodle name="command">';
        ctx.report({ messageId: 'remoteCommand', data: { what, option: c.option, logged: c.logged }, range: c.element.openTag });
      }
      for (const root of ctx.config.roots.filter((r) => r.name === 'agent_config' && !mayReachWindows(r))) {
        const os = root.attributes.find((a) => a.name === 'os')?.value ?? '';
        for (const option of childrenOf(root).filter((el) => el.name === 'syscheck').flatMap((el) => childrenOf(el))) {
          if (isWindowsOnlySyscheckOption(option.name)) ctx.report({ messageId: 'windowsOnly', data: { name: option.name, os }, range: option.openTag });
        }
      }
      for (const syscheck of ctx.config.roots.filter((r) => r.name === 'agent_config').flatMap((r) => childrenOf(r)).filter((el) => el.name === 'syscheck')) {
        // :2041-2066, 2232-2251: stat'ed first (refused when missing), then dropped with (6905) unless the agent's own file allows it.
        const skipped = new Set(remotePrefilterSkips(syscheck).flatMap((s) => (s.skipped ? [s.skipped] : [])));
        for (const cmd of childrenOf(syscheck).filter((c) => c.name === 'prefilter_cmd' && c.content !== '' && !skipped.has(c))) {
          const logged = `(6905): Ignoring prefilter option '${cmd.content}'. Enable <allow_remote_prefilter_cmd> to use it.`;
          ctx.report({ messageId: 'prefilterCmd', data: { logged, program: cmd.content.split(' ')[0]! }, range: cmd.openTag });
        }
        for (const { option, skipped } of remotePrefilterSkips(syscheck)) {
          const what = skipped
            ? `and it skips the option after it too, <${skipped.name}>, which agents never read (syscheck-config.c:2202-2208: i++ before continue in a for loop)`
            : 'and as the last option of <syscheck> it makes syscheckd read one entry past the end of its list of options (syscheck-config.c:2202-2208: i++ before continue in a for loop), which is undefined behaviour';
          ctx.report({ messageId: 'remotePrefilter', data: { skipped: what }, range: option.openTag });
        }
      }
      for (const at of alertSettings(ctx.config)) ctx.report({ messageId: 'alertSettingsShared', data: at.data, range: at.range });
      for (const el of managerOnlySections(ctx.config, 'agent_config')) {
        // Where Windows agents may read it and do not know it, unknown-element's windowsSectionShared (an error) says it.
        if (unknownOnWindows(el.name, ctx.target) && el.parent && mayReachWindows(el.parent)) continue;
        ctx.report({ messageId: 'managerSectionShared', data: { name: el.name, reader: managerReader(el.name, ctx.target, 'posix') }, range: el.openTag });
      }
      return;
    }
    // An agent's own file (no manager section): nothing reads <command> or the binding options.
    if (ctx.role === 'ossec.conf' && isAgentNodeConfig(ctx.config)) {
      for (const cmd of commandsWithOptions(ctx.config)) {
        ctx.report({ messageId: 'agentCommand', data: { name: cmd.name?.text.trim() ?? '' }, range: cmd.element.openTag });
      }
      for (const ar of ctx.config.activeResponses) {
        const options = managerOptionsOf(ar.element);
        if (options) ctx.report({ messageId: 'agentResponse', data: { options }, range: ar.element.openTag });
      }
      for (const at of alertSettings(ctx.config)) ctx.report({ messageId: 'alertSettingsAgent', data: at.data, range: at.range });
      const { system } = agentSystem(ctx.config);
      for (const el of managerOnlySections(ctx.config, 'ossec_config')) {
        // A Windows agent's file: unknown-element's windowsSection (an error) says it.
        if (system === 'windows' && unknownOnWindows(el.name, ctx.target)) continue;
        ctx.report({ messageId: 'managerSectionAgent', data: { name: el.name, reader: managerReader(el.name, ctx.target, system) }, range: el.openTag });
      }
    }
    // An agent section, whatever else the file has: a <global> here is the mistake this reports.
    if (!hasAgentSection(ctx.config)) return;
    for (const global of ctx.config.globals) {
      for (const wl of global.whiteList) ctx.report({ messageId: 'whiteList', range: wl.element.openTag });
    }
  },
});

/** The manager-side options of an <active-response> block, as '<command>, <location>', or '' when it has none. */
function managerOptionsOf(block: XmlElement): string {
  return [...new Set(block.children.filter((c) => MANAGER_AR_OPTIONS.has(c.name)).map((c) => `<${c.name}>`))].join(', ');
}

/** An empty <command/> is refused by every daemon's read_main_elements: command-missing-field's finding, not this rule's. */
function commandsWithOptions(config: ConfigView) {
  return config.commands.filter((cmd) => childrenOf(cmd.element).length > 0);
}

/**
 * The sections of ALERT_SECTIONS in the file's roots: <global> with options other than <white_list> (its own
 * message), <email_alerts> and <alerts>. On an agent they do nothing.
 */
function alertSettings(config: ConfigView) {
  return config.roots
    .flatMap((r) => childrenOf(r))
    .filter((el) => ALERT_SECTIONS.includes(el.name))
    .map((element) => ({ element, options: element.name === 'global' ? childrenOf(element).filter((c) => c.name !== 'white_list') : [] }))
    .filter((b) => b.element.name !== 'global' || b.options.length > 0)
    .map((b) => {
      const names = [...new Set(b.options.map((c) => `<${c.name}>`))];
      return { data: { block: b.element.name, options: names.length > 0 ? ` (${names.join(', ')})` : '' }, range: b.element.openTag };
    });
}

/**
 * The sections of MANAGER_ONLY_SECTIONS in the file's roots that an agent's daemons pass over: written empty, the
 * ones read only with children are (1230) (unknown-element's emptySection).
 */
function managerOnlySections(config: ConfigView, root: 'ossec_config' | 'agent_config') {
  return config.roots
    .filter((r) => r.name === root)
    .flatMap((r) => childrenOf(r))
    .filter((el) => MANAGER_ONLY_SECTIONS.includes(el.name) && (childrenOf(el).length > 0 || mainSectionAccepted(el.name, false)));
}

/**
 * Who reads the section, and what an agent does with it (src/config/config.c, v4.14.7); `system`: what the file says
 * of the agent's system (undefined: it may be a Windows agent, whose daemons do not know <auth> from 4.2).
 */
function managerReader(name: string, target: TargetVersion, system: AgentSystem['system']): string {
  // :238-241: Read_Authd for CAUTHD only, wazuh-authd's module: agents' daemons skip the section without a word.
  if (name === 'auth') {
    const windows = system === undefined && unknownOnWindows(name, target) ? ", and a Windows agent's daemons do not know it and stop with (1230): Invalid element in the configuration: 'auth'" : '';
    return withDaemonNames(`only the manager's {{authd}} reads it: agents' daemons pass over it without a word${windows}`, target);
  }
  // :198, 214, 222, 273, 281: an agent build has no reader, only this warning.
  return `no agent daemon reads it, each logs "${name} configuration is only set in the manager"`;
}
