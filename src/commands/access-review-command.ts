// `spex access-review --instance I [--format csv,xlsx,json,html] [--out DIR]`: the report auditors ask
// for (domain/access/access-review.ts), written to a folder with a manifest of each file's SHA-256 so the
// evidence is tamper-evident; and `spex access-review --diff OLD NEW`: who gained or lost what between two.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_REVIEW_KIND, type AccessReview, buildAccessReview, reviewDiff, reviewTables } from '../domain/access/access-review.js';
import { accessReviewHtml } from '../domain/access/access-review-html.js';
import { lintProfiles } from '../domain/access/lint.js';
import { toCsv } from '../domain/text/csv.js';
import { sanitizeBlock, sanitizeLine } from '../domain/text/sanitize.js';
import { SpexError } from '../domain/service/errors.js';
import { EXIT_OK, UsageError } from '../io.js';
import { VERSION } from '../version.js';
import { type CommandContext, str } from './context.js';
import { write } from './output.js';
import { readAllProfiles, resolveInstance } from './resolve.js';

const FORMATS = ['csv', 'xlsx', 'json', 'html'] as const;
type ReviewFormat = (typeof FORMATS)[number];
/** Exit 2 from --diff: someone gained or lost something (as drift's drift). */
const EXIT_CHANGES = 2;

function formatsOf(ctx: CommandContext): ReviewFormat[] {
  const given = str(ctx.values, 'format');
  if (given === undefined) return [...FORMATS];
  const asked = given.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f !== '');
  const bad = asked.find((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad !== undefined || asked.length === 0) throw new UsageError(`--format for access-review takes ${FORMATS.join(', ')} (comma-separated), got '${sanitizeLine(given)}'`);
  return [...new Set(asked)] as ReviewFormat[];
}

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

export async function accessReviewCommand(ctx: CommandContext): Promise<number> {
  if (ctx.values.diff === true) return diffCommand(ctx);
  const formats = formatsOf(ctx);
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const alias = (await service.listInstances().catch(() => [])).find((i) => i.arn === instanceArn)?.alias;
  const profiles = await readAllProfiles(service, instanceArn, ctx.io, 'details (for the access review)');
  const index = await service.loadUsers(instanceArn, { allowSlow: true });
  const [agents, takenBy, quota] = await Promise.all([service.listAiAgents(instanceArn).catch(() => undefined), service.callerArn(), service.profileQuota()]);
  const users = index.complete ? index.users : [];
  const lint = lintProfiles({ profiles, ...(index.complete ? { users } : {}), ...(agents ? { agents } : {}), ...(quota !== undefined ? { quota: { limit: quota, source: 'service-quotas' as const } } : {}) });
  const notes = [...(index.complete ? [] : [`users: ${index.note ?? 'the user list cannot be trusted'}, so none are listed`]), ...lint.notes];
  const review = buildAccessReview({ takenAt: new Date(), takenBy, spexVersion: VERSION, instance: { arn: instanceArn, alias }, profiles, users, agents, findings: lint.findings, notes });
  const dir = str(ctx.values, 'out') ?? `access-review-${(alias ?? instanceArn.split('/').pop() ?? 'instance').replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp(review.takenAt)}`;
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new UsageError(`--out: ${dir} already exists and is not an empty folder; an access review is written to a new one`);
  mkdirSync(dir, { recursive: true });
  const files = await writeReview(review, dir, formats);
  const manifest = { kind: `${ACCESS_REVIEW_KIND}-manifest`, takenAt: review.takenAt, takenBy: review.takenBy ?? null, spexVersion: VERSION, instances: review.instances, files };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The same in sha256sum's own format: `sha256sum -c SHA256SUMS` in the folder checks every file.
  writeFileSync(join(dir, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.file}\n`).join(''));
  const people = review.holders.filter((h) => h.kind === 'user').length;
  for (const note of review.notes) ctx.io.stderr.write(`spex: note: ${sanitizeLine(note)}\n`);
  await write(ctx.io, ctx.output, { dir, ...manifest }, () =>
    `Access review of ${sanitizeLine(alias ?? instanceArn)} written to ${dir}: ${people} users, ${review.holders.length - people} AI agents, ${review.profiles.length} profiles, ${review.findings.length} findings.\n` +
    files.map((f) => `  ${f.file}  sha256 ${f.sha256}\n`).join('') +
    `  manifest.json and SHA256SUMS hold each file's SHA-256 (in the folder, sha256sum -c SHA256SUMS checks all ${files.length}).\n`,
  );
  return EXIT_OK;
}

/** Each asked format written into `dir`; the files with their SHA-256, for the manifest. */
async function writeReview(review: AccessReview, dir: string, formats: readonly ReviewFormat[]): Promise<{ file: string; sha256: string; bytes: number }[]> {
  const written: string[] = [];
  const put = (file: string, data: string | Buffer): void => {
    writeFileSync(join(dir, file), data);
    written.push(file);
  };
  const tables = reviewTables(review);
  if (formats.includes('json')) put('access-review.json', `${JSON.stringify(review, null, 2)}\n`);
  if (formats.includes('csv')) {
    for (const t of tables) put(`${t.name}.csv`, toCsv(t.rows, t.header.map((header, i) => ({ header, value: (row: (string | number)[]) => row[i] }))));
  }
  if (formats.includes('html')) put('access-review.html', accessReviewHtml(review));
  if (formats.includes('xlsx')) put('access-review.xlsx', await workbook(review));
  return written.map((file) => {
    const data = readFileSync(join(dir, file));
    return { file, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
  });
}

/** One workbook, a sheet per table, the header row frozen and filtered (exceljs, loaded only here). */
async function workbook(review: AccessReview): Promise<Buffer> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  const ExcelJS = mod.default ?? mod;
  const book = new ExcelJS.Workbook();
  book.creator = `spex ${VERSION}`;
  book.created = new Date(review.takenAt);
  for (const t of reviewTables(review)) {
    const sheet = book.addWorksheet(t.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(t.header).font = { bold: true };
    // Text stays text (exceljs writes strings as strings, never formulas); terminal controls are removed.
    for (const row of t.rows) sheet.addRow(row.map((c) => (typeof c === 'number' ? c : sanitizeBlock(c))));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
    t.header.forEach((h, i) => {
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2, ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A review as written: its JSON file, or the folder holding access-review.json. */
function readReview(path: string): AccessReview {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'access-review.json') : path;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpexError({ kind: 'validation', message: `${sanitizeLine(file)}: not an access review's JSON (${sanitizeLine((error as Error).message)}); write one with --format json` });
  }
  const review = value as Partial<AccessReview> | null;
  if (review === null || typeof review !== 'object' || review.kind !== ACCESS_REVIEW_KIND || !Array.isArray(review.holders)) {
    throw new SpexError({ kind: 'validation', message: `${sanitizeLine(file)}: not an access review (kind must be ${ACCESS_REVIEW_KIND})` });
  }
  return review as AccessReview;
}

async function diffCommand(ctx: CommandContext): Promise<number> {
  const [oldPath, newPath] = ctx.positionals;
  if (oldPath === undefined || newPath === undefined) throw new UsageError('access-review --diff needs two reviews: OLD NEW (each a review\'s folder or its access-review.json)');
  const [before, after] = [readReview(oldPath), readReview(newPath)];
  const changes = reviewDiff(before, after);
  await write(ctx.io, ctx.output, { from: before.takenAt, to: after.takenAt, changes }, (t) =>
    changes.length === 0
      ? `Nobody gained or lost anything between ${before.takenAt} and ${after.takenAt}.\n`
      : `${t.renderTable(changes, [
          { header: 'WHO', value: (c) => c.who },
          { header: 'KIND', value: (c) => c.kind },
          { header: 'CHANGE', value: (c) => c.change },
          { header: 'WHAT', value: (c) => c.what, max: 100 },
        ])}${changes.length} change${changes.length === 1 ? '' : 's'} between ${before.takenAt} and ${after.takenAt}.\n`,
  );
  return changes.length === 0 ? EXIT_OK : EXIT_CHANGES;
}
