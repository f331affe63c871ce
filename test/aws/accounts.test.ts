// The AWS profiles a fleet is made of, read from the shared files named by the given environment.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAccountProfiles } from '../../src/aws/accounts.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('readAccountProfiles', () => {
  it('lists the profiles of both files once each, with region and endpoint_url, and skips sso-session and services sections', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spex-accounts-'));
    writeFileSync(join(dir, 'config'), ['[default]', 'region = us-east-1', '[profile dev]', 'region = us-west-2', 'endpoint_url = http://127.0.0.1:4566', '[sso-session corp]', 'sso_region = us-east-1', '[services local]', 'connect =', '  endpoint_url = http://x'].join('\n'));
    writeFileSync(join(dir, 'credentials'), ['[dev]', 'aws_access_key_id = A', 'aws_secret_access_key = B', '[ci]', 'aws_access_key_id = C', 'aws_secret_access_key = D'].join('\n'));
    const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    expect(await readAccountProfiles(env)).toEqual([
      { name: 'default', region: 'us-east-1', endpoint: undefined },
      { name: 'dev', region: 'us-west-2', endpoint: 'http://127.0.0.1:4566' },
      { name: 'ci', region: undefined, endpoint: undefined },
    ]);
  });

  it('no files: no profiles', async () => {
    expect(await readAccountProfiles({ AWS_CONFIG_FILE: '/nonexistent/a', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/b' })).toEqual([]);
  });
});
