// A resource made fresh for each test and closed after it, used through a stand-in object so the tests
// read `emulator.url`, `backend.spex` … as if they had started it themselves.
import { afterEach, beforeEach } from 'vitest';

export function perTest<T extends object>(start: () => Promise<T>, stop: (value: T) => Promise<void> | void): T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    const value = current;
    current = undefined;
    if (value !== undefined) await stop(value);
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (current === undefined) throw new Error('this exists only while a test runs');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
