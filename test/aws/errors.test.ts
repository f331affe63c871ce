import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpex } from '../../src/aws/index.js';
import { isSpexError, type DomainError } from '../../src/domain/service/errors.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isSpexError(error)) throw new Error(`expected a SpexError, got ${String(error)}`);
  return error.error;
}

describe('error messages a person can act on', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('access denied names the Cloud Control action and the handler permissions', async () => {
    backend.emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException', message: 'User is not authorized to perform: cloudformation:ListResources' });
    // On Cloud Control alone (with Connect, the list is Connect's summaries and no ListResources is sent).
    const pages = backend.makeSpex({ cloudControlOnly: true }).forRegion(backend.region).listProfiles(backend.instanceArn);
    const error = await errorOf((async () => { for await (const _ of pages) { /* drain */ } })());
    expect(error.kind).toBe('access-denied');
    expect(error.message).toContain('cloudformation:ListResources');
    expect(error.message).toContain('connect:ListSecurityProfiles');
    expect(error.message).toContain('spex iam-policy');
  });

  it('access denied on GetResource names the read handler permissions', async () => {
    backend.emulator.failNext('GetResource', 1, { exception: 'AccessDeniedException' });
    const error = await errorOf(backend.spex.forRegion(backend.region).getProfile(demoProfileArn('Agent')));
    expect(error.message).toContain('cloudformation:GetResource');
    expect(error.message).toContain('connect:DescribeSecurityProfile');
  });

  it.each(['InvalidCredentialsException', 'UnrecognizedClientException', 'ExpiredTokenException'])(
    '%s says how to fix the credentials',
    async (exception) => {
      backend.emulator.failNext('ListResources', 1, { exception });
      const error = await errorOf(backend.spex.forRegion(backend.region).listInstances());
      expect(error.kind).toBe('credentials');
      expect(error.message).toContain('AWS_PROFILE');
      expect(error.message).toContain('aws sso login');
    },
  );

  it('throttling that outlives the retries says so; a short burst is absorbed', async () => {
    const fresh = await startTestBackend({ spex: { maxAttempts: 3 } });
    try {
      const service = fresh.spex.forRegion(fresh.region);
      fresh.emulator.failNext('ListResources', 3, { exception: 'ThrottlingException' });
      const error = await errorOf(service.listInstances());
      expect(error.kind).toBe('throttled');
      expect(error.message).toMatch(/throttling .* after several retries/);
      expect(fresh.emulator.requests.filter((r) => r.operation === 'ListResources')).toHaveLength(3);
      fresh.emulator.clearRequests();
      fresh.emulator.failNext('ListResources', 2, { exception: 'ThrottlingException' });
      expect(await service.listInstances()).toHaveLength(2);
      expect(fresh.emulator.requests.filter((r) => r.operation === 'ListResources')).toHaveLength(3);
    } finally {
      await fresh.close();
    }
  });

  it('retries a transient 5xx on a read and succeeds', async () => {
    const fresh = await startTestBackend({ spex: { maxAttempts: 3 } });
    try {
      fresh.emulator.failNext('GetResource', 2, { exception: 'ServiceInternalErrorException' });
      const profile = await fresh.spex.forRegion(fresh.region).getProfile(demoProfileArn('Agent'));
      expect(profile.SecurityProfileName).toBe('Agent');
      expect(fresh.emulator.requests.filter((r) => r.operation === 'GetResource')).toHaveLength(3);
    } finally {
      await fresh.close();
    }
  });

  it('a refused signature never repeats the session token AWS echoes in its canonical request', async () => {
    // AWS answers a bad signature with the canonical request it expected, signed headers included.
    const token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789abcdef/+=';
    const message =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n\n' +
      "The Canonical String for this request should have been\n'POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:cloudcontrolapi.us-east-1.amazonaws.com\n" +
      `x-amz-date:20260101T000000Z\nx-amz-security-token:${token}\nx-amz-target:CloudApiService.GetResource\n\ncontent-type;host;x-amz-date;x-amz-security-token;x-amz-target\nabc123'\n\n` +
      "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/cloudformation/aws4_request\ndef456'";
    backend.emulator.failNext('GetResource', 1, { exception: 'InvalidSignatureException', message });
    const error = await errorOf(backend.spex.forRegion(backend.region).getProfile(demoProfileArn('Agent')));
    expect(error.kind).toBe('credentials');
    expect(error.message).toContain('does not match the signature you provided');
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain('IQoJb3JpZ2lu');
  });

  it('strips terminal escapes from server text', async () => {
    const fresh = await startTestBackend();
    try {
      fresh.emulator.failNext('GetResource', 1, { exception: 'InvalidRequestException', message: 'bad \u001b]52;c;ZXZpbA==\u0007thing \u001b[31mred\u001b[0m' });
      const error = await errorOf(fresh.spex.forRegion(fresh.region).getProfile(demoProfileArn('Agent')));
      expect(error.message).toContain('bad \uFFFDthing \uFFFDred\uFFFD');
      expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    } finally {
      await fresh.close();
    }
  });
});

describe('connection failures', () => {
  it('an unreachable endpoint is named', async () => {
    const spex = createSpex({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1 });
    try {
      const error = await errorOf(spex.forRegion('us-east-1').listInstances());
      expect(error.kind).toBe('network');
      expect(error.message).toContain('http://127.0.0.1:1');
      expect(error.code).toBe('ECONNREFUSED');
    } finally {
      spex.close();
    }
  });

  it('missing credentials say how to provide them', async () => {
    const saved = { ...process.env };
    // Nothing anywhere in the chain: no keys, no files, no instance metadata.
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
    delete process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const spex = createSpex({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', maxAttempts: 1 });
    try {
      const error = await errorOf(spex.forRegion('us-east-1').listInstances());
      expect(error.kind).toBe('credentials');
      expect(error.message).toContain('AWS_PROFILE');
      expect(error.message).toContain('aws sso login');
    } finally {
      spex.close();
      process.env = saved;
    }
  });

  it('a request slower than the request timeout fails as a network error', async () => {
    const backend = await startTestBackend({ latencyMs: 400, spex: { requestTimeoutMs: 100 } });
    try {
      const error = await errorOf(backend.spex.forRegion(backend.region).listInstances());
      expect(error.kind).toBe('network');
      expect(error.message).toContain(backend.emulator.url);
    } finally {
      await backend.close();
    }
  });

  it('an AbortSignal cancels a read', async () => {
    const backend = await startTestBackend({ latencyMs: 300 });
    try {
      const controller = new AbortController();
      const pending = backend.spex.forRegion(backend.region).listInstances({ signal: controller.signal });
      setImmediate(() => controller.abort());
      const error = await errorOf(pending);
      expect(error.kind).toBe('cancelled');
    } finally {
      await backend.close();
    }
  });

  it('close() aborts reads and stops waiting for operations', async () => {
    const backend = await startTestBackend({ latencyMs: 200 });
    try {
      const spex = backend.makeSpex();
      const service = spex.forRegion(backend.region);
      const read = service.listInstances();
      const op = service.deleteProfile(demoProfileArn('Reporting Analysts'));
      spex.close();
      expect((await errorOf(read)).kind).toBe('cancelled');
      const outcome = await op.done;
      expect(!outcome.ok && outcome.error.kind).toBe('cancelled');
    } finally {
      await backend.close();
    }
  });
});
