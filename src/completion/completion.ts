/** Shell completion scripts for bash, zsh and fish, generated from the command tree. */

import { CANONICAL_LOCATIONS } from '../wazuh/location.ts';

export interface CompletionCommand {
  name: string;
  description: string;
  options: string[];
  subcommands: CompletionCommand[];
}

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: Shell[] = ['bash', 'zsh', 'fish'];

/** Values some options take, completed as words. */
const OPTION_VALUES: Record<string, string[]> = {
  '--format': ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit', 'text'],
  '--location': [...CANONICAL_LOCATIONS],
  '--key': ['srcip', 'user', 'none'],
};

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

function renderBash(root: CompletionCommand): string {
  const cases = root.subcommands
    .map((c) => {
      const subs = c.subcommands.map((s) => s.name);
      const opts = [...c.options, ...c.subcommands.flatMap((s) => s.options)];
      return `    ${c.name}) words="${[...subs, ...new Set(opts)].join(' ')}" ;;`;
    })
    .join('\n');
  const valueCases = Object.entries(OPTION_VALUES)
    .map(([opt, values]) => `    ${opt}) COMPREPLY=( $(compgen -W "${values.join(' ')}" -- "$cur") ); return 0 ;;`)
    .join('\n');
  return `# bash completion for ${root.name}: eval "$(${root.name} completion bash)" in ~/.bashrc
_${root.name}_complete() {
  local cur prev cmd words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${valueCases}
  esac
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${[...root.subcommands.map((c) => c.name), ...root.options].join(' ')}" -- "$cur") )
    return 0
  fi
  case "$cmd" in
${cases}
    *) words="" ;;
  esac
  if [[ "$cur" == -* ]] || [ -n "$words" ]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  fi
  [ \${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=( $(compgen -f -- "$cur") )
  return 0
}
complete -o filenames -F _${root.name}_complete ${root.name}
`;
}

function fishEscape(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function renderFish(root: CompletionCommand): string {
  const lines = [`# fish completion for ${root.name}: ${root.name} completion fish > ~/.config/fish/completions/${root.name}.fish`];
  const top = root.subcommands.map((c) => c.name).join(' ');
  lines.push(`complete -c ${root.name} -f -n "not __fish_seen_subcommand_from ${top}" -a "${top}"`);
  for (const c of root.subcommands) {
    lines.push(`complete -c ${root.name} -n "__fish_use_subcommand" -a ${c.name} -d ${fishEscape(c.description)}`);
    for (const s of c.subcommands) {
      lines.push(`complete -c ${root.name} -f -n "__fish_seen_subcommand_from ${c.name}" -a ${s.name} -d ${fishEscape(s.description)}`);
    }
    for (const opt of new Set([...c.options, ...c.subcommands.flatMap((s) => s.options)])) {
      if (!opt.startsWith('--')) continue;
      const values = OPTION_VALUES[opt];
      lines.push(
        `complete -c ${root.name} -n "__fish_seen_subcommand_from ${c.name}" -l ${opt.slice(2)}${values ? ` -x -a "${values.join(' ')}"` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
