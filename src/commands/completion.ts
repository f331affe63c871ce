// `spex completion bash|zsh|fish`: a completion script for the shell, made from the same tables the
// parser uses (commands, their flags, the common flags, the TUI's flags), with the values that are a
// closed set: --region (the Connect regions) and --output. Pure text; nothing is read from AWS.
import { CONNECT_REGIONS } from '../domain/service/regions.js';
import { UsageError } from '../io.js';

export interface CompletionTable {
  /** Each command's own flags (without `--`). */
  commands: Readonly<Record<string, readonly string[]>>;
  /** Flags every command takes. */
  common: readonly string[];
  /** Flags of the TUI (no command). */
  tui: readonly string[];
  /** Flags that take a value (the next word is never a command). */
  valueFlags: readonly string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
const OUTPUTS = ['table', 'json', 'yaml', 'csv'];
/** Flags whose value is a file name. */
const FILE_FLAGS = ['from-file', 'demo-state'];
/** Commands that are not in the table of headless commands but are still typed after `spex`. */
const EXTRA_COMMANDS = ['emulator', 'help'];

const regions = (): string => CONNECT_REGIONS.map((r) => r.code).join(' ');
const dashed = (flags: readonly string[]): string => flags.map((f) => `--${f}`).join(' ');

function bash(t: CompletionTable): string {
  const names = [...Object.keys(t.commands), ...EXTRA_COMMANDS];
  const cases = Object.entries(t.commands)
    .filter(([name]) => name !== 'completion')
    .map(([name, own]) => `    ${name}) flags="${dashed([...own, ...t.common, 'help'])}" ;;`)
    .join('\n');
  return `# spex completion for bash. Install: spex completion bash > ~/.local/share/bash-completion/completions/spex
# (or add  source <(spex completion bash)  to ~/.bashrc).
_spex() {
  local cur prev cmd i flags
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    --region) COMPREPLY=($(compgen -W "${regions()}" -- "$cur")); return ;;
    --output) COMPREPLY=($(compgen -W "${OUTPUTS.join(' ')}" -- "$cur")); return ;;
    ${FILE_FLAGS.map((f) => `--${f}`).join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${dashed(t.valueFlags.filter((f) => !['region', 'output', ...FILE_FLAGS].includes(f))).replace(/ /g, '|')}) COMPREPLY=(); return ;;
  esac
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${dashed(t.valueFlags).replace(/ /g, '|')}) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd" in
${cases}
    completion) COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur")); return ;;
    emulator|help) COMPREPLY=(); return ;;
    "")
      if [[ "$cur" != -* ]]; then COMPREPLY=($(compgen -W "${names.join(' ')}" -- "$cur")); return; fi
      flags="${dashed([...t.tui, 'help', 'version'])}" ;;
    *) flags="" ;;
  esac
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -F _spex spex
`;
}

function zsh(t: CompletionTable): string {
  // zsh runs bash completion functions through bashcompinit: one script to keep true, not two.
  return `#compdef spex
# spex completion for zsh. Install: spex completion zsh > "\${fpath[1]}/_spex"
# (or add  source <(spex completion zsh)  to ~/.zshrc, after compinit).
autoload -U +X bashcompinit && bashcompinit
${bash(t).split('\n').slice(2).join('\n')}`;
}

function fish(t: CompletionTable): string {
  const lines = [
    '# spex completion for fish. Install: spex completion fish > ~/.config/fish/completions/spex.fish',
    'complete -c spex -f',
  ];
  const names = [...Object.keys(t.commands), ...EXTRA_COMMANDS];
  lines.push(`complete -c spex -n '__fish_use_subcommand' -a '${names.join(' ')}'`);
  const value = (flag: string): string => {
    if (flag === 'region') return ` -x -a '${regions()}'`;
    if (flag === 'output') return ` -x -a '${OUTPUTS.join(' ')}'`;
    if (FILE_FLAGS.includes(flag)) return ' -r -F';
    return t.valueFlags.includes(flag) ? ' -x' : '';
  };
  for (const flag of t.tui) lines.push(`complete -c spex -n '__fish_use_subcommand' -l ${flag}${value(flag)}`);
  for (const [name, own] of Object.entries(t.commands)) {
    if (name === 'completion') continue;
    for (const flag of [...own, ...t.common]) lines.push(`complete -c spex -n '__fish_seen_subcommand_from ${name}' -l ${flag}${value(flag)}`);
  }
  lines.push(`complete -c spex -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`);
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: string, table: CompletionTable): string {
  switch (shell) {
    case 'bash':
      return bash(table);
    case 'zsh':
      return zsh(table);
    case 'fish':
      return fish(table);
    default:
      throw new UsageError(`completion takes one of ${SHELLS.join(', ')} (got '${shell}')`);
  }
}
