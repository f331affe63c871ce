// The region picker: names, counts loaded in the background, a failing region on its own row,
// type to filter.
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECT_REGIONS } from '../../src/domain/service/regions.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

const rowOf = (frame: string, code: string): string => frame.split('\n').find((l) => l.includes(` ${code} `)) ?? '';
const allCounted = (frame: string): boolean => CONNECT_REGIONS.every((r) => /instances?|✗/.test(rowOf(frame, r.code)));

describe('region picker', () => {
  it('counts instances per region, and a failing region says so on its own row', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException', message: 'not authorized to perform: connect:ListInstances' });
    const tui = renderSpexApp(backend.spex, { initial: { region: 'eu-west-2' } });
    const frame = await tui.waitForFrame(allCounted);
    const failed = backend.emulator.requests.filter((r) => r.operation === 'ListResources' && r.status >= 400);
    expect(failed).toHaveLength(1);
    const failedRegion = failed[0]!.region;
    expect(rowOf(frame, failedRegion)).toMatch(/✗ access denied: Access denied/);
    for (const region of CONNECT_REGIONS.filter((r) => r.code !== failedRegion)) {
      expect(rowOf(frame, region.code)).toMatch(/\d+ instances?/);
    }
    expect(rowOf(frame, 'us-east-1')).toContain('US East (N. Virginia)');
    // The configured region is preselected and marked.
    expect(rowOf(frame, 'eu-west-2')).toMatch(/^› eu-west-2 .*\(current\)/);
    // Never more than three regions counted at once.
    expect(backend.emulator.maxConcurrent('ListResources')).toBeLessThanOrEqual(3);
  });

  it('filters as you type and opens the region under the cursor', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex);
    await tui.waitForFrame('Select a region');
    await tui.type('europe');
    let frame = await tui.waitForFrame('matching "europe"');
    expect(frame).toContain('eu-central-1');
    expect(frame).toContain('eu-west-2');
    expect(frame).not.toContain('us-east-1');
    await tui.press(keys.down, keys.enter);
    frame = await tui.waitForFrame('eu-west-2 › Instances');
    // The demo's eu-west-2 has one instance, acme-emea.
    await tui.waitForFrame('acme-emea');
    await tui.press(keys.escape);
    frame = await tui.waitForFrame('Select a region');
    // Back on the picker: the filter is gone and the region just used is selected.
    expect(frame).toMatch(/› eu-west-2/);
    await tui.type('zzz');
    await tui.waitForFrame('No Connect region matches');
    await tui.press(keys.backspace, keys.backspace, keys.backspace);
    await tui.waitForFrame((f) => f.includes('us-east-1') && f.includes('(type to filter)'));
  });

  it('another region’s picker never lists the instances of the region before it', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1' } });
    await tui.waitForFrame('Select a region');
    await tui.press(keys.enter);
    await tui.waitForFrame((f) => f.includes('us-east-1 › Instances') && f.includes('acme-sales'));
    await tui.press(keys.escape);
    await tui.waitForFrame('Select a region');
    await tui.type('london');
    await tui.waitForFrame('matching "london"');
    const from = tui.frames.length;
    await tui.press(keys.enter);
    await tui.waitForFrame((f) => f.includes('eu-west-2 › Instances') && f.includes('acme-emea'));
    const mixed = tui.frames.slice(from).filter((f) => f.includes('eu-west-2 › Instances') && /acme-(support|sales)/.test(f));
    expect(mixed).toEqual([]);
  });
});
