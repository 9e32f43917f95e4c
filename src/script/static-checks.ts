/**
 * Checks of the program file itself, before it runs: what execvp() needs (executable bit, an
 * interpreter line the kernel can use), line endings, the owner and mode a Wazuh installation gives
 * its programs, and source patterns behind the known protocol failures.
 */
import type { Check } from './model.ts';

export interface ProgramFile {
  /** As given. */
  path: string;
  /** The start of the file (enough for the interpreter line and the source patterns). */
  head: Uint8Array;
  mode: number;
  uid: number;
  gid: number;
  /** Name of the group `gid`, when the system has one. */
  groupName?: string;
  /** The file is given where it will be installed (…/active-response/bin/NAME). */
  installed: boolean;
  /** Legacy (< 4.2) protocol: the program is expected to read arguments. */
  legacy: boolean;
}

export type ProgramKind = { kind: 'elf' } | { kind: 'script'; interpreter: string; language: 'shell' | 'python' | 'other' } | { kind: 'no-interpreter' };

export function programKind(head: Uint8Array): ProgramKind {
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return { kind: 'elf' };
  const text = Buffer.from(head).toString('latin1');
  if (!text.startsWith('#!')) return { kind: 'no-interpreter' };
  const first = text.slice(2, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')).trim();
  const words = first.split(/\s+/);
  const name = (words[0]?.endsWith('/env') ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0]) ?? '';
  const base = name.split('/').pop() ?? '';
  const language = /^(ba|da|k|z)?sh$/.test(base) ? 'shell' : /^python/.test(base) ? 'python' : 'other';
  return { kind: 'script', interpreter: first, language };
}

/** Source patterns, by language: [regular expression, what it means]. */
const READS_TO_EOF: Record<'shell' | 'python', RegExp> = {
  shell: /\$\(\s*cat\s*\)|(^|[;&(]\s*)cat\s*(-\s*)?(>|\||;|$)|while\s+(IFS=\S*\s+)?read\b/,
  python: /sys\.stdin\.read\(\s*\)|sys\.stdin\.readlines\(|json\.load\(\s*sys\.stdin|for\s+\w+\s+in\s+sys\.stdin/,
};

/** Where in the source a program reads stdin to the end, for the hang evidence. */
export function readsToEofHint(file: ProgramFile): string | undefined {
  const kind = programKind(file.head);
  if (kind.kind !== 'script' || kind.language === 'other') return undefined;
  const text = Buffer.from(file.head).toString('utf8');
  const lines = text.split('\n');
  const pattern = READS_TO_EOF[kind.language];
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*#/.test(lines[i]!)) continue;
    if (pattern.test(lines[i]!)) return `${file.path}:${i + 1}: ${lines[i]!.trim()}`;
  }
  return undefined;
}

export function staticChecks(file: ProgramFile): Check[] {
  const checks: Check[] = [];
  const kind = programKind(file.head);
  const text = Buffer.from(file.head).toString('latin1');
  const executable = (file.mode & 0o111) !== 0;
  checks.push({
    id: 'file-executable',
    title: 'the file is executable',
    status: executable ? 'pass' : 'fail',
    summary: executable ? `mode ${octal(file.mode)}` : `mode ${octal(file.mode)} has no execute bit: execd's execvp() fails with EACCES and nothing runs`,
    evidence: [],
    ...(executable ? {} : { fix: `chmod 750 ${file.path}` }),
  });

  if (kind.kind === 'no-interpreter') {
    checks.push({
      id: 'file-interpreter',
      title: 'a script names its interpreter (#!)',
      status: 'warn',
      summary: 'no #! line and not a compiled program: execvp() falls back to /bin/sh, which may not be the shell it was written for',
      evidence: [`${file.path}:1: ${text.split('\n')[0]!.slice(0, 80)}`],
      fix: 'start the script with #!/bin/bash (or the interpreter it needs)',
    });
  } else {
    checks.push({ id: 'file-interpreter', title: 'a script names its interpreter (#!)', status: 'pass', summary: kind.kind === 'elf' ? 'compiled program (ELF)' : `#!${kind.interpreter}`, evidence: [] });
  }

  if (kind.kind !== 'elf') checks.push(lineEndings(file, text, kind));

  if (file.installed) {
    const perm = file.mode & 0o7777;
    const ok = file.uid === 0 && file.groupName === 'wazuh' && perm === 0o750;
    checks.push({
      id: 'file-ownership',
      title: 'installed as root:wazuh, mode 0750',
      status: ok ? 'pass' : 'warn',
      summary: `owner uid ${file.uid}, group ${file.groupName ?? `gid ${file.gid}`}, mode ${octal(perm)}`,
      evidence: [],
      ...(ok ? {} : { fix: `chown root:wazuh ${file.path} && chmod 750 ${file.path} (what the installer gives the stock programs; others must not be able to change what execd runs as root)` }),
    });
  }

  if (kind.kind === 'script' && kind.language === 'shell') {
    const source = Buffer.from(file.head).toString('utf8').split('\n');
    const unsafeRead = source.findIndex((l) => !/^\s*#/.test(l) && /(^|[;&|(\s])read\b/.test(l) && !/\bread\b[^;|&]*\s-\w*r\b/.test(l));
    if (unsafeRead >= 0) {
      checks.push({
        id: 'source-read-r',
        title: 'shell `read` keeps backslashes (-r)',
        status: 'warn',
        summary: '`read` without -r turns the JSON\'s \\" and \\\\ escapes into different text (wazuh/wazuh#10245)',
        evidence: [`${file.path}:${unsafeRead + 1}: ${source[unsafeRead]!.trim()}`],
        fix: 'read -r INPUT_JSON',
      });
    }
    // Outside single quotes ('{print $1}' is awk's, not the script's).
    const positional = source.findIndex((l) => !/^\s*#/.test(l) && /\$\{?[1-8]\b/.test(l.replace(/'[^']*'/g, "''")));
    if (positional >= 0 && !file.legacy) {
      checks.push({
        id: 'source-arguments',
        title: 'reads the message from stdin, not from arguments',
        status: 'warn',
        summary: 'the script reads positional parameters ($1..$8): the pre-4.2 form; execd 4.2+ passes no arguments (wazuh/wazuh#26461)',
        evidence: [`${file.path}:${positional + 1}: ${source[positional]!.trim()}`],
        fix: 'read the JSON message from stdin (read -r INPUT_JSON) and take the action from .command and the data from .parameters.alert',
      });
    }
  }
  return checks;
}

function lineEndings(file: ProgramFile, text: string, kind: ProgramKind): Check {
  const firstEnd = text.indexOf('\n');
  const crlfLines = text.split('\n').filter((l) => l.endsWith('\r')).length;
  if (firstEnd > 0 && text[firstEnd - 1] === '\r' && kind.kind === 'script') {
    return {
      id: 'file-line-endings',
      title: 'Unix line endings',
      status: 'fail',
      summary: `the #! line ends in CR LF: the kernel looks for an interpreter named '${kind.interpreter.split(/\s+/)[0]}\\r', which does not exist, and execd logs nothing`,
      evidence: [`${file.path}:1: #!${kind.interpreter}\\r`],
      fix: `sed -i 's/\\r$//' ${file.path} (or dos2unix)`,
    };
  }
  if (crlfLines === 0) return { id: 'file-line-endings', title: 'Unix line endings', status: 'pass', summary: 'LF', evidence: [] };
  const shell = kind.kind !== 'script' || kind.language === 'shell';
  return {
    id: 'file-line-endings',
    title: 'Unix line endings',
    status: shell ? 'fail' : 'warn',
    summary: `${crlfLines} line(s) end in CR LF${shell ? ': the shell reads the CR as part of each command and word' : ''}`,
    evidence: [],
    fix: `sed -i 's/\\r$//' ${file.path} (or dos2unix)`,
  };
}

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8)}`;
}
