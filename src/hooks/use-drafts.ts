// The unsaved drafts on disk, read when spex starts and again whenever an editor closes: the list
// marks the profiles that have one, `D` goes to them, and the start says how many there are.
import { useEffect, useState } from 'react';
import { summariseDraft, type DraftSummary } from '../domain/profile/drafts.js';
import { describeChanges } from '../domain/profile/profile-diff.js';
import type { DraftStore } from '../drafts/draft-store.js';

export function useDrafts(store: DraftStore | undefined, refreshKey: unknown): readonly DraftSummary[] | undefined {
  const [drafts, setDrafts] = useState<readonly DraftSummary[] | undefined>(undefined);
  useEffect(() => {
    if (store === undefined) return undefined;
    let live = true;
    store
      .listDrafts()
      .then((list) => {
        if (live) setDrafts(list.map((d) => summariseDraft(d, (a, b) => describeChanges(a, b).map((c) => c.label))));
      })
      // An unreadable draft folder is said by the editor when it opens; the list simply marks nothing.
      .catch(() => (live ? setDrafts([]) : undefined));
    return () => {
      live = false;
    };
  }, [store, refreshKey]);
  return drafts;
}
