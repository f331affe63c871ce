// Every page of a paged list, one after the other: `fetch` is given the last page's token (none first)
// and gives back its items and the next token. All at once (allPages), or each page as it comes, the
// next one asked for as soon as it arrives (prefetch), told in order (tellPages).

export async function allPages<T>(fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return out;
}

/** A paged list whose pages are asked for one after the other as soon as each arrives, read in order. */
export type Pages<T> = Promise<{ items: T[]; rest?: Pages<T> | undefined }>;
export function prefetch<T>(page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>, token?: string): Pages<T> {
  const got: Pages<T> = page(token).then((r) => ({ items: r.items ?? [], ...(r.next ? { rest: prefetch(page, r.next) } : {}) }));
  // Read later, or never when an earlier page failed: its failure is the reader's, not an unhandled one.
  got.catch(() => undefined);
  return got;
}

/** Tells each non-empty page of `pages`, in order, as it arrives. */
export async function tellPages<T>(pages: Pages<T>, tell: (items: T[]) => void): Promise<void> {
  for (let next: Pages<T> | undefined = pages; next !== undefined; ) {
    const got: Awaited<Pages<T>> = await next;
    if (got.items.length > 0) tell(got.items);
    next = got.rest;
  }
}
