import type { TextEdit } from '../../document/edit.ts';
import type { XmlElement } from '../../document/types.ts';
import { blockSchema, blocksWithOption, isKnownOption, isKnownSection, optionSchema, ROOT_ELEMENTS, SECTIONS, suggestOptions } from '../../schema/elements.ts';
import { defineRule } from '../types.ts';
import { agentResponseOptions, readByAnalysisd } from '../active-response.ts';
import { isNestedBlock, lintedBlocks, nestedBlockStarts } from '../support/blocks.ts';
import { renameElementEdit } from '../support/edits.ts';
import { findLookalikes } from '../support/lookalikes.ts';
import { suggestAll } from '../../util/suggest.ts';
import { mainSectionAccepted, OSSEC_SECTIONS, ossecSectionHint } from '../../wazuh/startup-sections.ts';
import { wazuhChildren } from '../../document/os-xml.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { refuseSharedFile } from '../../wazuh/shared-conf.ts';
import { managerDaemonMessages, remotedWarnings } from '../remoted.ts';
import { agentdFindings, agentdMessages, modulesdIgnored } from '../agent-reads.ts';
import { MODULE_NAMES, moduleKnownAt, moduleSince } from '../../wazuh/load-wodle.ts';
import { versionAtLeast } from '../../wazuh/version.ts';
import { agentSystem, mayReachPosix, mayReachWindows, unknownOnWindows } from '../../wazuh/load-agent.ts';
import { isDirectoriesAttribute, syscheckOptionNames, syscheckOptionSince, unknownSyscheckOptions } from '../../wazuh/load-syscheck.ts';
import { isAgentNodeConfig } from '../../wazuh/node-role.ts';

export default defineRule({
  id: 'unknown-element',
  fixable: true,
  needs: [],
  summary: 'Unknown option in <command>, <active-response>, <global>, <email_alerts>, <alerts>, or unknown section',
  docs: {
    what:
      'A child element its block does not know (tables A.1-A.5; names are case-sensitive), or a child of <ossec_config> that is no Wazuh section (OSSEC\'s `<rules>` included: Wazuh reads `<ruleset>`), with a "did you mean" suggestion within two edits; also a section Wazuh reads only with child elements written empty (`<labels></labels>`, `<localfile/>`), on managers and agents alike and in a shared agent.conf (an empty `<active-response/>` too where missing-command-or-location does not run: agents\' files); on agents also a child of <client_buffer> or <labels> that wazuh-agentd does not know; everywhere a child of <localfile> (and on agents of <socket>) that wazuh-logcollector does not know (it exits; agents refuse such a shared file), and of <rootcheck> or <syscheck><whodata> that wazuh-syscheckd does not know; from 3.12 (warnings) a child of <syscheck> it does not know (it logs (1230) and reads the rest; a <directories> attribute such as check_md5sum written as an option is named so), from 3.0 to 3.11 an error (Read_Syscheck refuses it: syscheckd exits, agents refuse such a shared file); in a shared agent.conf any child of <client> but <force_reconnect_interval>, the only one agents read there; everywhere (warnings) a <wodle> name the target\'s wazuh-modulesd does not know (osquery before 3.5, for one), on which it runs nothing, and from 4.8 <wodle name="vulnerability-detector">, which it reads no more (<vulnerability-detection> replaces it); <wodle name="aws-s3"> and <wodle name="docker-listener"> where only Windows agents read them (not built there: they warn and skip them), and syscollector\'s <hotfixes> where no Windows agent reads it (others warn and ignore it); everywhere an option of <wodle name="syscollector">, <wodle name="command">, <wodle name="open-scap">, <wodle name="cis-cat">, <wodle name="docker-listener"> (from 3.13; docker-listener not where only Windows agents read it) or <sca> (or a child of its <policies> other than <policy>), and from 4.3 of <wodle name="aws-s3"> (and its <bucket>, <service>, <subscriber>), <wodle name="azure-logs">, <gcp-pubsub>, <gcp-bucket> (and its <bucket>), <github>, <office365> (and their <api_auth>, <api_parameters>, <subscriptions>) that wazuh-modulesd does not know (it stops; agents refuse such a shared file) (agents refuse such a shared file; in a node\'s own file a warning); sections a Windows agent does not know (<auth>, <ruleset>, <reports> from 4.2, <fluent-forward>, <anti_tampering>) in a shared agent.conf that can reach Windows agents (they refuse it) or in an agent\'s own file that is a Windows agent\'s (an eventchannel <localfile>, C:\\ or %WINDIR% paths, and no / path: its daemons stop). Options that belong to another block are reported by option-from-other-block. In a manager\'s ossec.conf, an option of <reports> that wazuh-monitord does not know, (from 4.4) of <wdb><backup> that wazuh-db does not know; from 4.3 (a warning), an option of <agent-upgrade> its node\'s build does not read (a manager reads chunk_size, max_threads, wpk_repository; an agent enabled, the notification waits, ca_verification) or of <task-manager> other than cleanup_time and task_timeout: wazuh-modulesd logs "No such tag" and ignores it, (from 3.9) of <agentless> that wazuh-agentlessd does not know and (from 3.9) of <syslog_output> that wazuh-csyslogd does not know (each exits, and wazuh-control start with it); an option of <remote> that wazuh-remoted does not know (it stops; <agents> and <connection_overtake_time> exist from 4.6), and a child of <remote><agents> other than <allow_higher_versions> (it warns and ignores it). From 4.4, an option of <auth> or of its <force> that wazuh-authd does not know (it stops; <agents> exists from 4.6), and a child of <auth><agents> other than <allow_higher_versions> or of <auth><key_request> that it does not know (it warns and skips it). From 4.8 (a warning), a manager\'s <vulnerability-detector> section with options other than <enabled>: modulesd takes its <enabled> alone. From 4.0 (a warning), the first option of an <integration> that wazuh-integratord does not know (<options> exists from 4.7, <timeout> and <retries> from 4.8): it exits and no integration runs, the manager runs on.',
    why:
      "Wazuh's readers compare element names with strcmp and stop on anything else with (1230): Invalid element in the configuration (src/config/active-response.c, global-config.c, email-alerts-config.c, config.c read_main_elements). Real example: <disbaled> in wazuh/wazuh#3838.",
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout_allow>yes</timeout_allow>
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
    fix: 'Renames the start and end tag when exactly one known name differs only in case; a single known name within two edits is a suggestion (--fix-suggestions). Never onto a name the block already uses.',
  },
  messages: {
    ...managerDaemonMessages('unknown-element'),
    option: { severity: 'error', text: "<{{block}}> has no option '<{{name}}>': Wazuh stops with (1230): Invalid element in the configuration: '{{name}}'.{{hint}}" },
    analysisdUnknown:
      { severity: 'error', text: "<{{name}}> is an agent-side option that the manager's analysisd does not know in <active-response>: it stops with (1230): Invalid element in the configuration: '{{name}}'. On agents it belongs in <agent-upgrade> (4.1 and later)." },
    // The whole block is an agent's (Wazuh's agent templates): moving the option would not help the manager.
    analysisdAgentBlock:
      { severity: 'error', text: "<{{name}}> is an agent-side option that the manager's analysisd does not know in <active-response>: it stops with (1230): Invalid element in the configuration: '{{name}}'.{{agentBlock}}" },
    section: { severity: 'error', text: "'<{{name}}>' is not a Wazuh configuration section: Wazuh stops with (1230): Invalid element in the configuration: '{{name}}'.{{hint}}" },
    emptySection: {
      severity: 'error',
      text: "'<{{name}}>' has no child elements: every Wazuh daemon reads this section only with children and stops at it with (1230): Invalid element in the configuration: '{{name}}'. Remove it, or fill it.",
    },
    // In a group's agent.conf nothing stops: the agents refuse the new file (src/wazuh/shared-conf.ts).
    sectionShared: { severity: 'error', text: `'<{{name}}>' is not a Wazuh configuration section: agents ${refuseSharedFile("(1230): Invalid element in the configuration: '{{name}}'")}.{{hint}}` },
    emptySectionShared: {
      severity: 'error',
      text: `'<{{name}}>' has no child elements: agents read this section only with children and ${refuseSharedFile("(1230): Invalid element in the configuration: '{{name}}'")}. Remove it, or fill it.`,
    },
    ...agentdMessages("<{{section}}> has no option '<{{name}}>'"),
    clientShared: {
      severity: 'error',
      text: `<client><{{name}}> cannot be set from a shared agent.conf: agents read only <force_reconnect_interval> of its <client> (Read_Client_Shared, src/config/client-config.c:229-259) and ${refuseSharedFile('{{text}}')}. Set it in the agents\' own ossec.conf.`,
    },
    windowsSection: {
      severity: 'error',
      text: "'<{{name}}>' is no section a Windows agent knows (src/config/config.c compares it only on other systems), and this is a Windows agent's file ({{sign}}): its daemons stop with (1230): Invalid element in the configuration: '{{name}}'. Remove it.",
    },
    windowsSectionShared: {
      severity: 'error',
      text: `'<{{name}}>' is no section a Windows agent knows (src/config/config.c compares it only on other systems), and this <agent_config> can reach Windows agents: they ${refuseSharedFile("(1230): Invalid element in the configuration: '{{name}}'")}. Remove it, or put it in an <agent_config os="Linux"> block.`,
    },
    // wm_agent_upgrade_read and wm_task_manager_read warn and read on (src/wazuh/load-wodle.ts).
    modulesdIgnored: { severity: 'warning', text: '<{{section}}> has no option \'<{{name}}>\': wazuh-modulesd logs "{{text}}" and ignores it.' },
    unknownModule: {
      severity: 'warning',
      text: '<wodle name="{{value}}"> is no module wazuh-modulesd knows: it logs "Unknown module \'{{value}}\'" and runs nothing for it (src/config/wmodules-config.c:147-154).{{hint}}',
    },
    moduleNotOnWindows: {
      severity: 'warning',
      text: '<wodle name="{{value}}"> is not built on Windows, and {{where}} reaches only Windows agents: they log "The \'{{value}}\' module is not available on Windows systems. Ignoring{{it}}." and run nothing for it (src/config/wmodules-config.c:111-129).',
    },
    windowsOnlyModuleOption: {
      severity: 'warning',
      text: '<hotfixes> of <wodle name="syscollector"> is read on Windows only, and {{where}} reaches no Windows agent: wazuh-modulesd logs "The \'hotfixes\' option is only available on Windows systems. Ignoring it." (src/config/wmodules-syscollector.c:170-180). Remove it, or move it to a block for Windows agents (os="Windows").',
    },
    vulnerabilityDetectorSection: {
      severity: 'warning',
      text: "<vulnerability-detector> is read no more as written from Wazuh 4.8: wazuh-modulesd logs \"The 'vulnerability-detector' configuration is deprecated, please update your settings to use the new 'vulnerability-detection' instead\" and takes only its <enabled>, the other options ignored (src/config/config.c:200-213, src/config/wmodules-vulnerability-detection.c:61-62). Write a <vulnerability-detection> section (with <indexer>).",
    },
    syscheckOption: {
      severity: 'warning',
      text: "<syscheck> has no option '<{{name}}>': {{syscheckd}} logs \"(1230): Invalid element in the configuration: '{{name}}'.\" and reads the section without it (src/config/syscheck-config.c:2225-2227).{{hint}}",
    },
    vulnerabilityDetectorWodle: {
      severity: 'warning',
      text: '<wodle name="vulnerability-detector"> is read no more from Wazuh 4.8: wazuh-modulesd logs "The \'vulnerability-detector\' module only works for the manager" and runs nothing for it (src/config/wmodules-config.c:147-151). Vulnerability detection is set in the <vulnerability-detection> section.',
    },
    ...schemaMessages('unknown-element'),
  },
  suggestionMessages: {
    rename: "Rename it to <{{name}}>",
  },
  // An agent's <ca_verification> in a manager's response: analysisd's (1230), which lint words as analysisdUnknown.
  ownsRefusal({ message }) {
    const el = message.element;
    const agentOption = message.code === 1230 && el?.name === 'ca_verification' && el.parent?.name === 'active-response' && el.parent.parent?.depth === 0;
    if (!agentOption) return undefined;
    return { hint: agentBlockHint(el.parent!) ?? ' On agents it belongs in <agent-upgrade> (4.1 and later).' };
  },

  check(ctx) {
    const root = ROOT_ELEMENTS[ctx.role];
    const nestedBlockAt = nestedBlockStarts(ctx.config, root);
    checkWithSchema(ctx, (ctx) => {
      const shared = ctx.role === 'agent.conf';
      const report = (messageId: 'option' | 'section' | 'sectionShared', el: XmlElement, data: Record<string, string>, candidates: string[], why?: string) => {
        // Names spelled with look-alike characters are unicode-lookalike's (it knows the ASCII name).
        if (findLookalikes(el.name).length > 0) return;
        const hint = why ?? (candidates.length > 0 ? ` Did you mean ${candidates.map((c) => `<${c}>`).join(' or ')}?` : '');
        const taken = candidates.length === 1 && takenOption(el, candidates[0]);
        const rename: TextEdit | undefined = candidates.length === 1 && !taken ? renameElementEdit(ctx.doc, el, candidates[0]) : undefined;
        // Only the case differs: certain, a fix. A name within two edits: a guess, a suggestion.
        const certain = rename !== undefined && candidates[0].toLowerCase() === el.name.toLowerCase();
        ctx.report({
          messageId,
          data: { ...data, name: el.name, hint },
          range: el.openTag,
          ...(rename && certain ? { fix: rename } : {}),
          ...(rename && !certain ? { suggestions: [{ messageId: 'rename', data: { name: candidates[0] }, fix: rename }] } : {}),
        });
      };
      // ReadActiveResponses lists ca_store but never ca_verification (3.0 to 4.14: src/config/active-response.c).
      const managerReads = readByAnalysisd(ctx.config, ctx.role);
      for (const block of lintedBlocks(ctx.config)) {
        const schema = blockSchema(block.kind);
        if (!schema?.strictChildren) continue;
        for (const child of block.element.children) {
          // A <command>/<active-response>/<global>/<email_alerts> block written inside: outside-ossec-config's.
          if (isNestedBlock(child, root)) continue;
          if (block.kind === 'active-response' && child.name === 'ca_verification' && managerReads) {
            const agentBlock = agentBlockHint(block.element);
            if (agentBlock) ctx.report({ messageId: 'analysisdAgentBlock', data: { name: child.name, agentBlock }, range: child.openTag });
            else ctx.report({ messageId: 'analysisdUnknown', data: { name: child.name }, range: child.openTag });
            continue;
          }
          if (child.isVariable || isKnownOption(block.kind, child.name)) continue;
          if (blocksWithOption(child.name).length > 0) continue;
          report('option', child, { block: block.kind }, suggestOptions(block.kind, child.name));
        }
      }
      // wazuh-agentd's <client_buffer> and <labels> children (src/wazuh/load-agent.ts).
      for (const f of agentdFindings(ctx.config, ctx.role, ctx.target)) if (f.ruleId === 'unknown-element') ctx.report(f);
      for (const f of modulesdIgnored(ctx.config, ctx.role, ctx.target)) ctx.report(f);
      // What wazuh-remoted warns about in <remote>, and wazuh-authd in <auth>, and then ignores or replaces (src/lint/remoted.ts).
      for (const f of remotedWarnings(ctx.doc, ctx.config, ctx.role, ctx.target)) if (f.ruleId === 'unknown-element') ctx.report(f);
      const sectionNames = SECTIONS.map((s) => s.name);
      const ossec = ctx.target.major < 3;
      // Read_WModule's module names (src/wazuh/load-wodle.ts): an unknown one is only logged. No wodle in OSSEC 2.x.
      for (const wodle of ossec ? [] : ctx.config.roots.filter((r) => r.name === root).flatMap((r) => wazuhChildren(r))) {
        const first = wodle.name === 'wodle' ? wodle.attributes[0] : undefined;
        if (first?.name !== 'name') continue;
        if (!moduleKnownAt(first.value, ctx.target)) {
          // A module of a later release: the target's Read_WModule logs the same "Unknown module" (src/wazuh/load-wodle.ts).
          const since = moduleSince(first.value);
          const candidates = since ? [] : suggestAll(first.value, [...MODULE_NAMES].filter((name) => moduleKnownAt(name, ctx.target)));
          const hint = since
            ? ` Wazuh ${since} added the module; the target is ${ctx.target.text}.`
            : candidates.length > 0 ? ` Did you mean ${candidates.map((c) => `name="${c}"`).join(' or ')}?` : '';
          ctx.report({ messageId: 'unknownModule', data: { value: first.value, hint }, range: first.range });
        } else if (first.value === 'vulnerability-detector' && versionAtLeast(ctx.target, 4, 8)) {
          // 4.8.0 dropped the module (WM_VULNDETECTOR_CONTEXT, still read by v4.7.5): only its warning is left.
          ctx.report({ messageId: 'vulnerabilityDetectorWodle', data: {}, range: first.range });
        }
      }
      // What the modules of one system only read (src/config/wmodules-config.c:111-129, wmodules-syscollector.c:170-180):
      // aws-s3 and docker-listener are not built on Windows, syscollector's <hotfixes> is read only there.
      for (const fileRoot of ossec ? [] : ctx.config.roots.filter((r) => r.name === root)) {
        const reach = moduleReach(fileRoot, ctx.config, shared);
        for (const wodle of wazuhChildren(fileRoot).filter((w) => w.name === 'wodle' && w.attributes[0]?.name === 'name')) {
          const name = wodle.attributes[0]!.value;
          if (!moduleKnownAt(name, ctx.target)) continue;
          if (!reach.posix && NOT_ON_WINDOWS.has(name)) {
            ctx.report({ messageId: 'moduleNotOnWindows', data: { value: name, where: reach.where, it: name === 'docker-listener' ? ' it' : '' }, range: wodle.attributes[0]!.range });
          }
          if (!reach.windows && name === 'syscollector') {
            for (const hotfixes of wazuhChildren(wodle).filter((c) => c.name === 'hotfixes')) ctx.report({ messageId: 'windowsOnlyModuleOption', data: { where: reach.where }, range: hotfixes.openTag });
          }
        }
      }
      // The pre-4.8 section on a 4.8+ manager: deprecated, only <enabled> taken (agents warn it is the manager's and skip it).
      if (!shared && versionAtLeast(ctx.target, 4, 8) && ctx.role === 'ossec.conf' && !isAgentNodeConfig(ctx.config)) {
        for (const fileRoot of ctx.config.roots.filter((r) => r.name === root)) {
          for (const section of wazuhChildren(fileRoot).filter((c) => c.name === 'vulnerability-detector' && wazuhChildren(c).some((o) => o.name !== 'enabled'))) {
            ctx.report({ messageId: 'vulnerabilityDetectorSection', data: {}, range: section.openTag });
          }
        }
      }
      // Read_Syscheck's unknown options, from 3.12 only warned about (src/wazuh/load-syscheck.ts unknownSyscheckOptions).
      for (const fileRoot of ctx.config.roots.filter((r) => r.name === root)) {
        for (const syscheck of wazuhChildren(fileRoot).filter((c) => c.name === 'syscheck')) {
          for (const option of unknownSyscheckOptions(syscheck, ctx.target)) {
            if (isNestedBlock(option, root) || findLookalikes(option.name).length > 0) continue;
            const since = syscheckOptionSince(option.name);
            const candidates = suggestAll(option.name, syscheckOptionNames(ctx.target));
            const hint = isDirectoriesAttribute(option.name)
              ? ` '${option.name}' is an attribute of <directories>: <directories ${option.name}="yes">PATH</directories>.`
              : since ? ` Wazuh ${since} added it; the target is ${ctx.target.text}.`
              : candidates.length > 0 ? ` Did you mean ${candidates.map((c) => `<${c}>`).join(' or ')}?` : '';
            ctx.report({ messageId: 'syscheckOption', data: { name: option.name, hint }, range: option.openTag });
          }
        }
      }
      // Sections Windows agents' read_main_elements does not know (src/wazuh/load-agent.ts unknownOnWindows): in a shared
      // agent.conf that can reach them, and in an agent's own file that is a Windows agent's.
      const windowsFile = !shared && ctx.role === 'ossec.conf' && isAgentNodeConfig(ctx.config) ? agentSystem(ctx.config) : {};
      for (const fileRoot of ctx.config.roots.filter((r) => r.name === root && (shared ? mayReachWindows(r) : windowsFile.system === 'windows'))) {
        for (const child of wazuhChildren(fileRoot)) {
          if (!unknownOnWindows(child.name, ctx.target) || !mainSectionAccepted(child.name, wazuhChildren(child).length > 0)) continue;
          if (shared) ctx.report({ messageId: 'windowsSectionShared', data: { name: child.name }, range: child.openTag });
          else ctx.report({ messageId: 'windowsSection', data: { name: child.name, sign: windowsFile.sign ?? '' }, range: child.openTag });
        }
      }
      for (const fileRoot of ctx.config.roots) {
        for (const child of fileRoot.children) {
          if (child.isVariable) continue;
          if (!isKnownSection(child.name)) {
            report(shared ? 'sectionShared' : 'section', child, {}, suggestAll(child.name, sectionNames));
            continue;
          }
          // OSSEC's <rules>: no Wazuh release reads it, agents' daemons and agents' reading of agent.conf included.
          if (!ossec && OSSEC_SECTIONS.has(child.name)) {
            report(shared ? 'sectionShared' : 'section', child, {}, [], ossecSectionHint(child.name));
            continue;
          }
          // read_main_elements tests chld_node first for most sections (src/config/config.c:83-282): written
          // without children (<labels></labels>, a template's empty list) they fall through to XML_INVELEM, in
          // every daemon of managers and agents, and in the agents' reading of a shared agent.conf (ReadConfig hands
          // each <agent_config> to the same function, config.c:482). An empty <command> is command-missing-field's
          // finding; an empty <active-response> is missing-command-or-location's where that rule runs (managers' files).
          const needsChildren = mainSectionAccepted(child.name, true, ossec) && !mainSectionAccepted(child.name, false, ossec);
          const owned = child.name === 'command' || (child.name === 'active-response' && managerReads);
          if (fileRoot.name === root && needsChildren && !owned && wazuhChildren(child).length === 0) {
            ctx.report({ messageId: shared ? 'emptySectionShared' : 'emptySection', data: { name: child.name }, range: child.openTag });
          }
        }
      }
      // Look-alike names are unicode-lookalike's wherever the schema finds them too.
    }, { leaves: (finding) => findLookalikes(String(finding.data.element)).length > 0 || nestedBlockAt.has(finding.range.start) });
  },
});

/**
 * Renaming onto a single-valued option the block already has would change which value Wazuh reads
 * (the last one wins), so that rename is not offered as a fix.
 */
function takenOption(el: XmlElement, name: string): boolean {
  const block = el.parent;
  if (!block || block.depth === 0) return false;
  const schema = optionSchema(block.name, name);
  return schema !== undefined && schema.cardinality !== 'repeatable' && block.children.some((c) => c.name === name);
}

/** What to do with an agent's whole `<active-response>` block found in a manager's file (src/lint/active-response.ts agentResponseOptions). */
function agentBlockHint(block: XmlElement): string | undefined {
  const options = agentResponseOptions(block);
  if (!options) return undefined;
  return ` This block (${options}) is an agent's: execd's switch and its WPK certificate checks, which a manager's analysisd reads as a response to bind. Remove it from the manager's ossec.conf.`;
}

/** The modules Read_WModule reads only where WIN32 is not defined; Windows agents warn and skip them. */
const NOT_ON_WINDOWS = new Set(['aws-s3', 'aws-cloudtrail', 'docker-listener']);

/** Which systems read a root's <wodle> blocks, and how the messages name the root. */
function moduleReach(root: XmlElement, config: Parameters<typeof isAgentNodeConfig>[0], shared: boolean): { posix: boolean; windows: boolean; where: string } {
  if (shared) {
    const os = root.attributes.find((a) => a.name === 'os');
    return { posix: mayReachPosix(root), windows: mayReachWindows(root), where: os ? `this <agent_config os="${os.value}">` : 'this <agent_config>' };
  }
  if (!isAgentNodeConfig(config)) return { posix: true, windows: false, where: "a manager's ossec.conf (managers run Linux)" };
  const { system, sign } = agentSystem(config);
  return { posix: system !== 'windows', windows: system !== 'posix', where: `this agent's ossec.conf (${system === 'windows' ? "a Windows agent's" : 'not a Windows agent\'s'}: ${sign ?? ''})` };
}
