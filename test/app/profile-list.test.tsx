// The profile table against the emulator: filtering (text and perm:), sorting, paging through a few
// hundred rows, and lazy detail loading counted in the emulator's request log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDetailCache } from '../../src/cache/detail-cache.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui, type TuiHandle } from '../helpers/render-tui.js';
import { OPEN_LIST } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

function profilesOf(b: TestBackend): SecurityProfile[] {
  return (b.emulator.listModels(b.region, SECURITY_PROFILE_TYPE) as unknown as SecurityProfile[]).filter((p) => p.InstanceArn === b.instanceArn);
}

/** Data rows of the table in the last frame: the lines between the column header and the status line. */
function tableNames(frame: string): string[] {
  const lines = frame.split('\n');
  const header = lines.findIndex((l) => /^\s+Name\s+/.test(l));
  return lines
    .slice(header + 1)
    .filter((l) => /^[› ][✓ ] \S/.test(l))
    .map((l) => l.slice(3).split(/\s{2,}/)[0]!.trim().replace(/^(?:[!⊘✎≈] )+/, ''));
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });

function counter(frame: string): string | undefined {
  return /(\d+\/\d+\+?)\s*$/.exec(frame.trimEnd())?.[1];
}

async function openList(b: TestBackend, options: { rows?: number; columns?: number } = {}): Promise<TuiHandle> {
  const tui = renderSpexApp(b.spex, { initial: OPEN_LIST, ...options });
  const total = profilesOf(b).length;
  await tui.waitForFrame((f) => counter(f) === `${total}/${total}`);
  return tui;
}

describe('the detail cache on Cloud Control alone', () => {
  it('shows cached rows at once marked ≈ (possibly stale), says why, and drops the mark once AWS answers', async () => {
    backend = await startTestBackend();
    const dir = mkdtempSync(join(tmpdir(), 'spex-stale-'));
    try {
      const first = backend.makeSpex({ cloudControlOnly: true, cache: openDetailCache(dir, backend.emulator.url, { flushDelayMs: 0 }) });
      const warm = await openList({ ...backend, spex: first }, { rows: 30, columns: 120 });
      await warm.waitForFrame((f) => tableNames(f).length >= 18 && !tableNames(f).some((n) => n.startsWith('…')));
      warm.unmount();
      // Someone renames nothing, but AWS is slow now: the cached copies show first.
      backend.emulator.setFaults({ latencyMs: 400 });
      const second = backend.makeSpex({ cloudControlOnly: true, cache: openDetailCache(dir, backend.emulator.url, { flushDelayMs: 0 }) });
      const tui = renderSpexApp(second, { initial: OPEN_LIST, rows: 30, columns: 120 });
      const marked = await tui.waitForFrame(/≈ Agent\s/, { timeoutMs: 10_000 });
      expect(marked).toMatch(/≈ \d+ profiles? shown from the cache, possibly stale: being read again/);
      const settled = await tui.waitForFrame((f) => /\sAgent\s/.test(f) && !f.includes('≈'), { timeoutMs: 15_000 });
      expect(settled).not.toContain('possibly stale');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('profile table, when the list gives ARNs only (as AWS may) and the Connect API is not used', () => {
  it('shows every row at once, names fill in for the rows on screen, and the status line says how many are unknown', async () => {
    backend = await startTestBackend({ profiles: 300, spex: { cloudControlOnly: true } });
    const total = profilesOf(backend).length;
    const tui = await openList(backend, { rows: 24, columns: 100 });
    // The rows on screen get their names; the rest wait, counted.
    const frame = await tui.waitForFrame((f) => tableNames(f).length === 18 && !tableNames(f).some((n) => n.startsWith('…')) && /\d+ names not loaded yet/.test(f));
    const unknown = Number(/(\d+) names not loaded yet, listed last/.exec(frame)?.[1]);
    expect(unknown).toBe(total - 18);
    const gets = backend.emulator.requests.filter((r) => r.operation === 'GetResource');
    expect(gets.length).toBe(18);
    // The named rows are in name order; the unknown ones come after them.
    expect(tableNames(frame)).toEqual([...tableNames(frame)].sort(byName));
    // At the end, the rows with unknown names come into view and load in turn.
    await tui.press('G');
    await tui.waitForFrame((f) => Number(/(\d+) names not loaded yet/.exec(f)?.[1] ?? 0) <= unknown - 18);
    const after = backend.emulator.requests.filter((r) => r.operation === 'GetResource').map((r) => r.identifier);
    expect(after.length).toBeGreaterThanOrEqual(36);
    expect(new Set(after).size).toBe(after.length);
  });

  it('a name filter says it cannot see unknown names yet, loads them in the background, then finds them', async () => {
    backend = await startTestBackend({ profiles: 40, spex: { cloudControlOnly: true } });
    const total = profilesOf(backend).length;
    const tui = await openList(backend, { rows: 24 });
    await tui.press('/');
    await tui.type('generated');
    await tui.waitForFrame(/names not loaded yet, so not searched/);
    // The 40 generated profiles, once every name is known.
    const frame = await tui.waitForFrame((f) => counter(f) === `40/${total}` && !/not loaded yet/.test(f), { timeoutMs: 10_000 });
    expect(tableNames(frame)[0]).toBe('Generated profile 01');
    const gets = backend.emulator.requests.filter((r) => r.operation === 'GetResource').map((r) => r.identifier);
    expect(new Set(gets).size).toBe(gets.length);
  });
});

describe('profile table with the Connect API beside Cloud Control', () => {
  it('shows every name at once from one ListSecurityProfiles call, however many rows are off screen', async () => {
    backend = await startTestBackend({ profiles: 300 });
    const tui = await openList(backend, { rows: 24 });
    await tui.press('G');
    const frame = await tui.waitForFrame(/›\s+Workforce Planning/);
    expect(frame).not.toMatch(/names? not loaded yet/);
    expect(backend.emulator.requests.filter((r) => r.operation === 'ListSecurityProfiles')).toHaveLength(1);
    // Only the rows on screen were read in full (their counts), not every name.
    expect(backend.emulator.requests.filter((r) => r.operation === 'GetResource').length).toBeLessThanOrEqual(36);
  });
});

describe('profile table', () => {
  it('filters by name as you type, shows shown/total, and Esc clears', async () => {
    backend = await startTestBackend();
    const total = profilesOf(backend).length;
    const tui = await openList(backend);
    await tui.press('/');
    await tui.waitForFrame('/▏');
    await tui.type('tier');
    const frame = await tui.waitForFrame((f) => counter(f) === `2/${total}`);
    expect(tableNames(frame)).toEqual(['Tier 1 Support', 'Tier 2 Escalations']);
    expect(frame).toContain('/tier');
    await tui.press(keys.enter);
    // Enter keeps the filter and gives the keys back to the table.
    await tui.waitForFrame((f) => f.includes('/tier') && !f.includes('/tier▏'));
    await tui.press('j');
    await tui.waitForFrame(/›\s+Tier 2 Escalations/);
    await tui.press(keys.escape);
    await tui.waitForFrame((f) => counter(f) === `${total}/${total}`);
  });

  it('matches the description once details are loaded', async () => {
    backend = await startTestBackend();
    const profiles = profilesOf(backend);
    const tui = await openList(backend);
    // Wait until every row's details are in (counts instead of the loading marker).
    await tui.waitForFrame((f) => !/[…·]\s+[…·]/.test(f) && tableNames(f).length === profiles.length);
    await tui.press('/');
    await tui.type('escalation desk');
    const frame = await tui.waitForFrame((f) => counter(f) === `1/${profiles.length}`);
    expect(tableNames(frame)).toEqual(['Tier 2 Escalations']);
  });

  it('keeps only profiles granting a permission with perm:, loading the missing details', async () => {
    backend = await startTestBackend({ profiles: 60 });
    const profiles = profilesOf(backend);
    const granting = profiles.filter((p) => p.Permissions?.includes('Users.Edit')).map((p) => p.SecurityProfileName);
    expect(granting.length).toBeGreaterThan(1);
    const tui = await openList(backend, { rows: 24 });
    await tui.press('/');
    await tui.type('perm:Users.Edit');
    await tui.press(keys.enter);
    const frame = await tui.waitForFrame((f) => counter(f) === `${granting.length}/${profiles.length}` && !f.includes('loading details'), {
      timeoutMs: 10_000,
    });
    expect(new Set(tableNames(frame).slice(0, granting.length))).toEqual(new Set(granting.slice(0, tableNames(frame).length)));
    // Every profile had to be read to answer, each exactly once.
    const gets = backend.emulator.requests.filter((r) => r.operation === 'GetResource').map((r) => r.identifier);
    expect(new Set(gets).size).toBe(profiles.length);
    expect(gets.length).toBe(profiles.length);
  });

  it('sorts by name, permission count and modified time, the same key reversing', async () => {
    backend = await startTestBackend();
    const profiles = profilesOf(backend);
    const tui = await openList(backend, { rows: 40 });
    const sorted = profiles.map((p) => p.SecurityProfileName).sort(byName);
    // The list gives ARNs only: once the rows on screen have their names, they are in name order.
    await tui.waitForFrame((f) => JSON.stringify(tableNames(f)) === JSON.stringify(sorted));

    await tui.press('N');
    let frame = await tui.waitForFrame('sort: name ↓');
    expect(tableNames(frame)).toEqual([...sorted].reverse());

    await tui.press('#');
    frame = await tui.waitForFrame((f) => f.includes('sort: permissions ↓ most first') && !/[…·]\s+[…·]/.test(f));
    const mostFirst = tableNames(frame);
    expect(mostFirst[0]).toBe('Admin');
    const counts = mostFirst.map((n) => profiles.find((p) => p.SecurityProfileName === n)!.Permissions!.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    await tui.press('M');
    frame = await tui.waitForFrame('sort: modified ↓ newest first');
    const newest = [...profiles].sort((a, b) => b.LastModifiedTime! - a.LastModifiedTime!)[0]!.SecurityProfileName;
    expect(tableNames(frame)[0]).toBe(newest);
    await tui.press('M');
    frame = await tui.waitForFrame('sort: modified ↑ oldest first');
    expect(tableNames(frame).at(-1)).toBe(newest);
  });

  it('pages through a few hundred profiles, fetching only the details of visible rows, none twice', async () => {
    // Names in the list (the kinder shape), so the order is known before any detail arrives.
    backend = await startTestBackend({ profiles: 300, listProperties: 'summary' });
    const names = profilesOf(backend).map((p) => p.SecurityProfileName).sort(byName);
    const total = names.length;
    const tui = await openList(backend, { rows: 24, columns: 80 });
    const pageRows = tableNames(tui.frame()).length;
    expect(pageRows).toBe(18);
    // The first screen's details arrive; then start counting.
    await tui.waitForFrame((f) => !/[…·]\s+\S+\s+[…·]\s+\d{4}-/.test(f));
    backend.emulator.clearRequests();

    await tui.press(keys.pageDown);
    const second = names[pageRows]!;
    let frame = await tui.waitForFrame((f) => new RegExp(`›\\s+${second}`).test(f) && !/[…·]\s+\S+\s+[…·]\s+\d{4}-/.test(f));
    const visible = tableNames(frame);
    let gets = backend.emulator.requests.filter((r) => r.operation === 'GetResource');
    // Only rows that came into view were fetched, each once.
    expect(gets.length).toBeLessThanOrEqual(pageRows);
    expect(new Set(gets.map((g) => g.identifier)).size).toBe(gets.length);
    const fetched = gets.map((g) => (backend!.emulator.getModel(backend!.region, SECURITY_PROFILE_TYPE, g.identifier!) as unknown as SecurityProfile).SecurityProfileName);
    for (const name of fetched) expect(visible).toContain(name);

    const last = names.at(-1)!;
    await tui.press('G');
    frame = await tui.waitForFrame(new RegExp(`›\\s+${last}`));
    expect(tableNames(frame).at(-1)).toBe(last);
    await tui.waitForFrame((f) => !/[…·]\s+\S+\s+[…·]\s+\d{4}-/.test(f));
    backend.emulator.clearRequests();

    await tui.press('g');
    await tui.waitForFrame(/›\s+Admin/);
    await tui.press(keys.pageDown);
    frame = await tui.waitForFrame((f) => new RegExp(`›\\s+${second}`).test(f));
    // Back over rows already seen: all cached, nothing fetched.
    gets = backend.emulator.requests.filter((r) => r.operation === 'GetResource');
    expect(gets).toEqual([]);
    expect(counter(frame)).toBe(`${total}/${total}`);
    await tui.press(keys.end);
    await tui.waitForFrame(new RegExp(`›\\s+${last}`));
    await tui.press(keys.home);
    await tui.waitForFrame(/›\s+Admin/);
  });

  it('follows a resize: fewer rows, narrower columns', async () => {
    backend = await startTestBackend({ profiles: 40 });
    const tui = await openList(backend, { rows: 30, columns: 100 });
    expect(tableNames(tui.frame()).length).toBe(24);
    await tui.resize(60, 16);
    const frame = await tui.waitForFrame((f) => tableNames(f).length === 10);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(frame).not.toContain('Description');
  });
});
