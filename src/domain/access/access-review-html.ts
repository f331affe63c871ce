// The access review as one self-contained HTML page (no external assets): the stamp, a heat map of
// profiles × permission groups, the users per profile as bars, the findings highlighted, and every
// table sortable (click a header) and filterable (type above it). Every value is server text or comes
// from it, so everything is escaped; the script only sorts and filters what is on the page. Pure.
import { getCatalogue } from '../permissions/permissions.js';
import { sanitizeBlock } from '../text/sanitize.js';
import { type AccessReview, reviewTables } from './access-review.js';

const esc = (value: string | number): string =>
  sanitizeBlock(String(value)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;cursor:pointer;position:sticky;top:0}td.n{text-align:right}.heat td.c{text-align:center;min-width:2rem}
.bar{background:#4a7bd0;height:.8rem;display:inline-block}.high{background:#fde2e1}.medium{background:#fff4d6}.low{background:#eef5ff}
input.filter{margin:.3rem 0;padding:.2rem;width:20rem}.meta td{border:none;padding:.1rem .6rem .1rem 0}`;

const SCRIPT = `for(const t of document.querySelectorAll('table.data')){const b=t.tBodies[0];const f=document.createElement('input');f.className='filter';f.placeholder='filter rows';t.before(f);
f.addEventListener('input',()=>{const q=f.value.toLowerCase();for(const r of b.rows)r.hidden=!r.textContent.toLowerCase().includes(q)});
t.tHead.querySelectorAll('th').forEach((h,i)=>h.addEventListener('click',()=>{const d=h.dataset.dir==='asc'?'desc':'asc';h.dataset.dir=d;const rows=[...b.rows];
const v=r=>r.cells[i].textContent;const num=rows.every(r=>v(r)===''||!isNaN(Number(v(r))));rows.sort((a,c)=>{const x=v(a),y=v(c);const o=num?Number(x)-Number(y):x.localeCompare(y);return d==='asc'?o:-o});rows.forEach(r=>b.append(r))}))}`;

function heatMap(review: AccessReview): string {
  const groups = getCatalogue().map((g) => ({ group: g.group, total: g.permissions.length }));
  const max = Math.max(1, ...groups.map((g) => g.total));
  const head = `<tr><th>Profile</th>${groups.map((g) => `<th title="${esc(g.group)}">${esc(g.group)}</th>`).join('')}</tr>`;
  const rows = review.profiles.map((p) => {
    const cells = groups.map((g) => {
      const n = p.permissions.filter((x) => x.group === g.group).length;
      const shade = n === 0 ? 0 : 0.15 + (0.85 * n) / Math.max(g.total, 1);
      return `<td class="c" style="background:rgba(74,123,208,${shade.toFixed(2)})" title="${n} of ${g.total}">${n || ''}</td>`;
    });
    return `<tr><td>${esc(p.instance === undefined ? p.name : `${p.instance} · ${p.name}`)}</td>${cells.join('')}</tr>`;
  });
  return `<table class="heat"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table><p>Each cell: how many of the group's permissions (${max} at most in one group) the profile grants.</p>`;
}

function bars(review: AccessReview): string {
  const most = Math.max(1, ...review.profiles.map((p) => p.users + p.agents));
  const rows = review.profiles.map(
    (p) => `<tr><td>${esc(p.instance === undefined ? p.name : `${p.instance} · ${p.name}`)}</td><td class="n">${p.users}</td><td class="n">${p.agents}</td><td><span class="bar" style="width:${Math.round((300 * (p.users + p.agents)) / most)}px"></span></td></tr>`,
  );
  return `<table><thead><tr><th>Profile</th><th>Users</th><th>AI agents</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function accessReviewHtml(review: AccessReview): string {
  const tables = reviewTables(review).filter((t) => t.name !== 'about');
  const about = reviewTables(review).find((t) => t.name === 'about')!;
  const meta = `<table class="meta">${about.rows.map((r) => `<tr><td>${esc(r[0] ?? '')}</td><td>${esc(r[1] ?? '')}</td></tr>`).join('')}</table>`;
  const body = tables.map((t) => {
    const severity = t.header.indexOf('Severity');
    const rows = t.rows.map((r) => `<tr${severity >= 0 ? ` class="${esc(String(r[severity]))}"` : ''}>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`);
    return `<h2 id="${esc(t.name)}">${esc(t.title)} (${t.rows.length})</h2><table class="data"><thead><tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  const title = `Access review — ${review.instances.map((i) => i.alias ?? i.arn).join(', ')} — ${review.takenAt}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(title)}</h1>${meta}<h2>Profiles × permission groups</h2>${heatMap(review)}<h2>Holders per profile</h2>${bars(review)}${body.join('\n')}<script>${SCRIPT}</script></body></html>
`;
}
