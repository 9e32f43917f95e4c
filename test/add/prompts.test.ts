/**
 * The interactive flows of `arctl add`, driven through the real @inquirer/prompts with injected
 * streams: choices from the file, validation as you type (bad answers are shown an error and can
 * be corrected), defaults, and Ctrl-C (ExitPromptError, which the CLI maps to exit 130).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { askActiveResponse, buildActiveResponse } from '../../src/add/kinds/active-response.ts';
import { askCommand, buildCommand } from '../../src/add/kinds/command.ts';
import { askEmailAlerts, buildEmailAlerts } from '../../src/add/kinds/email-alerts.ts';
import type { Prompter } from '../../src/add/kinds/kind.ts';
import { askWhiteList, buildWhiteList } from '../../src/add/kinds/white-list.ts';
import { commandTemplates, recipes } from '../../src/add/templates.ts';
import { inquirerPrompter } from '../../src/commands/add-prompts.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

type Key = string | { name: string; ctrl?: boolean };

/** A scripted terminal: waits for each question, then types the answer keys. */
class Terminal {
  readonly input = new PassThrough();
  private text = '';
  private seen = 0;
  readonly output = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      this.text += chunk.toString();
      done();
    },
  });
  screen(): string {
    return stripVTControlCharacters(this.text);
  }
  /** Waits until `pattern` appears in the output written since the last wait. */
  async waitFor(pattern: RegExp): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      const fresh = this.screen().slice(this.seen);
      if (pattern.test(fresh)) {
        // Everything shown so far is consumed: the next wait needs new output.
        this.seen = this.screen().length;
        // Let the prompt finish setting up its key handlers before keys arrive.
        await new Promise((r) => setTimeout(r, 20));
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`the terminal never showed ${pattern}; it shows:\n${this.screen().slice(this.seen)}`);
  }
  /** One key at a time, as a person types: the prompt re-renders between keys. */
  async press(...keys: Key[]): Promise<void> {
    for (const key of keys) {
      this.input.emit('keypress', null, typeof key === 'string' ? { name: key } : key);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  async type(text: string): Promise<void> {
    for (const ch of text) {
      this.input.write(ch);
      this.input.emit('keypress', null, { name: ch });
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  /** Waits for each question in turn and leaves it empty (enter). */
  async skip(...questions: RegExp[]): Promise<void> {
    for (const question of questions) {
      await this.waitFor(question);
      await this.press('enter');
    }
  }
  async erase(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.press('backspace');
  }
}

async function prompter(term: Terminal): Promise<Prompter> {
  return inquirerPrompter({ input: term.input, output: term.output });
}

test('active-response prompts: a command from the file, locations used first, validation as you type', async () => {
  const term = new Terminal();
  const p = await prompter(term);
  const file = { commandNames: ['firewall-drop', 'host-deny'], locations: ['server'] };
  const answer = askActiveResponse(p, {}, recipes(), file);
  await term.waitFor(/Respond with which recipe or command\?/);
  assert.match(term.screen(), /recipe: ssh-brute-force/);
  for (let i = 0; i < recipes().length; i++) term.press('down');
  await term.press('enter');
  await term.waitFor(/Where should it run\?/);
  assert.match(term.screen(), /server \(used in this file\)/);
  await term.press('down', 'enter'); // local, the second choice after the one used in the file
  await term.waitFor(/Rule ids that trigger it/);
  await term.type('5710|5712');
  await term.press('enter');
  await term.waitFor(/separate ids with commas, not '\|'/);
  await term.erase(9);
  await term.type('5712, 5763');
  await term.press('enter');
  await term.waitFor(/Rule groups that trigger it/);
  await term.press('enter');
  await term.waitFor(/Minimum rule level/);
  await term.type('99');
  await term.press('enter');
  await term.waitFor(/rule levels go from 1 to 16/);
  await term.erase(2);
  await term.press('enter');
  await term.waitFor(/Undo after/);
  await term.type('10x');
  await term.press('enter');
  await term.waitFor(/invalid timeout '10x'/);
  await term.erase(1);
  await term.type('m');
  await term.press('enter');
  const raw = await answer;
  assert.deepEqual(raw, { command: 'firewall-drop', location: 'local', rulesId: '5712, 5763', rulesGroup: undefined, level: undefined, timeout: '10m' });
  const built = buildActiveResponse(raw, recipes(), commandTemplates(parseTargetVersion('4.14')));
  assert.deepEqual(built.spec, { kind: 'active-response', command: 'firewall-drop', location: 'local', rulesId: '5712,5763', timeout: 600 });
});

test('command prompts: stock choices of the target version, or a custom command checked against the file', async () => {
  const target = parseTargetVersion('4.14');
  const templates = commandTemplates(target);
  const term = new Terminal();
  const p = await prompter(term);
  const stock = askCommand(p, {}, templates, false, { commandNames: ['firewall-drop'], locations: [] });
  await term.waitFor(/Which command\?/);
  assert.match(term.screen(), /firewall-drop \(already defined\)/);
  await term.press('down', 'down', 'down', 'enter'); // host-deny
  assert.deepEqual(await stock, { template: 'host-deny' });

  const custom = askCommand(p, {}, templates, true, { commandNames: ['firewall-drop'], locations: [] });
  await term.waitFor(/Which command\?/);
  for (let i = 0; i < templates.length; i++) term.press('down');
  await term.press('enter');
  await term.waitFor(/Command name/);
  await term.type('firewall-drop');
  await term.press('enter');
  await term.waitFor(/already defined in this file/);
  await term.erase(13);
  await term.type('!block');
  await term.press('enter');
  await term.waitFor(/starts with '!'/);
  await term.erase(6);
  await term.type('block-ip');
  await term.press('enter');
  await term.waitFor(/Executable/);
  await term.press('enter'); // default: the command name
  await term.waitFor(/timeout_allowed: does the program undo its action on "delete"\? \(y\/N\)/);
  await term.press('enter'); // default no: a program arctl does not know may not undo anything
  await term.waitFor(/Extra arguments/);
  await term.press('enter');
  await term.waitFor(/expect/);
  await term.press('enter'); // default srcip (legacy target)
  const raw = await custom;
  assert.deepEqual(raw, { name: 'block-ip', executable: 'block-ip', timeoutAllowed: false, extraArgs: undefined, expect: 'srcip' });
  assert.deepEqual(buildCommand(raw, parseTargetVersion('3.13'), commandTemplates(parseTargetVersion('3.13'))).spec, {
    kind: 'command',
    name: 'block-ip',
    executable: 'block-ip',
    expect: 'srcip',
    timeoutAllowed: false,
  });

  // A custom name for a stock program that undoes its block on "delete": the default is yes.
  const blocker = askCommand(p, { name: 'drop-ssh', executable: 'firewall-drop' }, templates, false, { commandNames: [], locations: [] });
  await term.waitFor(/timeout_allowed.*\(Y\/n\)/);
  await term.press('enter');
  await term.waitFor(/Extra arguments/);
  await term.press('enter');
  assert.equal((await blocker).timeoutAllowed, true);
});

test('email-alerts prompts: "a, b" is a list, "SOC <soc@example.com>" one address, and no criterion is asked again saying why', async () => {
  const term = new Terminal();
  const p = await prompter(term);
  const answer = askEmailAlerts(p, { to: [] });
  await term.waitFor(/Send to/);
  await term.type('ops@example.com, SOC <soc@example.com>; "Doe, J" <j@example.com>');
  await term.press('enter');
  await term.skip(/^\? Minimum alert level/m, /Rule ids/, /Rule group pattern/);
  await term.waitFor(/Wazuh refuses <email_alerts> without level, rule ids or group \(error 1264\)\.\n.*Minimum alert level/);
  await term.type('12');
  await term.press('enter');
  await term.skip(/Rule ids/, /Rule group pattern/);
  assert.deepEqual(buildEmailAlerts(await answer).spec, { kind: 'email-alerts', to: ['ops@example.com', 'soc@example.com', 'j@example.com'], level: '12' });
});

test('active-response prompts: no trigger is asked again saying why; white-list prompt: "a, b" is a list', async () => {
  const term = new Terminal();
  const p = await prompter(term);
  const answer = askActiveResponse(p, { command: 'firewall-drop', location: 'local', timeout: '600' }, recipes(), { commandNames: ['firewall-drop'], locations: [] });
  await term.skip(/Rule ids that trigger it/, /Rule groups that trigger it/, /Minimum rule level/);
  await term.waitFor(/A response without rule ids, groups or level never fires\.\n.*Rule ids that trigger it/);
  await term.type('5712');
  await term.press('enter');
  await term.skip(/Rule groups/, /Minimum rule level/);
  assert.equal((await answer).rulesId, '5712');

  const entries = askWhiteList(p, { entries: [] });
  await term.waitFor(/Addresses or networks to never block/);
  await term.type('10.0.0.1, 192.0.2.0/24 10.0.0.2/32');
  await term.press('enter');
  assert.deepEqual(buildWhiteList(await entries).spec, { kind: 'white-list', entries: ['10.0.0.1', '192.0.2.0/24', '10.0.0.2/32'] });
});

test('email-alerts prompts ask only for what the flags left out', async () => {
  const term = new Terminal();
  const p = await prompter(term);
  const answer = askEmailAlerts(p, { to: ['soc@example.com'] });
  await term.waitFor(/Minimum alert level/);
  assert.doesNotMatch(term.screen(), /Send to/);
  await term.type('12');
  await term.press('enter');
  await term.waitFor(/Rule ids/);
  await term.press('enter');
  await term.waitFor(/Rule group pattern/);
  await term.press('enter');
  const raw = await answer;
  assert.deepEqual(buildEmailAlerts(raw).spec, { kind: 'email-alerts', to: ['soc@example.com'], level: '12' });
});

test('Ctrl-C in a prompt ends the flow with ExitPromptError (exit 130 in the CLI)', async () => {
  const term = new Terminal();
  const p = await prompter(term);
  const outcome = askCommand(p, {}, commandTemplates(parseTargetVersion('4.14')), false, { commandNames: [], locations: [] }).then(
    () => null,
    (error: Error) => error,
  );
  await term.waitFor(/Which command\?/);
  await term.press({ name: 'c', ctrl: true });
  assert.equal((await outcome)?.name, 'ExitPromptError');
});
