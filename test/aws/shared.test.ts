// What every SDK client of the process shares (src/aws/shared.ts): the keep-alive agents, which one
// client's end must not close under the others, and the SDK settings read once for the process, which
// must still be the environment's.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpex, type Spex } from '../../src/aws/index.js';
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
});
