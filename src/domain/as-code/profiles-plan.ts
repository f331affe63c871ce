// Plans over spex's profiles files (profiles-file.ts): the file's text checked (JSON or YAML, the
// schema, one profile per name; every error with file, line and column), and what applying it to an
// instance would do, step by step, with each step's client token. Pure.
import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject } from 'ajv';
import YAML, { isNode } from 'yaml';
import schema from '../../../schema/profiles.schema.json' with { type: 'json' };
import { cloudControlRefusals } from '../profile/cloud-control-safe.js';
import { connectCreateRequest, connectIssues, connectTakesAll, connectUpdateRequests } from '../profile/connect-plan.js';
import { lineColumn } from '../text/format.js';
import { buildPatch, connectOnlyChanges, withoutConnectOnly } from '../profile/patch.js';
import { lookupPermission, matchPermissionTerm, permissionTermMessage } from '../permissions/permissions.js';
import { describeChanges } from '../profile/profile-diff.js';
import { type ProfilesFile, toDraftFor } from './profiles-file.js';
import { sanitizeLine } from '../text/sanitize.js';
import { type SecurityProfile, type SecurityProfileDraft, toDraft } from '../profile/security-profile.js';
import { validateProfile, validationMessage } from '../profile/validate.js';
import { parseYamlData, YamlDataError } from '../text/yaml-data.js';

/** `file:line:column: what`, for a schema error at `instancePath` in the parsed document. */
function located(path: string, text: string, doc: YAML.Document, error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const node = segments.length === 0 ? doc.contents : doc.getIn(segments, true);
  const offset = isNode(node) && node.range ? node.range[0] : 0;
  const { line, column } = lineColumn(text, offset);
  const field = error.instancePath === '' ? 'the file' : error.instancePath.slice(1);
  const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : error.keyword === 'const' ? ` (${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)})` : '';
  return `${path}:${line}:${column}: ${field} ${error.message ?? 'is invalid'}${extra}`;
}

let validateFile: ReturnType<Ajv['compile']> | undefined;

export interface PlanStep {
  action: 'create' | 'update' | 'delete' | 'unchanged';
  name: string;
  arn?: string;
  /** The change in the console's words. */
  changes: string[];
  /** Exactly what would be sent: CreateResource's desired state, UpdateResource's patch, or the delete. */
  request?: unknown;
  /** For apply: the profile as read when the plan was made (its guards), and what it becomes. */
  before?: SecurityProfile;
  after?: SecurityProfileDraft;
}

export interface PlanOptions {
  /** Send permission names the catalogue does not know, as written (`--allow-unknown`). */
  allowUnknown?: boolean;
  /** Where a permission of the file is ("file:line:column"), for the refusal of an unknown one. */
  locate?: (profile: number, permission: number) => string;
  /** An AI agent's name in the target by ARN, for the changes in words. */
  aiAgentName?: (arn: string) => string | undefined;
}

export function planSteps(file: ProfilesFile, instanceArn: string, current: readonly SecurityProfile[], groups: Parameters<typeof toDraftFor>[2], prune: boolean, options: PlanOptions = {}): { steps: PlanStep[]; problems: string[] } {
  const steps: PlanStep[] = [];
  const names = options.aiAgentName ? { aiAgent: options.aiAgentName } : undefined;
  const problems: string[] = [];
  const byName = new Map(current.map((p) => [p.SecurityProfileName, p]));
  for (const [index, profile] of file.profiles.entries()) {
    const mapped = toDraftFor(profile, instanceArn, groups);
    if (!mapped.ok) {
      problems.push(mapped.problem);
      continue;
    }
    const draft: SecurityProfileDraft = mapped.draft;
    const existing = byName.get(profile.SecurityProfileName);
    // A file (or a source read without the Connect API) that does not mention allowed AI agents leaves them alone.
    if (draft.AllowedAIAgents === undefined && existing?.AllowedAIAgents !== undefined) draft.AllowedAIAgents = existing.AllowedAIAgents;
    // A name the catalogue does not know is refused where it would be sent (a typo such as Queues.Veiw),
    // as update refuses it; one the profile already holds is left as it is.
    if (!options.allowUnknown) {
      const held = new Set(existing?.Permissions ?? []);
      const unknown = (profile.Permissions ?? []).map((name, j) => ({ name, j })).filter(({ name }) => !held.has(name) && lookupPermission(name) === undefined);
      if (unknown.length > 0) {
        for (const { name, j } of unknown) {
          const where = options.locate?.(index, j);
          problems.push(`${where ? `${where}: ` : ''}${profile.SecurityProfileName}: ${permissionTermMessage(name, matchPermissionTerm(name))}; --allow-unknown sends it as written`);
        }
        continue;
      }
    }
    const patch = existing === undefined ? undefined : buildPatch(existing, draft, { guard: true });
    // Only what would be sent is checked: an unchanged console-made profile is fine as it is.
    // Allowed AI agents go through Connect's UpdateSecurityProfile whatever the route (mutations.ts).
    const agentsRequest = existing !== undefined && connectOnlyChanges(existing, draft).length > 0 ? connectUpdateRequests(existing, { ...toDraft(existing), AllowedAIAgents: draft.AllowedAIAgents ?? [] }) : [];
    const unchanged = patch !== undefined && !patch.some((op) => op.op !== 'test') && agentsRequest.length === 0;
    // A profile the Cloud Control schema refuses (made in the console) is updated through the Connect
    // API (mutations.ts): Connect's own rules apply, and the plan shows the Connect requests.
    const throughConnect = existing !== undefined && !unchanged && cloudControlRefusals(existing).length > 0;
    if (throughConnect) {
      const issues = connectIssues(draft);
      if (issues.length > 0) {
        problems.push(`${profile.SecurityProfileName}: ${issues.join('; ')} (a console-made profile, saved through the Connect API)`);
        continue;
      }
      steps.push({ action: 'update', name: existing.SecurityProfileName, ...(existing.SecurityProfileArn ? { arn: existing.SecurityProfileArn } : {}), changes: describeChanges(existing, draft, names).map((c) => c.label), request: { Connect: connectUpdateRequests(existing, draft) }, before: existing, after: draft });
      continue;
    }
    const issues = unchanged ? [] : validateProfile(draft, existing === undefined ? 'create' : 'stored');
    // A new profile with values only Connect takes (tag keys with a space, 3-4 access-control tags) is
    // created through the Connect API (mutations.ts): its own rules apply, and the plan shows its request.
    if (existing === undefined && connectTakesAll(issues, draft)) {
      const own = connectIssues(draft);
      if (own.length > 0) {
        problems.push(`${profile.SecurityProfileName}: ${own.join('; ')} (created through the Connect API)`);
        continue;
      }
      steps.push({ action: 'create', name: profile.SecurityProfileName, changes: describeChanges({ InstanceArn: instanceArn, SecurityProfileName: '' }, draft, names).map((c) => c.label), request: { Connect: [connectCreateRequest(draft)] }, after: draft });
      continue;
    }
    if (issues.length > 0) {
      problems.push(`${profile.SecurityProfileName}: ${validationMessage(issues)}`);
      continue;
    }
    if (existing === undefined || patch === undefined) {
      const agents = draft.AllowedAIAgents?.length ? { Connect: [{ operation: 'UpdateSecurityProfile', http: 'POST /security-profiles/{InstanceId}/{new profile}', body: { AllowedAIAgents: draft.AllowedAIAgents } }] } : {};
      steps.push({ action: 'create', name: profile.SecurityProfileName, changes: describeChanges({ InstanceArn: instanceArn, SecurityProfileName: '' }, draft, names).map((c) => c.label), request: { CreateResource: { DesiredState: withoutConnectOnly(draft, {}) }, ...agents }, after: draft });
      continue;
    }
    const changes = describeChanges(existing, draft, names).map((c) => c.label);
    if (unchanged) steps.push({ action: 'unchanged', name: existing.SecurityProfileName, ...(existing.SecurityProfileArn ? { arn: existing.SecurityProfileArn } : {}), changes: [] });
    else {
      const cc = patch.some((op) => op.op !== 'test') ? { UpdateResource: { Identifier: existing.SecurityProfileArn, PatchDocument: patch } } : {};
      steps.push({ action: 'update', name: existing.SecurityProfileName, ...(existing.SecurityProfileArn ? { arn: existing.SecurityProfileArn } : {}), changes, request: { ...cc, ...(agentsRequest.length > 0 ? { Connect: agentsRequest } : {}) }, before: existing, after: draft });
    }
  }
  if (prune) {
    const inFile = new Set(file.profiles.map((p) => p.SecurityProfileName));
    for (const p of current) {
      if (inFile.has(p.SecurityProfileName)) continue;
      steps.push({ action: 'delete', name: p.SecurityProfileName, ...(p.SecurityProfileArn ? { arn: p.SecurityProfileArn } : {}), changes: ['− the whole profile'], request: { DeleteResource: { Identifier: p.SecurityProfileArn } } });
    }
  }
  return { steps, problems };
}

/** A profiles file that is not one: the message gives file, line and column. */
export class ProfilesFileError extends Error {}

/** Checks a profiles file's text: JSON or YAML, then the schema, then duplicate names. */
export function parseProfilesText(text: string, path: string): ProfilesFile {
  return parseProfilesDocument(text, path).file;
}

/** The same, with where each permission is in the text ("file:line:column"), for the plan's messages. */
export function parseProfilesDocument(text: string, path: string): { file: ProfilesFile; locate: (profile: number, permission: number) => string } {
  // YAML reads JSON as well, keeping where each value is; as data only (no tags, bounded aliases).
  let parsed: ReturnType<typeof parseYamlData>;
  try {
    parsed = parseYamlData(text);
  } catch (error) {
    if (!(error instanceof YamlDataError)) throw error;
    throw new ProfilesFileError(`${path}:${error.line}:${error.column}: ${/tag|alias/.test(error.reason) ? '' : 'not valid YAML or JSON: '}${error.reason}`);
  }
  const { doc, value } = parsed;
  validateFile ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validateFile(value)) {
    const errors = (validateFile.errors ?? []).slice(0, 5).map((e) => located(path, text, doc, e));
    const kind = (value as { kind?: unknown } | null)?.kind;
    const hint = kind !== undefined && kind !== 'spex/security-profiles' ? ` (this is not a spex profiles file: kind is ${JSON.stringify(kind)})` : '';
    throw new ProfilesFileError(`${errors.join('\n')}${hint}`);
  }
  const file = value as ProfilesFile;
  const seen = new Map<string, number>();
  file.profiles.forEach((p, i) => {
    const before = seen.get(p.SecurityProfileName);
    if (before !== undefined) {
      const node = doc.getIn(['profiles', i, 'SecurityProfileName'], true);
      const { line, column } = lineColumn(text, isNode(node) && node.range ? node.range[0] : 0);
      throw new ProfilesFileError(`${path}:${line}:${column}: profiles/${i}/SecurityProfileName "${sanitizeLine(p.SecurityProfileName)}" is also profile ${before + 1}: each name once`);
    }
    seen.set(p.SecurityProfileName, i);
  });
  const locate = (profile: number, permission: number): string => {
    const node = doc.getIn(['profiles', profile, 'Permissions', permission], true);
    const { line, column } = lineColumn(text, isNode(node) && node.range ? node.range[0] : 0);
    return `${path}:${line}:${column}`;
  };
  return { file, locate };
}

/**
 * The client token of a plan's step: the same step of the same plan always sends the same token, so
 * an apply stopped halfway and run again never applies a change twice (Cloud Control answers a token
 * it has seen with the request it started then).
 */
export function stepToken(instanceArn: string, step: PlanStep): string {
  return `spex-${createHash('sha256').update(JSON.stringify([instanceArn, step.action, step.name, step.request])).digest('hex').slice(0, 40)}`;
}

/** `1 to create, 2 to update, 0 to delete, 15 unchanged`. */
export function planCounts(steps: readonly PlanStep[]): string {
  const n = (a: PlanStep['action']): number => steps.filter((s) => s.action === a).length;
  return `${n('create')} to create, ${n('update')} to update, ${n('delete')} to delete, ${n('unchanged')} unchanged`;
}
