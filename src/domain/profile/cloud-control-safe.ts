// Which stored values Cloud Control refuses. Connect accepts names, tag keys and tag counts that the
// Cloud Control schema does not (real-aws-notes "Writes", source), and Cloud Control validates the
// whole model on every update, so such a profile cannot be changed through Cloud Control at all —
// even by a patch that touches only its description (observed). Pure.
import type { SecurityProfile } from './security-profile.js';
import { validateProfile } from './validate.js';

/** Marks a profile Cloud Control cannot change, in the table and the detail. */
export const REFUSED_MARK = '⊘';

export interface Refusal {
  field: string;
  rule: string;
  /** `Name "Supervisors (EMEA)" has "(", which Cloud Control refuses`. */
  message: string;
}

const NAME_CHAR = /[ a-zA-Z0-9_@-]/u;
/** The schema's tag-key class `[a-zA-Z+-=._:/]` (`+-=` is the range from + to =). */
const TAG_KEY_CHAR = /[a-zA-Z+-=._:/]/u;

function firstOffending(text: string, allowed: RegExp): string | undefined {
  for (const ch of text) if (!allowed.test(ch)) return ch;
  return undefined;
}

function shown(ch: string): string {
  if (ch === ' ') return '" " (a space)';
  return JSON.stringify(ch);
}

function tagLabel(field: string): string {
  return field.startsWith('AllowedAccessControlTags') ? 'Access-control tag key' : 'Tag key';
}

function valueAt(profile: SecurityProfile, field: string): unknown {
  let current: unknown = profile;
  for (const part of field.split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const memo = new WeakMap<SecurityProfile, Refusal[]>();

/**
 * Every value of a profile as read that Cloud Control's schema refuses, in a sentence each. Kept per
 * profile object: the table asks for every visible row on every frame, and validating is not free.
 */
export function cloudControlRefusals(profile: SecurityProfile): Refusal[] {
  let refusals = memo.get(profile);
  if (refusals === undefined) {
    refusals = computeRefusals(profile);
    memo.set(profile, refusals);
  }
  return refusals;
}

function computeRefusals(profile: SecurityProfile): Refusal[] {
  return validateProfile(profile, 'stored').map((issue) => {
    const value = valueAt(profile, issue.field);
    const refuses = 'which Cloud Control refuses';
    if (issue.rule === 'pattern' && typeof value === 'string') {
      if (issue.field === 'SecurityProfileName') {
        const ch = firstOffending(value, NAME_CHAR);
        if (ch) return { ...issue, message: `Name ${JSON.stringify(value)} has ${shown(ch)}, ${refuses}` };
      }
      if (/(^|\/)Key$/.test(issue.field)) {
        if (value.startsWith('aws:')) return { ...issue, message: `${tagLabel(issue.field)} ${JSON.stringify(value)} starts with "aws:", ${refuses}` };
        const ch = firstOffending(value, TAG_KEY_CHAR);
        if (ch) return { ...issue, message: `${tagLabel(issue.field)} ${JSON.stringify(value)} has ${shown(ch)}, ${refuses}` };
      }
    }
    return { field: issue.field, rule: issue.rule, message: `${issue.message}, ${refuses}` };
  });
}

/** One sentence for a profile Cloud Control cannot change, or undefined when it can. */
export function cloudControlRefusalText(profile: SecurityProfile): string | undefined {
  const refusals = cloudControlRefusals(profile);
  if (refusals.length === 0) return undefined;
  return `Cloud Control cannot change this profile: ${refusals.map((r) => r.message).join('; ')}.`;
}
