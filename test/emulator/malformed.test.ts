// Malformed requests the AWS SDK would never send, beyond protocol.test: documents over the 262144
// character limit, missing required members and members of the wrong type, on every mutation. Each
// gets a clean modelled error, and none of them starts a request or changes a model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { DEMO_REGION_NAMES, demoInstanceArn, demoProfileArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { jsonHeaders, rawRequest } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
});

const P = SECURITY_PROFILE_TYPE;
const arn = demoProfileArn('Flow Designers');
const desired = JSON.stringify({ InstanceArn: demoInstanceArn(), SecurityProfileName: 'Malformed' });
const patch = JSON.stringify([{ op: 'add', path: '/Description', value: 'x' }]);
const OVER = 262_145;

/** Every model of every region, and the request book: what must not change. */
async function snapshot(): Promise<string> {
  const reply = await rawRequest(emulator, { headers: jsonHeaders('ListResourceRequests'), body: JSON.stringify({ MaxResults: 100 }) });
  const requests = (JSON.parse(reply.body) as { ResourceRequestStatusSummaries: unknown[] }).ResourceRequestStatusSummaries;
  const models = DEMO_REGION_NAMES.map((region) => emulator.listModels(region, P));
  return JSON.stringify({ requests, models });
}

describe('malformed requests are refused cleanly and change nothing', () => {
  it.each<[string, string, Record<string, unknown>, number, string, RegExp]>([
    ['a PatchDocument over 262144 characters', 'UpdateResource', { TypeName: P, Identifier: arn, PatchDocument: ' '.repeat(OVER) }, 400, 'ValidationException', /at 'patchDocument' failed to satisfy constraint: Member must have length less than or equal to 262144/],
    ['a ResourceModel over 262144 characters', 'ListResources', { TypeName: P, ResourceModel: ' '.repeat(OVER) }, 400, 'ValidationException', /at 'resourceModel' .* less than or equal to 262144/],
    ['an Identifier over 1024 characters', 'GetResource', { TypeName: P, Identifier: 'x'.repeat(1025) }, 400, 'ValidationException', /at 'identifier' .* less than or equal to 1024/],
    ['a ClientToken over 128 characters', 'CreateResource', { TypeName: P, DesiredState: desired, ClientToken: 'a'.repeat(129) }, 400, 'ValidationException', /at 'clientToken'/],
    ['no DesiredState', 'CreateResource', { TypeName: P }, 400, 'ValidationException', /at 'desiredState' failed to satisfy constraint: Member must not be null/],
    ['no TypeName', 'CreateResource', { DesiredState: desired }, 400, 'ValidationException', /at 'typeName' .* must not be null/],
    ['no PatchDocument', 'UpdateResource', { TypeName: P, Identifier: arn }, 400, 'ValidationException', /at 'patchDocument' .* must not be null/],
    ['no Identifier on an update', 'UpdateResource', { TypeName: P, PatchDocument: patch }, 400, 'ValidationException', /at 'identifier' .* must not be null/],
    ['no Identifier on a delete', 'DeleteResource', { TypeName: P }, 400, 'ValidationException', /at 'identifier' .* must not be null/],
    ['no RequestToken on a cancel', 'CancelResourceRequest', {}, 400, 'ValidationException', /at 'requestToken' .* must not be null/],
    ['a DesiredState that is an object, not a string', 'CreateResource', { TypeName: P, DesiredState: JSON.parse(desired) }, 400, 'SerializationException', /DesiredState must be a string \(got object\)/],
    ['a PatchDocument that is an array, not a string', 'UpdateResource', { TypeName: P, Identifier: arn, PatchDocument: JSON.parse(patch) }, 400, 'SerializationException', /PatchDocument must be a string \(got an array\)/],
    ['a numeric ClientToken', 'DeleteResource', { TypeName: P, Identifier: arn, ClientToken: 12345 }, 400, 'SerializationException', /ClientToken must be a string/],
    ['a string MaxResults', 'ListResourceRequests', { MaxResults: '5' }, 400, 'SerializationException', /MaxResults must be an integer/],
    ['a filter that is a list', 'ListResourceRequests', { ResourceRequestStatusFilter: ['CREATE'] }, 400, 'SerializationException', /must be a structure/],
    ['a DesiredState that is not JSON', 'CreateResource', { TypeName: P, DesiredState: '{"InstanceArn":' }, 400, 'ValidationException', /DesiredState is not valid JSON/],
    ['a DesiredState that is a JSON list', 'CreateResource', { TypeName: P, DesiredState: '[]' }, 400, 'ValidationException', /DesiredState must be a JSON object/],
    ['a DesiredState missing the name', 'CreateResource', { TypeName: P, DesiredState: JSON.stringify({ InstanceArn: demoInstanceArn() }) }, 400, 'ValidationException', /^Model validation failed \(#: required key \[SecurityProfileName\] not found\)$/],
    ['a PatchDocument that is not JSON', 'UpdateResource', { TypeName: P, Identifier: arn, PatchDocument: '[{' }, 400, 'ValidationException', /not valid JSON/],
    ['a PatchDocument op without a path', 'UpdateResource', { TypeName: P, Identifier: arn, PatchDocument: '[{"op":"add","value":1}]' }, 400, 'ValidationException', /needs an op .* and a path/],
    ['a patch that breaks the schema', 'UpdateResource', { TypeName: P, Identifier: arn, PatchDocument: JSON.stringify([{ op: 'add', path: '/Description', value: 'd'.repeat(251) }]) }, 400, 'ValidationException', /^Model validation failed \(#\/Description: expected maxLength: 250, actual: 251\)$/],
  ])('%s', async (_name, operation, body, status, code, message) => {
    const before = await snapshot();
    const reply = await rawRequest(emulator, { headers: jsonHeaders(operation), body: JSON.stringify(body) });
    expect(reply.status).toBe(status);
    expect(reply.headers['x-amzn-errortype']).toBe(code);
    const parsed = JSON.parse(reply.body) as { __type: string; Message: string };
    expect(parsed.__type).toBe(`com.amazonaws.cloudcontrol#${code}`);
    expect(parsed.Message).toMatch(message);
    // Messages quote at most a short piece of a long value.
    expect(parsed.Message.length).toBeLessThan(600);
    expect(await snapshot()).toBe(before);
  });

  it('a document of exactly 262144 characters is within the limit', async () => {
    const padded = desired.replace(/}$/, `${' '.repeat(262_144 - desired.length)}}`);
    expect(padded).toHaveLength(262_144);
    const reply = await rawRequest(emulator, { headers: jsonHeaders('CreateResource'), body: JSON.stringify({ TypeName: P, DesiredState: padded }) });
    expect(reply.status).toBe(200);
  });
});
