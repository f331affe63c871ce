// Taking an access review of an instance and writing it to a folder (domain/access/access-review.ts):
// shared by `spex access-review` and the TUI's `W`. Every detail and user comes through the service's
// loaders and budgets; each file is listed with its SHA-256 in manifest.json and SHA256SUMS.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionService } from '../aws/types.js';
import { ACCESS_REVIEW_KIND, type AccessReview, buildAccessReview, reviewTables } from '../domain/access/access-review.js';
import { accessReviewHtml } from '../domain/access/access-review-html.js';
import { lintProfiles } from '../domain/access/lint.js';
import { toCsv } from '../domain/text/csv.js';
import { sanitizeBlock } from '../domain/text/sanitize.js';
import { VERSION } from '../version.js';
import { type ReadOptions, readProfiles } from './read-profiles.js';

export const REVIEW_FORMATS = ['csv', 'xlsx', 'json', 'html'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export interface WrittenFile {
  file: string;
  sha256: string;
  bytes: number;
}

/** Reads the instance in full (profiles, users, AI agents, findings, who is asking) and builds the review. */
export async function takeAccessReview(service: RegionService, instanceArn: string, options: ReadOptions = {}): Promise<AccessReview> {
  const alias = (await service.listInstances().catch(() => [])).find((i) => i.arn === instanceArn)?.alias;
  const profiles = await readProfiles(service, instanceArn, options);
  const index = await service.loadUsers(instanceArn, { allowSlow: true });
  const [agents, takenBy, quota] = await Promise.all([service.listAiAgents(instanceArn).catch(() => undefined), service.callerArn(), service.profileQuota()]);
  const users = index.complete ? index.users : [];
  const lint = lintProfiles({ profiles, ...(index.complete ? { users } : {}), ...(agents ? { agents } : {}), ...(quota !== undefined ? { quota: { limit: quota, source: 'service-quotas' as const } } : {}) });
  const notes = [...(index.complete ? [] : [`users: ${index.note ?? 'the user list cannot be trusted'}, so none are listed`]), ...lint.notes];
  return buildAccessReview({ takenAt: new Date(), takenBy, spexVersion: VERSION, instance: { arn: instanceArn, alias }, profiles, users, agents, findings: lint.findings, notes });
}

/** The folder a review goes to by default: `access-review-ALIAS-20261206-160312Z` (`…-3-instances-…` for several). */
export function defaultReviewDir(review: AccessReview): string {
  const instance = review.instances[0];
  const name = review.instances.length > 1 ? `${review.instances.length}-instances` : (instance?.alias ?? instance?.arn.split('/').pop() ?? 'instance').replace(/[^A-Za-z0-9._-]/g, '_');
  return `access-review-${name}-${review.takenAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-')}`;
}

/** Why a folder cannot take a review (it exists and is not empty), or undefined. */
export function reviewDirIssue(dir: string): string | undefined {
  return existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0) ? `${dir} already exists and is not an empty folder; an access review is written to a new one` : undefined;
}

/** The review written into a new folder in each format, with manifest.json and SHA256SUMS. */
export async function writeAccessReview(review: AccessReview, dir: string, formats: readonly ReviewFormat[]): Promise<WrittenFile[]> {
  const issue = reviewDirIssue(dir);
  if (issue !== undefined) throw new Error(issue);
  mkdirSync(dir, { recursive: true });
  const files = await writeReview(review, dir, formats);
  const manifest = { kind: `${ACCESS_REVIEW_KIND}-manifest`, takenAt: review.takenAt, takenBy: review.takenBy ?? null, spexVersion: review.spexVersion, instances: review.instances, files };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The same in sha256sum's own format: `sha256sum -c SHA256SUMS` in the folder checks every file.
  writeFileSync(join(dir, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.file}\n`).join(''));
  return files;
}

/** Each asked format written into `dir`; the files with their SHA-256, for the manifest. */
async function writeReview(review: AccessReview, dir: string, formats: readonly ReviewFormat[]): Promise<WrittenFile[]> {
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

