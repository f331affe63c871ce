import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { memoryIo } from './helpers/memory-io.js';

describe('spex command line', () => {
  it('prints the version and the help', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^spex \d+\.\d+\.\d+\n$/);
    const help = memoryIo();
    expect(await main(['--help'], help)).toBe(0);
    for (const command of ['regions', 'instances', 'list', 'get', 'create', 'update', 'delete', 'requests', 'iam-policy', 'emulator']) {
      expect(help.out()).toContain(`  ${command}`);
    }
  });

  it('exits 2 with a usage line for an unknown command or flag', async () => {
    for (const argv of [['frobnicate'], ['--bogus'], ['list', '--bogus']]) {
      const io = memoryIo();
      expect(await main(argv, io)).toBe(2);
      expect(io.err()).toMatch(/^spex: .*\nusage: spex/);
    }
  });

  it('does not take the value of a flag for a command', async () => {
    const io = memoryIo();
    expect(await main(['--region', 'eu-west-2', 'regions', '--output', 'json'], io)).toBe(0);
    const regions = JSON.parse(io.out()) as { code: string }[];
    expect(regions.map((r) => r.code)).toContain('eu-west-2');
  });

  it('knows every flag that takes a value, so its value is never taken for a command', async () => {
    const { VALUE_FLAGS } = await import('../src/cli.js');
    const { COMMON_OPTIONS } = await import('../src/commands/context.js');
    for (const [name, spec] of Object.entries(COMMON_OPTIONS)) if (spec.type === 'string') expect(VALUE_FLAGS.has(`--${name}`)).toBe(true);
    const io = memoryIo();
    expect(await main(['--rate-share', '1', 'regions', '--output', 'json'], io)).toBe(0);
  });

  it('a region where Connect is not offered is refused before any call, naming the regions; an unknown flag gets a suggestion', async () => {
    for (const args of [['list', '--instance', 'x', '--region', 'mars-1'], ['--region', 'mars-1']]) {
      const io = memoryIo();
      expect(await main(args, io)).toBe(2);
      expect(io.err()).toContain('--region: mars-1 is not a region where Amazon Connect is offered');
      expect(io.err()).toContain('us-east-1, us-west-2');
    }
    const close = memoryIo();
    expect(await main(['list', '--region', 'us-east-2'], close)).toBe(2);
    expect(close.err()).toContain('did you mean us-east-1');
    const headless = memoryIo();
    expect(await main(['list', '--instnace', 'acme-support'], headless)).toBe(2);
    expect(headless.err()).toMatch(/^spex: unknown option --instnace; did you mean --instance\?/);
    const tui = memoryIo();
    expect(await main(['--raed-only'], tui)).toBe(2);
    expect(tui.err()).toMatch(/^spex: unknown option --raed-only; did you mean --read-only\?/);
  });

  it('each command has its own --help: its lines of the help, its flags, the common options', async () => {
    const io = memoryIo();
    expect(await main(['update', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^usage: spex update \[options\]/);
    expect(io.out()).toContain('--add-permission');
    expect(io.out()).toContain('Options:');
    expect(io.out()).not.toContain('Commands:');
  });

  it('every flag is declared once (cli-spec.ts) and the parsers, the help and the command word all come from it', async () => {
    const { COMMANDS, COMMON_FLAGS, FLAGS, TUI_FLAGS, VALUE_FLAGS } = await import('../src/cli-spec.js');
    const { commandHelp, helpText } = await import('../src/help.js');
    const help = helpText();
    for (const flag of new Set([...COMMON_FLAGS, ...TUI_FLAGS])) expect(help).toContain(`--${flag}`);
    for (const [name, spec] of Object.entries(COMMANDS)) {
      const own = commandHelp(name as keyof typeof COMMANDS);
      for (const flag of spec.flags) expect(own).toContain(`--${flag}`);
      expect(help).toContain(`  ${spec.synopsis}`);
    }
    for (const [name, spec] of Object.entries(FLAGS)) expect(VALUE_FLAGS.has(`--${name}`)).toBe(spec.type === 'string');
    // The parsers take what the table says: export's --name more than once, create's once.
    const { parseOptions } = await import('../src/cli-spec.js');
    expect(parseOptions(COMMANDS.export.flags, COMMANDS.export.repeatable).name).toEqual({ type: 'string', multiple: true });
    expect(parseOptions(COMMANDS.create.flags, COMMANDS.create.repeatable).name).toEqual({ type: 'string' });
    // A declared flag is accepted where it is declared, and nowhere else (strict parsing).
    const io = memoryIo();
    expect(await main(['regions', '--grants', 'Users.View'], io)).toBe(2);
    expect(io.err()).toContain('--grants');
  });
});
