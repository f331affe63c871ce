// The headless commands: one entry point, strict flags, exit 0 on success, 1 on failure, 2 on usage.
import { SettingsError } from '../config/settings.js';
import type { ParseArgsConfig } from 'node:util';
import { isSpexError } from '../domain/service/errors.js';
import { commandHelp, USAGE } from '../help.js';
import { didYouMean, EXIT_FAILURE, EXIT_USAGE, type Io, isParseArgsError, parseArgsMessage, UsageError } from '../io.js';
import type { CommandName } from './names.js';
import { cancelCommand } from './cancel-command.js';
import { COMMON_OPTIONS, createCommandContext, parseCommandArgs, str, type CommandContext } from './context.js';
import { inertIo, writeError } from './output.js';
import { cacheCommand, getCommand, iamPolicyCommand, instancesCommand, listCommand, regionsCommand, requestsCommand } from './read-commands.js';

type Options = NonNullable<ParseArgsConfig['options']>;

// The commands that change profiles bring validation (ajv and the schema), patching and YAML input:
// loaded only when one of them runs, so the read commands start faster.
const mutations = (): Promise<typeof import('./mutate-commands.js')> => import('./mutate-commands.js');

interface CommandSpec {
  options: Options;
  positionals: number;
  /** `--output` formats beyond table, json and yaml. */
  formats?: readonly string[];
  /**
   * Its exit 2 means something found (plan: changes, drift: drift, promote --dry-run: changes), as
   * `terraform plan -detailed-exitcode` has it: every error, a usage error too, exits 1, so a CI job
   * never reads a mistake as a finding.
   */
  exitTwoIsAFinding?: true;
  run: (ctx: CommandContext) => Promise<number>;
}

/** The accounts a fleet command looks at (with `--profile a,b,c` and `--region a,b`). */
const FLEET_OPTIONS = { 'all-profiles': { type: 'boolean' }, fleet: { type: 'string' } } as const satisfies Options;

const COMMANDS: Record<CommandName, CommandSpec> = {
  regions: { options: {}, positionals: 0, formats: ['csv'], run: regionsCommand },
  instances: { options: {}, positionals: 0, formats: ['csv'], run: instancesCommand },
  list: { options: { grants: { type: 'string', multiple: true } }, positionals: 0, formats: ['csv'], run: listCommand },
  get: { options: {}, positionals: 1, run: getCommand },
  create: {
    options: {
      name: { type: 'string' },
      description: { type: 'string' },
      permission: { type: 'string', multiple: true },
      'allow-unknown': { type: 'boolean' },
      'no-implied': { type: 'boolean' },
      tag: { type: 'string', multiple: true },
      'from-file': { type: 'string' },
      'max-file-size': { type: 'string' },
    },
    positionals: 0,
    run: async (ctx) => (await mutations()).createCommand(ctx),
  },
  update: {
    options: {
      'add-permission': { type: 'string', multiple: true },
      'remove-permission': { type: 'string', multiple: true },
      'allow-unknown': { type: 'boolean' },
      'no-implied': { type: 'boolean' },
      description: { type: 'string' },
      tag: { type: 'string', multiple: true },
      untag: { type: 'string', multiple: true },
      'from-file': { type: 'string' },
      'max-file-size': { type: 'string' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
    },
    positionals: 1,
    run: async (ctx) => (await mutations()).updateCommand(ctx),
  },
  delete: { options: { yes: { type: 'boolean' } }, positionals: 1, run: async (ctx) => (await mutations()).deleteCommand(ctx) },
  requests: {
    options: { cancel: { type: 'string' } },
    positionals: 0,
    formats: ['csv'],
    run: (ctx) => (str(ctx.values, 'cancel') !== undefined ? cancelCommand(ctx) : requestsCommand(ctx)),
  },
  users: { options: {}, positionals: 1, formats: ['csv'], run: async (ctx) => (await import('./users-command.js')).usersCommand(ctx) },
  cache: { options: {}, positionals: 1, run: cacheCommand },
  'iam-policy': { options: {}, positionals: 0, run: iamPolicyCommand },
  completion: { options: {}, positionals: 1, run: completionCommand },
  export: {
    options: { file: { type: 'string' }, name: { type: 'string', multiple: true }, format: { type: 'string' }, 'allow-loss': { type: 'boolean' } },
    positionals: 0,
    run: async (ctx) => (await import('./as-code.js')).exportCommand(ctx),
  },
  plan: {
    options: { file: { type: 'string', short: 'f' }, prune: { type: 'boolean' }, save: { type: 'string' }, 'max-file-size': { type: 'string' }, 'allow-unknown': { type: 'boolean' } },
    exitTwoIsAFinding: true,
    positionals: 0,
    run: async (ctx) => (await import('./as-code.js')).planCommand(ctx),
  },
  apply: {
    options: { file: { type: 'string', short: 'f' }, prune: { type: 'boolean' }, yes: { type: 'boolean' }, 'max-file-size': { type: 'string' }, 'allow-unknown': { type: 'boolean' } },
    positionals: 1,
    run: async (ctx) => (await import('./as-code.js')).applyCommand(ctx),
  },
  'explain-user': { options: {}, positionals: 1, run: async (ctx) => (await import('./explain-user-command.js')).explainUserCommand(ctx) },
  fleet: { options: FLEET_OPTIONS, positionals: 0, formats: ['csv'], run: async (ctx) => (await import('./fleet-commands.js')).fleetCommand(ctx) },
  drift: {
    options: { ...FLEET_OPTIONS, baseline: { type: 'string' }, 'profile-name': { type: 'string', multiple: true } },
    positionals: 0,
    formats: ['csv'],
    exitTwoIsAFinding: true,
    run: async (ctx) => (await import('./drift-command.js')).driftCommand(ctx),
  },
  promote: {
    options: { ...FLEET_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, 'profile-name': { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, 'skip-unmapped': { type: 'boolean' }, map: { type: 'string', multiple: true } },
    exitTwoIsAFinding: true,
    positionals: 0,
    run: async (ctx) => (await import('./promote-command.js')).promoteCommand(ctx),
  },
  lint: { options: { 'fail-on': { type: 'string' } }, positionals: 0, formats: ['sarif', 'csv'], run: async (ctx) => (await import('./lint-command.js')).lintCommand(ctx) },
};

/** Every command and the --output formats it offers beyond table, json and yaml (for tests that must cover them all). */
export function commandTable(): { name: CommandName; formats: readonly string[]; exitTwoIsAFinding: boolean }[] {
  return (Object.keys(COMMANDS) as CommandName[]).map((name) => ({ name, formats: COMMANDS[name].formats ?? [], exitTwoIsAFinding: COMMANDS[name].exitTwoIsAFinding === true }));
}

/** `spex completion bash|zsh|fish`, from the tables above (and the TUI's flags). */
async function completionCommand(ctx: CommandContext): Promise<number> {
  const [{ completionScript }, { TUI_OPTIONS }] = await Promise.all([import('./completion.js'), import('../app/flags.js')]);
  const shell = ctx.positionals[0];
  if (shell === undefined) throw new UsageError('completion needs the shell: spex completion bash|zsh|fish');
  const all: Options[] = [COMMON_OPTIONS, TUI_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options)];
  const valueFlags = [...new Set(all.flatMap((o) => Object.entries(o).filter(([, v]) => v.type === 'string').map(([k]) => k)))];
  const commands = Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [name, Object.keys(spec.options)]));
  ctx.io.stdout.write(completionScript(shell, { commands, common: Object.keys(COMMON_OPTIONS), tui: Object.keys(TUI_OPTIONS), valueFlags }));
  return 0;
}


export async function runCommand(name: string, args: string[], given: Io): Promise<number> {
  const io = inertIo(given);
  let ctx: CommandContext | undefined;
  try {
    const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
    if (!spec) throw new UsageError(`unknown command '${name}'${didYouMean(name, Object.keys(COMMANDS))}`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(commandHelp(name, Object.keys(spec.options)) ?? USAGE);
      return 0;
    }
    ctx = createCommandContext(io, parseCommandArgs(args, spec.options, spec.positionals), spec.formats);
    return await spec.run(ctx);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
      const known = [...Object.keys(COMMON_OPTIONS), ...Object.keys(spec?.options ?? {})];
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
