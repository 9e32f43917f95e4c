import { refuseSharedFile } from '../../wazuh/shared-conf.ts';
import { ROOT_ELEMENTS } from '../../schema/elements.ts';
import { defineRule } from '../types.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { managerDaemonMessages, remotedWarnings } from '../remoted.ts';
import { agentdFindings, agentdMessages, modulesdSkipped, syscheckdSkips } from '../agent-reads.ts';
import { nestedBlockStarts } from '../support/blocks.ts';
import { queriesWithElements } from '../../wazuh/load-agent.ts';
import { childrenOf } from '../../wazuh/load-global.ts';

export default defineRule({
  id: 'invalid-value',
  fixable: false,
  needs: [],
  summary: 'A value Wazuh refuses for its option (1235), or elements where a value belongs',
  docs: {
    what: 'An option value outside what the Wazuh reader for that option accepts (as the XSD in src/schema/ describes it), when no more specific rule covers the option; also child elements inside an option that holds a value. From 3.9, in a manager\'s ossec.conf, what wazuh-csyslogd refuses in <syslog_output> (a <level> or <port> not digits, a <format> other than default, cef, json or splunk, a <location> or <group> longer than OSMatch takes, a block without <server>): it exits, and wazuh-control start with it. From 4.9, in a manager\'s ossec.conf, what wazuh-clusterd -t refuses in the last <cluster> (wazuh-control start runs it first, whether the cluster is enabled or not): a <port> that is not digits; in an enabled cluster a key that is not 32 word characters (or none), a port outside 1025-65534, a <node> named localhost, NODE_IP, 0.0.0.0 or 127.0.1.1 (NODE_IP by default, without <nodes>). On agents (their own ossec.conf, a shared agent.conf) also what wazuh-agentd refuses in <client_buffer> (queue_size 1-100000, events_per_second 1-1000) and <labels> (a <label> without a non-empty key attribute, hidden other than yes or no). In every node\'s own ossec.conf and in a shared agent.conf, what wazuh-logcollector refuses in <localfile>: a <log_format> it does not know (or multi-line without a count of 1 or more), <frequency> not hourly, daily or digits, a <reconnect_time> number without a unit (s, m, h, d, w), an <age> of 0 or with another unit, a <label> without a non-empty key, an <ignore>/<restrict> whose first attribute is not type or whose osregex/osmatch pattern does not compile, and a block without <log_format>, without <location> (or <command>; macos and journald need none) or of multi-line-regex without <multiline_regex>; and a <label> key starting with \'_\', on which it loops for good; an event channel\'s <query> that holds elements (a <QueryList> pasted unescaped), of which logcollector reads only the blanks around them (a warning); in <socket> (on agents and in a shared agent.conf; a manager\'s analysisd reads it first) the name \'agent\', a <mode> other than udp or tcp, a socket without <name> or <location>. And what wazuh-syscheckd refuses in <syscheck>: frequency or max_files_per_second not digits, a scan_time or scan_day it cannot read, process_priority outside -20..19, <file_limit>/<registry_limit> <entries> not digits, an <ignore>/<nodiff> attribute other than type="sregex", a <whodata> provider other than ebpf/audit or queue_size outside 10-1048576: an error in a shared agent.conf (agents refuse it), a warning in a node\'s own ossec.conf (syscheckd runs with file integrity monitoring disabled; before 3.13 an error: it exits, and the node\'s start stops there); likewise in <rootcheck> a frequency not digits or an <ignore> attribute other than type="sregex" (in a node\'s own file syscheckd runs without rootcheck); and in <wodle name="syscollector"> an interval wazuh-modulesd cannot read (0, or a unit other than d/h/m/s) or a <ports> attribute other than all="yes|no"; in <wodle name="command"> a missing or empty <command>, a <timeout> not a whole number of 0 or more, a verify_md5/sha1/sha256 not 32/40/64 characters long; in <wodle name="osquery"> a <pack> whose first attribute is not name; from 3.13, in <wodle name="open-scap"> and <wodle name="cis-cat"> a <timeout> atol does not read as 1 or more, a <content> type other than xccdf or oval or another attribute than path and type, an open-scap <content> without path or type, a cis-cat one without a path (attribute or <path> child), a <profile>, xccdf-id, oval-id or cpe on the other content type, an empty xccdf-id, oval-id, datastream-id or cpe, a cis-cat <ciscat_binary> (4.4 on) other than the agent platform\'s CIS-CAT or Assessor-CLI script, and in <wodle name="docker-listener"> <attempts> not 1 to 2147483646; from 3.8 to 4.3, in a manager\'s <wodle name="agent-key-polling"> a <timeout> of 0 or 4294967295, <threads> not 1-32, <queue_size> not 1-220000 (strtoul base 0 in 3.8, atol from 3.9, into an unsigned int) or an <exec_path>/<socket> of 4096 bytes or more; from 4.3, what wazuh-modulesd refuses in the cloud modules (wm_aws_read, wm_azure_read, wm_gcp_pubsub_read, wm_gcp_bucket_read, wm_github_read, wm_office365_read, from 4.8 wm_ms_graph_read): an aws-s3 <bucket> type, <service> or <subscriber> type the reader does not know or lacks, an empty name, account or log group, a <discard_regex> without field (from 4.5.1), a module without bucket, service or subscriber; an azure-logs <timeout> not 1 to 4294967294, an empty <log_analytics>, <graph> or <storage>; from 4.6 (a warning), what azure-logs drops with a message and runs without: a <log_analytics>, <graph> or <storage> without authentication, tenant domain, request or container, or with an option it does not know; a <request> without <query> (or a Log Analytics one without <workspace>), with a <time_offset> without an m, h or d unit or a bad <timeout>; a <container> without a name or with a bad <content_type>, <time_offset>, <timeout> or empty <path>; a gcp <max_messages>/<num_threads> with a non-digit, an empty or missing <project_id>, <subscription_name>, <credentials_file>, a bucket type other than access_logs; github, office365 and ms-graph times and sizes (<curl_max_size> below 1KB, an office365 <interval> above a day), an <api_auth> without what it needs, a section without <api_auth> (or office365 subscriptions, ms-graph resource); from 3.9, what wazuh-agentlessd refuses in a manager\'s <agentless> (<frequency> or <port> not digits, a <state> other than periodic, stay_connected or periodic_diff, a <type> with /.., a block without <host>, <state> or <type>, a periodic one with <frequency> 0); from 4.4, what wazuh-db refuses in a manager\'s <wdb> (a first child other than <backup database="global"> with children, an <interval> not above 0, <max_files> not digits above 0); in <sca> a <policies> without <policy> children or with an empty one; in command, sca, open-scap, cis-cat and docker-listener the schedule: <interval> 0 or with a unit other than M/w/d/h/m/s, <day> not 1-31, <wday> not a day name, <time> not hh:mm, <day> with <wday>; a <wodle> whose first attribute is not name (modulesd stops; agents refuse such a shared file; a <wodle> with no attribute at all kills modulesd, and in a shared agent.conf the agents\' wazuh-agentd, which tests the file). On Windows agents also what their wazuh-syscheckd alone reads (other systems pass over it): a <windows_registry> with an arch other than 32bit/64bit/both, a yes/no attribute with another value, a recursion_level not digits, a diff_size_limit it cannot read or another attribute (realtime, whodata), a <windows_audit_interval> not digits, a <registry_ignore> attribute other than type="sregex" or arch: an error in a shared agent.conf whose os filter can match Windows (Windows agents refuse it), a warning in an agent\'s own ossec.conf (on Windows syscheckd runs with file integrity monitoring disabled), unless what it monitors is another system\'s (paths starting with /, a journald or macos <localfile>, and no C:\\ or %WINDIR% path nor event channel). Warnings, on every node and in a shared agent.conf: a <directories> recursion_level not all digits or a diff_size_limit syscheckd cannot read (a number of KB, or with KB, MB, GB or TB: not 50M nor 100B), on which it skips the whole line; a recursion_level over 320, which it replaces with its default depth (256); a <diff> <disk_quota>/<file_size> <limit> it cannot read, on which it reads no more of <diff>; likewise a <diff><nodiff> attribute other than type="sregex", and where Windows agents read the section a <diff><registry_nodiff> attribute other than type="sregex" or an arch of 32bit, 64bit or both. In a manager\'s ossec.conf, what wazuh-remoted refuses in <remote> (it stops, and no response reaches an agent): a <connection> other than secure or syslog, a second secure connection, a <port> not digits or outside 1-65535, a <queue_size> that is not a whole number of 1 or more or on a syslog connection, a <local_ip> that is not one address, an <allowed-ips>/<denied-ips> that is no address or network, a block without <connection>, an <agents> without children (remoted loops for good); and, as warnings, what it ignores or replaces: <protocol> words other than TCP/UDP, TCP and UDP on a syslog connection, a <rids_closing_time> or <connection_overtake_time> it cannot read. From 4.4, what wazuh-authd refuses in <auth> (it stops, even when disabled): a <port> of 0 as an unsigned short (0, 65536, no digits), a negative <force_time> (4.6 on), a <force> without children, a <force><disconnected_time> without enabled="yes|no" as its first attribute, a <force> time with a unit other than s, m, h, d; and, as warnings, <force_insert>/<force_time> beside <force> (ignored, 4.6 on) and a <key_request> value authd_read_key_request refuses (an empty or too long exec_path or socket, timeout 0, threads outside 1-32, queue_size outside 1-220000: logged, and the rest of the block not read). From 4.0, as a warning, the first <integration> value wazuh-integratord refuses (<level>, <max_log>, <timeout>, <retries> not all digits, <max_log> outside 165-1024) or an <integration> without <name>: it exits and no integration runs, the manager runs on; and, when it reads them all, each integration it does not run: slack or shuffle (4.4 on) without <hook_url>, pagerduty or virustotal without <api_key>, maltiverse (4.7 on) without either, or a name that is none of these and does not start with custom- (the others run).',
    why: 'Wazuh stops with `(1235): Invalid value for element` (src/config/*.c), so the daemon does not start. wazuh-logcollector exits on a refused <localfile> (src/logcollector/main.c:133-135); agents test a new shared agent.conf with the same reader and refuse it (src/client-agent/reload_agent.c:66-100), keeping the configuration they have.',
    bad: `<ossec_config>
  <global>
    <integrity_checking>high</integrity_checking>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <integrity_checking>8</integrity_checking>
  </global>
</ossec_config>`,
  },
  messages: {
    ...schemaMessages('invalid-value'),
    ...agentdMessages('<{{section}}><{{name}}> is refused'),
    // azure-logs' readers drop the block and run on (src/wazuh/load-wodle.ts readAzureApi and the rest).
    modulesdSkips: { severity: 'warning', text: '<{{section}}><{{name}}>: wazuh-modulesd logs "{{text}}" and drops this <{{block}}>: no logs are pulled from it, the module runs on.' },
    ...managerDaemonMessages('invalid-value'),
    integratordBlock: {
      severity: 'warning',
      text: 'This <integration> does not run: {{integratord}} logs "{{text}}" and {{applied}}.',
    },
    windows: {
      severity: 'warning',
      text: '<{{section}}><{{name}}> is refused on Windows: a Windows agent\'s {{syscheckd}} logs {{text}}, and runs with file integrity monitoring disabled (other systems pass over this Windows-only option).',
    },
    windowsExits: {
      severity: 'error',
      text: '<{{section}}><{{name}}> is refused on Windows: a Windows agent\'s syscheck stops with {{text}}, and the agent with it (before 3.13 Start_win32_Syscheck exits on a refused <syscheck>: src/syscheckd/syscheck.c, merror_exit; other systems pass over this Windows-only option).',
    },
    windowsShared: {
      severity: 'error',
      text: `<{{section}}><{{name}}> is refused on Windows: Windows agents ${refuseSharedFile('{{text}}')} (other systems pass over this Windows-only option).`,
    },
    directoriesSkipped: {
      severity: 'warning',
      text: '<directories {{name}}="{{value}}"> cannot be read: {{syscheckd}} logs "{{text}}" and skips this whole line (src/config/syscheck-config.c read_attr), so none of its paths is monitored.{{hint}}',
    },
    recursionCapped: {
      severity: 'warning',
      text: '<directories recursion_level="{{value}}"> is over the limit of 320: {{syscheckd}} logs "{{text}}" but sets syscheck.default_max_depth ({{applied}} unless local_internal_options.conf says otherwise), so these paths are monitored that deep, not {{value}} levels.',
    },
    queryElements: {
      severity: 'warning',
      text: "<query> holds elements (<{{first}}>): Wazuh's XML reader takes them for child elements, and wazuh-logcollector reads only the text of <query> (src/config/localfile-config.c:169), {{text}}: the channel is not queried as written. Escape the QueryList's brackets as \\< and \\> (logcollector removes the backslashes), as Wazuh's documentation writes it, or write the XPath alone (Event/System[EventID=4625]).",
    },
    diffStops: {
      severity: 'warning',
      text: "<{{section}}><{{name}}> '{{value}}' cannot be read: {{syscheckd}} logs \"{{text}}\" and reads no more of <diff> (src/config/syscheck-config.c parse_diff returns), so {{unread}}: the defaults stay.{{hint}}",
    },
    labelLoop: {
      severity: 'error',
      text: `A <localfile> <label> key starting with '_' makes {{logcollector}} loop for good at start-up: Read_Localfile skips the label without moving on to the next option (src/config/localfile-config.c:257-259) and logs "{{text}}" again and again, reading no log. Rename the key ('_' keys are reserved) or remove the label.`,
    },
    crash: {
      severity: 'error',
      text: '{{text}}: the daemon dies at start-up. Add the module\'s name, e.g. <wodle name="command">.',
    },
    crashShared: {
      severity: 'error',
      text: 'A <wodle> without a name attribute kills the agents this block applies to: {{agentd}} tests a new shared file with wazuh-modulesd\'s reader (Test_WModule, src/config/wmodules-config.c:669-677), which reads the node\'s missing attribute list and dies (SIGSEGV). Add the module\'s name, e.g. <wodle name="command">.',
    },
    labelLoopShared: {
      severity: 'error',
      text: `A <localfile> <label> key starting with '_' makes the agents this block applies to loop for good checking this shared file: Read_Localfile (run by {{agentd}}'s Test_Localfile, src/client-agent/reload_agent.c:76) skips the label without moving on (src/config/localfile-config.c:257-259) and logs "{{text}}" again and again; {{agentd}}'s check never returns (src/client-agent/receiver.c:296). Rename the key ('_' keys are reserved) or remove the label.`,
    },
  },
  check(ctx) {
    // The schema pass judges every option's value against its type (src/schema/values.ts): its findings are this rule's.
    // wazuh-agentd's <client_buffer> numbers and <labels> attributes, wazuh-logcollector's <localfile> (src/wazuh/load-agent.ts): no schema type covers them.
    // A <command> block written inside an <active-response> holds elements where the option's value belongs:
    // one cause, outside-ossec-config's 'nested' (as unknown-element leaves it too).
    const nestedBlockAt = nestedBlockStarts(ctx.config, ROOT_ELEMENTS[ctx.role]);
    checkWithSchema(ctx, (ctx) => {
      for (const f of agentdFindings(ctx.config, ctx.role, ctx.target)) if (f.ruleId === 'invalid-value') ctx.report(f);
      for (const f of modulesdSkipped(ctx.config, ctx.role, ctx.target)) ctx.report(f);
      // What wazuh-remoted warns about in <remote>, and wazuh-authd in <auth>, and then ignores or replaces (src/lint/remoted.ts).
      for (const f of remotedWarnings(ctx.doc, ctx.config, ctx.role, ctx.target)) if (f.ruleId === 'invalid-value') ctx.report(f);
      // What syscheckd skips or caps with a warning (a <directories> line, a <diff> value): not refusals.
      for (const f of syscheckdSkips(ctx.config, ctx.role)) if (f.ruleId === 'invalid-value') ctx.report(f);
      // An event channel's <query> written as elements (a pasted QueryList): not refused, not read as written.
      for (const query of queriesWithElements(ctx.config, ROOT_ELEMENTS[ctx.role])) {
        const text = query.content.trim() === '' ? 'here only blanks' : `here '${query.content.trim()}'`;
        ctx.report({ messageId: 'queryElements', data: { first: childrenOf(query)[0]!.name, text }, range: query.openTag });
      }
    }, { leaves: (finding) => nestedBlockAt.has(finding.range.start) });
  },
});
