// The detail cache: on disk, atomic, merged between processes, corrupt files dropped, bounded; and
// through spex, a second visit costs no GetResource, and only profiles changed since are read again.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, clearCache, MAX_INSTANCES, openDetailCache } from '../../src/cache/detail-cache.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spex-cache-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARN = (instance: string, id: string) => `arn:aws:connect:us-east-1:123456789012:instance/${instance}/security-profile/${id}`;
const profile = (arn: string, t: number): SecurityProfile => ({ SecurityProfileArn: arn, InstanceArn: arn.split('/security-profile/')[0]!, SecurityProfileName: `P ${arn.slice(-2)}`, LastModifiedTime: t, Permissions: ['A'] });

describe('openDetailCache', () => {
  it('keeps what was read across instances of the cache; two writers merge; a corrupt file is dropped', () => {
    const d = join(dir, 'unit');
    const a = openDetailCache(d, 'http://127.0.0.1:4599');
    const b = openDetailCache(d, 'http://127.0.0.1:4599');
    a.put(profile(ARN('i1', 'p1'), 10));
    b.put(profile(ARN('i1', 'p2'), 20));
    a.flush();
    b.flush();
    const c = openDetailCache(d, 'http://127.0.0.1:4599');
    expect(c.get(ARN('i1', 'p1'))?.lastModifiedTime).toBe(10);
    expect(c.get(ARN('i1', 'p2'))?.profile.SecurityProfileName).toBe('P p2');
    // Another endpoint sees nothing of it.
    expect(openDetailCache(d, undefined).get(ARN('i1', 'p1'))).toBeUndefined();
    c.remove(ARN('i1', 'p1'));
    c.flush();
    expect(openDetailCache(d, 'http://127.0.0.1:4599').get(ARN('i1', 'p1'))).toBeUndefined();
    // Corrupt: dropped, rebuilt.
    const file = join(d, '127.0.0.1_4599', '123456789012', 'us-east-1', 'i1.json');
    writeFileSync(file, '{ not json');
    const e = openDetailCache(d, 'http://127.0.0.1:4599');
    expect(e.get(ARN('i1', 'p2'))).toBeUndefined();
    e.put(profile(ARN('i1', 'p3'), 30));
    e.flush();
    expect(openDetailCache(d, 'http://127.0.0.1:4599').get(ARN('i1', 'p3'))?.lastModifiedTime).toBe(30);
    expect(readdirSync(join(d, '127.0.0.1_4599', '123456789012', 'us-east-1')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it(`is bounded: beyond ${MAX_INSTANCES} instances the oldest go; clear empties it`, () => {
    const d = join(dir, 'bounded');
    const cache = openDetailCache(d, undefined);
    for (let i = 0; i < MAX_INSTANCES + 3; i += 1) {
      cache.put(profile(ARN(`inst${String(i).padStart(3, '0')}`, 'p1'), i));
      cache.flush();
    }
    const files = readdirSync(join(d, 'aws', '123456789012', 'us-east-1'));
    expect(files).toHaveLength(MAX_INSTANCES);
    expect(clearCache(d)).toBe(MAX_INSTANCES);
  });

  it('lives in SPEX_CACHE_DIR, else XDG_CACHE_HOME/spex, else ~/.cache/spex; off means none', () => {
    expect(cacheDir({ SPEX_CACHE_DIR: '/c' })).toBe('/c');
    expect(cacheDir({ SPEX_CACHE_DIR: 'off', HOME: '/h' })).toBeUndefined();
    expect(cacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/spex');
    expect(cacheDir({ HOME: '/h' })).toBe('/h/.cache/spex');
  });
});

describe('through spex: validated by Connect summaries', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => backend.close());
  afterEach(() => backend.emulator.clearRequests());

  const run = (args: string[], cache: string) =>
    runAgainst(backend, args, { env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, SPEX_CACHE_DIR: cache } });
  const gets = () => backend.emulator.requests.filter((r) => r.operation === 'GetResource' && r.typeName === SECURITY_PROFILE_TYPE);

  it('the second `list --grants` reads no detail; after 2 profiles change, exactly those 2; --no-cache reads all', async () => {
    const cache = join(dir, 'spex');
    const args = ['list', '--instance', 'acme-support', '--grants', 'BasicAgentAccess', '--output', 'json'];
    const first = await run(args, cache);
    expect(first.code).toBe(0);
    const total = gets().length;
    expect(total).toBeGreaterThan(10);
    backend.emulator.clearRequests();
    const second = await run(args, cache);
    expect(second.out).toBe(first.out);
    expect(gets()).toHaveLength(0);
    const changed = (backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE) as unknown as SecurityProfile[]).filter((p) => p.InstanceArn === backend.instanceArn).slice(0, 2);
    for (const p of changed) backend.emulator.modifyProfile(backend.region, p.SecurityProfileArn!, (m) => void (m.Description = 'changed meanwhile'));
    backend.emulator.clearRequests();
    await run(args, cache);
    expect(gets().map((r) => r.identifier).sort()).toEqual(changed.map((p) => p.SecurityProfileArn).sort());
    backend.emulator.clearRequests();
    await run([...args, '--no-cache'], cache);
    expect(gets()).toHaveLength(total);
    // spex cache clear: the next run reads everything again.
    const cleared = await run(['cache', 'clear', '--output', 'json'], cache);
    expect(JSON.parse(cleared.out)).toMatchObject({ instances: 1 });
    backend.emulator.clearRequests();
    await run(args, cache);
    expect(gets()).toHaveLength(total);
  });
});
