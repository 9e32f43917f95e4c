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
