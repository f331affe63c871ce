// The list hook through a harness component: rows stream in page by page, then the stream ends.
import { Text, useInput } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegionService } from '../../src/aws/types.js';
import { PAGE_UPDATE_MS, useProfileList } from '../../src/hooks/use-profile-list.js';
import { demoInstanceArn } from '../../src/emulator/index.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { cleanupTui, renderTui } from '../helpers/render-tui.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

function Harness({ service, instanceArn, reloadKey }: { service: RegionService; instanceArn: string; reloadKey: number }) {
  const list = useProfileList(service, instanceArn, reloadKey);
  return <Text>{`${list.status}:${list.rows.length}:${list.pages}${list.error ? `:${list.error.kind}` : ''}`}</Text>;
}

/** Switches between two instances on `x`, and says whether any row shown belongs to another one. */
function Switcher({ service, arns }: { service: RegionService; arns: readonly [string, string] }) {
  const [which, setWhich] = useState(0);
  useInput((input) => input === 'x' && setWhich((w) => 1 - w));
  const instanceArn = arns[which]!;
  const list = useProfileList(service, instanceArn, 0);
  const stale = list.rows.some((r) => r.instanceArn !== instanceArn);
  return <Text>{`${which}:${list.status}:${list.rows.length}:${stale ? 'STALE' : 'ok'}`}</Text>;
}

describe('useProfileList', () => {
  it('never shows the rows of the previous instance after a switch, not even for a frame', async () => {
    backend = await startTestBackend({ latencyMs: 20 });
    const service = backend.spex.forRegion(backend.region);
    const arns = [demoInstanceArn('us-east-1', 'acme-support'), demoInstanceArn('us-east-1', 'acme-sales')] as const;
    const tui = renderTui(<Switcher service={service} arns={arns} />);
    await tui.waitForFrame(/^0:done:\d+:ok$/);
    await tui.press('x');
    await tui.waitForFrame(/^1:done:\d+:ok$/);
    expect(tui.frames.filter((f) => f.includes('STALE'))).toEqual([]);
    expect(tui.frames.some((f) => f.startsWith('1:loading:0'))).toBe(true);
  });

  it('streams pages as they arrive, then reports done', async () => {
    // Pages slower than PAGE_UPDATE_MS: each one shows as it arrives (Cloud Control's small pages; Connect's hold 1,000).
    backend = await startTestBackend({ profiles: 20, pageSize: 10, latencyMs: PAGE_UPDATE_MS + 20, spex: { cloudControlOnly: true } });
    const service = backend.spex.forRegion(backend.region);
    const tui = renderTui(<Harness service={service} instanceArn={backend.instanceArn} reloadKey={0} />);
    await tui.waitForFrame(/^done:38:4$/, { timeoutMs: 10_000 });
    const states = [...new Set(tui.frames)];
    expect(states[0]).toBe('loading:0:0');
    expect(states).toContain('streaming:10:1');
    expect(states).toContain('streaming:20:2');
    expect(states).toContain('streaming:30:3');
    expect(states.at(-1)).toBe('done:38:4');
  });

  it('shows the first page at once and gathers fast pages into fewer updates', async () => {
    backend = await startTestBackend({ profiles: 600, pageSize: 10, spex: { cloudControlOnly: true } });
    const service = backend.spex.forRegion(backend.region);
    const tui = renderTui(<Harness service={service} instanceArn={backend.instanceArn} reloadKey={0} />);
    await tui.waitForFrame(/^done:618:62$/, { timeoutMs: 10_000 });
    const states = [...new Set(tui.frames)];
    expect(states).toContain('streaming:10:1');
    const streaming = states.filter((s) => s.startsWith('streaming:'));
    // 62 pages in well under a second locally: a handful of updates, each a whole number of pages.
    expect(streaming.length).toBeLessThan(20);
    for (const state of streaming) expect(state).toMatch(/^streaming:(\d+)0:\1$/);
    expect(states.at(-1)).toBe('done:618:62');
  });

  it('reports an error as a DomainError', async () => {
    backend = await startTestBackend({ spex: { cloudControlOnly: true } });
    backend.emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException' });
    const service = backend.spex.forRegion(backend.region);
    const tui = renderTui(<Harness service={service} instanceArn={backend.instanceArn} reloadKey={0} />);
    await tui.waitForFrame('error:0:0:access-denied');
  });
});
