// Unsaved edits kept on disk, so a crash, Ctrl-C or a quit never loses one. One small JSON file per
// profile (or per new profile), written atomically — a temporary file renamed over the old one — so a
// reader sees the old draft or the new one, never half of each. Removed after a successful save.
import type { DraftMode, StoredDraft } from '../domain/profile/drafts.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type { DraftMode, StoredDraft } from '../domain/profile/drafts.js';

export interface DraftStore {
  readonly dir: string;
  listDrafts(): Promise<StoredDraft[]>;
  loadDraft(key: string): Promise<StoredDraft | undefined>;
  saveDraft(draft: StoredDraft): Promise<void>;
  /** For exit paths that cannot wait (unmount, signal handlers). */
  saveDraftSync(draft: StoredDraft): void;
  deleteDraft(key: string): Promise<void>;
  deleteDraftSync(key: string): void;
}

const VERSION = 1;
const SUFFIX = '.json';

/** `$SPEX_STATE_DIR`, else `$XDG_STATE_HOME/spex`, else `~/.local/state/spex`: drafts and unfinished promotions. */
export function stateDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.SPEX_STATE_DIR) return env.SPEX_STATE_DIR;
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'spex');
}

/** `drafts` in the state directory above. */
export function draftDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(stateDir(env, home), 'drafts');
}

export function newProfileDraftKey(instanceArn: string, name: string): string {
  return `new:${instanceArn}:${name}`;
}

/** ARNs hold `:` and `/`: the file is named by a hash of the key, and the key is kept inside. */
function fileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}${SUFFIX}`;
}

function encode(draft: StoredDraft): string {
  return `${JSON.stringify({ version: VERSION, ...draft }, null, 2)}\n`;
}

/** A file that is not a draft of this version (hand-edited, truncated by a full disk) is skipped. */
function decode(text: string): StoredDraft | undefined {
  try {
    const value = JSON.parse(text) as Partial<StoredDraft> & { version?: number };
    if (value.version !== VERSION || typeof value.key !== 'string' || typeof value.draft !== 'object' || value.draft === null) return undefined;
    const mode: DraftMode = value.mode === 'create' || value.mode === 'clone' ? value.mode : 'edit';
    const out: StoredDraft = { key: value.key, mode, savedAt: Number(value.savedAt ?? 0), draft: value.draft };
    if (value.original && typeof value.original === 'object') out.original = value.original;
    if (value.keptBy === 'left') out.keptBy = 'left';
    return out;
  } catch {
    return undefined;
  }
}

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export function createDraftStore(dir: string = draftDir()): DraftStore {
  removeStaleTempFiles(dir);
  const pathOf = (key: string): string => join(dir, fileName(key));
  return {
    dir,
    async listDrafts() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const drafts: StoredDraft[] = [];
      for (const name of names.filter((n) => n.endsWith(SUFFIX))) {
        const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
        const draft = text === undefined ? undefined : decode(text);
        if (draft) drafts.push(draft);
      }
      return drafts.sort((a, b) => b.savedAt - a.savedAt);
    },
    async loadDraft(key) {
      try {
        const draft = decode(await readFile(pathOf(key), 'utf8'));
        // A hash collision (or a renamed file) must never restore another profile's draft.
        return draft?.key === key ? draft : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async saveDraft(draft) {
      // Drafts can hold tags and descriptions the user typed: readable by the user only.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = pathOf(draft.key);
      const temp = tempName(file);
      try {
        await writeFile(temp, encode(draft), { mode: 0o600 });
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    saveDraftSync(draft) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = pathOf(draft.key);
      const temp = tempName(file);
      try {
        writeFileSync(temp, encode(draft), { mode: 0o600 });
        renameSync(temp, file);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    },
    async deleteDraft(key) {
      await rm(pathOf(key), { force: true });
    },
    deleteDraftSync(key) {
      rmSync(pathOf(key), { force: true });
    },
  };
}

/** A temporary file this old was left by a crash between write and rename, not by a write under way. */
const STALE_TEMP_MS = 60_000;

/** Best effort, at start: another spex may be writing its own temporary file right now, so only old ones go. */
function removeStaleTempFiles(dir: string, now = Date.now()): void {
  for (const name of strayTempFiles(dir)) {
    try {
      const path = join(dir, name);
      if (now - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}

/** Temporary files left by a crash between write and rename. */
export function strayTempFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  } catch {
    return [];
  }
}
