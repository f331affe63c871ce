// `spex completion bash|zsh|fish`: the scripts are made from the parser's own tables, and the shells
// really complete with them. bash is on every machine; zsh and fish are tried where installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { memoryIo } from '../helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'spex-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function script(shell: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await runCommand('completion', [shell], io);
  return { code, out: io.out(), err: io.err() };
}

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** What bash offers for the words typed so far (the last one being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c', `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _spex; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('spex completion', () => {
  it('bash: commands, each command\'s flags, --region and --output values, and never a value flag\'s value taken for a command', async () => {
    const { code, out } = await script('bash');
    expect(code).toBe(0);
    const file = join(dir, 'spex.bash');
    writeFileSync(file, out);
    expect(bashComplete(file, ['spex', 'up'])).toEqual(['update']);
    expect(bashComplete(file, ['spex', 'list', '--gr'])).toEqual(['--grants']);
    expect(bashComplete(file, ['spex', 'update', 'Agent', '--add'])).toEqual(['--add-permission']);
    expect(bashComplete(file, ['spex', 'update', 'Agent', '--allow'])).toEqual(['--allow-unknown']);
    expect(bashComplete(file, ['spex', '--region', 'eu-w'])).toEqual(['eu-west-2']);
    expect(bashComplete(file, ['spex', 'get', 'x', '--output', ''])).toEqual(['table', 'json', 'yaml', 'csv']);
    expect(bashComplete(file, ['spex', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    // `list` after --instance is the instance's name, not the command: the TUI's flags are offered.
    expect(bashComplete(file, ['spex', '--instance', 'list', '--rate'])).toEqual(['--rate-share']);
    expect(bashComplete(file, ['spex', '--de'])).toEqual(['--demo', '--demo-state', '--debug']);
  });

  it('an unknown shell is a usage error naming the ones there are', async () => {
    const { code, err } = await script('tcsh');
    expect(code).toBe(2);
    expect(err).toContain("completion takes one of bash, zsh, fish (got 'tcsh')");
  });

  it.runIf(has('fish'))('fish: commands, flags and region values (skipped where fish is not installed)', async () => {
    const file = join(dir, 'spex.fish');
    writeFileSync(file, (await script('fish')).out);
    const complete = (line: string): string[] =>
      execFileSync('fish', ['-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!);
    expect(complete('spex up')).toEqual(['update']);
    expect(complete('spex list --gra')).toEqual(['--grants']);
    expect(complete('spex --region eu-cen')).toEqual(['eu-central-1']);
  });

  it.runIf(has('zsh'))('zsh: the script loads under compinit and registers spex (skipped where zsh is not installed)', async () => {
    const file = join(dir, '_spex');
    writeFileSync(file, (await script('zsh')).out);
    const out = execFileSync('zsh', ['-c', `autoload -U compinit && compinit -u -d '${join(dir, 'zcompdump')}'; source '${file}'; print -r -- "\${_comps[spex]}"`], { encoding: 'utf8' });
    expect(out.trim()).toMatch(/_bash_complete/);
  });
});
