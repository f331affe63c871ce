// Typo-tolerant matching of permission names typed by hand ("Usres.Edit" → "Users.Edit"). Split from
// permissions.ts so the catalogue module stays about the catalogue; works on any list of names.

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps, the commonest typo). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Names close to `input`, best first, case-insensitive: the same name in another case, then names that
 * start with the input (shorter first), then names containing it, then names within a small edit
 * distance (about one typo per four characters, at least one, at most four). Ties keep list order.
 */
export function rankSuggestions(input: string, names: readonly string[], limit: number): string[] {
  const q = input.trim().toLowerCase();
  if (q === '' || limit <= 0) return [];
  const scored: { name: string; rank: number; score: number; order: number }[] = [];
  const maxDistance = Math.max(1, Math.min(4, Math.floor(q.length / 4)));
  names.forEach((name, order) => {
    const lower = name.toLowerCase();
    if (lower === q) scored.push({ name, rank: 0, score: 0, order });
    else if (lower.startsWith(q)) scored.push({ name, rank: 1, score: lower.length, order });
    else if (lower.includes(q)) scored.push({ name, rank: 2, score: lower.length, order });
    else {
      // A length gap beyond the budget cannot be within it: skip the quadratic distance.
      if (Math.abs(lower.length - q.length) > maxDistance) return;
      const distance = editDistance(q, lower);
      if (distance <= maxDistance) scored.push({ name, rank: 3, score: distance, order });
    }
  });
  scored.sort((a, b) => a.rank - b.rank || a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.name);
}
