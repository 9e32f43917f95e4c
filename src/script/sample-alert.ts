/**
 * The alert `arctl script test` sends when none is given: an sshd brute force on the manager, the
 * shape alerts.json writes (source IP and user set, as most blocking responses need).
 */
export function sampleAlert(): Record<string, unknown> {
  return {
    timestamp: '2024-05-01T12:00:00.000+0000',
    rule: { level: 10, description: 'sshd: brute force trying to get access to the system. Non existent user.', id: '5712', frequency: 8, firedtimes: 1, mail: false, groups: ['syslog', 'sshd', 'authentication_failures'] },
    agent: { id: '000', name: 'wazuh-manager' },
    manager: { name: 'wazuh-manager' },
    id: '1714564800.1234567',
    full_log: 'May  1 12:00:00 wazuh-manager sshd[4242]: Invalid user admin from 203.0.113.7 port 52222',
    decoder: { parent: 'sshd', name: 'sshd' },
    data: { srcip: '203.0.113.7', srcport: '52222', srcuser: 'admin', dstuser: 'admin' },
    location: '/var/log/auth.log',
  };
}
