/**
 * Plans an `arctl add`: from the file's bytes and the requested block to the new bytes, or a reason
 * to write nothing. Pure: no I/O. Refusals are CheckFailedError (exit 1) / InputError (exit 2).
 */
import { crLinesAsLf, lfLinesAsCr } from '../document/cr-lines.ts';
import { ConfigDocument } from '../document/document.ts';
import { applyEdits } from '../document/edit.ts';
import { buildConfigView, type ConfigView } from '../document/views.ts';
import { formatMessage } from '../lint/engine.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import { lintGate, type GateResult, type GateSettings } from './gate.ts';
import { addKind, type BlockSpec, type CommandSpec } from './kinds/index.ts';
import type { EditStep } from './kinds/kind.ts';
import { ossecRoots } from './placement.ts';

export interface AddRequest {
  /** As shown in messages. */
  path: string;
  /** The file's bytes, or null to start a new file. */
  bytes: Buffer | null;
  spec: BlockSpec;
  /** What `arctl lint` would be given (target, rule severities, arch, ruleset, agents...): the gate lints with it. */
  gate: GateSettings;
  /** Replace a command of the same name that has other content. */
  replace?: boolean;
  /** Added before the response when the file does not define its command yet (recipes). */
  missingCommand?: CommandSpec;
  /**
   * A file with text but no `<ossec_config>` root (a copy of /etc/passwd, a shell script) gets a root
   * appended only when this is set (`--create`); otherwise it is refused as not a configuration.
   */
  rootIntoText?: boolean;
}

export type AddPlan =
  | { changed: false; message: string }
  | {
      changed: true;
      before: Buffer;
      after: Buffer;
      /** The inserted text as it will appear (for previews). */
      inserted: string;
      /** One line per block added or replaced, with its line in the new file. */
      summary: string[];
      /** The lint gate's verdict (no new errors, or the plan would have been refused). */
      gate: GateResult;
    };

/** The change would bring lint errors: nothing may be written. `gate` holds the findings to show. */
export class LintGateRefusal extends CheckFailedError {
  constructor(
    /** One line: what was refused and why. */
    readonly summary: string,
    readonly gate: GateResult,
  ) {
    super(`${summary}\n${gate.newErrors.map((d) => `  ${gate.after.lineOf(d.range.start)}:${gate.after.position(d.range.start).column}  ${formatMessage(d)}  (${d.ruleId})`).join('\n')}`);
  }
}

const NEW_FILE_ROOT = '<ossec_config>\n</ossec_config>\n';

export function planAdd(request: AddRequest): AddPlan {
  // A file with CR line ends only is laid out as an editor shows it (src/document/cr-lines.ts).
  const lf = request.bytes && crLinesAsLf(request.bytes);
  if (!lf) return planAddOf(request);
  const plan = planAddOf({ ...request, bytes: lf });
  return plan.changed ? { ...plan, before: request.bytes!, after: lfLinesAsCr(plan.after) } : plan;
}

function planAddOf(request: AddRequest): AddPlan {
  const original = request.bytes ?? Buffer.alloc(0);
  const base = baseWithRoot(request.path, original, request.bytes === null, Boolean(request.rootIntoText));
  const doc = new ConfigDocument(request.path, base);
  const config = buildConfigView(doc);
  const unit = doc.indentUnit();
  const step = planStep(request, doc, config, unit);
  if ('unchanged' in step) return { changed: false, message: step.unchanged };
  const after = applyEdits(base, [step.edit]);
  const gate = lintGate(request.path, base, after, request.gate);
  if (gate.newErrors.length > 0) {
    const n = gate.newErrors.length;
    throw new LintGateRefusal(`${request.path}: refusing to write: the change would add ${n} lint error${n === 1 ? '' : 's'}${alreadyThere(gate)}; nothing written`, gate);
  }
  const afterDoc = gate.after;
  const line = afterDoc.lineOf(step.edit.start + (step.edit.blockOffset ?? leadingBreaks(step.edit.text)));
  return {
    changed: true,
    before: original,
    after,
    inserted: step.edit.text.replace(/^(\r*\n)+|(\r*\n)+$/g, ''),
    summary: step.summary.map((s) => `${s} at line ${line}`),
    gate,
  };
}

/** ' (3 findings were already in the file)', or nothing. */
export function alreadyThere(gate: GateResult): string {
  const n = gate.preexisting.length;
  return n === 0 ? '' : ` (${n} finding${n === 1 ? ' was' : 's were'} already in the file)`;
}

/** The bytes to edit: the file itself, or with an `<ossec_config>` root when it has none yet. */
function baseWithRoot(path: string, bytes: Buffer, creating: boolean, rootIntoText: boolean): Buffer {
  if (creating) return Buffer.from(NEW_FILE_ROOT);
  const doc = new ConfigDocument(path, bytes);
  if (doc.parseError) {
    const at = doc.position(doc.parseError.offset);
    throw new CheckFailedError(`${path}:${at.line}:${at.column}: Wazuh cannot read this file: ${doc.parseError.message} (fix it first; arctl lint shows the problem); nothing written`);
  }
  if (ossecRoots(doc).length > 0) return bytes;
  if (doc.roots.length > 0) {
    const names = [...new Set(doc.roots.map((r) => `<${r.name}>`))].join(', ');
    const hint = doc.roots.some((r) => r.name === 'wazuh_config') ? ' (a Wazuh 5.x file, not supported yet)' : '';
    throw new InputError(`${path}: no <ossec_config> root to add to: the file holds ${names}${hint}; nothing written`);
  }
  if (!rootIntoText && hasTextBesidesMarkup(bytes)) {
    throw new InputError(`${path}: not an ossec.conf: it has text but no <ossec_config> root (give --create to add a root to it anyway); nothing written`);
  }
  // Empty (a byte-order mark at most), or only comments and blank text: append a root, keeping the
  // file's line endings.
  const eol = doc.eol;
  const sep = bytes.length === (doc.hasBom ? 3 : 0) || bytes[bytes.length - 1] === 0x0a ? '' : eol;
  return Buffer.concat([bytes, Buffer.from(`${sep}<ossec_config>${eol}</ossec_config>${eol}`)]);
}

/** Whether a file without elements holds anything but a byte-order mark, blanks, comments and an XML declaration. */
function hasTextBesidesMarkup(bytes: Buffer): boolean {
  const text = bytes.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  return /\S/.test(text.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, ''));
}

function planStep(request: AddRequest, doc: ConfigDocument, config: ConfigView, unit: string): EditStep {
  const kind = addKind(request.spec.kind)!;
  return kind.plan(request.spec, {
    path: request.path,
    doc,
    config,
    unit,
    target: request.gate.target,
    ...(request.replace ? { replace: true } : {}),
    ...(request.missingCommand ? { missingCommand: request.missingCommand } : {}),
  });
}

function leadingBreaks(text: string): number {
  return /^(\r*\n)*/.exec(text)![0].length;
}
