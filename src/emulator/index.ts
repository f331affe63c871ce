// The local Cloud Control endpoint: `startEmulator` for tests and `spex --demo`, `spex emulator` on
// the command line (see cli.ts).
export { startEmulator } from './emulator.js';
export type { Emulator, EmulatorOptions, InjectedFailure, RecordedRequest } from './types.js';
export { DEMO_ACCOUNT_ID, DEMO_DEV_ONLY_PERMISSION, DEMO_PLATFORM_ACCOUNT_ID, DEMO_PLATFORM_REGIONS, instanceArnFor, DEMO_CONSOLE_MADE_NAMES, DEMO_UNKNOWN_PERMISSION, DEMO_REGIONS, DEMO_REGION_NAMES, demoInstanceArn } from './demo-data.js';
export { StateFileError } from './persistence.js';
export { AI_AGENT_MODELS } from './store.js';
export { HANDLER_ERROR_CODES } from './errors.js';

/** ARN of a demo profile by name (built-in or custom), e.g. demoProfileArn('Agent'). */
export { demoProfileArn } from './demo-data.js';
