/**
 * What a refusal in a group's shared agent.conf (etc/shared/<group>/agent.conf, <agent_config> roots) does:
 * nothing stops. The API's upload runs verify-agent-conf and refuses the file
 * (framework/wazuh/core/configuration.py:1067); one put there by hand reaches the agents, which check it before
 * they reload (src/client-agent/receiver.c:296, verifyRemoteConf in src/client-agent/reload_agent.c:66-100): a
 * refusal is reported to the manager and the agent does not reload, so it keeps the configuration it runs.
 * The configuration as written never takes effect: after a restart each daemon reads the file only up to the
 * refusal (ReadConfig's result is not checked: src/syscheckd/src/config.c:45, src/logcollector/config.c:93).
 */
export function refuseSharedFile(wazuhText: string): string {
  return `refuse this shared file with ${wazuhText}, and keep the configuration they have`;
}
