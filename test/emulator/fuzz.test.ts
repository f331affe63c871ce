// Random and mutated requests: the emulator answers each with a clean JSON error or a success,
// never crashes or fails internally, and its state stays valid. Bounded and on loopback only.
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { validateProfile } from '../../src/domain/profile/validate.js';
import { DEMO_CONSOLE_MADE_NAMES, demoInstanceArn, demoProfileArn, DEMO_REGION_NAMES, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { jsonHeaders, rawRequest, SIGNED } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
});

const OPS = ['ListResources', 'GetResource', 'CreateResource', 'UpdateResource', 'DeleteResource', 'GetResourceRequestStatus', 'ListResourceRequests', 'CancelResourceRequest'];

const validBodies = (): Record<string, Record<string, unknown>> => ({
  ListResources: { TypeName: SECURITY_PROFILE_TYPE, ResourceModel: JSON.stringify({ InstanceArn: demoInstanceArn() }) },
  GetResource: { TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Agent') },
  CreateResource: { TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: demoInstanceArn(), SecurityProfileName: 'Fuzzed', Permissions: ['BasicAgentAccess'] }) },
  UpdateResource: { TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Flow Designers'), PatchDocument: JSON.stringify([{ op: 'add', path: '/Description', value: 'fuzz' }, { op: 'add', path: '/Permissions/-', value: 'Users.View' }]) },
  DeleteResource: { TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Outbound Campaigns') },
  GetResourceRequestStatus: { RequestToken: 'abc' },
  ListResourceRequests: { MaxResults: 5, ResourceRequestStatusFilter: { Operations: ['CREATE'] } },
  CancelResourceRequest: { RequestToken: 'abc' },
});

/** Changes one thing in a string: cut it, insert junk, or flip a character. */
const stringMutation = fc.oneof(
  fc.nat().map((n) => (s: string) => s.slice(0, n % (s.length + 1))),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([n, junk]) => (s: string) => s.slice(0, n % (s.length + 1)) + junk + s.slice(n % (s.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom('"', '{', ']', '\\', '\u0000', '/', '~', '-', 'é')).map(([n, c]) => (s: string) => {
    const i = n % Math.max(1, s.length);
    return s.slice(0, i) + c + s.slice(i + 1);
  }),
);

const mutatedBody = fc.tuple(fc.constantFrom(...OPS), fc.nat(), fc.oneof(fc.constant('drop'), fc.constant('replace'), fc.constant('string')), fc.jsonValue({ maxDepth: 2 }), stringMutation).map(
  ([op, pick, how, value, mutate]) => {
    const body = validBodies()[op]!;
    const keys = Object.keys(body);
    const key = keys[pick % keys.length]!;
    if (how === 'drop') delete body[key];
    else if (how === 'replace') body[key] = value;
    else body[key] = typeof body[key] === 'string' ? mutate(body[key]) : mutate(JSON.stringify(body[key]));
    return { op, body: JSON.stringify(body) };
  },
);

const randomRequest = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
  path: fc.constantFrom('/', '/', '/x', '/?a=b', '//'),
  target: fc.oneof(fc.constantFrom(...OPS.map((o) => `CloudApiService.${o}`)), fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''))),
  contentType: fc.constantFrom('application/x-amz-json-1.0', 'application/x-amz-json-1.0; charset=utf-8', 'application/json', 'text/plain', ''),
  auth: fc.constantFrom(SIGNED, SIGNED.replace('us-east-1', 'eu-west-2'), '', 'AWS4-HMAC-SHA256 Credential=x', 'Basic Zm9v'),
  body: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ unit: 'binary', maxLength: 200 }), mutatedBody.map((m) => m.body)),
});

async function expectClean(reply: { status: number; headers: Record<string, unknown>; body: string }): Promise<void> {
  expect(reply.status).toBeGreaterThanOrEqual(200);
  expect(reply.status).toBeLessThan(600);
  const body = JSON.parse(reply.body) as { __type?: string; Message?: string };
  if (reply.status >= 300) {
    expect(typeof reply.headers['x-amzn-errortype']).toBe('string');
    expect(body.__type).toMatch(/#\w+$/);
    // InternalFailure would mean an unexpected exception inside the emulator.
    expect(reply.headers['x-amzn-errortype']).not.toBe('InternalFailure');
  }
}

describe('fuzz', () => {
  it('random requests get clean answers', async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, async (r) => {
        const headers: Record<string, string> = { 'x-amz-target': r.target };
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.auth) headers.authorization = r.auth;
        await expectClean(await rawRequest(emulator, { method: r.method, path: r.path, headers, body: r.method === 'GET' ? undefined : r.body }));
      }),
      { numRuns: 150, seed: 20260101 },
    );
  });

  it('mutated valid requests get clean answers', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody, async ({ op, body }) => {
        await expectClean(await rawRequest(emulator, { headers: jsonHeaders(op), body }));
      }),
      { numRuns: 250, seed: 7 },
    );
  });

  it('bytes that are not HTTP do not bring it down', async () => {
    for (const junk of ['\u0000\u0001\u0002garbage\r\n\r\n', 'POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{`]) {
      await new Promise<void>((resolve) => {
        const socket = connect(emulator.port, '127.0.0.1', () => socket.end(junk));
        socket.on('data', () => undefined);
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
        socket.setTimeout(1000, () => socket.destroy());
      });
    }
  });

  it('afterwards the emulator still serves and its state is valid', async () => {
    const reply = await rawRequest(emulator, { headers: jsonHeaders('ListResources'), body: JSON.stringify(validBodies().ListResources) });
    expect(reply.status).toBe(200);
    for (const region of DEMO_REGION_NAMES) {
      for (const model of emulator.listModels(region, SECURITY_PROFILE_TYPE)) {
        // Console-made profiles are refused by the schema from the start; nothing else may become so.
        if (!DEMO_CONSOLE_MADE_NAMES.includes(String(model.SecurityProfileName))) expect(validateProfile(model, 'stored')).toEqual([]);
      }
    }
    expect(emulator.requests.length).toBeGreaterThan(400);
    expect(emulator.requests.filter((r) => r.errorType === 'InternalFailure')).toEqual([]);
  });
});
