// Shared by the emulator tests: a real SDK client pointed at an emulator, and polling without sleeps.
import {
  CloudControlClient,
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
  type ProgressEvent,
} from '@aws-sdk/client-cloudcontrol';
import { request } from 'node:http';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoInstanceArn, type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { perTest } from '../helpers/per-test.js';

export const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
export const PROFILE = SECURITY_PROFILE_TYPE;

export function clientFor(emulator: Emulator, region = 'us-east-1', maxAttempts = 1): CloudControlClient {
  return new CloudControlClient({ endpoint: emulator.url, region, credentials: CREDENTIALS, maxAttempts });
}

const TERMINAL = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

/** Polls until the request ends; fails with the last event after `timeoutMs`. */
export async function waitForRequest(client: CloudControlClient, token: string, timeoutMs = 5000): Promise<ProgressEvent> {
  const deadline = Date.now() + timeoutMs;
  let last: ProgressEvent | undefined;
  while (Date.now() < deadline) {
    last = (await client.send(new GetResourceRequestStatusCommand({ RequestToken: token }))).ProgressEvent;
    if (last?.OperationStatus && TERMINAL.has(last.OperationStatus)) return last;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`request ${token} did not end within ${timeoutMs} ms; last event ${JSON.stringify(last)}`);
}

/** A DesiredState for a new profile in the first demo instance ("Night Desk"), with `extra` merged in. */
export const desired = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ InstanceArn: demoInstanceArn(), SecurityProfileName: 'Night Desk', Permissions: ['BasicAgentAccess'], ...extra });

/** A PatchDocument of the given operations. */
export const patch = (...ops: unknown[]): string => JSON.stringify(ops);

/** Sends CreateResource for `desired(extra)` and waits for it to end: the first event and the last. */
export async function createAndWait(emulator: Emulator, extra: Record<string, unknown> = {}, clientToken?: string): Promise<{ started: ProgressEvent; done: ProgressEvent }> {
  const client = clientFor(emulator);
  const started = await client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired(extra), ClientToken: clientToken }));
  return { started: started.ProgressEvent!, done: await waitForRequest(client, started.ProgressEvent!.RequestToken!) };
}

/** The error a promise rejects with (fails when it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cloudcontrolapi/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

/** A raw HTTP request, for what the SDK would never send. */
export function rawRequest(
  emulator: Emulator,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer | undefined },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    // An explicit length, so every method frames its body the same way.
    const headers = { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) };
    const req = request(`${emulator.url}${options.path ?? '/'}`, { method: options.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export function jsonHeaders(target: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `CloudApiService.${target}`, authorization: SIGNED, ...extra };
}

/** A fresh emulator (requests complete at the first poll) for each test, closed after it. */
export function emulatorPerTest(options: EmulatorOptions = {}): Emulator {
  return perTest(
    () => startEmulator({ asyncDelayMs: 0, ...options }),
    (emulator) => emulator.close(),
  );
}
