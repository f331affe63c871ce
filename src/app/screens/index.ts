// The shell's screen bodies, one import for app.tsx.
export { CompareScreen } from './compare-screen.js';
export { DetailScreen } from './detail-screen.js';
export { ExplainScreen } from './explain-screen.js';
export { FindingsScreen } from './findings-screen.js';
export { HistoryScreen } from './history-screen.js';
export { HoldersScreen } from './holders-screen.js';
export { InstancesBody } from './instances-body.js';
export { ProfilesBody } from './profiles-body.js';
