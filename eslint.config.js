import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const shellFiles = ['electron/main.ts', 'electron/preload.ts', 'electron/windows.ts', 'electron/ipc.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // architecture.md: only the four shell files import electron.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: shellFiles,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main.ts, preload.ts, windows.ts and ipc.ts may import electron (architecture.md).' }] }],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The renderer may take only types from the contract; never Node or main-process code.
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer never imports electron.' }],
        patterns: [
          { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
          { group: ['**/native/**', '**/electron/**'], allowTypeImports: true, message: 'The renderer imports only types from electron/contract.ts (use import type).' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'build/**/*.js', 'test/**/*.tsx'],
    rules: { 'no-console': 'off' },
  },
);
