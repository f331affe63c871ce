// The emulator holds up against what a hostile or careless client sends: a malformed percent-escape in
// a path is the client's 400 (not a 500 or a dropped connection), the request log stays bounded in
// memory under a loop of 2 MiB requests, and listening beyond loopback warns that nothing is signed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../../src/emulator/cli.js';
import { demoInstanceArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { jsonHeaders, rawRequest } from './helpers.js';

const CONNECT_SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
});

describe('the emulator holds up', () => {
  it.each(['%E0%A4%A', '%zz', 'abc%'])('a malformed percent-escape in a Connect path (%s) is a 400 InvalidRequestException', async (bad) => {
    const reply = await rawRequest(emulator, { method: 'GET', path: `/security-profiles-summary/${bad}`, headers: { authorization: CONNECT_SIGNED } });
    expect(reply.status).toBe(400);
    expect(reply.headers['x-amzn-errortype']).toMatch(/^InvalidRequestException/);
    expect(JSON.parse(reply.body)).toMatchObject({ Message: expect.stringContaining('malformed percent-escape') });
    // A well-formed one still works.
    const ok = await rawRequest(emulator, { method: 'GET', path: `/security-profiles-summary/${encodeURIComponent(demoInstanceArn().split('/').pop()!)}`, headers: { authorization: CONNECT_SIGNED } });
    expect(ok.status).toBe(200);
  });

  it('500 requests of 2 MiB leave the request log bounded: bodies cut, oldest dropped past the byte bound', async () => {
    // A real collection before each reading, so the heap measured is what is kept, not garbage.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    // Valid framing, refused by the model (a PatchDocument over 262144 characters): the body is still read and logged.
    const body = Buffer.from(JSON.stringify({ TypeName: 'AWS::Connect::SecurityProfile', Identifier: 'p-1', PatchDocument: 'x'.repeat(2 * 1024 * 1024 - 200) }));
    for (let i = 0; i < 500; i++) {
      const reply = await rawRequest(emulator, { headers: jsonHeaders('UpdateResource'), body });
      expect(reply.status).toBe(400);
    }
    const logged = emulator.requests.filter((r) => r.operation === 'UpdateResource');
    expect(logged.length).toBeGreaterThan(0);
    // Each logged body keeps at most 64 KiB of a long string, and says how long it was.
    expect(String(logged.at(-1)!.body.PatchDocument)).toMatch(/^x{65536}…\(2096952 characters\)$/);
    const logBytes = logged.reduce((sum, r) => sum + JSON.stringify(r.body).length * 2, 0);
    expect(logBytes).toBeLessThanOrEqual(64 * 1024 * 1024 + 200_000);
    gc();
    // Unbounded, the log would hold 500 × 2 MiB of strings (about 1 GiB even as one byte a character); bounded, at most the 64 MiB bound and change.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);

  it('only loopback addresses count as this machine', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.com']) expect(isLoopback(host)).toBe(false);
  });
});
