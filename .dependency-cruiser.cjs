// The layer rules of docs/architecture.md, held by dependency-cruiser (`npm run lint`). The runtime rules
// (no react, ink, node:* or SDK in the pure layers; the SDK only under src/aws/) are eslint's
// (eslint.config.js); this file holds the direction between folders and the absence of cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', comment: 'no import cycles (docs/architecture.md)', from: {}, to: { circular: true } },
    {
      name: 'components-are-presentational', severity: 'error',
      comment: 'components/ take props and give callbacks: they import only domain/, state/, keys/ and each other',
      from: { path: '^src/components/' },
      to: { path: '^src/', pathNot: '^src/(components|domain|state|keys)/' },
    },
    {
      name: 'pure-layers', severity: 'error',
      comment: 'state/ and keys/ import only domain/, state/ and keys/; domain/ imports only domain/',
      from: { path: '^src/(state|keys)/' },
      to: { path: '^src/', pathNot: '^src/(domain|state|keys)/' },
    },
    {
      name: 'domain-is-the-bottom', severity: 'error',
      comment: 'domain/ is pure and imports only itself',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'aws-below-the-ui', severity: 'error',
      comment: 'aws/ talks to AWS for everyone above it; it imports only domain/ and cache/',
      from: { path: '^src/aws/' },
      to: { path: '^src/', pathNot: '^src/(aws|domain|cache)/' },
    },
    {
      name: 'headless-without-the-tui', severity: 'error',
      comment: 'commands/ never import the TUI (app/, components/, hooks/, state/, keys/): headless commands do not pay for Ink',
      from: { path: '^src/commands/' },
      to: { path: '^src/(app|components|hooks|state|keys)/' },
    },
    {
      name: 'emulator-apart', severity: 'error',
      comment: 'the emulator imports only domain/ (it stands for AWS, not for spex)',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: '^src/(emulator|domain)/|^src/io\.ts$' },
    },
    {
      name: 'fleet-below-the-ui', severity: 'error',
      comment: 'fleet/ serves commands, hooks and app; it never imports them',
      from: { path: '^src/fleet/' },
      to: { path: '^src/(app|components|hooks|state|keys|commands)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/domain/profile/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
