// SearchUsers and SearchSecurityProfiles: every criterion and filter the model has is evaluated, and
// one the emulator cannot evaluate (a FieldName the API reference does not list) is refused, naming
// it, never ignored. Inputs are already checked against the model's shapes and enums.
import type { InstanceState, Model } from '../store.js';
import { type ConnectCall, idOf, instanceOf, page, spend, tagMapOf } from './common.js';
import { invalidParameter } from './errors.js';

type Fields<T> = Record<string, (item: T) => string[]>;
type Test<T> = (item: T) => boolean;
type Json = Record<string, unknown>;

function stringTest<T>(fields: Fields<T>, condition: Json, where: string): Test<T> {
  const name = String(condition.FieldName ?? '');
  const field = fields[name];
  if (!field) throw invalidParameter(`${where}.FieldName ${JSON.stringify(name.slice(0, 40))} is not supported: use one of ${Object.keys(fields).join(', ')}`);
  const value = String(condition.Value ?? '');
  const kind = String(condition.ComparisonType ?? 'EXACT');
  const lower = value.toLowerCase();
  // The API reference is silent on case: EXACT is taken literally; CONTAINS and STARTS_WITH ignore case, as the console's search does.
  const compare: Record<string, (a: string) => boolean> = {
    EXACT: (a) => a === value,
    CONTAINS: (a) => a.toLowerCase().includes(lower),
    STARTS_WITH: (a) => a.toLowerCase().startsWith(lower),
  };
  const test = compare[kind] ?? compare.EXACT!;
  return (item) => field(item).some(test);
}

/** A criteria tree (StringCondition, AndConditions, OrConditions, and `extra` leaves), all of whose parts must hold. */
function criteriaTest<T>(fields: Fields<T>, criteria: Json | undefined, where: string, extra: (c: Json) => Test<T>[] = () => []): Test<T> {
  if (criteria === undefined) return () => true;
  const tests: Test<T>[] = [];
  if (criteria.StringCondition !== undefined) tests.push(stringTest(fields, criteria.StringCondition as Json, `${where}.StringCondition`));
  tests.push(...extra(criteria));
  const and = (criteria.AndConditions as Json[] | undefined)?.map((c, i) => criteriaTest(fields, c, `${where}.AndConditions.${i + 1}`, extra));
  const or = (criteria.OrConditions as Json[] | undefined)?.map((c, i) => criteriaTest(fields, c, `${where}.OrConditions.${i + 1}`, extra));
  if (and) tests.push((item) => and.every((t) => t(item)));
  if (or) tests.push((item) => or.some((t) => t(item)));
  return (item) => tests.every((t) => t(item));
}

/** A TagCondition: the tag is there (with the value, when one is given). */
const tagTest = (c: Json): Test<Record<string, string>> => (tags) => c.TagKey !== undefined && Object.hasOwn(tags, String(c.TagKey)) && (c.TagValue === undefined || tags[String(c.TagKey)] === c.TagValue);

/** ControlPlaneTagFilter: OrConditions (a list of all-of lists), AndConditions, TagCondition. */
function tagFilterTest(filter: Json | undefined): Test<Record<string, string>> {
  if (filter === undefined) return () => true;
  const tests: Test<Record<string, string>>[] = [];
  if (filter.TagCondition !== undefined) tests.push(tagTest(filter.TagCondition as Json));
  const and = (filter.AndConditions as Json[] | undefined)?.map(tagTest);
  if (and) tests.push((tags) => and.every((t) => t(tags)));
  const or = (filter.OrConditions as Json[][] | undefined)?.map((all) => all.map(tagTest));
  if (or) tests.push((tags) => or.some((all) => all.every((t) => t(tags))));
  return (tags) => tests.every((t) => t(tags));
}

// ---- Users -------------------------------------------------------------------------------------

/** SearchUsers StringCondition FieldNames the API reference lists (`resourceId` now, `ResourceId` before). */
const USER_FIELDS: Fields<Model> = {
  Username: (u) => [String(u.Username ?? '')],
  FirstName: (u) => [String((u.IdentityInfo as Model | undefined)?.FirstName ?? '')],
  LastName: (u) => [String((u.IdentityInfo as Model | undefined)?.LastName ?? '')],
  RoutingProfileId: (u) => [idOf(u.RoutingProfileArn)],
  SecurityProfileId: (u) => (Array.isArray(u.SecurityProfileArns) ? u.SecurityProfileArns.map(idOf) : []),
  resourceId: (u) => [idOf(u.UserArn)],
  ResourceId: (u) => [idOf(u.UserArn)],
};

/** The hierarchy group ids a user's group is, or is under (its path from the root). */
function groupPath(instance: InstanceState, arn: unknown): string[] {
  const out: string[] = [];
  let current = typeof arn === 'string' ? arn : undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    out.push(idOf(current));
    current = instance.groups.get(current)?.model.ParentGroupArn as string | undefined;
  }
  return out;
}

function hierarchyTest(instance: InstanceState, c: Json): Test<Model> {
  const id = String(c.Value ?? '');
  // HierarchyGroupMatchType: EXACT is the user's own group; WITH_CHILD_GROUPS also the groups below it.
  if (c.HierarchyGroupMatchType === 'WITH_CHILD_GROUPS') return (u) => groupPath(instance, u.HierarchyGroupArn).includes(id);
  return (u) => u.HierarchyGroupArn !== undefined && idOf(u.HierarchyGroupArn) === id;
}

/** ListCondition (TargetListType PROFICIENCIES): some proficiency of the user meets every condition. */
function proficiencyTest(list: Json, where: string): Test<Model> {
  const fields: Fields<Json> = { Name: (p) => [String(p.AttributeName ?? '')], Value: (p) => [String(p.AttributeValue ?? '')] };
  const tests = ((list.Conditions as Json[] | undefined) ?? []).map((c, i): Test<Json> => {
    if (c.StringCondition !== undefined) return stringTest(fields, c.StringCondition as Json, `${where}.Conditions.${i + 1}.StringCondition`);
    const n = (c.NumberCondition ?? {}) as Json;
    if (n.FieldName !== 'Level') throw invalidParameter(`${where}.Conditions.${i + 1}.NumberCondition.FieldName must be Level`);
    const min = Number(n.MinValue ?? -Infinity);
    const max = Number(n.MaxValue ?? Infinity);
    const compare: Record<string, (l: number) => boolean> = {
      GREATER_OR_EQUAL: (l) => l >= min, GREATER: (l) => l > min, LESSER_OR_EQUAL: (l) => l <= max, LESSER: (l) => l < max,
      EQUAL: (l) => l === min, NOT_EQUAL: (l) => l !== min, RANGE: (l) => l >= min && l <= max,
    };
    const test = compare[String(n.ComparisonType)] ?? (() => false);
    return (p) => test(Number(p.Level));
  });
  return (u) => ((u.Proficiencies as Json[] | undefined) ?? []).some((p) => tests.every((t) => t(p)));
}

/** ControlPlaneUserAttributeFilter: OrConditions of AttributeAndConditions, AndCondition, TagCondition, HierarchyGroupCondition. */
function attributeFilterTest(instance: InstanceState, filter: Json | undefined): Test<Model> {
  if (filter === undefined) return () => true;
  const tags = (u: Model) => tagMapOf(u.Tags);
  const andCondition = (c: Json): Test<Model> => {
    const parts = ((c.TagConditions as Json[] | undefined) ?? []).map(tagTest);
    const group = c.HierarchyGroupCondition !== undefined ? hierarchyTest(instance, c.HierarchyGroupCondition as Json) : () => true;
    return (u) => parts.every((t) => t(tags(u))) && group(u);
  };
  const tests: Test<Model>[] = [];
  if (filter.TagCondition !== undefined) {
    const t = tagTest(filter.TagCondition as Json);
    tests.push((u) => t(tags(u)));
  }
  if (filter.HierarchyGroupCondition !== undefined) tests.push(hierarchyTest(instance, filter.HierarchyGroupCondition as Json));
  if (filter.AndCondition !== undefined) tests.push(andCondition(filter.AndCondition as Json));
  const or = (filter.OrConditions as Json[] | undefined)?.map(andCondition);
  if (or) tests.push((u) => or.some((t) => t(u)));
  return (u) => tests.every((t) => t(u));
}

/** A user as SearchUsers and DescribeUser show one. */
export function userSummary(u: Model): Json {
  const info = (u.IdentityInfo ?? {}) as Model;
  return {
    Arn: u.UserArn,
    Id: idOf(u.UserArn),
    Username: u.Username,
    IdentityInfo: { FirstName: info.FirstName, LastName: info.LastName, ...(info.Email !== undefined ? { Email: info.Email } : {}) },
    ...(u.HierarchyGroupArn !== undefined ? { HierarchyGroupId: idOf(u.HierarchyGroupArn) } : {}),
    RoutingProfileId: idOf(u.RoutingProfileArn),
    SecurityProfileIds: Array.isArray(u.SecurityProfileArns) ? u.SecurityProfileArns.map(idOf) : [],
    ...(u.PhoneConfig !== undefined ? { PhoneConfig: u.PhoneConfig } : {}),
    Tags: tagMapOf(u.Tags),
  };
}

export function searchUsers(call: ConnectCall): Json {
  const instance = instanceOf(call);
  spend(call);
  const criteria = criteriaTest(USER_FIELDS, call.input.SearchCriteria as Json | undefined, 'SearchCriteria', (c) => [
    ...(c.HierarchyGroupCondition !== undefined ? [hierarchyTest(instance, c.HierarchyGroupCondition as Json)] : []),
    ...(c.ListCondition !== undefined ? [proficiencyTest(c.ListCondition as Json, 'SearchCriteria.ListCondition')] : []),
  ]);
  const filter = (call.input.SearchFilter ?? {}) as Json;
  const byTags = tagFilterTest(filter.TagFilter as Json | undefined);
  const byAttributes = attributeFilterTest(instance, filter.UserAttributeFilter as Json | undefined);
  const found = [...instance.users.values()].map((e) => e.model).filter((u) => criteria(u) && byTags(tagMapOf(u.Tags)) && byAttributes(u));
  const { items, NextToken } = page(call, found);
  return { Users: items.map(userSummary), ApproximateTotalCount: found.length, ...(NextToken ? { NextToken } : {}) };
}

// ---- Security profiles -----------------------------------------------------------------------

/** SearchSecurityProfiles StringCondition FieldNames the API reference lists: name, description, resourceID (not permissions). */
const PROFILE_FIELDS: Fields<Model> = {
  name: (p) => [String(p.SecurityProfileName ?? '')],
  description: (p) => [String(p.Description ?? '')],
  resourceID: (p) => [idOf(p.SecurityProfileArn)],
};

export function searchSecurityProfiles(call: ConnectCall): Json {
  const instance = instanceOf(call);
  spend(call);
  const criteria = criteriaTest(PROFILE_FIELDS, call.input.SearchCriteria as Json | undefined, 'SearchCriteria');
  const byTags = tagFilterTest(((call.input.SearchFilter ?? {}) as Json).TagFilter as Json | undefined);
  const found = [...instance.profiles.values()].map((e) => e.model).filter((p) => criteria(p) && byTags(tagMapOf(p.Tags)));
  const { items, NextToken } = page(call, found);
  return {
    SecurityProfiles: items.map((p) => ({
      Id: idOf(p.SecurityProfileArn),
      OrganizationResourceId: instance.entry.model.Id,
      Arn: p.SecurityProfileArn,
      SecurityProfileName: p.SecurityProfileName,
      ...(typeof p.Description === 'string' ? { Description: p.Description } : {}),
      Tags: tagMapOf(p.Tags),
    })),
    ApproximateTotalCount: found.length,
    ...(NextToken ? { NextToken } : {}),
  };
}
