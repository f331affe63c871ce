// The printed table: one line per metric, items as headings, notes under each item.

function fmt(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'x') return `${value.toFixed(2)}×`;
  if (unit === 'calls' || unit === 'count') return String(Math.round(value));
  if (unit === 'B') return `${Math.round(value)} B`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}

function spreadText(m) {
  const s = m.summary;
  if (s.n <= 1) return '';
  if (m.spread === 'p95') return `p95 ${fmt(s.p95, m.unit)} (n=${s.n})`;
  return `${fmt(s.min, m.unit)} – ${fmt(s.max, m.unit)} (n=${s.n})`;
}

export function formatTable(items) {
  const rows = [['Metric', 'Median', 'Spread', 'Target', 'Result', 'Note']];
  const notes = [];
  for (const item of items) {
    rows.push([`${item.title}${item.status === 'ok' ? '' : ` [${item.status}]`}`, '', '', '', '', '']);
    for (const m of item.metrics) {
      const result = m.pass === undefined ? '' : m.pass ? 'pass' : 'MISS';
      rows.push([`  ${m.name}`, fmt(m.summary.median, m.unit), spreadText(m), m.target ?? '', result, m.note ?? '']);
    }
    for (const note of item.notes) notes.push(`${item.title}: ${note}`);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  if (notes.length > 0) out.push('', ...notes.map((n) => `• ${n}`));
  return `${out.join('\n')}\n`;
}
