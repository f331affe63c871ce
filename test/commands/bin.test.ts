// The built CLI, spawned as a user would run it (dist/ is built by vitest's globalSetup).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/spex.js', import.meta.url));

function spex(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true', ...env }, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('spex (spawned)', () => {
  it('lists the demo profiles as JSON, every name from Connect’s summaries; on Cloud Control alone, read per profile with progress', async () => {
    const quick = await spex(['list', '--demo', '--instance', 'acme-support', '--output', 'json']);
    expect(quick.stderr).toBe('');
    expect((JSON.parse(quick.stdout) as { name: string }[]).map((p) => p.name)).toContain('Supervisors (EMEA)');
    const { code, stdout, stderr } = await spex(['list', '--demo', '--cloudcontrol-only', '--instance', 'acme-support', '--output', 'json']);
    expect(stderr).toBe(
      'spex: note: us-east-1: --cloudcontrol-only: Cloud Control alone, so names load one by one, holders are read one user at a time, and console-made profiles are read-only.\n' +
        'spex: names (the list gave ARNs only; one GetResource each) 0/18\nspex: names (the list gave ARNs only; one GetResource each) 18/18\n',
    );
    expect(code).toBe(0);
    const names = (JSON.parse(stdout) as { name: string }[]).map((p) => p.name);
    expect(names).toHaveLength(18);
    expect(names.every((n) => typeof n === 'string' && n !== '')).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['Admin', 'Agent', 'Tier 1 Support', 'Supervisors (EMEA)']));
  });

  it('lint, as built: the quota read from Service Quotas (a CommonJS SDK loaded on demand from the bundle)', async () => {
    const { code, stdout, stderr } = await spex(['lint', '--demo', '--instance', 'acme-apac', '--region', 'ap-southeast-2', '--output', 'json']);
    expect(code).toBe(1);
    expect(stderr).not.toContain('default 100 profiles per instance is assumed');
    const quota = (JSON.parse(stdout) as { findings: { rule: string; evidence: string[] }[] }).findings.find((f) => f.rule === 'quota');
    expect(quota?.evidence[0]).toMatch(/^\d+ of 100 profiles \(\d+%\)$/);
  });

  it('prints its version', async () => {
    const { code, stdout } = await spex(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^spex \d+\.\d+\.\d+/);
  });

  it('exits 2 with a usage line on an unknown flag', async () => {
    const { code, stderr } = await spex(['list', '--demo', '--no-such-flag']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: spex');
  });

  it('refuses a mutation under --read-only with exit 1', async () => {
    const { code, stderr } = await spex(['create', '--demo', '--read-only', '--instance', 'acme-support', '--name', 'X']);
    expect(code).toBe(1);
    expect(stderr).toContain('--read-only');
  });
});
