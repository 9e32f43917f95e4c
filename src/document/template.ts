/**
 * Template syntax in a configuration file: the Jinja of Ansible and Salt (`{{ var }}`, `{% if %}`), the
 * ERB/EPP of Chef and Puppet (`<%= @var %>`, `<% if %>`) and the Go templates of Helm charts and Kubernetes
 * operators (`{{ .Values.port }}`, `{{- if .ClusterEnabled }}`). Such a file is not what Wazuh reads: the file
 * rendered from it is, and its tags decide which elements and values that file holds.
 *
 * Only what cannot be a configuration's own text counts: a Jinja statement, a Jinja expression over a
 * variable (`{{ ip }}`, `{{ cfg.port | default(1514) }}`), an ERB tag, a Go action outside a command. A Go
 * template in a command's text (`docker ps --format '{{.Names}}'`, `{{json .State}}`, `{{end}}`) is the
 * command's own text, which Wazuh passes on as written; in a comment it is text Wazuh never reads.
 */
export type TemplateEngine = 'Jinja' | 'ERB' | 'EPP' | 'Go template';

export interface TemplateSyntax {
  engine: TemplateEngine;
  /** Byte offset of the first tag. */
  offset: number;
  /** The first tag as written, and its length in bytes. */
  tag: string;
  length: number;
}

/**
 * A tag's whole text, open and close marks included: Jinja statement, Jinja expression over a variable, ERB.
 * Jinja tags may span lines (a long condition, a filter chain one filter a line, a call's arguments): blanks
 * are any white space, line breaks included.
 */
const JINJA_STATEMENT = /^\{%[-+]?\s*[a-z_]\w*\b[\s\S]*%\}$/;
const JINJA_EXPRESSION = /^\{\{-?\s*([A-Za-z_]\w*)(?:\.\w+|\[[^\]]*\]|\([^)]*\))*\s*(?:\|[^}]*)?-?\}\}$/;
const ERB_TAG = /^<%[=#-]?[\s\S]*%>$/;
/**
 * A Go template action: a field or variable (`{{ .Values.port }}`, `{{ $key }}`), a control word
 * (`{{- if .X }}`, `{{ range ... }}`, `{{ end }}`), or a function given arguments (`{{ include "x" . }}`,
 * `{{ toYaml .Values.x | nindent 4 }}`).
 */
const GO_ACTION = /^\{\{-?\s*(?:[.$]|(?:if|else|range|with|define|template|block|end|break|continue)\b|[a-z]\w*\s+[."$(])[\s\S]*?\}\}$/;
/** Elements whose text is a command line, which may hold a Go template of its own (docker, kubectl). */
const COMMAND_OPEN = /^<(?:command|full_command)(?:\s[^>]*)?>/;
/**
 * A Jinja tag over several lines holds no markup: a '{%' or '{{' in one element's text and a close mark in a
 * later one, with elements between, are two texts, not a tag.
 */
const MARKUP = /<[A-Za-z/!?]/;
const jinjaTag = (tag: string): boolean => !tag.includes('\n') || !MARKUP.test(tag);
/** Longer than this, it is no tag a template author wrote. */
const MAX_TAG = 2000;

/**
 * The first text from an `open` mark to the next `close` mark that `valid` takes, or undefined. Linear in the
 * text: the next close mark is looked up once per close mark, not once per open mark (a file of '<%' without
 * '%>' costs one scan), and the regular expressions run on one bounded candidate each.
 */
function firstTag(text: string, open: string, close: string, valid: (tag: string, at: number) => boolean): { index: number; tag: string } | undefined {
  let end = -1;
  for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, at + 1)) {
    if (end < at + open.length) end = text.indexOf(close, at + open.length);
    if (end === -1) return undefined;
    if (end + close.length - at > MAX_TAG) continue;
    const tag = text.slice(at, end + close.length);
    if (valid(tag, at)) return { index: at, tag };
  }
  return undefined;
}

/**
 * Whether the text at `at` is in a comment or in a command's text: the last markup before it opens a comment not
 * yet closed, or a <command> (or <full_command>) element.
 */
function commentOrCommand(text: string, at: number): boolean {
  const comment = text.lastIndexOf('<!--', at);
  if (comment !== -1 && text.indexOf('-->', comment + 4) > at) return true;
  const markup = text.lastIndexOf('<', at);
  return markup !== -1 && COMMAND_OPEN.test(text.slice(markup, markup + 200));
}

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
  const statement = firstTag(text, '{%', '%}', (tag) => JINJA_STATEMENT.test(tag) && jinjaTag(tag));
  if (statement) consider(statement.index, statement.tag, 'Jinja');
  const expression = firstTag(text, '{{', '}}', (tag) => {
    const m = JINJA_EXPRESSION.exec(tag);
    return m !== null && !GO_WORDS.has(m[1]!) && jinjaTag(tag);
  });
  if (expression) consider(expression.index, expression.tag, 'Jinja');
  const erb = firstTag(text, '<%', '%>', (tag) => ERB_TAG.test(tag));
  if (erb) consider(erb.index, erb.tag, 'ERB');
  const go = firstTag(text, '{{', '}}', (tag, at) => GO_ACTION.test(tag) && jinjaTag(tag) && !commentOrCommand(text, at));
  if (go) consider(go.index, go.tag, 'Go template');
  if (!first) return undefined;
  const named = TEMPLATE_EXTENSIONS.find(([re]) => re.test(path))?.[1];
  // Puppet's EPP writes its tags as ERB does: the extension tells them apart.
  const engine = first.engine === 'ERB' && named === 'EPP' ? 'EPP' : first.engine;
  return { engine, offset: first.index, tag: bytes.subarray(first.index, first.index + first.tag.length).toString('utf8'), length: first.tag.length };
}
