// The wire protocol, with raw HTTP: what AWS SDKs see, and what they would never send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstanceArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { jsonHeaders, rawRequest, SIGNED } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
});

function parsed(body: string): { __type?: string; Message?: string } {
  return JSON.parse(body) as { __type?: string; Message?: string };
}

describe('awsJson1_0', () => {
  it('answers in application/x-amz-json-1.0 with a request id', async () => {
    const reply = await rawRequest(emulator, { headers: jsonHeaders('ListResources'), body: JSON.stringify({ TypeName: 'AWS::Connect::Instance' }) });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(reply.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(reply.body).ResourceDescriptions).toHaveLength(2);
  });

  it('errors carry __type, x-amzn-ErrorType, Message and the modelled status', async () => {
    const reply = await rawRequest(emulator, { headers: jsonHeaders('GetResource'), body: JSON.stringify({ TypeName: 'AWS::Connect::SecurityProfile', Identifier: 'nope' }) });
    expect(reply.status).toBe(404);
    expect(reply.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(parsed(reply.body).__type).toMatch(/#ResourceNotFoundException$/);
    expect(parsed(reply.body).Message).toMatch(/not found/);
  });

  it('takes the region from the SigV4 credential scope', async () => {
    const auth = SIGNED.replace('us-east-1', 'eu-west-2');
    const reply = await rawRequest(emulator, { headers: jsonHeaders('ListResources', { authorization: auth }), body: JSON.stringify({ TypeName: 'AWS::Connect::Instance' }) });
    expect(JSON.parse(reply.body).ResourceDescriptions.map((d: { Identifier: string }) => d.Identifier)).toEqual([demoInstanceArn('eu-west-2')]);
    expect(emulator.requests.at(-1)).toMatchObject({ operation: 'ListResources', region: 'eu-west-2', status: 200 });
  });
});

describe('refusals', () => {
  const list = JSON.stringify({ TypeName: 'AWS::Connect::Instance' });
  it.each<[string, Parameters<typeof rawRequest>[1], number, string]>([
    ['no Authorization header', { headers: jsonHeaders('ListResources', { authorization: '' }), body: list }, 403, 'MissingAuthenticationTokenException'],
    ['a malformed Authorization header', { headers: jsonHeaders('ListResources', { authorization: 'Bearer x' }), body: list }, 403, 'IncompleteSignatureException'],
    ['a scope without a region', { headers: jsonHeaders('ListResources', { authorization: SIGNED.replace('us-east-1', 'Nowhere') }), body: list }, 403, 'InvalidSignatureException'],
    ['bad JSON', { headers: jsonHeaders('ListResources'), body: '{"TypeName":' }, 400, 'SerializationException'],
    ['a JSON array body', { headers: jsonHeaders('ListResources'), body: '[]' }, 400, 'SerializationException'],
    ['the wrong content type', { headers: jsonHeaders('ListResources', { 'content-type': 'text/plain' }), body: list }, 400, 'SerializationException'],
    ['an unknown target', { headers: jsonHeaders('DropDatabase'), body: list }, 400, 'UnknownOperationException'],
    ['a target of another service', { headers: jsonHeaders('ListResources', { 'x-amz-target': 'DynamoDB_20120810.ListTables' }), body: list }, 400, 'UnknownOperationException'],
    ['GET', { method: 'GET', headers: jsonHeaders('ListResources') }, 404, 'UnknownOperationException'],
    ['a missing required member', { headers: jsonHeaders('GetResource'), body: JSON.stringify({ TypeName: 'AWS::Connect::Instance' }) }, 400, 'ValidationException'],
    ['a member of the wrong type', { headers: jsonHeaders('GetResource'), body: JSON.stringify({ TypeName: 5, Identifier: 'x' }) }, 400, 'SerializationException'],
    ['a malformed type name', { headers: jsonHeaders('ListResources'), body: JSON.stringify({ TypeName: 'Connect' }) }, 400, 'ValidationException'],
    ['MaxResults out of range', { headers: jsonHeaders('ListResourceRequests'), body: JSON.stringify({ MaxResults: 1000 }) }, 400, 'ValidationException'],
    ['a bad filter value', { headers: jsonHeaders('ListResourceRequests'), body: JSON.stringify({ ResourceRequestStatusFilter: { Operations: ['READ'] } }) }, 400, 'ValidationException'],
    ['a bad client token', { headers: jsonHeaders('DeleteResource'), body: JSON.stringify({ TypeName: 'AWS::Connect::SecurityProfile', Identifier: 'x', ClientToken: 'has space' }) }, 400, 'ValidationException'],
    ['a DesiredState over 262144 characters', { headers: jsonHeaders('CreateResource'), body: JSON.stringify({ TypeName: 'AWS::Connect::SecurityProfile', DesiredState: 'x'.repeat(262_145) }) }, 400, 'ValidationException'],
    ['a body over 2 MiB', { headers: jsonHeaders('ListResources'), body: Buffer.alloc(3 * 1024 * 1024, 0x20) }, 413, 'RequestEntityTooLargeException'],
  ])('%s', async (_name, request, status, code) => {
    const reply = await rawRequest(emulator, request);
    expect(reply.status).toBe(status);
    expect(reply.headers['x-amzn-errortype']).toBe(code);
    // A sentence, not an empty string or a stack trace.
    expect(parsed(reply.body).Message).toMatch(/^\S.{8,}/);
    expect(parsed(reply.body).Message).not.toMatch(/\n\s+at /);
    // And the emulator still serves the next request.
    const ok = await rawRequest(emulator, { headers: jsonHeaders('ListResources'), body: list });
    expect(ok.status).toBe(200);
  });

  it('binds loopback by default', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
