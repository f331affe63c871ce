// Bundles src/ into dist/ with esbuild. Code splitting keeps the TUI (Ink, React) in chunks that
// only `import()` pulls in, so `spex --version` and the headless commands never load Ink.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Ink imports react-devtools-core only when DEV is set; it is not a dependency of ours.
  alias: { 'react-devtools-core': './scripts/empty-module.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS dependencies need a real require().
  banner: { js: "import { createRequire as __spexCreateRequire } from 'node:module'; const require = __spexCreateRequire(import.meta.url);" },
});
