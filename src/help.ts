// The text of `spex --help` and `spex <command> --help`, made from cli-spec.ts's tables: every
// command and flag shown is one the parsers take.
import { COMMANDS, COMMON_FLAGS, FLAGS, type FlagName, type FlagSpec, OTHER_COMMANDS, TUI_FLAGS, type CommandSpec } from './cli-spec.js';
import type { CommandName } from './commands/names.js';

export const USAGE = 'usage: spex [--demo | --endpoint-url URL] [--region R] [--instance I] [options]\n       spex <command> [options]   (spex --help for the list)\n';

const WIDTH = 100;
const COLUMN = 33;

/** One entry of the help: the left column, then its text wrapped under column 33 (a long left column gets its own line). */
function entry(left: string, text: string): string {
  const room = WIDTH - COLUMN;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  const head = `  ${left}`;
  const pad = ' '.repeat(COLUMN);
  if (head.length >= COLUMN - 1) return [head, ...lines.map((l) => pad + l)].join('\n');
  return [head.padEnd(COLUMN) + (lines[0] ?? ''), ...lines.slice(1).map((l) => pad + l)].join('\n');
}

const flagLeft = (name: FlagName): string => {
  const spec: FlagSpec = FLAGS[name];
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
};

function optionsSection(): string {
  const names = [...new Set<FlagName>([...COMMON_FLAGS, ...TUI_FLAGS])];
  return ['Options:', ...names.map((n) => entry(flagLeft(n), FLAGS[n].help)), entry('-h, --help', 'this help'), entry('-V, --version', 'the version')].join('\n');
}

/** `spex --help`. */
export function helpText(): string {
  const commands = [...(Object.entries(COMMANDS) as [CommandName, CommandSpec][]).map(([, c]) => entry(c.synopsis, c.help)), ...OTHER_COMMANDS.map((c) => entry(c.synopsis, c.help))];
  return `spex — Security Profile EXplorer for Amazon Connect

Browse, inspect, edit and delete Amazon Connect security profiles by keyboard,
through the AWS Cloud Control API (AWS::Connect::SecurityProfile).

Usage:
${entry('spex [options]', 'open the terminal UI (region → instance → profiles)')}
${entry('spex --demo', 'the terminal UI on built-in demo data (no AWS account needed; it resets each start, --demo-state FILE keeps it): two accounts, shown as a fleet')}
${entry('spex --profile a,b | --all-profiles | --fleet NAME', 'the terminal UI over several accounts: the fleet screen first (every account × region × instance), D drift, P promote')}
${entry('spex <command> [options]', 'run one headless command, for scripts')}

Commands:
${commands.join('\n')}

${optionsSection()}

${exitStatus()}
`;
}

/** The exit statuses, naming the commands whose 2 means something found (from the table). */
export function exitStatus(): string {
  const finding = (Object.entries(COMMANDS) as [CommandName, CommandSpec][]).filter(([, c]) => c.exitTwoIsAFinding).map(([name]) => name);
  const names = `${finding.slice(0, -1).join(', ')} and ${finding.at(-1)}`;
  return entry('Exit status:', `0 success, 1 failure, 2 usage error; for ${names}, 2 means changes (plan always, the others with --dry-run; drift: drift; access-review: --diff found a change) and every error, a usage error too, is 1`).replace(/^ {2}/, '');
}

/** `spex <command> --help`: what it does, its own flags each with what it does, and the common options. */
export function commandHelp(name: CommandName): string {
  const spec = COMMANDS[name];
  const own = spec.flags.length > 0 ? `\nIts flags:\n${spec.flags.map((f) => entry(flagLeft(f), FLAGS[f].help)).join('\n')}\n` : '';
  return `usage: spex ${name} [options]\n\n${entry(spec.synopsis, spec.help)}\n${own}\n${optionsSection()}\n`;
}
