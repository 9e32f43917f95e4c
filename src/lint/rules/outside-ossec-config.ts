import type { ConfigDocument } from '../../document/document.ts';
import type { TextEdit } from '../../document/edit.ts';
import type { XmlElement } from '../../document/types.ts';
import { defineRule } from '../types.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { isNestedBlock, refusedByParent, ROOT_BLOCKS } from '../support/blocks.ts';
import { refuseSharedFile } from '../../wazuh/shared-conf.ts';

export default defineRule({
  id: 'outside-ossec-config',
  fixable: true,
  needs: [],
  summary: 'Configuration blocks must sit directly inside <ossec_config> (or <agent_config> in agent.conf)',
  docs: {
    what:
      'A top-level element other than the file\'s root (<ossec_config>; <agent_config> in a shared agent.conf), a <command>, <active-response>, <global> or <email_alerts> block nested somewhere else (where the enclosing block stops at its name with (1230), as <global> does for an <active-response>, that refusal is reported here once, not also as an unknown option), and stray text outside the root elements. A file with no root at all gets one finding, at its first element, with the count of elements Wazuh reads none of: Wazuh stops at the first and one wrap mends them all.',
    why:
      'ReadConfig (src/config/config.c) accepts only <ossec_config> at the top level (only <agent_config> in agent.conf); anything else stops the daemon with "(1230): Invalid element in the configuration". A top-level <var> is the exception: os_xml keeps it as a variable and the reader skips it, but variables are substituted only in rules and decoders files, so in ossec.conf it does nothing (a warning). Blocks nested in another section are never read as blocks. Text after </ossec_config> is silently ignored (wazuh/wazuh#19390), which hides paste mistakes; in a YAML file that holds the configuration as a block scalar (a Kubernetes ConfigMap\'s `ossec.conf: |`, Helm values) the YAML around it is no mistake: one info says so instead. A file with no element at all (empty, comments only, YAML, JSON without \'<\') is accepted: ReadConfig returns 0 when it finds no node, so Wazuh starts with none of the settings the file was meant to hold (a warning); one Wazuh\'s XML reader refuses is an error.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
</ossec_config> <!-- Wazuh does not read what follows -->
<active-response>
  <command>firewall-drop</command>
  <location>local</location>
  <rules_id>5712</rules_id>
  <timeout>600</timeout>
</active-response>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'Moves a block that follows a root element into that root (just before its end tag), keeping the block\'s order.',
  },
  messages: {
    noRoot:
      { severity: 'error', text: "This file has no <{{root}}> root element: Wazuh reads only <{{root}}> at the top level and refuses '<{{name}}>' with (1230): Invalid element in the configuration: '{{name}}'{{unread}}. Wrap the configuration in <{{root}}>...</{{root}}>." },
    topLevel:
      { severity: 'error', text: "'<{{name}}>' is outside <{{root}}>: Wazuh refuses any other top-level element with (1230): Invalid element in the configuration: '{{name}}'. Move it inside <{{root}}>." },
    otherRoot: {
      severity: 'error',
      text: "'<{{name}}>' is the root of {{home}}, not of this file: Wazuh refuses it here with (1230): Invalid element in the configuration: '{{name}}'. Moving it inside <{{root}}> is refused too: move its sections into <{{root}}>{{elsewhere}}.",
    },
    // In a group's agent.conf nothing stops: the agents refuse the new file (src/wazuh/shared-conf.ts).
    noRootShared:
      { severity: 'error', text: `This shared file has no <{{root}}> root element: agents read only <{{root}}> at its top level and ${refuseSharedFile("(1230): Invalid element in the configuration: '{{name}}'")}{{unread}}. Wrap the configuration in <{{root}}>...</{{root}}>.` },
    topLevelShared:
      { severity: 'error', text: `'<{{name}}>' is outside <{{root}}>: agents read no other top-level element and ${refuseSharedFile("(1230): Invalid element in the configuration: '{{name}}'")}. Move it inside <{{root}}>.` },
    otherRootShared: {
      severity: 'error',
      text: `'<{{name}}>' is the root of {{home}}, not of this file: agents ${refuseSharedFile("(1230): Invalid element in the configuration: '{{name}}'")}. Moving it inside <{{root}}> is refused too: move its sections into <{{root}}>{{elsewhere}}.`,
    },
    nested: { severity: 'error', text: "'<{{name}}>' is nested inside '<{{parent}}>': Wazuh reads it only as a direct child of <{{root}}>." },
    nestedRefused: {
      severity: 'error',
      text: "'<{{name}}>' is nested inside '<{{parent}}>', which has no such option: Wazuh stops with (1230): Invalid element in the configuration: '{{name}}'. Move it out of <{{parent}}>, directly into <{{root}}>.",
    },
    variable: {
      severity: 'warning',
      text: "'<{{name}}>' outside <{{root}}> is a variable, which Wazuh's configuration reader skips: it substitutes $names only in rules and decoders files, never in this file, so this <{{name}}> does nothing.",
    },
    strayText: { severity: 'warning', text: 'Text outside the root elements is ignored by Wazuh: \'{{text}}\'. Remove it (a paste or templating leftover?).' },
    yamlWrapper: {
      severity: 'info',
      text: "This file is YAML (a Kubernetes ConfigMap, Helm values or a compose file?) whose '{{key}}' holds the configuration as text: Wazuh reads the file that text is written to, not this one. arctl checked the configuration inside ({{roots}}) and left the YAML around it out.",
    },
    ...schemaMessages('outside-ossec-config'),
  },
  // 1230 for an element outside every section: a root other than <ossec_config>, or text around it.
  ownsRefusal({ message, doc }) {
    if (message.code !== 1230 || !message.element) return undefined;
    // A block written inside a section that stops at its name: one cause, this rule's.
    const el = message.element;
    if (el.parent) return isNestedBlock(el, 'ossec_config') && refusedByParent(el) ? { hint: ` Move it out of <${el.parent.name}>, directly into <ossec_config>.` } : undefined;
    const hasRoot = doc.roots.some((r) => r.name === 'ossec_config');
    if (message.element.name === 'agent_config') return { hint: ` ${OTHER_ROOT.agent_config.hint}` };
    return { hint: hasRoot ? ' Move it inside <ossec_config>.' : ` This file has no <ossec_config> root element${unreadText(doc, 'ossec_config')}: wrap the configuration in <ossec_config>...</ossec_config>.` };
  },

  check(ctx) {
    const shared = ctx.role === 'agent.conf';
    const root = shared ? 'agent_config' : 'ossec_config';
    const roots = ctx.doc.roots;
    const hasRoot = roots.some((r) => r.name === root);
    let reportedNoRoot = false;
    // The schema pass's finding on each other top-level element of a root-less file: the file's one finding says it.
    const leaves = (finding: { messageId: string }) => reportedNoRoot && finding.messageId === 'schema-root';
    checkWithSchema(ctx, (ctx) => {
      roots.forEach((el, i) => {
        if (el.name === root) return;
        // os_xml keeps a <var> (any case) as a variable, which OS_GetElementsbyNode skips: not refused.
        if (el.isVariable) {
          ctx.report({ messageId: 'variable', data: { root, name: el.name }, range: el.openTag });
          return;
        }
        // The other file's root, with or without this file's: wrapping it in this root would be refused too.
        const other = OTHER_ROOT[el.name as keyof typeof OTHER_ROOT];
        if (other && other.root !== root) {
          ctx.report({ messageId: shared ? 'otherRootShared' : 'otherRoot', data: { name: el.name, root, home: other.home, elsewhere: other.elsewhere }, range: el.openTag });
          return;
        }
        // No root at all: one finding for the file at its first element, as Wazuh stops there and one wrap mends every one.
        if (!hasRoot) {
          if (!reportedNoRoot) ctx.report({ messageId: shared ? 'noRootShared' : 'noRoot', data: { root, name: el.name, unread: unreadText(ctx.doc, root) }, range: el.openTag });
          reportedNoRoot = true;
          return;
        }
        const fix = ROOT_BLOCKS.has(el.name) ? moveIntoPrecedingRoot(ctx.doc, roots, i, root) : undefined;
        ctx.report({ messageId: shared ? 'topLevelShared' : 'topLevel', data: { root, name: el.name }, range: el.openTag, ...(fix ? { fix } : {}) });
      });
      for (const el of ctx.doc.elements()) {
        if (!isNestedBlock(el, root)) continue;
        const refused = ctx.role === 'ossec.conf' && refusedByParent(el);
        ctx.report({ messageId: refused ? 'nestedRefused' : 'nested', data: { name: el.name, parent: el.parent!.name, root }, range: el.openTag });
      }
      const stray = ctx.doc.strayText();
      const key = yamlBlockKey(ctx.doc, stray);
      if (key !== undefined) {
        // YAML around the configuration (a ConfigMap's data key, a values file's block scalar): its text is no leftover.
        const n = ctx.doc.roots.filter((el) => !el.isVariable).length;
        ctx.report({ messageId: 'yamlWrapper', data: { key, roots: n === 1 ? `<${ctx.doc.roots.find((el) => !el.isVariable)!.name}>` : `${n} root elements` }, range: stray[0]! });
        return;
      }
      for (const range of stray) {
        const text = ctx.doc.text(range);
        const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
        ctx.report({ messageId: 'strayText', data: { text: shown.replace(/\s+/g, ' ') }, range });
      }
    }, { leaves });
  },
});

/**
 * `, so none of its 4 top-level elements is read` for a file with no `<root>`: the top-level elements wrapping the
 * file in `<root>` would make readable (neither a variable nor the other file's root); empty for one.
 */
function unreadText(doc: ConfigDocument, root: string): string {
  const n = doc.roots.filter((el) => !el.isVariable && !(el.name in OTHER_ROOT && el.name !== root)).length;
  return n > 1 ? `, so none of its ${n} top-level elements is read` : '';
}

/**
 * The two roots Wazuh reads, each in its own file: a section nested in the other root is an unknown section
 * (read_main_elements), so "move it inside" would be refused as well (src/config/config.c ReadConfig).
 */
const OTHER_ROOT = {
  agent_config: {
    root: 'agent_config',
    home: "a shared agent.conf (etc/shared/<group>/agent.conf)",
    elsewhere: ", or this block into the group's agent.conf",
    hint: "Move its sections into <ossec_config>, or the block into the group's agent.conf: <agent_config> is the root of a shared agent.conf (etc/shared/<group>/agent.conf).",
  },
  ossec_config: { root: 'ossec_config', home: "a node's own ossec.conf", elsewhere: '', hint: '' },
} as const;

/**
 * Moves top-level block `roots[index]` into the root element right before it, as its last child.
 * Only when nothing but whitespace and comments separates them, so the file order of blocks is kept.
 */
function moveIntoPrecedingRoot(doc: ConfigDocument, roots: readonly XmlElement[], index: number, rootName: string): TextEdit | undefined {
  const prev = roots[index - 1];
  const block = roots[index];
  if (!prev || prev.name !== rootName || !prev.closeTag) return undefined;
  const closeIndent = doc.indentOf(prev.closeTag.start);
  if (closeIndent === null) return undefined;
  const gap = doc.bytes.subarray(prev.closeTag.end, block.range.start).toString('utf8');
  const blockText = doc.text(block.range);
  if (!Buffer.from(gap + blockText, 'utf8').equals(doc.bytes.subarray(prev.closeTag.end, block.range.end))) return undefined;
  const unit = doc.indentUnit();
  const blockIndent = doc.indentOf(block.range.start) ?? '';
  // Lines as editors show them, each keeping its own ending: a CRLF block in an LF file stays CRLF.
  const moved = blockText
    .split(/(\r\n|\r|\n)/)
    .map((piece, i) => {
      if (i % 2 === 1) return piece;
      if (i === 0) return unit + piece;
      const rest = piece.startsWith(blockIndent) ? piece.slice(blockIndent.length) : piece.trimStart();
      return rest.length > 0 ? closeIndent + unit + rest : rest;
    })
    .join('');
  const closeText = doc.text(prev.closeTag);
  // The moved block's last line ends as the closing tag's line did.
  return { start: prev.closeTag.start, end: block.range.end, text: `${moved}${doc.lineEnding(prev.closeTag.start)}${closeIndent}${closeText}${gap.trimEnd()}` };
}

/** A YAML mapping key that opens a block scalar (`ossec.conf: |-`, `config: >`), the line before an embedded file. */
const YAML_BLOCK_KEY = /^[ \t]*(?:-[ \t]+)?(["']?)([^\s:#"'][^:#"']*)\1:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * The YAML key whose block scalar holds the configuration, when the text before the first root element ends with
 * one (a Kubernetes ConfigMap, Helm values, a compose file's `configs:` content): else undefined.
 */
function yamlBlockKey(doc: ConfigDocument, stray: readonly { start: number; end: number }[]): string | undefined {
  const first = doc.roots[0];
  if (!first) return undefined;
  const before = stray.filter((r) => r.end <= first.openTag.start);
  const last = before[before.length - 1];
  if (!last) return undefined;
  const lines = doc.text(last).split(/\r?\n/);
  return YAML_BLOCK_KEY.exec(lines[lines.length - 1]!)?.[2]?.trim();
}
