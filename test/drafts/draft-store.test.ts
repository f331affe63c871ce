import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftStore, draftDir, newProfileDraftKey, type StoredDraft, strayTempFiles } from '../../src/drafts/draft-store.js';

const ARN = 'arn:aws:connect:us-east-1:123456789012:instance/abc/security-profile/p1';
const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/abc';

function sample(key = ARN, permissions = ['Users.View']): StoredDraft {
  return {
    key,
    mode: 'edit',
    savedAt: 1000,
    draft: { InstanceArn: INSTANCE, SecurityProfileName: 'Ops', Permissions: permissions },
    original: { InstanceArn: INSTANCE, SecurityProfileName: 'Ops', Permissions: [], SecurityProfileArn: ARN },
  };
}

describe('draftDir', () => {
  it('prefers SPEX_STATE_DIR, then XDG_STATE_HOME, then ~/.local/state', () => {
    expect(draftDir({ SPEX_STATE_DIR: '/x', XDG_STATE_HOME: '/y' }, '/home/u')).toBe('/x/drafts');
    expect(draftDir({ XDG_STATE_HOME: '/y' }, '/home/u')).toBe('/y/spex/drafts');
    expect(draftDir({}, '/home/u')).toBe('/home/u/.local/state/spex/drafts');
    // The XDG spec says relative paths are invalid and must be ignored.
    expect(draftDir({ XDG_STATE_HOME: 'rel' }, '/home/u')).toBe('/home/u/.local/state/spex/drafts');
  });
});

describe('draft store', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'spex-drafts-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('saves, loads, lists and deletes a draft by key', async () => {
    const store = createDraftStore(join(root, 'drafts'));
    expect(await store.loadDraft(ARN)).toBeUndefined();
    expect(await store.listDrafts()).toEqual([]);
    await store.saveDraft(sample());
    const newKey = newProfileDraftKey(INSTANCE, 'Night shift');
    await store.saveDraft({ ...sample(newKey), mode: 'create', savedAt: 2000 });
    expect(await store.loadDraft(ARN)).toEqual(sample());
    expect((await store.listDrafts()).map((d) => d.key)).toEqual([newKey, ARN]);
    await store.deleteDraft(ARN);
    expect(await store.loadDraft(ARN)).toBeUndefined();
    expect((await store.listDrafts()).map((d) => d.key)).toEqual([newKey]);
    await store.deleteDraft(ARN); // deleting twice is fine
  });

  it('replaces a draft atomically and leaves no temporary file', async () => {
    const dir = join(root, 'drafts');
    const store = createDraftStore(dir);
    await store.saveDraft(sample(ARN, ['A.View']));
    await store.saveDraft(sample(ARN, ['B.View']));
    store.saveDraftSync(sample(ARN, ['C.View']));
    expect((await store.loadDraft(ARN))?.draft.Permissions).toEqual(['C.View']);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(strayTempFiles(dir)).toEqual([]);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
  });

  it('removes temporary files a crash left behind, but not one being written now', async () => {
    const dir = join(root, 'drafts');
    mkdirSync(dir, { recursive: true });
    const old = join(dir, 'left-by-a-crash.json.tmp');
    const fresh = join(dir, 'being-written.json.tmp');
    writeFileSync(old, '{');
    writeFileSync(fresh, '{');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(old, hourAgo, hourAgo);
    createDraftStore(dir);
    expect(strayTempFiles(dir)).toEqual(['being-written.json.tmp']);
  });

  it('ignores corrupt files and files holding another key', async () => {
    const dir = join(root, 'drafts');
    const store = createDraftStore(dir);
    await store.saveDraft(sample());
    const file = join(dir, readdirSync(dir)[0]!);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2)); // a truncated write
    expect(await store.loadDraft(ARN)).toBeUndefined();
    expect(await store.listDrafts()).toEqual([]);
    writeFileSync(file, text.replace(ARN, `${ARN}-other`));
    expect(await store.loadDraft(ARN)).toBeUndefined();
  });

  it('deletes synchronously for exit paths', async () => {
    const store = createDraftStore(join(root, 'drafts'));
    await store.saveDraft(sample());
    store.deleteDraftSync(ARN);
    expect(await store.loadDraft(ARN)).toBeUndefined();
  });
});
