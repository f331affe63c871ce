// A text progress bar: `[#####-----] 120/300`. Characters, not colour, carry the progress.

export function progressBar(done: number, total: number, width: number): string {
  const label = ` ${done}/${total}`;
  const inner = Math.max(4, width - label.length - 2);
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * inner);
  return `[${'#'.repeat(filled)}${'-'.repeat(inner - filled)}]${label}`;
}
