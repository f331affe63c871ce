// The headless commands: one entry point, strict flags, exit 0 on success, 1 on failure, 2 on usage.
import { SettingsError } from '../config/settings.js';
import { isSpexError } from '../domain/service/errors.js';
import { COMMANDS, COMMON_FLAGS, parseOptions, TUI_FLAGS, VALUE_FLAGS } from '../cli-spec.js';
import { commandHelp, USAGE } from '../help.js';
import { didYouMean, EXIT_FAILURE, EXIT_USAGE, type Io, isParseArgsError, parseArgsMessage, UsageError } from '../io.js';
import type { CommandName } from './names.js';
import { cancelCommand } from './cancel-command.js';
import { createCommandContext, parseCommandArgs, str, type CommandContext } from './context.js';
import { inertIo, writeError } from './output.js';
import { cacheCommand, getCommand, iamPolicyCommand, instancesCommand, listCommand, regionsCommand, requestsCommand } from './read-commands.js';


// The commands that change profiles bring validation (ajv and the schema), patching and YAML input:
// loaded only when one of them runs, so the read commands start faster.
const mutations = (): Promise<typeof import('./mutate-commands.js')> => import('./mutate-commands.js');

type Run = (ctx: CommandContext) => Promise<number>;

/** What each command runs; its flags, help and formats are declared in cli-spec.ts. */
const RUN: Record<CommandName, Run> = {
  regions: regionsCommand,
  instances: instancesCommand,
  list: listCommand,
  get: getCommand,
  create: async (ctx) => (await mutations()).createCommand(ctx),
  update: async (ctx) => (await mutations()).updateCommand(ctx),
  delete: async (ctx) => (await mutations()).deleteCommand(ctx),
  requests: (ctx) => (str(ctx.values, 'cancel') !== undefined ? cancelCommand(ctx) : requestsCommand(ctx)),
  users: async (ctx) => (await import('./users-command.js')).usersCommand(ctx),
  cache: cacheCommand,
  'iam-policy': iamPolicyCommand,
  completion: completionCommand,
  export: async (ctx) => (await import('./as-code.js')).exportCommand(ctx),
  plan: async (ctx) => (await import('./as-code.js')).planCommand(ctx),
  apply: async (ctx) => (await import('./as-code.js')).applyCommand(ctx),
  'explain-user': async (ctx) => (await import('./explain-user-command.js')).explainUserCommand(ctx),
  revert: async (ctx) => (await import('./revert-command.js')).revertCommand(ctx),
  versions: async (ctx) => (await import('./revert-command.js')).versionsCommand(ctx),
  history: async (ctx) => (await import('./history-command.js')).historyCommand(ctx),
  'access-review': async (ctx) => (await import('./access-review-command.js')).accessReviewCommand(ctx),
  'explain-agent': async (ctx) => (await import('./explain-user-command.js')).explainAgentCommand(ctx),
  fleet: async (ctx) => (await import('./fleet-commands.js')).fleetCommand(ctx),
  drift: async (ctx) => (await import('./drift-command.js')).driftCommand(ctx),
  promote: async (ctx) => (await import('./promote-command.js')).promoteCommand(ctx),
  lint: async (ctx) => (await import('./lint-command.js')).lintCommand(ctx),
  'move-holders': async (ctx) => (await import('./assign-command.js')).moveHoldersCommand(ctx),
  assign: async (ctx) => (await import('./assign-command.js')).assignCommand(ctx),
  rename: async (ctx) => (await import('./assign-command.js')).renameCommand(ctx),
};

/** Every command and the --output formats it offers beyond table, json and yaml (for tests that must cover them all). */
export function commandTable(): { name: CommandName; formats: readonly string[]; exitTwoIsAFinding: boolean }[] {
  return (Object.keys(COMMANDS) as CommandName[]).map((name) => ({ name, formats: COMMANDS[name].formats ?? [], exitTwoIsAFinding: COMMANDS[name].exitTwoIsAFinding === true }));
}

/** `spex completion bash|zsh|fish`, from cli-spec.ts's tables. */
async function completionCommand(ctx: CommandContext): Promise<number> {
  const { completionScript } = await import('./completion.js');
  const shell = ctx.positionals[0];
  if (shell === undefined) throw new UsageError('completion needs the shell: spex completion bash|zsh|fish');
  const valueFlags = [...VALUE_FLAGS].filter((f) => f.startsWith('--')).map((f) => f.slice(2));
  const commands = Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [name, [...spec.flags]]));
  ctx.io.stdout.write(completionScript(shell, { commands, common: COMMON_FLAGS, tui: TUI_FLAGS, valueFlags }));
  return 0;
}

export async function runCommand(name: string, args: string[], given: Io): Promise<number> {
  const io = inertIo(given);
  let ctx: CommandContext | undefined;
  try {
    const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
    if (!spec) throw new UsageError(`unknown command '${name}'${didYouMean(name, Object.keys(COMMANDS))}`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(commandHelp(name as CommandName));
      return 0;
    }
    ctx = createCommandContext(io, parseCommandArgs(args, parseOptions(spec.flags, spec.repeatable), spec.positionals), spec.formats);
    return await RUN[name as CommandName](ctx);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
      const known = [...COMMON_FLAGS, ...(spec?.flags ?? [])];
      writeError(io, `${isParseArgsError(error) ? parseArgsMessage(error, known) : (error as Error).message}\n${USAGE.trimEnd()}`);
      return spec?.exitTwoIsAFinding ? EXIT_FAILURE : EXIT_USAGE;
    }
    if (isSpexError(error)) {
      writeError(io, error.error.message);
      return EXIT_FAILURE;
    }
    if (error instanceof SettingsError) {
      writeError(io, error.message);
      return EXIT_FAILURE;
    }
    writeError(io, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  } finally {
    await ctx?.close();
  }
}
