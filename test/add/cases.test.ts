/**
 * What `arctl add` used to write with exit 0 while `arctl lint` flagged it a second later, each typed as a
 * user would, through the spawned CLI on examples/ossec.conf and stock corpus files: each now gets the
 * outcome Wazuh's code calls for (written correctly, written and warned, or refused with the reason).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';
import { insertedText } from './helpers.ts';

const example = join(projectRoot, 'examples/ossec.conf');
const stock414 = join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf');

function workspace(source: string): { dir: string; path: string; original: Buffer } {
  const dir = tempDir('arctl-add-cases-');
  const path = join(dir, 'ossec.conf');
  copyFileSync(source, path);
  return { dir, path, original: readFileSync(path) };
}

const add = (dir: string, ...args: string[]) => runArctl(['add', ...args, '--no-input'], { cwd: dir });
const lint = (dir: string) => runArctl(['lint', 'ossec.conf'], { cwd: dir });
const row = (severity: string, ruleId: string) => new RegExp(`^ {2}\\d+:\\d+ +${severity} +[\\s\\S]*?${ruleId}`, 'm');

test('--disabled is refused with the reason (analysisd\'s ar_flag, execd\'s first <disabled>) and arctl disable named; nothing written', () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'active-response', '--command', 'host-deny', '--location', 'local', '--rules-id', '5712', '--timeout', '600', '--disabled');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /<disabled>yes<\/disabled> in any <active-response> sets analysisd's ar_flag to -1/);
  assert.match(r.stderr, /every response of the manager/);
  assert.match(r.stderr, /the first <disabled> of the file turns execd off on that host/);
  assert.match(r.stderr, /use arctl disable/);
  assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  assert.deepEqual(readFileSync(path), original);
});

test('--agent-id 5 is written as 005, the three-digit form analysisd names agents with', () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'active-response', '--command', 'host-deny', '--location', 'defined-agent', '--agent-id', '5', '--level', '12', '--timeout', '1h');
  assert.equal(r.status, 0, r.stderr);
  assert.match(insertedText(original, readFileSync(path)), /<agent_id>005<\/agent_id>/);
  assert.doesNotMatch(r.stderr, /lint warns/);
  assert.doesNotMatch(lint(dir).stdout, /agent-id-format/);
});

test("add command --name 'bad;name' is refused by the same check as the prompt, with a safe name to use; a name the file already has can still be answered", () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'command', '--name', 'bad;name', '--executable', 'bad-name');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--name: command name 'bad;name' has characters that break the line analysisd writes to etc\/shared\/ar\.conf.*\(e\.g\. 'bad-name'\)/);
  assert.deepEqual(readFileSync(path), original);
  const ok = add(dir, 'command', '--name', 'bad-name', '--executable', 'bad-name');
  assert.equal(ok.status, 0, ok.stderr);
});

test('--repeated-offenders goes where execd reads it: a block of its own, the first of the file; the same list again adds nothing, another is refused', () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'active-response', '--command', 'host-deny', '--location', 'local', '--rules-id', '5712', '--timeout', '600', '--repeated-offenders', '30,60');
  assert.equal(r.status, 0, r.stderr);
  const inserted = insertedText(original, readFileSync(path));
  assert.match(inserted, /^ {2}<active-response>\n {4}<repeated_offenders>30,60<\/repeated_offenders>\n {2}<\/active-response>\n {2}<active-response>\n {4}<command>host-deny<\/command>/m);
  assert.equal(inserted.split('repeated_offenders>').length - 1, 2, 'one <repeated_offenders>, not also in the response');
  assert.match(r.stderr, /execd reads one list for every response of the host/);
  assert.doesNotMatch(r.stderr, /lint warns/);
  assert.equal(lint(dir).status, 0, 'lint has nothing to say');
  const written = readFileSync(path);

  // Another response with the same list: the list is already where execd reads it.
  const same = add(dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5720', '--timeout', '600', '--repeated-offenders', '30, 60');
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stderr, /execd already reads <repeated_offenders>30,60<\/repeated_offenders> at line \d+/);
  assert.equal(readFileSync(path).toString().split('<repeated_offenders>').length - 1, 1);

  const other = add(dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5763', '--timeout', '600', '--repeated-offenders', '10,20');
  assert.equal(other.status, 1, other.stderr);
  assert.match(other.stderr, /ossec\.conf:\d+: --repeated-offenders: execd reads only the first <repeated_offenders> of the file.*'30,60': a second list would be ignored/);
  assert.ok(readFileSync(path).length > written.length && readFileSync(path).toString().includes('<rules_id>5720</rules_id>'));
  assert.doesNotMatch(readFileSync(path, 'utf8'), /5763/);
});

test('add white-list: the --help example is IPv4; an IPv6 network, which never matches, is refused; an IPv6 address is written and warned', () => {
  const help = runArctl(['add', 'white-list', '--help']);
  assert.doesNotMatch(help.stdout, /2001:db8|first <global>/);
  const { dir, path, original } = workspace(example);
  const net = add(dir, 'white-list', '2001:db8::/32');
  assert.equal(net.status, 2, net.stderr);
  assert.match(net.stderr, /'2001:db8::\/32' is an IPv6 network: analysisd reads only IPv4 entries as addresses.*never match/);
  assert.deepEqual(readFileSync(path), original);
  const one = add(dir, 'white-list', '2001:db8::7');
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stderr, row('warning', 'whitelist-not-ip'));
  assert.match(one.stderr, /also whitelists longer addresses/);
});

test('add white-list goes into the <global> that holds the white list in the stock layout (the second one), where lint --fix adds entries', { skip: corpusSkip }, () => {
  const { dir, path, original } = workspace(stock414);
  const r = add(dir, 'white-list', '192.0.2.7');
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(path, 'utf8');
  const globals = [...text.matchAll(/<global>[\s\S]*?<\/global>/g)].map((m) => m[0]);
  assert.equal(globals.length, 2);
  assert.doesNotMatch(globals[0], /192\.0\.2\.7/);
  assert.match(globals[1], /<white_list>10\.0\.0\.2<\/white_list>\n {4}<white_list>192\.0\.2\.7<\/white_list>\n {2}<\/global>/);
  assert.equal(insertedText(original, readFileSync(path)).length, '    <white_list>192.0.2.7</white_list>\n'.length, 'one line inserted');
  // lint --fix puts the manager's own address in the same <global> (once a blocking response needs it).
  assert.equal(add(dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5712', '--timeout', '600').status, 0);
  const fix = runArctl(['lint', '--fix-dry-run', '--manager-ip', '198.51.100.1', 'ossec.conf'], { cwd: dir });
  assert.match(fix.stdout, /^ {5}<white_list>192\.0\.2\.7<\/white_list>\n\+ {4}<white_list>198\.51\.100\.1<\/white_list>$/m);
});

test('add email-alerts while e-mail is off (stock 4.14 manager), and with --level below email_alert_level: written and warned', { skip: corpusSkip }, () => {
  const off = workspace(stock414);
  const r = add(off.dir, 'email-alerts', '--to', 'soc@example.com', '--level', '12');
  assert.equal(r.status, 0, r.stderr);
  assert.match(insertedText(off.original, readFileSync(off.path)), /<email_to>soc@example\.com<\/email_to>/);
  assert.match(r.stderr, row('warning', 'email-alerts-without-notification'));

  // examples/ossec.conf mails from level 10 (<email_alert_level>10): level 3 alerts never carry the mail flag.
  const low = workspace(example);
  const l = add(low.dir, 'email-alerts', '--to', 'soc@example.com', '--level', '3');
  assert.equal(l.status, 0, l.stderr);
  assert.match(l.stderr, row('warning', 'email-level-invalid'));
  assert.match(l.stderr, /below <alerts><email_alert_level> 10/);
});

test('recipients and white-list entries are read as people type them, with the prompts\' parser: "a, b" is a list, "SOC <soc@example.com>" one address', () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'email-alerts', '--to', 'ops@example.com, SOC <soc@example.com>', '--level', '12');
  assert.equal(r.status, 0, r.stderr);
  assert.match(insertedText(original, readFileSync(path)), /<email_to>ops@example\.com<\/email_to>\n {4}<email_to>soc@example\.com<\/email_to>\n {4}<level>12<\/level>/);
  const w = add(dir, 'white-list', '192.0.2.1,192.0.2.2');
  assert.equal(w.status, 0, w.stderr);
  assert.match(readFileSync(path, 'utf8'), /<white_list>192\.0\.2\.1<\/white_list>\n {4}<white_list>192\.0\.2\.2<\/white_list>/);
  const bad = add(dir, 'email-alerts', '--to', 'SOC <soc>', '--level', '12');
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /--to: invalid e-mail address 'soc'/);
});

test("add command --executable '..' is refused as execd refuses it (w_ref_parent_folder); 'a..b' names a file and is written", () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'command', '--name', 'climb', '--executable', '..');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /executable '\.\.' names the parent directory, which execd refuses as directory traversal/);
  assert.deepEqual(readFileSync(path), original);
  const ok = add(dir, 'command', '--name', 'dots', '--executable', 'block..v2.sh');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(insertedText(original, readFileSync(path)), /<executable>block\.\.v2\.sh<\/executable>/);
});
