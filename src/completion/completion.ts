/**
 * Shell completion scripts for bash, zsh and fish, rendered from a model of the command tree that
 * src/commands/completion-model.ts derives from the registered commands: every command path, its own flags
 * (`arctl add active-response --<TAB>` lists that kind's flags only) and what each value may be.
 */

/** What a flag's value or a command's argument completes to. */
export type ValueSource =
  /** These words and nothing else (the choices the command accepts). */
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'files' }
  | { kind: 'dirs' }
  /** A value of the user's own (a number, a name): nothing to offer. */
  | { kind: 'none' }
  /** `RULE-ID=SEVERITY`: the rule ids, then the severities after `=`. */
  | { kind: 'rule-setting'; ids: readonly string[]; severities: readonly string[] }
  /** Asked of arctl at completion time, about the file of the command's `--file` (or its default). */
  | { kind: 'from-file'; list: string; defaultFile: string };

export interface CompletionOption {
  long?: string;
  short?: string;
  description: string;
  /** Absent: a switch without a value. */
  value?: ValueSource;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  subcommands: CompletionCommand[];
  /** What the positional arguments complete to (absent: nothing). */
  args?: ValueSource;
}

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: Shell[] = ['bash', 'zsh', 'fish'];

/** A command with its path from the root (`add/active-response`; the root is ``). */
interface PathedCommand {
  path: string;
  command: CompletionCommand;
}

function commandPaths(root: CompletionCommand): PathedCommand[] {
  const out: PathedCommand[] = [];
  const walk = (command: CompletionCommand, path: string) => {
    out.push({ path, command });
    for (const sub of command.subcommands) walk(sub, path === '' ? sub.name : `${path}/${sub.name}`);
  };
  walk(root, '');
  return out;
}

function optionNames(option: CompletionOption): string[] {
  return [option.long, option.short].filter((x): x is string => Boolean(x));
}

export function renderCompletion(shell: Shell, root: CompletionCommand): string {
  switch (shell) {
    case 'bash':
      return renderBash(root);
    case 'zsh':
      return `#compdef ${root.name}\n# zsh completion for ${root.name}: eval "$(${root.name} completion zsh)" or save as _${root.name} in your $fpath\nautoload -U +X bashcompinit && bashcompinit\n${renderBash(root)}`;
    case 'fish':
      return renderFish(root);
  }
}

/** Words for a shell's double-quoted string: completion words never hold quotes, `$` or backslashes. */
function wordList(words: readonly string[]): string {
  return words.filter((w) => /^[\w.,:@%+/=-]+$/.test(w)).join(' ');
}

function bashValue(source: ValueSource, prog: string): string {
  switch (source.kind) {
    case 'words':
      return `COMPREPLY=( $(compgen -W "${wordList(source.words)}" -- "$cur") )`;
    case 'files':
      return 'COMPREPLY=( $(compgen -f -- "$cur") )';
    case 'dirs':
      return 'COMPREPLY=( $(compgen -d -- "$cur") )';
    case 'none':
      return 'COMPREPLY=()';
    case 'rule-setting':
      return `compopt -o nospace 2>/dev/null; COMPREPLY=( $(compgen -W "${wordList(source.ids.map((id) => `${id}=`))}" -- "$cur") )`;
    case 'from-file':
      return `COMPREPLY=( $(compgen -W "$("${prog}" completion --list ${source.list} --file "\${file:-${source.defaultFile}}" 2>/dev/null)" -- "$cur") )`;
  }
}

function renderBash(root: CompletionCommand): string {
  const fn = `_${root.name.replace(/\W/g, '_')}_complete`;
  const paths = commandPaths(root);
  const pathCases = paths
    .filter((p) => p.path !== '')
    .map((p) => `      "${p.path.includes('/') ? p.path.slice(0, p.path.lastIndexOf('/')) : ''}>${p.command.name}") path="${p.path}" ;;`)
    .join('\n');
  const valueCases: string[] = [];
  const severityCases: string[] = [];
  for (const { path, command } of paths) {
    for (const option of command.options) {
      if (!option.value) continue;
      const pattern = optionNames(option).map((n) => `"${path}>${n}"`).join('|');
      valueCases.push(`    ${pattern}) ${bashValue(option.value, '${COMP_WORDS[0]}')}; return 0 ;;`);
      if (option.value.kind === 'rule-setting') {
        severityCases.push(`    ${optionNames(option).map((n) => `"${path}>${n}"`).join('|')}) COMPREPLY=( $(compgen -W "${wordList(option.value.severities)}" -- "$cur") ); return 0 ;;`);
      }
    }
  }
  const flagCases = paths.map(({ path, command }) => `    "${path}") COMPREPLY=( $(compgen -W "${wordList([...command.options.flatMap(optionNames)])}" -- "$cur") ) ;;`).join('\n');
  const wordCases = paths
    .map(({ path, command }) => {
      const action = command.subcommands.length > 0 ? `COMPREPLY=( $(compgen -W "${wordList(command.subcommands.map((s) => s.name))}" -- "$cur") )` : command.args ? bashValue(command.args, '${COMP_WORDS[0]}') : 'COMPREPLY=()';
      return `    "${path}") ${action} ;;`;
    })
    .join('\n');
  return `# bash completion for ${root.name}: eval "$(${root.name} completion bash)" in ~/.bashrc
${fn}() {
  local cur prev path file i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  path=""
  file=""
  # The command path (add/active-response) and the file given with --file, from the words before the cursor.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$path>$w" in
${pathCases}
    esac
    [ "$w" = "--file" ] && file="\${COMP_WORDS[i+1]}"
  done
  # --rule ID=SEVERITY: bash splits the word at '=', so the severity follows a word '='.
  if [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 3 ]; then
    case "$path>\${COMP_WORDS[COMP_CWORD-3]}" in
${severityCases.join('\n')}
    esac
  fi
  case "$path>$prev" in
${valueCases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    case "$path" in
${flagCases}
    esac
    return 0
  fi
  case "$path" in
${wordCases}
  esac
  return 0
}
complete -o filenames -F ${fn} ${root.name}
`;
}

function fishQuote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishValue(source: ValueSource, prog: string): string {
  switch (source.kind) {
    case 'words':
      return `-x -a ${fishQuote(wordList(source.words))}`;
    case 'files':
      return '-r -F';
    case 'dirs':
      return "-x -a '(__fish_complete_directories)'";
    case 'none':
      return '-x';
    case 'rule-setting':
      return `-x -a ${fishQuote(source.ids.flatMap((id) => source.severities.map((s) => `${id}=${s}`)).join(' '))}`;
    case 'from-file':
      return `-x -a ${fishQuote(`(${prog} completion --list ${source.list} --file (__${prog}_file ${source.defaultFile}))`)}`;
  }
}

function renderFish(root: CompletionCommand): string {
  const prog = root.name;
  const paths = commandPaths(root);
  const lines = [
    `# fish completion for ${prog}: ${prog} completion fish > ~/.config/fish/completions/${prog}.fish`,
    `function __${prog}_path`,
    "  set -l path ''",
    '  for w in (commandline -opc)[2..-1]',
    '    switch "$path>$w"',
    ...paths
      .filter((p) => p.path !== '')
      .flatMap((p) => [`      case ${fishQuote(`${p.path.includes('/') ? p.path.slice(0, p.path.lastIndexOf('/')) : ''}>${p.command.name}`)}`, `        set path ${p.path}`]),
    '    end',
    '  end',
    '  echo $path',
    'end',
    `function __${prog}_at`,
    `  test (__${prog}_path) = "$argv[1]"`,
    'end',
    `function __${prog}_file`,
    '  set -l words (commandline -opc)',
    '  for i in (seq (count $words))',
    '    if test "$words[$i]" = --file; and set -q words[(math $i + 1)]',
    '      echo $words[(math $i + 1)]',
    '      return',
    '    end',
    '  end',
    '  echo $argv[1]',
    'end',
  ];
  for (const { path, command } of paths) {
    const at = `-n "__${prog}_at '${path}'"`;
    for (const sub of command.subcommands) lines.push(`complete -c ${prog} -f ${at} -a ${sub.name} -d ${fishQuote(sub.description)}`);
    if (command.subcommands.length === 0) {
      if (!command.args || command.args.kind === 'none') lines.push(`complete -c ${prog} -f ${at}`);
      else if (command.args.kind !== 'files') lines.push(`complete -c ${prog} ${at} ${fishValue(command.args, prog)}`);
    } else {
      lines.push(`complete -c ${prog} -f ${at}`);
    }
    for (const option of command.options) {
      const names = [option.long ? `-l ${option.long.slice(2)}` : '', option.short ? `-s ${option.short.slice(1)}` : ''].filter(Boolean).join(' ');
      lines.push(`complete -c ${prog} ${at} ${names}${option.value ? ` ${fishValue(option.value, prog)}` : ''} -d ${fishQuote(option.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Every value a model offers as a fixed word, per command path and flag (for tests: each must be accepted). */
export function offeredWords(root: CompletionCommand): { path: string; option?: string; words: readonly string[] }[] {
  const out: { path: string; option?: string; words: readonly string[] }[] = [];
  for (const { path, command } of commandPaths(root)) {
    for (const option of command.options) {
      const value = option.value;
      const name = option.long ?? option.short;
      if (value?.kind === 'words') out.push({ path, option: name, words: value.words });
      if (value?.kind === 'rule-setting') out.push({ path, option: name, words: value.ids.flatMap((id) => value.severities.map((s) => `${id}=${s}`)) });
    }
    if (command.args?.kind === 'words') out.push({ path, words: command.args.words });
  }
  return out;
}
