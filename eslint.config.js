// The linter CI runs (`npm run lint`): typescript-eslint with type information, React's rules of hooks,
// and the runtime rules of docs/architecture.md (which folders may import React, Ink, node:* or the SDK).
// The import direction between folders and the absence of cycles are held by dependency-cruiser
// (.dependency-cruiser.cjs), which sees the whole graph at once.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import comments from '@eslint-community/eslint-plugin-eslint-comments';

const AWS_ONLY = { group: ['@aws-sdk/*', '@smithy/*'], message: 'only src/aws/ talks to AWS: see docs/architecture.md' };
const GATED_KEYS = { name: 'ink', importNames: ['useInput'], message: "keys go through components/input-gate.tsx's useInput, which a prompt over the app (an MFA code) holds" };
const runtime = (what) => ({ group: what, message: 'pure layers (state/, keys/, domain/) import no runtime: see docs/architecture.md' });

export default tseslint.config(
  { ignores: ['dist/**', 'bench/.out/**', 'node_modules/**', 'src/domain/profile/generated/**', 'coverage/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@eslint-community/eslint-comments': comments },
    rules: {
      // Every rule switched off in place says why (`// eslint-disable-next-line rule -- why`).
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      // `_name` says "deliberately unused" (a destructured field left out of a copy, a parameter an
      // interface passes); the rest of an object without some keys is how a field is dropped.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // An async function that does not await still turns a throw into a rejection: callers rely on
      // that (an implementation of an async interface that happens to answer at once).
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['src/**/*.tsx', 'src/hooks/**', 'src/app/**', 'test/**/*.tsx'], ...reactHooks.configs.flat.recommended },
  {
    files: ['src/**'],
    ignores: ['src/aws/**', 'src/components/input-gate.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [GATED_KEYS], patterns: [AWS_ONLY] }],
    },
  },
  { files: ['src/components/input-gate.tsx'], rules: { 'no-restricted-imports': ['error', { patterns: [AWS_ONLY] }] } },
  // After the rule for every src/ file: a later block's options replace an earlier one's.
  {
    files: ['src/state/**', 'src/keys/**', 'src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            runtime(['react', 'react/*', 'ink', 'ink/*', '@inkjs/*', 'node:*', '!node:crypto', '!node:util', '@aws-sdk/*', '@smithy/*']),
            // Two functions of Node with no I/O and no state: a step's client token, a deep comparison.
            { ...runtime(['node:crypto']), allowImportNames: ['createHash'] },
            { ...runtime(['node:util']), allowImportNames: ['isDeepStrictEqual'] },
          ],
        },
      ],
    },
  },
  {
    // The emulator's inputs are checked against the service model before use (emulator/connect/model.ts,
    // emulator/input.ts): a value it turns into text is a string or a number by then.
    files: ['src/emulator/**'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // Tests read what a server sent as untyped JSON and check it field by field (a wrong shape fails the
    // assertion, which is the point); vitest's expect(obj.method) passes methods unbound on purpose.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
