// Item 2: the headless list of 1,000 profiles, spex against the AWS CLI, both against one emulator.
import { spawnSync } from 'node:child_process';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { BENCH_REGION, extraFor, startBackend } from './backend.js';
import { type BenchContext, childEnv, timeProcess } from './context.js';
import { type ItemResult, metric, round, summarize } from './stats.js';

function countItems(stdout: string, key?: string): number {
  const parsed = JSON.parse(stdout) as unknown;
  if (Array.isArray(parsed)) return parsed.length;
  const value = key === undefined ? undefined : (parsed as Record<string, unknown>)[key];
  return Array.isArray(value) ? value.length : -1;
}

export async function runHeadless(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'headless', title: '2. Headless list', status: 'ok', metrics: [], notes: [] };
  const wanted = ctx.quick ? 50 : 1000;
  const runs = ctx.quick ? 1 : 7;
  const backend = await startBackend({ profiles: extraFor(wanted) });
  try {
    const { emulator, instanceArn, total } = backend;
    const env = childEnv();
    const spexArgs = [ctx.spexBin, 'list', '--output', 'json', '--endpoint-url', emulator.url, '--region', BENCH_REGION, '--instance', instanceArn];
    const spexTimes: number[] = [];
    await emulator.clearRequests();
    for (let i = 0; i <= runs; i++) {
      const run = await timeProcess(process.execPath, spexArgs, { cwd: ctx.root, env });
      if (run.code !== 0) throw new Error(`spex list failed (${run.code}): ${run.stderr}`);
      const n = countItems(run.stdout);
      if (n !== total) throw new Error(`spex list printed ${n} profiles, expected ${total}`);
      // The first run warms the page cache and is not counted.
      if (i > 0) spexTimes.push(run.ms);
    }
    const spexCalls = (await emulator.requests()).filter((r) => r.operation === 'ListResources').length / (runs + 1);
    result.metrics.push(metric(`spex list --output json (${total} profiles)`, 'ms', spexTimes));

    const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore', env }).status === 0;
    if (!hasAws) {
      result.notes.push('AWS CLI comparison skipped: no `aws` on the PATH.');
      result.details = { total, spexListCallsPerRun: spexCalls };
      return result;
    }
    const awsArgs = [
      'cloudcontrol',
      'list-resources',
      '--type-name',
      SECURITY_PROFILE_TYPE,
      '--resource-model',
      JSON.stringify({ InstanceArn: instanceArn }),
      '--endpoint-url',
      emulator.url,
      '--region',
      BENCH_REGION,
      '--output',
      'json',
    ];
    const awsTimes: number[] = [];
    await emulator.clearRequests();
    for (let i = 0; i <= runs; i++) {
      const run = await timeProcess('aws', awsArgs, { cwd: ctx.root, env, timeoutMs: 120_000 });
      if (run.code !== 0) throw new Error(`aws cloudcontrol list-resources failed (${run.code}): ${run.stderr}`);
      const n = countItems(run.stdout, 'ResourceDescriptions');
      if (n !== total) throw new Error(`aws printed ${n} profiles, expected ${total}`);
      if (i > 0) awsTimes.push(run.ms);
    }
    const awsCalls = (await emulator.requests()).filter((r) => r.operation === 'ListResources').length / (runs + 1);
    const version = spawnSync('aws', ['--version'], { encoding: 'utf8', env });
    result.metrics.push(metric('aws cloudcontrol list-resources', 'ms', awsTimes, { note: (version.stdout || version.stderr).trim().split(' ')[0] }));
    // Ratio of medians, and the spread from pairing the runs in order.
    const spexMedian = summarize(spexTimes).median;
    const awsMedian = summarize(awsTimes).median;
    const ratios = spexTimes.map((s, i) => s / (awsTimes[i] ?? Number.NaN));
    const ratio = metric('ratio spex / aws', 'x', ratios, { target: '≤ 0.35× (issue 23)', pass: () => spexMedian / awsMedian <= 0.35 });
    ratio.summary.median = round(spexMedian / awsMedian, 3);
    result.metrics.push(ratio);
    result.details = { total, spexListCallsPerRun: spexCalls, awsListCallsPerRun: awsCalls, pageSize: 25 };
    return result;
  } finally {
    await backend.close();
  }
}
