// The linter CI runs (`npm run lint`): typescript-eslint with type information, React's rules of hooks,
// and the runtime rules of docs/architecture.md (which folders may import React, Ink, node:* or the SDK).
// The import direction between folders and the absence of cycles are held by dependency-cruiser
// (.dependency-cruiser.cjs), which sees the whole graph at once.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const runtime = (what) => ({ group: what, message: 'pure layers (state/, keys/, domain/) import no runtime: see docs/architecture.md' });

export default tseslint.config(
  { ignores: ['dist/**', 'bench/.out/**', 'node_modules/**', 'src/domain/profile/generated/**', 'coverage/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['src/**/*.tsx', 'src/hooks/**', 'src/app/**'], ...reactHooks.configs.flat.recommended },
  {
    files: ['src/state/**', 'src/keys/**', 'src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [runtime(['react', 'react/*', 'ink', 'ink/*', '@inkjs/*', 'node:*', '@aws-sdk/*', '@smithy/*'])] }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/aws/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'only src/aws/ talks to AWS: see docs/architecture.md' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
