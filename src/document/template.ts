/**
 * Template syntax in a configuration file: the Jinja of Ansible and Salt (`{{ var }}`, `{% if %}`) and the
 * ERB/EPP of Chef and Puppet (`<%= @var %>`, `<% if %>`). Such a file is not what Wazuh reads: the file
 * rendered from it is, and its tags decide which elements and values that file holds.
 *
 * Only what cannot be a configuration's own text counts: a Jinja statement, a Jinja expression over a
 * variable (`{{ ip }}`, `{{ cfg.port | default(1514) }}`), an ERB tag. A Go template in a command's text
 * (`docker ps --format '{{.Names}}'`, `{{json .State}}`, `{{end}}`) is the command's own text, which Wazuh
 * passes on as written.
 */
export type TemplateEngine = 'Jinja' | 'ERB' | 'EPP';

export interface TemplateSyntax {
  engine: TemplateEngine;
  /** Byte offset of the first tag. */
  offset: number;
  /** The first tag as written, and its length in bytes. */
  tag: string;
  length: number;
}

const JINJA_STATEMENT = /\{%[-+]?\s*[a-z_]\w*\b[^\n]*?[-+]?%\}/g;
const JINJA_EXPRESSION = /\{\{-?\s*([A-Za-z_]\w*)(?:\.\w+|\[[^\]\n]*\]|\([^)\n]*\))*\s*(?:\|[^}\n]*)?-?\}\}/g;
const ERB_TAG = /<%[=#-]?[\s\S]*?-?%>/g;
/** Go template words that stand alone in a tag: a command's text, not a Jinja variable. */
const GO_WORDS = new Set(['end', 'else', 'break', 'continue']);

/** File names of templates: the engine their extension names. */
const TEMPLATE_EXTENSIONS: ReadonlyArray<[RegExp, TemplateEngine | undefined]> = [
  [/\.(j2|jinja2?)$/i, 'Jinja'],
  [/\.erb$/i, 'ERB'],
  [/\.epp$/i, 'EPP'],
  [/\.(tmpl|tpl|template)$/i, undefined],
];

/** Whether the file's name says it is a template (ossec.conf.j2, ossec.conf.erb, ...). */
export function templateFileName(path: string): boolean {
  return TEMPLATE_EXTENSIONS.some(([re]) => re.test(path));
}

/** The first template tag in the file and its engine, or undefined for a file without one. */
export function findTemplateSyntax(bytes: Buffer, path = ''): TemplateSyntax | undefined {
  const text = bytes.toString('latin1');
  let first: { index: number; tag: string; engine: TemplateEngine } | undefined;
  const consider = (index: number, tag: string, engine: TemplateEngine) => {
    if (!first || index < first.index) first = { index, tag, engine };
  };
  for (const m of text.matchAll(JINJA_STATEMENT)) {
    consider(m.index, m[0], 'Jinja');
    break;
  }
  for (const m of text.matchAll(JINJA_EXPRESSION)) {
    if (GO_WORDS.has(m[1]!)) continue;
    consider(m.index, m[0], 'Jinja');
    break;
  }
  for (const m of text.matchAll(ERB_TAG)) {
    consider(m.index, m[0], 'ERB');
    break;
  }
  if (!first) return undefined;
  const named = TEMPLATE_EXTENSIONS.find(([re]) => re.test(path))?.[1];
  // Puppet's EPP writes its tags as ERB does: the extension tells them apart.
  const engine = first.engine === 'ERB' && named === 'EPP' ? 'EPP' : first.engine;
  return { engine, offset: first.index, tag: bytes.subarray(first.index, first.index + first.tag.length).toString('utf8'), length: first.tag.length };
}
