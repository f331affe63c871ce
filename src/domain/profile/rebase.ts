// When a save is refused because the profile changed on the server meanwhile, the user's draft is
// replayed onto the server's new model (a three-way merge against the model the draft started from),
// then reviewed again. Nothing here is sent anywhere: the result goes back through review.

import { canonicalItem, propertyEquals, PROPERTY_ORDER } from './patch.js';
import { describeChanges, type ProfileChange } from './profile-diff.js';
import { CREATE_ONLY_PROPERTIES, READ_ONLY_PROPERTIES, SET_PROPERTIES, type SecurityProfile, type SecurityProfileDraft } from './security-profile.js';

export interface RebaseResult {
  /** The draft replayed onto the server's model. */
  draft: SecurityProfileDraft;
  /** Properties both sides changed in ways that do not combine; the draft's value was kept for them. */
  conflicts: string[];
  /** What changed on the server since the draft was started, in the console's words. */
  theirChanges: ProfileChange[];
}

const SETS = new Set<string>(SET_PROPERTIES);
const SKIP = new Set<string>([...READ_ONLY_PROPERTIES, ...CREATE_ONLY_PROPERTIES]);
/** Members of these sets are identified by one field: two members with the same one cannot coexist. */
const ITEM_KEY: Record<string, string> = { Tags: 'Key', AllowedAccessControlTags: 'Key', Applications: 'Namespace' };

type Bag = Record<string, unknown>;

function mergeSet(property: string, base: unknown[], mine: unknown[], theirs: unknown[]): { value: unknown[]; conflict: boolean } {
  const id = (x: unknown) => canonicalItem(property, x);
  const baseIds = new Set(base.map(id));
  const mineIds = new Set(mine.map(id));
  const removedByMe = new Set([...baseIds].filter((x) => !mineIds.has(x)));
  const addedByMe = mine.filter((x) => !baseIds.has(id(x)));
  let value = theirs.filter((x) => !removedByMe.has(id(x)));
  const have = new Set(value.map(id));
  value.push(...addedByMe.filter((x) => !have.has(id(x))));
  const keyField = ITEM_KEY[property];
  if (!keyField) return { value, conflict: false };
  // Both sides set the same tag key (or namespace) to different things: keep mine for that key.
  const keyOf = (x: unknown) => (x !== null && typeof x === 'object' ? (x as Bag)[keyField] : undefined);
  const mineKeys = new Set(addedByMe.map(keyOf));
  const clashes = new Set(value.filter((x) => mineKeys.has(keyOf(x)) && !addedByMe.includes(x)).map(keyOf));
  value = value.filter((x) => !clashes.has(keyOf(x)) || addedByMe.includes(x));
  return { value, conflict: clashes.size > 0 };
}

/**
 * Replays `draft` (started from `original`) onto `current` (the server's model now). A property only
 * the user changed takes the draft's value; one only the server changed takes the server's; set-like
 * arrays changed on both sides are merged member by member (the user's additions and removals applied
 * to the server's set). Anything else changed on both sides differently is a conflict: the draft's
 * value is kept and the property named, for the user to look at in the review.
 */
export function rebaseDraft(original: SecurityProfile | SecurityProfileDraft, current: SecurityProfile, draft: SecurityProfileDraft): RebaseResult {
  const base = original as unknown as Bag;
  const theirs = current as unknown as Bag;
  const mine = draft as unknown as Bag;
  const out: Bag = { InstanceArn: current.InstanceArn, SecurityProfileName: current.SecurityProfileName };
  const conflicts: string[] = [];
  const keys = new Set([...PROPERTY_ORDER, ...Object.keys(base), ...Object.keys(theirs), ...Object.keys(mine)]);
  for (const key of keys) {
    if (SKIP.has(key)) continue;
    const iChanged = !propertyEquals(key, base[key], mine[key]);
    const theyChanged = !propertyEquals(key, base[key], theirs[key]);
    let value: unknown;
    if (!iChanged) value = theirs[key];
    else if (!theyChanged || propertyEquals(key, mine[key], theirs[key])) value = mine[key];
    else if (SETS.has(key)) {
      const merged = mergeSet(key, asArray(base[key]), asArray(mine[key]), asArray(theirs[key]));
      value = merged.value;
      if (merged.conflict) conflicts.push(key);
    } else {
      value = mine[key];
      conflicts.push(key);
    }
    if (value !== undefined) out[key] = value;
  }
  return { draft: out as unknown as SecurityProfileDraft, conflicts, theirChanges: describeChanges(original, current) };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
