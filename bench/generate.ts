/** Generated inputs for the benchmarks: large but realistic configurations. */

/** An ossec.conf of about `lines` lines: the stock commands, then many active responses and white_list entries. */
export function generateConfig(lines: number): string {
  const out: string[] = ['<ossec_config>', '  <global>', '    <email_notification>no</email_notification>', '    <white_list>127.0.0.1</white_list>'];
  const commands = ['firewall-drop', 'host-deny', 'route-null', 'disable-account'];
  const blocks: string[] = [];
  for (const name of commands) {
    blocks.push('  <command>', `    <name>${name}</name>`, `    <executable>${name}</executable>`, '    <timeout_allowed>yes</timeout_allowed>', '  </command>');
  }
  let i = 0;
  while (out.length + blocks.length + 2 < lines) {
    if (i % 8 === 0) out.push(`    <white_list>10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}</white_list>`);
    blocks.push(
      '  <active-response>',
      `    <command>${commands[i % commands.length]}</command>`,
      `    <location>${i % 3 === 0 ? 'local' : i % 3 === 1 ? 'server' : 'all'}</location>`,
      `    <rules_id>${5700 + (i % 300)},${31100 + (i % 90)}</rules_id>`,
      `    <timeout>${600 + (i % 10) * 60}</timeout>`,
      '  </active-response>',
    );
    i++;
  }
  out.push('  </global>', ...blocks, '</ossec_config>', '');
  return out.join('\n');
}

/** Rule shapes seen in real alerts.json (the corpus alerts and Wazuh's stock rules): id, level, groups, decoder. */
const ALERT_RULES: Array<{ id: string; level: number; description: string; groups: string[]; decoder: string; location: string; log: (ip: string, user: string) => string }> = [
  { id: '5710', level: 5, description: 'sshd: Attempt to login using a non-existent user', groups: ['syslog', 'sshd', 'invalid_login', 'authentication_failed'], decoder: 'sshd', location: '/var/log/auth.log', log: (ip, user) => `sshd[29205]: Invalid user ${user} from ${ip} port 48928` },
  { id: '5715', level: 3, description: 'sshd: authentication success.', groups: ['syslog', 'sshd', 'authentication_success'], decoder: 'sshd', location: '/var/log/auth.log', log: (ip, user) => `sshd[1021]: Accepted publickey for ${user} from ${ip} port 50122 ssh2` },
  { id: '5503', level: 5, description: 'PAM: User login failed.', groups: ['pam', 'syslog', 'authentication_failed'], decoder: 'pam', location: '/var/log/auth.log', log: (ip, user) => `sshd[990]: pam_unix(sshd:auth): authentication failure; rhost=${ip} user=${user}` },
  { id: '31101', level: 5, description: 'Web server 400 error code.', groups: ['web', 'accesslog', 'attack'], decoder: 'web-accesslog', location: '/var/log/nginx/access.log', log: (ip) => `${ip} - - "GET /wp-login.php HTTP/1.1" 404 153 "-" "Mozilla/5.0"` },
  { id: '550', level: 7, description: 'Integrity checksum changed.', groups: ['ossec', 'syscheck', 'syscheck_entry_modified'], decoder: 'syscheck_integrity_changed', location: 'syscheck', log: () => "File '/etc/hosts' modified" },
  { id: '60122', level: 5, description: 'Logon Failure - Unknown user or bad password', groups: ['windows', 'windows_security', 'authentication_failed'], decoder: 'windows_eventchannel', location: 'EventChannel', log: (ip, user) => `An account failed to log on. Account Name: ${user} Source Network Address: ${ip}` },
  { id: '5712', level: 10, description: 'sshd: brute force trying to get access to the system. Non existent user.', groups: ['syslog', 'sshd', 'authentication_failures'], decoder: 'sshd', location: '/var/log/auth.log', log: (ip, user) => `sshd[29205]: Invalid user ${user} from ${ip} port 48930` },
  { id: '31151', level: 10, description: 'Multiple web server 400 error codes from same source ip.', groups: ['web', 'accesslog', 'web_scan', 'recon'], decoder: 'web-accesslog', location: '/var/log/nginx/access.log', log: (ip) => `${ip} - - "GET /.env HTTP/1.1" 404 153 "-" "curl/7.68.0"` },
  { id: '60204', level: 10, description: 'Multiple Windows logon failures.', groups: ['windows', 'windows_security', 'authentication_failures'], decoder: 'windows_eventchannel', location: 'EventChannel', log: (ip, user) => `Multiple failed logons for ${user} from ${ip}` },
];

/** Deterministic pseudo-random numbers (xorshift32), so every run generates the same file. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

/**
 * Writes `count` alerts.json lines starting at index `from`: Wazuh alert objects with varied rules,
 * agents and source addresses, about 10% at level >= 10, timestamps one to three seconds apart.
 */
export function generateAlertLines(from: number, count: number, seed = 1): string {
  const random = xorshift(seed + from * 7919);
  const lines: string[] = [];
  const start = Date.UTC(2024, 4, 1);
  for (let i = from; i < from + count; i++) {
    const high = random() < 0.1;
    const rule = ALERT_RULES[high ? 6 + Math.floor(random() * 3) : Math.floor(random() * 6)];
    const agent = Math.floor(random() * 50);
    const ip = `${[45, 89, 103, 185, 193][agent % 5]}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 253)}`;
    const user = ['root', 'admin', 'oracle', 'test', 'ubuntu', 'postgres'][Math.floor(random() * 6)];
    const time = new Date(start + i * 2000).toISOString().replace('Z', '+0000');
    const agentId = String(agent).padStart(3, '0');
    const alert = {
      timestamp: time,
      rule: { level: rule.level, description: rule.description, id: rule.id, firedtimes: 1 + (i % 40), mail: rule.level >= 12, groups: rule.groups, pci_dss: ['10.2.4', '10.2.5'], gdpr: ['IV_35.7.d'] },
      agent: agent === 0 ? { id: '000', name: 'wazuh-manager' } : { id: agentId, name: `agent-${agentId}`, ip: `10.0.${agent}.10` },
      manager: { name: 'wazuh-manager' },
      id: `${Math.floor((start + i * 2000) / 1000)}.${i}`,
      full_log: `May  1 00:00:00 agent-${agentId} ${rule.log(ip, user)}`,
      predecoder: { program_name: rule.decoder, hostname: `agent-${agentId}` },
      decoder: { name: rule.decoder },
      data: { srcip: ip, srcuser: user, dstuser: user },
      location: rule.location,
    };
    lines.push(JSON.stringify(alert));
  }
  return `${lines.join('\n')}\n`;
}
