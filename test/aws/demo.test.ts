import { describe, expect, it } from 'vitest';
import { startDemo } from '../../src/demo.js';

describe('startDemo', () => {
  it('serves the demo data through a Spex with its own credentials and region', async () => {
    const demo = await startDemo({ asyncDelayMs: 0 });
    try {
      expect(demo.region).toBe('us-east-1');
      expect(demo.spex.endpoint).toBe(demo.emulator.url);
      expect(demo.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const instances = await demo.spex.forRegion(demo.region).listInstances();
      expect(instances[0]?.alias).toBe('acme-support');
      expect(demo.spex.forRegion(demo.region).account()).toBe('123456789012');
    } finally {
      await demo.close();
    }
  });
});
