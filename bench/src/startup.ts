// Item 1: start-up. `spex --version` from spawn to exit, and `spex --demo` under a pseudo-terminal
// (util-linux `script`) from spawn to the first frame of the region picker.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type BenchContext, childEnv, timeProcess } from './context.js';
import { type ItemResult, metric, waitUntil } from './stats.js';

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;
/** What the fleet screen, the first screen of `spex --demo` (two accounts), draws first. */
const FIRST_FRAME_TEXT = 'fleet 2 accounts';

/** Spawns `script` running `command` in a 100×30 pty; resolves with the ms until `text` is printed. */
async function timeToText(command: string, text: string | undefined, cwd: string): Promise<number> {
  const started = performance.now();
  // detached: the child leads its own process group, so the whole group (script, sh, node) can be ended.
  const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
    cwd,
    env: childEnv({ TERM: 'xterm-256color', XDG_CONFIG_HOME: '/nonexistent/spex-bench-xdg' }),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let seenAt: number | undefined;
  let exited = false;
  child.stdout.on('data', (b: Buffer) => {
    output += b.toString('utf8');
    if (seenAt === undefined && text !== undefined && output.replace(ANSI, '').includes(text)) seenAt = performance.now();
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.on('exit', () => {
    exited = true;
    if (text === undefined) seenAt = performance.now();
  });
  try {
    await waitUntil(() => seenAt !== undefined || exited, `"${text ?? 'exit'}" from ${command}`, 20_000);
    if (seenAt === undefined) throw new Error(`${command} ended before printing "${text}":\n${output.replace(ANSI, '').slice(-2000)}`);
    return seenAt - started;
  } finally {
    const backstop = !exited && child.pid !== undefined ? stop(child.pid) : undefined;
    await closed;
    clearTimeout(backstop);
  }
}

/**
 * Ends what `script` runs with SIGTERM (script itself lingers two seconds after its own SIGTERM),
 * then the whole process group if anything is left after three seconds.
 */
function stop(scriptPid: number): NodeJS.Timeout {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // No /proc: fall back to the group.
  }
  const signal = (pid: number, name: NodeJS.Signals): void => {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  };
  if (children.length === 0) signal(-scriptPid, 'SIGTERM');
  for (const pid of children) signal(pid, 'SIGTERM');
  return setTimeout(() => signal(-scriptPid, 'SIGKILL'), 3000);
}

export async function runStartup(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'startup', title: '1. Start-up', status: 'ok', metrics: [], notes: [] };
  const env = childEnv();
  const versionRuns = ctx.quick ? 2 : 15;
  const version: number[] = [];
  // One unmeasured run first: the page cache, not spex, decides the very first start.
  await timeProcess(process.execPath, [ctx.spexBin, '--version'], { cwd: ctx.root, env });
  for (let i = 0; i < versionRuns; i++) {
    const run = await timeProcess(process.execPath, [ctx.spexBin, '--version'], { cwd: ctx.root, env });
    if (run.code !== 0 || !run.stdout.startsWith('spex ')) throw new Error(`spex --version failed: ${run.stderr}`);
    version.push(run.ms);
  }
  const bare: number[] = [];
  for (let i = 0; i < Math.min(versionRuns, 7); i++) bare.push((await timeProcess(process.execPath, ['-e', '0'], { cwd: ctx.root, env })).ms);
  result.metrics.push(metric('spex --version', 'ms', version, { target: '≤ 150 ms', pass: (s) => s.median <= 150 }));
  result.metrics.push(metric('node -e 0 (floor, context)', 'ms', bare));

  if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) {
    result.notes.push('spex --demo: skipped, util-linux `script` is not on the PATH.');
    return result;
  }
  const demoRuns = ctx.quick ? 1 : 9;
  const demo: number[] = [];
  await timeToText(`${process.execPath} ${ctx.spexBin} --demo`, FIRST_FRAME_TEXT, ctx.root);
  for (let i = 0; i < demoRuns; i++) demo.push(await timeToText(`${process.execPath} ${ctx.spexBin} --demo`, FIRST_FRAME_TEXT, ctx.root));
  const pty: number[] = [];
  for (let i = 0; i < Math.min(demoRuns, 5); i++) pty.push(await timeToText('true', undefined, ctx.root));
  result.metrics.push(
    metric('spex --demo → first frame', 'ms', demo, {
      target: '≤ 500 ms',
      pass: (s) => s.median <= 500,
      note: `spawned under \`script\`; first frame = region picker ("${FIRST_FRAME_TEXT}")`,
    }),
  );
  result.metrics.push(metric('script + stty + true (pty floor, context)', 'ms', pty));
  return result;
}
