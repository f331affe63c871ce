// Bundles src/ into dist/ with esbuild. Code splitting keeps the TUI (Ink, React) in chunks that
// only `import()` pulls in, so `spex --version` and the headless commands never load Ink.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { bundleOptions, root } from './bundle-options.mjs';

rmSync(`${root}/dist`, { recursive: true, force: true });
await build(bundleOptions({ entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist' }));
