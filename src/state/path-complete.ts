// Tab completion of a path typed in a field (A's file to apply, X's file to write), as a shell does:
// the entries of the typed folder that start with the typed name; one match is completed (a folder
// with its `/`), several to their longest common start, and listed. Pure: the folder is read by the
// caller's `list` (undefined when it cannot be read).

export interface Completion {
  /** The text after Tab. */
  text: string;
  /** The matching names when there are several (for a hint), else empty. */
  choices: string[];
}

export function completePath(text: string, list: (dir: string) => readonly string[] | undefined): Completion {
  const cut = text.lastIndexOf('/');
  const dir = cut < 0 ? '' : text.slice(0, cut + 1);
  const partial = cut < 0 ? text : text.slice(cut + 1);
  const entries = list(dir === '' ? '.' : dir) ?? [];
  // Hidden entries only when a dot is typed, as shells do.
  const matches = entries.filter((e) => e.startsWith(partial) && (partial.startsWith('.') || !e.startsWith('.'))).sort();
  if (matches.length === 0) return { text, choices: [] };
  if (matches.length === 1) return { text: dir + matches[0]!, choices: [] };
  let common = matches[0]!;
  for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
  return { text: dir + (common.length > partial.length ? common : partial), choices: matches };
}
