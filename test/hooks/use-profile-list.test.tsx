// The list hook through a harness component: rows stream in page by page, then the stream ends.
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegionService } from '../../src/cloudcontrol/types.js';
import { useProfileList } from '../../src/hooks/use-profile-list.js';
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

describe('useProfileList', () => {
  it('streams pages as they arrive, then reports done', async () => {
    backend = await startTestBackend({ profiles: 20, pageSize: 10 });
    const service = backend.spex.forRegion(backend.region);
    const tui = renderTui(<Harness service={service} instanceArn={backend.instanceArn} reloadKey={0} />);
    await tui.waitForFrame(/^done:35:4$/);
    const states = [...new Set(tui.frames)];
    expect(states[0]).toBe('loading:0:0');
    expect(states).toContain('streaming:10:1');
    expect(states).toContain('streaming:20:2');
    expect(states.at(-1)).toBe('done:35:4');
  });

  it('reports an error as a DomainError', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException' });
    const service = backend.spex.forRegion(backend.region);
    const tui = renderTui(<Harness service={service} instanceArn={backend.instanceArn} reloadKey={0} />);
    await tui.waitForFrame('error:0:0:access-denied');
  });
});
