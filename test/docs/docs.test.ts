// The README, CONTRIBUTING.md and docs/ are kept true: every link reaches a file (and a heading in it),
// every `spex` example names a command and flags that exist, and the examples that only read run
// against the demo without a usage error. And the layout rule that keeps files readable: no source
// file over 300 lines.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { COMMANDS, COMMON_FLAGS, FLAGS, TUI_FLAGS } from '../../src/cli-spec.js';
import type { CommandName } from '../../src/commands/names.js';
import { memoryIo } from '../helpers/memory-io.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (page: string): string => readFileSync(join(ROOT, page), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
const anchorsOf = (page: string): Set<string> => new Set(text(page).split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));

/** The `spex …` lines of the sh blocks, continuation lines joined, comments dropped. */
function examples(page: string): string[] {
  const out: string[] = [];
  for (const block of text(page).matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      const code = line.replace(/\s+#.*$/, '').trim();
      if (code.startsWith('spex ') || code === 'spex') out.push(code);
    }
  }
  return out;
}

/** Words as a shell would split them (quotes kept together), up to a redirection or pipe. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? m[3]!;
    if (m[3] !== undefined && /^[>|<]/.test(word)) break;
    out.push(word);
  }
  return out;
}

describe('the docs', () => {
  it('the README is short enough to read in five minutes, and keeps the two commands first', () => {
    const readme = text('README.md');
    expect(readme.length).toBeLessThan(12_000);
    expect(readme.split('\n').slice(0, 12).join('\n')).toMatch(/npm install && npm run demo[\s\S]*npm test/);
  });

  it.each(PAGES)('every link in %s reaches a file, and a heading where it names one', (page) => {
    const broken: string[] = [];
    for (const m of text(page).matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^(https?:|mailto:)/.test(target)) continue;
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const path = file === '' ? page : relative(ROOT, resolve(dirname(join(ROOT, page)), file));
      if (!existsSync(join(ROOT, path))) broken.push(`${target} (no ${path})`);
      else if (anchor !== undefined && path.endsWith('.md') && !anchorsOf(path).has(anchor)) broken.push(`${target} (no heading #${anchor} in ${path})`);
    }
    expect(broken).toEqual([]);
  });

  it('every spex example names a command and flags that exist for it', () => {
    const wrong: string[] = [];
    let count = 0;
    for (const page of PAGES) {
      for (const line of examples(page)) {
        count += 1;
        const [, first, ...rest] = words(line.replace(/[[\]]/g, ' '));
        const command = first !== undefined && !first.startsWith('-') ? first : undefined;
        if (command === 'emulator') continue; // its own flags (spex emulator --help), checked by its tests
        if (command !== undefined && !Object.hasOwn(COMMANDS, command)) {
          wrong.push(`${page}: ${line} (no command ${command})`);
          continue;
        }
        const allowed = new Set<string>(command === undefined ? TUI_FLAGS : [...COMMON_FLAGS, ...COMMANDS[command as CommandName].flags]);
        const flags = [first, ...rest].filter((w): w is string => w !== undefined && w.startsWith('-'));
        for (const flag of flags) {
          const name = flag.replace(/^--?/, '').replace(/=.*$/, '');
          const known = Object.entries(FLAGS).find(([n, spec]) => n === name || ('short' in spec && spec.short === name))?.[0];
          if (name === 'help' || name === 'h' || name === 'version' || name === 'V') continue;
          if (known === undefined || !allowed.has(known)) wrong.push(`${page}: ${line} (${flag} is not a flag of ${command ?? 'the TUI'})`);
        }
      }
    }
    expect(count).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it('the examples that only read run against the demo without a usage error', async () => {
    const READS = new Set(['regions', 'instances', 'list', 'users', 'explain-user', 'lint', 'fleet', 'drift', 'iam-policy']);
    const runnable = PAGES.flatMap(examples)
      .map(words)
      .filter(([, command, ...rest]) => command !== undefined && READS.has(command) && ![command, ...rest].some((w) => /[<>[\]$~]/.test(w)));
    expect(runnable.length).toBeGreaterThan(5);
    for (const [, ...args] of runnable) {
      const io = memoryIo();
      const withDemo = args.includes('--demo') ? args : [...args, '--demo'];
      const code = await main([...withDemo, '--output', 'json'], io);
      const spec = COMMANDS[args[0] as CommandName];
      // lint exits 1 on a high finding (the demo has them); drift exits 2 on drift; neither is a usage error.
      expect({ args, code: code === 2 && !spec.exitTwoIsAFinding ? 'usage error' : 'ran', err: io.err().includes('usage:') ? io.err() : '' }).toEqual({ args, code: 'ran', err: '' });
    }
  }, 60_000);
});

describe('the layout', () => {
  it('no source file is over 300 lines (generated files aside)', () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? (n === 'generated' ? [] : walk(join(dir, n))) : [join(dir, n)]));
    const long = walk(join(ROOT, 'src'))
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });
});
