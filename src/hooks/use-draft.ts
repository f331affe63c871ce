// Keeps an editor's draft on disk as it changes (after a short pause, atomically), offers a stored
// one back when the same profile is opened again, and removes it after a successful save. A write
// still pending when the screen goes away (or the process exits) is written synchronously.
import { useCallback, useEffect, useRef, useState } from 'react';
import { profilesEqual } from '../domain/profile/patch.js';
import type { SecurityProfile, SecurityProfileDraft } from '../domain/profile/security-profile.js';
import type { DraftMode, DraftStore, StoredDraft } from '../drafts/draft-store.js';

export interface UseDraftOptions {
  store: DraftStore | undefined;
  mode: DraftMode;
  /** The saved profile (edit): stored with the draft so a later restore can rebase onto the server's version. */
  original?: SecurityProfile;
  /** For a new profile, whose key follows the name being typed: offer the newest draft whose key starts with this. */
  offerPrefix?: string;
  debounceMs?: number;
  now?: () => number;
}

export type DraftCheck = 'checking' | 'ready';

export interface UseDraft {
  readonly check: DraftCheck;
  /** A stored draft for this profile that differs from what the editor opened with. */
  readonly offered: StoredDraft | undefined;
  /** The last write failure, in words (the editor goes on; the draft is only in memory then). */
  readonly error: string | undefined;
  /** Records the draft (written after a short pause; a draft equal to the saved profile is removed). */
  readonly update: (draft: SecurityProfileDraft, key?: string) => void;
  /** Takes the offered draft; it stays on disk until saved or discarded. */
  acceptOffer(): StoredDraft | undefined;
  readonly discardOffer: () => void;
  /** Removes the draft (after a successful save, or when the user discards it). */
  readonly clear: () => Promise<void>;
  /** Writes a pending change now. */
  /** Writes what is pending now; `left`: the user left the editor keeping the draft (the prompt says so later). */
  flush(reason?: 'left'): void;
}

export function useDraft(key: string, initial: SecurityProfileDraft, options: UseDraftOptions): UseDraft {
  const { store, mode, original, offerPrefix } = options;
  const debounceMs = options.debounceMs ?? 150;
  const now = options.now ?? Date.now;
  const [check, setCheck] = useState<DraftCheck>(store ? 'checking' : 'ready');
  const [offered, setOffered] = useState<StoredDraft | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const pending = useRef<{ key: string; draft: SecurityProfileDraft } | undefined>(undefined);
  const written = useRef<string | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const offerOpen = useRef(false);
  const baseline = original ?? initial;

  const last = useRef<{ key: string; draft: SecurityProfileDraft } | undefined>(undefined);
  const record = (draft: SecurityProfileDraft, draftKey: string, reason?: 'left'): StoredDraft => ({
    key: draftKey,
    mode,
    savedAt: now(),
    draft,
    ...(original ? { original } : {}),
    ...(reason ? { keptBy: reason } : {}),
  });

  const writeNow = useCallback((reason?: 'left'): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    // Leaving keeps the draft already on disk too, marked as left (what the restore prompt says later).
    const next = pending.current ?? (reason && written.current !== undefined ? last.current : undefined);
    pending.current = undefined;
    if (!store || !next) return;
    try {
      // A new profile's key follows its name: the file under the old name goes.
      if (written.current !== undefined && written.current !== next.key) store.deleteDraftSync(written.current);
      if (profilesEqual(baseline, next.draft)) {
        store.deleteDraftSync(next.key);
        written.current = undefined;
      } else {
        store.saveDraftSync(record(next.draft, next.key, reason));
        written.current = next.key;
        last.current = next;
      }
      setError(undefined);
    } catch (e) {
      setError(`The draft could not be kept on disk (${(e as Error).message}); it is only in memory.`);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `record` and `baseline` read props of this render; the latest render's writeNow is the one used.
  }, [store, mode, original, initial]);

  const writeRef = useRef(writeNow);
  // eslint-disable-next-line react-hooks/refs -- the latest value, read only by handlers outside render (keys, timers); render never reads it
  writeRef.current = writeNow;
  const flush = useCallback((reason?: 'left') => writeRef.current(reason), []);

  useEffect(() => {
    if (!store) return undefined;
    let live = true;
    const lookup = offerPrefix !== undefined ? store.listDrafts().then((all) => all.find((d) => d.key.startsWith(offerPrefix))) : store.loadDraft(key);
    lookup.then(
      (found) => {
        if (!live) return;
        // A draft this screen wrote itself in the meantime is not "found".
        if (found && found.key !== written.current && !profilesEqual(found.draft, initial)) {
          offerOpen.current = true;
          setOffered(found);
        }
        setCheck('ready');
      },
      () => live && setCheck('ready'),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Looked up once per profile.
  }, [store, key, offerPrefix]);

  // A pending write survives the screen closing and the process exiting (Ctrl-C goes through unmount).
  useEffect(() => {
    const onExit = (): void => writeRef.current(undefined);
    process.once('exit', onExit);
    return () => {
      process.off('exit', onExit);
      writeRef.current(undefined);
    };
  }, []);

  const update = useCallback(
    (draft: SecurityProfileDraft, draftKey: string = key) => {
      if (!store) return;
      pending.current = { key: draftKey, draft };
      // While a stored draft is being offered, writing would overwrite it before the user chose.
      if (offerOpen.current) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => writeRef.current(undefined), debounceMs);
    },
    [store, key, debounceMs],
  );

  // A draft that starts changed (compare's < and > open the editor with a permission copied in) is kept
  // like any other, once no stored draft is offered in its place; never over one written since.
  const startsChanged = !profilesEqual(baseline, initial);
  useEffect(() => {
    if (!store || check !== 'ready' || offered !== undefined || !startsChanged) return;
    if (pending.current !== undefined || written.current !== undefined) return;
    update(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Once the lookup is done and the offer (if any) answered.
  }, [store, check, offered === undefined]);

  const acceptOffer = useCallback((): StoredDraft | undefined => {
    offerOpen.current = false;
    const taken = offered;
    if (taken) written.current = taken.key;
    setOffered(undefined);
    return taken;
  }, [offered]);

  const discardOffer = useCallback(() => {
    offerOpen.current = false;
    if (offered && store) {
      try {
        store.deleteDraftSync(offered.key);
      } catch {
        // Nothing to do: the next write replaces it anyway.
      }
    }
    setOffered(undefined);
  }, [offered, store]);

  const clear = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const keys = new Set([key, ...(pending.current ? [pending.current.key] : []), ...(written.current ? [written.current] : [])]);
    pending.current = undefined;
    written.current = undefined;
    if (store) for (const k of keys) await store.deleteDraft(k);
  }, [store, key]);

  return { check, offered, error, update, acceptOffer, discardOffer, clear, flush };
}
