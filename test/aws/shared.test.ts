// What every SDK client of the process shares (src/aws/shared.ts): the keep-alive agents, which one
// client's end must not close under the others, and the SDK settings read once for the process, which
// must still be the environment's; and the clients pooled across accounts (src/aws/pooled.ts), whose
// every request must be signed with its own account's credentials, checked here signature by signature.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSpex, type Spex } from '../../src/aws/index.js';
import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { createClient } from '../../src/aws/client.js';
import { accountIdentity, NO_ACCOUNT, pooledClient, pooledCount } from '../../src/aws/pooled.js';
import { type TestBackend, startTestBackend, TEST_CREDENTIALS, TEST_REGION } from '../helpers/emulator.js';

// Read once, on the first request of the process (this file runs in its own worker): set before any.
const APP_ID = 'spex-shared-test';
const before = process.env.AWS_SDK_UA_APP_ID;
process.env.AWS_SDK_UA_APP_ID = APP_ID;

describe('what the clients of the process share', () => {
  let backend: TestBackend;
  const opened: Spex[] = [];
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await backend.close();
    if (before === undefined) delete process.env.AWS_SDK_UA_APP_ID;
    else process.env.AWS_SDK_UA_APP_ID = before;
  });

  const spexOf = (): Spex => {
    const spex = createSpex({ region: TEST_REGION, endpoint: backend.emulator.url, rateShare: false, maxAttempts: 1, credentials: { ...TEST_CREDENTIALS } });
    opened.push(spex);
    return spex;
  };

  it('a Spex closed (its clients destroyed) leaves the connections another Spex uses working', async () => {
    const one = spexOf();
    const other = spexOf();
    await Promise.all([one, other].map((s) => s.forRegion(TEST_REGION).listInstances()));
    // The other's requests in flight (the emulator answers after 150 ms) when the first closes.
    backend.emulator.setFaults({ latencyMs: 150 });
    const inFlight = Promise.all([1, 2, 3].map(() => other.forRegion(TEST_REGION).listInstances()));
    await new Promise((resolve) => setTimeout(resolve, 30));
    one.close();
    // maxAttempts 1: a connection closed under a request would fail it, not be retried.
    const again = await inFlight;
    backend.emulator.setFaults({ latencyMs: 0 });
    for (const list of again) expect(list.length).toBeGreaterThan(0);
    // And a region released (its clients destroyed) takes no connection from the regions still in use.
    other.release?.('us-west-2');
    expect((await other.forRegion(TEST_REGION).listInstances()).length).toBeGreaterThan(0);
  });

  it('the settings read once are the environment\'s: AWS_SDK_UA_APP_ID reaches every client\'s User-Agent', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InvalidRequestException' });
      response.end(JSON.stringify({ __type: 'InvalidRequestException', Message: 'no' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const region of [TEST_REGION, 'eu-west-2']) {
        const spex = createSpex({ region, endpoint: url, rateShare: false, maxAttempts: 1, credentials: { ...TEST_CREDENTIALS } });
        opened.push(spex);
        await expect(spex.forRegion(region).listInstances()).rejects.toBeDefined();
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      const agent = [headers['user-agent'], headers['x-amz-user-agent']].flat().join(' ');
      expect(agent).toContain(`app/${APP_ID}`);
      expect(agent).toContain('spex');
    }
  });

  it('accounts share one client per region, and each request is signed with its own account\'s key, secret and token', async () => {
    const seen: { method: string; path: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        seen.push({ method: request.method!, path: request.url!, headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ TypeName: 'AWS::Connect::Instance', ResourceDescriptions: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const accounts = ['111111111111', '222222222222', '333333333333'].map((id) => ({ accessKeyId: `AKIA${id}`, secretAccessKey: `secret-of-${id}`, sessionToken: `token-of-${id}` }));
    const pooledBefore = pooledCount();
    const spexes = accounts.map((credentials) => createSpex({ region: TEST_REGION, endpoint: `http://127.0.0.1:${port}`, rateShare: false, maxAttempts: 1, credentials }));
    try {
      // Every account at once, several times: requests of different accounts interleave on the one client.
      await Promise.all(spexes.flatMap((s) => [1, 2, 3].map(() => s.forRegion(TEST_REGION).listInstances())));
      expect(pooledCount()).toBe(pooledBefore + 1);
    } finally {
      for (const s of spexes) s.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    // The last account closed lets the pooled client go.
    expect(pooledCount()).toBe(pooledBefore);
    expect(seen).toHaveLength(9);
    const keys = new Map<string, number>();
    for (const request of seen) {
      const authorization = String(request.headers.authorization);
      const [, key, date, region, service, signedHeaders, signature] = /Credential=([^/]+)\/(\d+)\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=(\w+)/.exec(authorization)!;
      const account = accounts.find((a) => a.accessKeyId === key)!;
      expect(account).toBeDefined();
      keys.set(key!, (keys.get(key!) ?? 0) + 1);
      // The session token is the same account's, and the signature is the one its secret makes.
      expect(request.headers['x-amz-security-token']).toBe(account.sessionToken);
      expect(date).toBe(String(request.headers['x-amz-date']).slice(0, 8));
      const headers = Object.fromEntries(signedHeaders!.split(';').map((h) => [h, String(request.headers[h])]));
      const unsigned = new HttpRequest({ method: request.method, protocol: 'http:', hostname: '127.0.0.1', port, path: request.path, headers, body: request.body });
      const iso = String(request.headers['x-amz-date']);
      const signingDate = new Date(`${iso.slice(0, 4)}-${iso.slice(4, 6)}-${iso.slice(6, 8)}T${iso.slice(9, 11)}:${iso.slice(11, 13)}:${iso.slice(13, 15)}Z`);
      const resigned = await new SignatureV4({ credentials: account, region: region!, service: service!, sha256: Hash.bind(null, 'sha256') }).sign(unsigned, { signingDate });
      expect(String(resigned.headers.authorization)).toContain(`Signature=${signature}`);
    }
    expect([...keys.values()]).toEqual([3, 3, 3]);
  });

  it('a command sent without its account\'s credentials is refused before anything is sent', async () => {
    const settings = { region: TEST_REGION, endpoint: backend.emulator.url, credentials: NO_ACCOUNT, maxAttempts: 1, requestTimeoutMs: 5000, now: Date.now };
    const view = pooledClient('refusal-test', settings, accountIdentity({ ...TEST_CREDENTIALS }), createClient);
    try {
      const sent = backend.emulator.requests.length;
      const listed = await view.send(new ListResourcesCommand({ TypeName: 'AWS::Connect::Instance' }));
      expect(listed.ResourceDescriptions?.length).toBeGreaterThan(0);
      expect(backend.emulator.requests.length).toBe(sent + 1);
      // The pooled client itself (the account's view aside): its commands carry no credentials.
      const pooled = Object.getPrototypeOf(view) as typeof view;
      await expect(pooled.send(new ListResourcesCommand({ TypeName: 'AWS::Connect::Instance' }))).rejects.toThrow("a request without its account's credentials was refused before it was sent");
      expect(backend.emulator.requests.length).toBe(sent + 1);
    } finally {
      view.destroy();
    }
  });
});
