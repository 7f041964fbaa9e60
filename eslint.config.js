// Lint, including the layer rules: shared/ imports nothing outside itself and no Node or DOM-only modules;
// renderer/ imports only shared/; electron/core never imports 'electron'. A wrong import fails here.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'zlib',
  'stream',
  'worker_threads',
];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.cache/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              [
                '**/electron/**',
                '**/renderer/**',
                '**/test/**',
                'electron',
                'react',
                'react-dom',
                '@mui/*',
                'better-sqlite3',
                'kysely',
                'ws',
              ],
              'shared/ is pure: it imports nothing from electron/, renderer/ or I/O libraries.',
            ),
            pattern(nodeBuiltins, 'shared/ compiles without Node: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              ['**/electron/**', 'electron', 'better-sqlite3', 'kysely', 'ws', 'exceljs'],
              'renderer/ imports only shared/ (and browser libraries).',
            ),
            pattern(nodeBuiltins, 'renderer/ runs in a sandboxed browser: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              ['electron', '**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
              'electron/core runs in plain Node: never import electron or the shell.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
