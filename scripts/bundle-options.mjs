// How spex is bundled with esbuild, shared by the build (scripts/build.mjs) and the benchmark
// (bench/run.mjs), so the bench runs the same code the same way.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function bundleOptions({ entryPoints, outdir }) {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    // Code splitting keeps what only `import()` pulls in (Ink, React) out of the first chunk.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // ES module builds first (the AWS SDK ships dist-es beside dist-cjs): they tree-shake, so a client
    // brings only the commands spex sends instead of all of Connect's hundreds, and load faster.
    mainFields: ['module', 'main'],
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Ink imports react-devtools-core only when DEV is set; it is not a dependency of ours.
    alias: { 'react-devtools-core': './scripts/empty-module.js' },
    define: { 'process.env.NODE_ENV': '"production"' },
    // Bundled CommonJS dependencies need a real require().
    banner: { js: "import { createRequire as __spexCreateRequire } from 'node:module'; const require = __spexCreateRequire(import.meta.url);" },
  };
}
