/**
 * Seeded, reproducible generator of ossec.conf variants for the oracle comparison (scripts/oracle/compare.ts).
 *
 * The vocabulary (which sections hold which children, which values and attributes appear where) is
 * learnt from real files: the corpus, the test fixtures and the verified cases. Configurations are then
 * drawn three ways: a grammar walk over that vocabulary, mutations of whole real files, and the grammar
 * walk with targeted faults (typos, wrong case, Unicode look-alikes, empty elements, duplicates, values at
 * range bounds, attributes, comments, several roots, missing or extra children, odd whitespace and bytes).
 */
import { ConfigDocument } from '../../src/document/document.ts';
import type { XmlElement } from '../../src/document/types.ts';

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Slot {
  children: Map<string, number>;
  values: string[];
  attributes: string[];
}

/** What real files put under each element path (`section/child/...`). */
export class Vocabulary {
  readonly slots = new Map<string, Slot>();
  readonly sections: string[] = [];

  learn(text: string | Buffer): void {
    const doc = typeof text === 'string' ? ConfigDocument.fromText('x', text) : new ConfigDocument('x', text);
    if (doc.parseError) return;
    for (const root of doc.roots) for (const s of root.children) this.visit(s, s.name);
  }

  private slot(path: string): Slot {
    let s = this.slots.get(path);
    if (!s) {
      s = { children: new Map(), values: [], attributes: [] };
      this.slots.set(path, s);
      if (!path.includes('/')) this.sections.push(path);
    }
    return s;
  }

  private visit(el: XmlElement, path: string): void {
    const s = this.slot(path);
    if (el.children.length === 0 && el.content.trim() !== '' && s.values.length < 400 && !s.values.includes(el.content)) s.values.push(el.content);
    for (const a of el.attributes) {
      const text = `${a.name}="${a.value}"`;
      if (s.attributes.length < 60 && !s.attributes.includes(text)) s.attributes.push(text);
    }
    for (const c of el.children) {
      s.children.set(c.name, (s.children.get(c.name) ?? 0) + 1);
      this.visit(c, `${path}/${c.name}`);
    }
  }
}

const LOOKALIKES: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', i: 'і', s: 'ѕ', l: 'ⅼ', '-': '‐', _: '＿' };
const BOUNDS = [
  '0', '-1', '1', '2', '7', '16', '17', '20', '21', '255', '256', '599', '600', '601', '86400', '86401', '999999', '1000000',
  '1000001', '9999', '10000', '1099511627776', '1099511627777', '2147483647', '2147483648', '99999999999', '-2147483649',
  '1s', '10m', '1h', '1d', '2d', '1w', '10x', '1M', '1K', '1G', '1T', '1MB', '1 G', '0x10', '010', '+5', ' 600', '600 ',
  '', ' ', 'yes', 'no', 'YES', 'No', 'true', '1.5', '1e3', 'abc', '10,20', '10 20', '5|6', '001', '000',
];
const WORDS = [
  'yes', 'no', 'all', 'local', 'server', 'defined-agent', 'firewall-drop', 'host-deny', 'restart-wazuh', 'alerts.json', 'alerts.log',
  'full', 'sms', 'default', 'do_not_delay', 'do_not_group', 'root@localhost', 'a@b.c', 'smtp.example.com', 'wazuh', 'master',
  'worker', 'node01', '127.0.0.1', '10.0.0.0/8', '::1', '!10.1.1.1', 'localhost', 'etc/decoders', 'etc/rules', 'ruleset/rules',
  'udp', 'tcp', '/var/run/x.sock', 'syslog', 'journald', 'authentication_failed,', '5710,5712', 'json', 'plain', 'é', 'ｙes',
];
/**
 * Values for the options whose shapes the corpus hardly shows: OS_Regex/OSMatch patterns with catch-all,
 * anchored or uncompilable alternatives, and white_list entries of every address form (CIDR, IPv6,
 * IPv4-mapped, host names, negations, globs).
 */
const PATTERNS = [
  'web|', '|web', 'sshd,|', '^|bastion', '$', '^', 'web|(a|', '(', ')', 'a\\', '\\w+|x', 'authentication_failed,|web,', '!sshd',
  'sshd|web|attack', 'sshd, web', 'sshd;web', 'ssh*', '.', '\\.', 'WEB', 'syslog,|pam,|', '||', ' |sshd',
];
const PATH_VALUES: Record<string, readonly string[]> = {
  'active-response/rules_group': PATTERNS,
  'email_alerts/group': PATTERNS,
  'email_alerts/event_location': [...PATTERNS, 'agent01', '(agent01) any->/var/log/secure', '192.168.1.'],
  'global/white_list': [
    '192.168.1.0/24', '10.0.0.0/8', '10.0.0.0/33', '10.0.0.1/32', '0.0.0.0/0', '10.0.0.0/255.0.0.0', '10.0.0.0/255.0.255.0',
    '::1', '::1/128', 'fe80::/10', '2001:db8::1', '2001:db8::/129', '::ffff:10.0.0.1', '::ffff:10.0.0.0/104', 'fe80::1%eth0',
    'localhost', 'bastion.example.com', '!192.168.0.1', '192.168.1.*', '192.168.1.', '10.0.0.1|', '10.0.0.1|10.0.0.2', '256.1.1.1',
    '1.2.3', '010.000.000.001', ' 10.0.0.1', '10.0.0.1 ', 'any', '*',
  ],
  'active-response/agent_id': ['001', '1', '000', '0', '01a', 'a01', '-1', '2147483648', '4294967297', '001,002', ' 002'],
  'active-response/rules_id': ['5710', '5710,5712', '5710, 5712', '5710 5712', '5710|5712', '5710;5712', ',5710', '5710,,5712', '0', '0,5710', '4294967296', '5710abc,5712'],
};

/** The sections whose readers analysisd and maild run (the others' contents are not read at their start-up). */
const SWEPT_SECTIONS = new Set(['global', 'alerts', 'email_alerts', 'command', 'active-response', 'cluster', 'socket', 'labels', 'ruleset', 'syscheck']);
const UNKNOWN_SECTIONS = ['rules', 'analysis', 'mail', 'csyslog', 'logcollector', 'monitor', 'exec', 'integrator', 'modules', 'database', 'download', 'agent', 'foo', 'Global', 'active_response', 'email-alerts', 'commands'];
const ODD_BYTES = ['\t', '\r\n', '\u00a0', '\u200b', '\ufeff', '\x00', '\x01', '\x7f', '&amp;', '&lt;', '<![CDATA[x]]>', '\\'];

export interface Generated {
  name: string;
  bytes: Buffer;
}

export class Generator {
  private readonly r: () => number;
  constructor(
    private readonly vocab: Vocabulary,
    private readonly sources: Array<{ name: string; text: string }>,
    seed: number,
  ) {
    this.r = rng(seed);
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }
  private int(n: number): number {
    return Math.floor(this.r() * n);
  }
  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A name mutated as people mistype names. */
  private mutateName(name: string): string {
    const kind = this.int(7);
    if (name.length === 0) return 'x';
    const i = this.int(name.length);
    switch (kind) {
      case 0: return name.slice(0, i) + name.slice(i + 1) || 'x';
      case 1: return name.slice(0, i) + this.pick('abcdefghijklmnopqrstuvwxyz_-'.split('')) + name.slice(i);
      case 2: return i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name + 's';
      case 3: return this.chance(0.5) ? name.toUpperCase() : name[0].toUpperCase() + name.slice(1);
      case 4: {
        const idx = [...name].findIndex((ch) => LOOKALIKES[ch]);
        return idx < 0 ? `${name}_` : name.slice(0, idx) + LOOKALIKES[name[idx]] + name.slice(idx + 1);
      }
      case 5: return name.includes('_') ? name.replace('_', '-') : name.includes('-') ? name.replace('-', '_') : `${name}s`;
      default: return this.pick(['var', 'Var', 'include', 'name', 'x:y', '_x', 'a.b']);
    }
  }

  private value(path: string): string {
    const slot = this.vocab.slots.get(path);
    const shaped = PATH_VALUES[path.split('/').slice(-2).join('/')];
    if (shaped && this.chance(0.4)) return this.chance(0.85) ? this.pick(shaped) : this.mutateValue(this.pick(shaped));
    const roll = this.r();
    if (slot && slot.values.length > 0 && roll < 0.55) {
      const v = this.pick(slot.values);
      if (this.chance(0.15)) return this.mutateValue(v);
      return v;
    }
    if (roll < 0.8) return this.pick(BOUNDS);
    if (roll < 0.95) return this.pick(WORDS);
    return this.mutateValue(this.pick(WORDS));
  }

  private mutateValue(v: string): string {
    switch (this.int(11)) {
      case 8: { // a comment inside the value (os_xml drops it, the text around it joins)
        const i = this.int(v.length + 1);
        return `${v.slice(0, i)}<!-- ${this.pick(['x', '', 'note'])} -->${v.slice(i)}`;
      }
      case 9: { // CDATA around or inside the value
        const i = this.int(v.length + 1);
        return this.chance(0.5) ? `<![CDATA[${v}]]>` : `${v.slice(0, i)}<![CDATA[${this.pick(['<', '&', ']]', 'x'])}]]>${v.slice(i)}`;
      }
      case 10: // an entity or character reference (os_xml expands none of them)
        return `${v}${this.pick(['&#65;', '&#x2d;', '&quot;', '&apos;', '&gt;', '&nbsp;', '&'])}`;
      case 0: return v.toUpperCase();
      case 1: return ` ${v}`;
      case 2: return `${v} `;
      case 3: return `${v}${this.pick(ODD_BYTES)}`;
      case 4: return v.length > 1 ? v.slice(0, -1) : '';
      case 5: return `${v},${v}`;
      case 6: return `\n      ${v}\n    `;
      default: return v.replace(/[aeo]/, (ch) => LOOKALIKES[ch] ?? ch);
    }
  }

  /** An element at `path` (its name is the last segment unless `name` is given), as XML text. */
  private element(path: string, depth: number, indent: string, faults: number): string {
    const name = path.split('/').pop()!;
    const slot = this.vocab.slots.get(path);
    let tagName = name;
    if (faults > 0 && this.chance(0.08)) tagName = this.mutateName(name);
    let attrs = '';
    if (slot && slot.attributes.length > 0 && this.chance(0.6)) attrs = ` ${this.pick(slot.attributes)}`;
    if (faults > 0 && this.chance(0.04)) attrs += ` ${this.pick(['name', 'x', 'type', 'timeframe', 'os'])}="${this.pick(BOUNDS)}"`;
    const kids = slot ? [...slot.children.keys()] : [];
    const nl = this.nl;
    if (kids.length === 0 || depth > 3) {
      if (faults > 0 && this.chance(0.06)) return `${indent}<${tagName}${attrs}/>`;
      const v = this.value(path);
      return `${indent}<${tagName}${attrs}>${escapeText(v)}</${tagName}${this.closeSpace()}>`;
    }
    if (faults > 0 && this.chance(0.04)) return `${indent}<${tagName}${attrs}${this.chance(0.5) ? '/>' : `></${tagName}>`}`;
    const count = 1 + this.int(Math.min(kids.length, 6));
    const chosen: string[] = [];
    for (let k = 0; k < count; k++) chosen.push(this.pick(kids));
    const parts = [...new Set(chosen)].map((c) => this.element(`${path}/${c}`, depth + 1, `${indent}  `, faults));
    // A repeated option (the Set above would fold it away): before or after the first, with its own value.
    if (faults > 0 && this.chance(0.15)) parts.splice(this.int(parts.length + 1), 0, this.element(`${path}/${this.pick(chosen)}`, depth + 1, `${indent}  `, faults));
    if (faults > 0 && this.chance(0.08)) {
      // a child from another section
      const other = this.pick([...this.vocab.slots.keys()].filter((p) => p.split('/').length === 2));
      parts.splice(this.int(parts.length + 1), 0, this.element(other, depth + 1, `${indent}  `, faults));
    }
    if (faults > 0 && this.chance(0.05)) parts.splice(this.int(parts.length + 1), 0, `${indent}  <!-- ${this.pick(['note', '-', 'x -- y', '<a>'])} -->`);
    if (this.chance(0.02)) parts.push(`${indent}  ${escapeText(this.pick(WORDS))}`); // text after children
    return `${indent}<${tagName}${attrs}>${nl}${parts.join(nl)}${nl}${indent}</${tagName}>`;
  }

  private nl = '\n';
  private closeSpace(): string {
    return this.chance(0.01) ? ' ' : '';
  }

  /** A configuration from the grammar: 1-7 sections, with `faults` > 0 for targeted problems. */
  grammar(faults: number): string {
    this.nl = this.chance(0.08) ? '\r\n' : this.chance(0.05) ? '' : '\n';
    const sections = this.vocab.sections;
    const focus = ['command', 'active-response', 'global', 'email_alerts', 'alerts', 'labels', 'socket', 'cluster', 'ruleset', 'syscheck', 'wodle'].filter((s) => sections.includes(s));
    const n = 1 + this.int(7);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const roll = this.r();
      let s: string;
      if (roll < 0.75) s = this.pick(focus);
      else if (roll < 0.93) s = this.pick(sections);
      else s = this.pick(UNKNOWN_SECTIONS);
      parts.push(this.element(s, 1, '  ', faults));
    }
    let body = parts.join(this.nl);
    let text = `<ossec_config>${this.nl}${body}${this.nl}</ossec_config>${this.nl}`;
    if (faults > 0 && this.chance(0.1)) {
      const more = this.element(this.pick(focus), 1, '  ', faults);
      text += this.chance(0.8) ? `<ossec_config>${this.nl}${more}${this.nl}</ossec_config>${this.nl}` : `<${this.pick(['agent_config', 'ossec', 'Ossec_config', 'x'])}>${more}</${'x'}>`;
    }
    if (faults > 0 && this.chance(0.05)) text = `<!-- header -->${this.nl}${text}`;
    if (faults > 0 && this.chance(0.03)) text = `<?xml version="1.0"?>${this.nl}${text}`;
    return text;
  }

  /** A real file with 1-4 mutations at random places. */
  mutateSource(): { name: string; text: string } {
    const source = this.pick(this.sources);
    let text = source.text;
    const n = 1 + this.int(4);
    for (let i = 0; i < n; i++) text = this.mutateText(text);
    return { name: source.name, text };
  }

  private mutateText(text: string): string {
    const tags = [...text.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)([^>]*)>/g)];
    const lines = text.split('\n');
    switch (this.int(9)) {
      case 0: { // rename an element (both tags when the close tag follows)
        if (tags.length === 0) return text;
        const t = this.pick(tags.filter((m) => m[1] === '') .length ? tags.filter((m) => m[1] === '') : tags);
        const name = t[2];
        const renamed = this.mutateName(name);
        const at = t.index!;
        const close = text.indexOf(`</${name}>`, at);
        let out = `${text.slice(0, at)}<${t[1]}${renamed}${t[3]}>${text.slice(at + t[0].length)}`;
        if (close > at && this.chance(0.9)) {
          const shift = renamed.length - name.length;
          out = `${out.slice(0, close + shift)}</${renamed}>${out.slice(close + shift + name.length + 3)}`;
        }
        return out;
      }
      case 1: { // replace a value
        const values = [...text.matchAll(/<([A-Za-z_][\w-]*)(\s[^>]*)?>([^<]*)<\/\1>/g)];
        if (values.length === 0) return text;
        const v = this.pick(values);
        const replacement = this.chance(0.6) ? this.pick(BOUNDS) : this.chance(0.5) ? this.pick(WORDS) : this.mutateValue(v[3]);
        const start = v.index! + v[0].indexOf('>') + 1;
        return text.slice(0, start) + escapeText(replacement) + text.slice(start + v[3].length);
      }
      case 2: { // delete a line
        if (lines.length < 3) return text;
        lines.splice(this.int(lines.length), 1);
        return lines.join('\n');
      }
      case 3: { // duplicate a line
        const i = this.int(lines.length);
        lines.splice(i, 0, lines[i]);
        return lines.join('\n');
      }
      case 4: { // a line from another file
        const other = this.pick(this.sources).text.split('\n');
        lines.splice(this.int(lines.length), 0, this.pick(other));
        return lines.join('\n');
      }
      case 5: { // empty an element
        const values = [...text.matchAll(/<([A-Za-z_][\w-]*)>([^<]*)<\/\1>/g)];
        if (values.length === 0) return text;
        const v = this.pick(values);
        return text.slice(0, v.index!) + (this.chance(0.5) ? `<${v[1]}/>` : `<${v[1]}></${v[1]}>`) + text.slice(v.index! + v[0].length);
      }
      case 6: { // a grammar section inserted after a section end
        const ends = [...text.matchAll(/<\/(command|active-response|global|alerts|email_alerts|syscheck|ruleset|cluster|labels|socket|localfile|remote|wodle)>/g)];
        const section = this.element(this.pick(this.vocab.sections), 1, '  ', 1);
        if (ends.length === 0) return text;
        const e = this.pick(ends);
        const at = e.index! + e[0].length;
        return `${text.slice(0, at)}\n${section}${text.slice(at)}`;
      }
      case 7: { // an odd byte or whitespace in a tag or value
        const i = this.int(text.length);
        return text.slice(0, i) + this.pick(ODD_BYTES) + text.slice(i);
      }
      default: { // case, CRLF, tabs
        const k = this.int(3);
        if (k === 0) return text.replace(/\n/g, '\r\n');
        if (k === 1) return text.replace(/ {2}/g, '\t');
        return text.replace(/^\s+/gm, '');
      }
    }
  }

  /**
   * Every known option (section/child and section/child/grandchild paths of the vocabulary) with each
   * value of a fixed list and a few of its own, alone in an otherwise valid file with e-mail on: the
   * readers' value checks one by one.
   */
  *sweep(): IterableIterator<Generated> {
    const base = [
      '  <global>', '    <email_notification>yes</email_notification>', '    <smtp_server>localhost</smtp_server>',
      '    <email_from>wazuh@example.com</email_from>', '    <email_to>soc@example.com</email_to>', '  </global>',
      '  <command>', '    <name>firewall-drop</name>', '    <executable>firewall-drop</executable>', '    <timeout_allowed>yes</timeout_allowed>', '  </command>',
    ];
    let i = 0;
    for (const [path] of this.vocab.slots) {
      const parts = path.split('/');
      if (parts.length < 2 || parts.length > 3 || !SWEPT_SECTIONS.has(parts[0])) continue;
      const slot = this.vocab.slots.get(path)!;
      if (slot.children.size > 0) continue;
      const values = [...new Set([...BOUNDS, ...WORDS, ...(PATH_VALUES[parts.slice(-2).join('/')] ?? []), ...slot.values.slice(0, 8)])];
      for (const v of values) {
        const open = parts.slice(0, -1).map((p, k) => `${'  '.repeat(k + 1)}<${p}>`);
        const close = parts.slice(0, -1).map((p, k) => `${'  '.repeat(k + 1)}</${p}>`).reverse();
        const leaf = `${'  '.repeat(parts.length)}<${parts.at(-1)}>${escapeText(v)}</${parts.at(-1)}>`;
        const extra = parts[0] === 'active-response' ? ['    <command>firewall-drop</command>', '    <location>local</location>'] : [];
        const body = [...base, ...open, ...(parts.length === 2 ? extra.filter((e) => !e.includes(`<${parts[1]}>`)) : []), leaf, ...close];
        yield { name: `s${i++}-${path}=${JSON.stringify(v)}`, bytes: Buffer.from(`<ossec_config>\n${body.join('\n')}\n</ossec_config>\n`, 'utf8') };
      }
    }
  }

  /** The i-th configuration of this generator's sequence. */
  next(i: number): Generated {
    const roll = this.r();
    let name: string;
    let text: string;
    if (roll < 0.3) {
      const m = this.mutateSource();
      name = `g${i}-mut-${m.name}`;
      text = m.text;
    } else if (roll < 0.55) {
      name = `g${i}-grammar`;
      text = this.grammar(0);
    } else {
      name = `g${i}-faults`;
      text = this.grammar(1 + this.int(3));
    }
    let bytes = Buffer.from(text, 'utf8');
    const encoding = this.r();
    // A byte order mark (an editor's UTF-8 BOM), or the whole file in UTF-16 (Windows editors).
    if (encoding < 0.02) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    else if (encoding < 0.025) bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    if (this.chance(0.01)) {
      // a byte that is not UTF-8
      const at = this.int(bytes.length);
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([this.pick([0xff, 0xe9, 0x80, 0xc3])]), bytes.subarray(at)]);
    }
    return { name, bytes };
  }
}

/** `<` as text, except where a mutation put a comment or a CDATA section into the value on purpose. */
function escapeText(v: string): string {
  return v.replace(/<(?!!--|!\[CDATA\[)/g, '&lt;');
}
