// The access review auditors ask for (SOX, PCI, ISO 27001): every user and AI agent with their profiles
// and effective permissions in the console's words (implied Views, restrictions as they combine, the
// rules of explain-user.ts), every profile with its permissions and holders, and the lint findings —
// stamped with when, by whom, from which instances, with which spex. Its tables are what every format
// writes (CSV, XLSX, HTML); `reviewDiff` says who gained or lost what between two reviews. Pure.
import { lookupPermission, permissionLabel } from '../permissions/permissions.js';
import type { SecurityProfile } from '../profile/security-profile.js';
import { type AiAgentInfo, isAgentArn } from './ai-agents.js';
import { explainUser } from './explain-user.js';
import { agentAsHolder, type ConnectUser, fullName } from './holders.js';
import type { Finding } from './lint.js';

export const ACCESS_REVIEW_KIND = 'spex/access-review';

export interface ReviewHolder {
  /** In a review of several instances: the instance (its alias, else its id). */
  instance?: string;
  kind: 'user' | 'AI agent';
  login: string;
  name: string;
  arn: string;
  profiles: string[];
  /** Effective permissions: API name, console words, and the profiles that grant it ("implied" for a View the console adds). */
  permissions: { name: string; label: string; group: string; from: string }[];
  /** The tag and hierarchy restrictions as they combine, in words. */
  restrictions: string[];
}

export interface ReviewProfile {
  instance?: string;
  name: string;
  arn: string;
  permissions: { name: string; label: string; group: string }[];
  users: number;
  agents: number;
}

export interface AccessReview {
  kind: typeof ACCESS_REVIEW_KIND;
  version: 1;
  takenAt: string;
  /** The caller (STS GetCallerIdentity), when it could be read. */
  takenBy: string | undefined;
  spexVersion: string;
  instances: { arn: string; alias: string | undefined; account: string; region: string }[];
  holders: ReviewHolder[];
  profiles: ReviewProfile[];
  findings: (Finding & { instance?: string })[];
  /** What the review could not see (holders unknown, AI agents not readable…). */
  notes: string[];
}

export interface ReviewInput {
  takenAt: Date;
  takenBy: string | undefined;
  spexVersion: string;
  instance: { arn: string; alias: string | undefined };
  profiles: readonly SecurityProfile[];
  users: readonly ConnectUser[];
  agents: readonly AiAgentInfo[] | undefined;
  findings: readonly Finding[];
  notes?: readonly string[];
}

const groupOf = (name: string): string => lookupPermission(name)?.group ?? 'Other (not in the catalogue)';

export function buildAccessReview(input: ReviewInput): AccessReview {
  const byArn = new Map(input.profiles.flatMap((p) => (p.SecurityProfileArn ? [[p.SecurityProfileArn, p] as const] : [])));
  const nameOf = (arn: string): string => byArn.get(arn)?.SecurityProfileName ?? arn.split('/').pop() ?? arn;
  const everyone = [...input.users, ...(input.agents ?? []).map(agentAsHolder)];
  const holders: ReviewHolder[] = everyone.map((u) => {
    const e = explainUser(u, byArn);
    const agent = isAgentArn(u.arn);
    return {
      kind: agent ? 'AI agent' : 'user',
      login: agent ? '' : u.username,
      name: agent ? (u.firstName ?? u.username) : fullName(u),
      arn: u.arn,
      profiles: u.securityProfileArns.map(nameOf),
      permissions: e.permissions.map((p) => ({ name: p.name, label: p.label, group: groupOf(p.name), from: p.implied ? `implied by ${p.implied.by.join(', ')}` : p.grantedBy.join(', ') })),
      restrictions: e.restrictions.map((r) => `${r.resource}: ${r.applies ? `only ${r.kind === 'tags' ? 'tags' : 'hierarchy group'} ${r.allowed.join(', ') || '(none)'}` : `not restricted (lifted by ${r.liftedBy.join(', ')})`}`),
    };
  });
  // Holders per profile, users and AI agents apart: one pass over everyone (thousands of users).
  const counts = new Map<string, { users: number; agents: number }>();
  for (const u of everyone) {
    for (const arn of u.securityProfileArns) {
      const c = counts.get(arn) ?? { users: 0, agents: 0 };
      if (isAgentArn(u.arn)) c.agents += 1;
      else c.users += 1;
      counts.set(arn, c);
    }
  }
  const count = (arn: string, kind: ReviewHolder['kind']): number => (kind === 'user' ? counts.get(arn)?.users : counts.get(arn)?.agents) ?? 0;
  const profiles: ReviewProfile[] = [...input.profiles]
    .sort((a, b) => a.SecurityProfileName.localeCompare(b.SecurityProfileName, 'en', { sensitivity: 'base', numeric: true }))
    .map((p) => ({
      name: p.SecurityProfileName,
      arn: p.SecurityProfileArn ?? '',
      permissions: [...(p.Permissions ?? [])].sort().map((name) => ({ name, label: permissionLabel(name), group: groupOf(name) })),
      users: count(p.SecurityProfileArn ?? '', 'user'),
      agents: count(p.SecurityProfileArn ?? '', 'AI agent'),
    }));
  const [, , , region = '', account = ''] = input.instance.arn.split(':');
  return {
    kind: ACCESS_REVIEW_KIND,
    version: 1,
    takenAt: input.takenAt.toISOString(),
    takenBy: input.takenBy,
    spexVersion: input.spexVersion,
    instances: [{ arn: input.instance.arn, alias: input.instance.alias, account, region }],
    holders,
    profiles,
    findings: [...input.findings],
    notes: [...(input.notes ?? []), ...(input.agents === undefined ? ['AI agents: not readable (Amazon Q in Connect), so the review lists users only'] : [])],
  };
}

/** An instance's label in a review of several: its alias, else its id. */
const instanceLabel = (i: AccessReview['instances'][number] | undefined): string => i?.alias ?? i?.arn.split('/').pop() ?? '?';

/**
 * Several instances' reviews as one (an estate's, or a fleet's): every holder, profile, finding and note
 * says its instance; who took it is each account's caller.
 */
export function mergeReviews(reviews: readonly AccessReview[]): AccessReview {
  if (reviews.length === 1) return reviews[0]!;
  const tag = <T extends object>(review: AccessReview, items: readonly T[]): (T & { instance: string })[] => items.map((x) => ({ ...x, instance: instanceLabel(review.instances[0]) }));
  const by = [...new Set(reviews.flatMap((r) => (r.takenBy === undefined ? [] : [r.takenBy])))];
  return {
    kind: ACCESS_REVIEW_KIND,
    version: 1,
    takenAt: reviews.map((r) => r.takenAt).sort()[0] ?? new Date(0).toISOString(),
    takenBy: by.length === 0 ? undefined : by.join(', '),
    spexVersion: reviews[0]?.spexVersion ?? '',
    instances: reviews.flatMap((r) => r.instances),
    holders: reviews.flatMap((r) => tag(r, r.holders)),
    profiles: reviews.flatMap((r) => tag(r, r.profiles)),
    findings: reviews.flatMap((r) => tag(r, r.findings)),
    notes: reviews.flatMap((r) => r.notes.map((n) => `${instanceLabel(r.instances[0])}: ${n}`)),
  };
}

export interface ReviewTable {
  /** The file (CSV) or sheet (XLSX) name. */
  name: string;
  title: string;
  header: string[];
  rows: (string | number)[][];
}

/** The review as tables, one per question an auditor asks; every format writes these. */
export function reviewTables(review: AccessReview): ReviewTable[] {
  // Several instances: each row says which (the first column).
  const several = review.instances.length > 1;
  const head = (header: string[]): string[] => (several ? ['Instance', ...header] : header);
  const row = (x: { instance?: string }, cells: (string | number)[]): (string | number)[] => (several ? [x.instance ?? '', ...cells] : cells);
  return [
    {
      name: 'about',
      title: 'About this review',
      header: ['Field', 'Value'],
      rows: [
        ['Taken at (UTC)', review.takenAt],
        ['Taken by', review.takenBy ?? '(unknown)'],
        ['spex version', review.spexVersion],
        ...review.instances.map((i) => ['Instance', `${i.alias ?? ''} ${i.arn} (account ${i.account}, ${i.region})`.trim()]),
        ['Holders', `${review.holders.filter((h) => h.kind === 'user').length} users, ${review.holders.filter((h) => h.kind === 'AI agent').length} AI agents`],
        ['Profiles', review.profiles.length],
        ['Findings', review.findings.length],
        ...review.notes.map((n) => ['Note', n]),
      ],
    },
    {
      name: 'holders',
      title: 'Users and AI agents, their profiles and restrictions',
      header: head(['Kind', 'Login', 'Name', 'Profiles', 'Permissions', 'Restrictions', 'ARN']),
      rows: review.holders.map((h) => row(h, [h.kind, h.login, h.name, h.profiles.join(', '), h.permissions.length, h.restrictions.join('; ') || 'none', h.arn])),
    },
    {
      name: 'effective-permissions',
      title: 'Who can do what (effective permissions, console words)',
      header: head(['Kind', 'Login', 'Name', 'Permission', 'Console name', 'Console group', 'From']),
      rows: review.holders.flatMap((h) => h.permissions.map((p) => row(h, [h.kind, h.login, h.name, p.name, p.label, p.group, p.from]))),
    },
    {
      name: 'profile-permissions',
      title: 'Profiles and their permissions',
      header: head(['Profile', 'Permission', 'Console name', 'Console group']),
      rows: review.profiles.flatMap((p) => p.permissions.map((x) => row(p, [p.name, x.name, x.label, x.group]))),
    },
    {
      name: 'profile-holders',
      title: 'Holders per profile',
      header: head(['Profile', 'Users', 'AI agents', 'Permissions', 'ARN']),
      rows: review.profiles.map((p) => row(p, [p.name, p.users, p.agents, p.permissions.length, p.arn])),
    },
    {
      name: 'findings',
      title: 'Least-privilege findings (spex lint)',
      header: head(['Severity', 'Rule', 'Profile', 'Why', 'Evidence']),
      rows: review.findings.map((f) => row(f, [f.severity, f.rule, f.profile, f.why, f.evidence.join('; ')])),
    },
  ];
}

export interface ReviewChange {
  who: string;
  kind: ReviewHolder['kind'];
  change: 'gained' | 'lost' | 'new holder' | 'gone';
  what: string;
}

/** Who gained or lost what between two reviews: permissions (console words) and profiles, per user and AI agent. */
export function reviewDiff(before: AccessReview, after: AccessReview): ReviewChange[] {
  const key = (h: ReviewHolder): string => h.arn;
  const label = (h: ReviewHolder): string => (h.kind === 'user' ? h.login : `“${h.name}”`);
  const was = new Map(before.holders.map((h) => [key(h), h]));
  const now = new Map(after.holders.map((h) => [key(h), h]));
  const out: ReviewChange[] = [];
  for (const [k, h] of now) {
    const old = was.get(k);
    if (old === undefined) {
      out.push({ who: label(h), kind: h.kind, change: 'new holder', what: `holds ${h.profiles.join(', ') || 'nothing'}` });
      continue;
    }
    const perms = (x: ReviewHolder): Set<string> => new Set(x.permissions.map((p) => p.name));
    const [a, b] = [perms(old), perms(h)];
    for (const p of h.permissions) if (!a.has(p.name)) out.push({ who: label(h), kind: h.kind, change: 'gained', what: `${p.label} (${p.name}) from ${p.from}` });
    for (const p of old.permissions) if (!b.has(p.name)) out.push({ who: label(h), kind: h.kind, change: 'lost', what: `${p.label} (${p.name})` });
    for (const p of h.profiles) if (!old.profiles.includes(p)) out.push({ who: label(h), kind: h.kind, change: 'gained', what: `the profile ${p}` });
    for (const p of old.profiles) if (!h.profiles.includes(p)) out.push({ who: label(h), kind: h.kind, change: 'lost', what: `the profile ${p}` });
  }
  for (const [k, h] of was) if (!now.has(k)) out.push({ who: label(h), kind: h.kind, change: 'gone', what: `held ${h.profiles.join(', ') || 'nothing'}` });
  return out;
}
