// The pure readings of what AWS says (shared/reference/real-aws-notes.md), table-driven.
import { describe, expect, it } from 'vitest';
import { cloudControlRefusals, cloudControlRefusalText } from '../../../src/domain/profile/cloud-control-safe.js';
import { instanceClosedReason } from '../../../src/domain/service/instances.js';
import { unappliedChanges } from '../../../src/domain/profile/patch.js';
import { epochSeconds, isInUseSignal, isThrottleSignal } from '../../../src/domain/service/service-signals.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';
import { awsValidationMessage, explainAwsValidation, validateProfile } from '../../../src/domain/profile/validate.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/i-1';

describe('isThrottleSignal', () => {
  it.each([
    ['ThrottlingException', 'Rate exceeded', true],
    ['TooManyRequestsException', '', true],
    ['Throttling', undefined, true],
    ['GeneralServiceException', 'Rate exceeded (Service: Connect, Status Code: 429)', true],
    ['GeneralServiceException', 'The request was throttled', true],
    ['GeneralServiceException', 'TooManyRequestsException from Connect', true],
    ['GeneralServiceException', 'Status Code: 429', true],
    ['GeneralServiceException', 'Connect could not read the profile (Status Code: 500)', false],
    ['InvalidRequestException', 'Rate exceeded', false],
    ['InvalidRequest', 'separate the desired rate from …', false],
    [undefined, 'Rate exceeded', false],
  ])('%s with %j → %s', (code, message, expected) => {
    expect(isThrottleSignal(code, message)).toBe(expected);
  });
});

describe('isInUseSignal', () => {
  it.each([
    ['… (ResourceInUseException)', true],
    ['Security profile "X" is in use', true],
    ['it is assigned to users and cannot be deleted', true],
    ['The request is not valid', false],
    [undefined, false],
  ])('%j → %s', (message, expected) => expect(isInUseSignal(message)).toBe(expected));
});

describe('epochSeconds', () => {
  it.each([
    [1_767_225_600, 1_767_225_600],
    [1_767_225_600_000, 1_767_225_600],
    [1_767_225_600_123, 1_767_225_600.123],
    [0, 0],
  ])('%d → %d', (value, seconds) => expect(epochSeconds(value)).toBe(seconds));
});

describe('AWS validation wording, both ways', () => {
  it.each([
    [{ Description: 'x'.repeat(251) }, '#/Description: expected maxLength: 250, actual: 251', 'Description: at most 250 characters (got 251)'],
    [{ Foo: 1 }, '#: extraneous key [Foo] is not permitted', 'Foo: is not a known property'],
    [{ SecurityProfileName: 'a/b' }, '#/SecurityProfileName: failed validation constraint for keyword [pattern]', 'SecurityProfileName: may contain only letters, digits, spaces, _ @ and -'],
    [{ Tags: [{ Key: 'Cost Center', Value: '1' }] }, '#/Tags/0/Key: failed validation constraint for keyword [pattern]', 'Tags/0/Key: may contain only letters, digits and + - = . _ : / (no spaces)'],
    [{ Permissions: Array.from({ length: 501 }, (_, i) => `P${i}`) }, '#/Permissions: expected maximum item count: 500, found: 501', 'Permissions: at most 500 items (got 501)'],
    [{ SecurityProfileName: '' }, '#/SecurityProfileName: expected minLength: 1, actual: 0', 'SecurityProfileName: must not be empty'],
  ])('%j', (extra, aws, spex) => {
    const issues = validateProfile({ InstanceArn: INSTANCE, SecurityProfileName: 'Name', ...extra }, 'create');
    const message = awsValidationMessage(issues);
    expect(message).toBe(`Model validation failed (${aws})`);
    expect(explainAwsValidation(message)).toBe(spex);
    // As Cloud Control wraps it for a FAILED handler, too.
    expect(explainAwsValidation(`AWS::Connect::SecurityProfile Handler returned status FAILED: ${message} (HandlerErrorCode: InvalidRequest, RequestToken: t)`)).toBe(spex);
  });

  it('names every violation of several', () => {
    const message = 'Model validation failed (#: 2 schema violations found; #: required key [InstanceArn] not found; #/Description: expected maxLength: 250, actual: 300)';
    expect(explainAwsValidation(message)).toBe('InstanceArn: is required; Description: at most 250 characters (got 300)');
  });

  it('leaves other text alone', () => {
    expect(explainAwsValidation('Invalid patch update: test operation failed at /Description')).toBeUndefined();
    expect(explainAwsValidation('Rate exceeded')).toBeUndefined();
  });
});

describe('cloudControlRefusals', () => {
  const profile = (extra: Partial<SecurityProfile>): SecurityProfile => ({ InstanceArn: INSTANCE, SecurityProfileName: 'Fine', ...extra });
  it.each([
    [{ SecurityProfileName: 'Supervisors (EMEA)' }, 'Name "Supervisors (EMEA)" has "(", which Cloud Control refuses'],
    [{ SecurityProfileName: 'Billing & Collections' }, 'Name "Billing & Collections" has "&", which Cloud Control refuses'],
    [{ Tags: [{ Key: 'Cost Center', Value: 'x' }] }, 'Tag key "Cost Center" has " " (a space), which Cloud Control refuses'],
    [{ Tags: [{ Key: 'Kostenstelle-ä', Value: 'x' }] }, 'Tag key "Kostenstelle-ä" has "ä", which Cloud Control refuses'],
    [{ AllowedAccessControlTags: [{ Key: 'aws:x', Value: 'y' }] }, 'Access-control tag key "aws:x" starts with "aws:", which Cloud Control refuses'],
    [{ AllowedAccessControlTags: Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'AllowedAccessControlTags: at most 4 items (got 5), which Cloud Control refuses'],
  ])('%j', (extra, message) => {
    expect(cloudControlRefusals(profile(extra)).map((r) => r.message)).toEqual([message]);
  });

  it('none for a profile Cloud Control accepts, with absent lists read as []', () => {
    const ok = profile({ Permissions: [], Tags: [], Applications: [], SecurityProfileArn: `${INSTANCE}/security-profile/p`, LastModifiedTime: 1 });
    expect(cloudControlRefusals(ok)).toEqual([]);
    expect(cloudControlRefusalText(ok)).toBeUndefined();
  });
});

describe('unappliedChanges', () => {
  const held: SecurityProfile = { InstanceArn: INSTANCE, SecurityProfileName: 'P', Description: 'kept', Permissions: ['A', 'B'], Tags: [], LastModifiedTime: 5 };
  it.each([
    [{ InstanceArn: INSTANCE, SecurityProfileName: 'P', Description: 'kept', Permissions: ['B', 'A'] }, undefined],
    [{ InstanceArn: INSTANCE, SecurityProfileName: 'P', Permissions: ['A', 'B'] }, 'The save succeeded, but Amazon Connect holds other values than were asked for: Description (asked none, holds "kept").'],
    [{ InstanceArn: INSTANCE, SecurityProfileName: 'P', Description: 'kept', Permissions: ['A'] }, 'The save succeeded, but Amazon Connect holds other values than were asked for: Permissions (asked ["A"], holds ["A","B"]).'],
  ])('%j', (asked, sentence) => expect(unappliedChanges(asked, held)).toBe(sentence));
});

describe('instanceClosedReason', () => {
  it.each([
    ['ACTIVE', undefined],
    [undefined, undefined],
    ['CREATION_FAILED', 'Instance i is CREATION_FAILED: its creation failed, so it has no security profiles.'],
    ['CREATION_IN_PROGRESS', 'Instance i is CREATION_IN_PROGRESS: it is still being created; try again when it is ACTIVE.'],
    ['\u001b[31mODD', 'Instance i is \uFFFDODD: only an ACTIVE instance can be opened.'],
  ])('%s', (status, reason) => {
    expect(instanceClosedReason({ arn: INSTANCE, id: 'i', ...(status === undefined ? {} : { status }) })).toBe(reason);
  });
});
