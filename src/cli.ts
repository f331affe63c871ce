// Composition root: reads the command line, then hands over to the emulator, a headless command or
// the TUI. Each is imported lazily so `spex --version` loads almost nothing.
import { COMMAND_NAMES } from './commands/names.js';
import { didYouMean, EXIT_OK, EXIT_USAGE, type Io, isParseArgsError, parseArgsMessage, processIo, UsageError } from './io.js';
import { TUI_FLAGS, VALUE_FLAGS } from './cli-spec.js';
import { helpText, USAGE } from './help.js';
import { VERSION } from './version.js';

const HEADLESS: ReadonlySet<string> = new Set(COMMAND_NAMES);

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const first = commandWord(argv);
  if (argv.includes('--version') || argv.includes('-V')) {
    io.stdout.write(`spex ${VERSION}\n`);
    return EXIT_OK;
  }
  // `spex emulator --help` is answered by the emulator command itself, with its own flags, and
  // `spex update --help` by the command (its lines of the help and its flags).
  if (((argv.includes('--help') || argv.includes('-h')) && first !== 'emulator' && !(first !== undefined && HEADLESS.has(first))) || first === 'help') {
    io.stdout.write(helpText());
    return EXIT_OK;
  }
  try {
    if (first === 'emulator') {
      const { runEmulatorCommand } = await import('./emulator/cli.js');
      return await runEmulatorCommand(without(argv, first), io);
    }
    if (first !== undefined && HEADLESS.has(first)) {
      const { runCommand } = await import('./commands/index.js');
      return await runCommand(first, without(argv, first), io);
    }
    if (first !== undefined) throw new UsageError(`unknown command '${first}'${didYouMean(first, COMMAND_NAMES)}`);
    const { runTuiCommand } = await import('./app/run.js');
    return await runTuiCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`spex: ${isParseArgsError(error) ? parseArgsMessage(error, TUI_FLAGS) : (error as Error).message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

export { VALUE_FLAGS };

function commandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (VALUE_FLAGS.has(arg)) i += 1;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function without(argv: string[], word: string): string[] {
  const i = argv.indexOf(word);
  return [...argv.slice(0, i), ...argv.slice(i + 1)];
}
