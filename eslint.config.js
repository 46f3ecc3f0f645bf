// Lint, including the import boundaries of the architecture (§5): shared/ is pure, the
// renderer reaches only shared/, and the backend never touches Electron.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net',
  'url',
  'util',
  'worker_threads',
  'stream',
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true }],
      'no-empty-pattern': 'off', // Playwright fixtures take `{}`
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node built-ins.' },
            { regex: '^electron(-log)?(/.*)?$', message: 'shared/ is pure: no Electron.' },
            { group: ['react', 'react-dom', '@mantine/*'], message: 'shared/ is pure: no UI.' },
            {
              regex: '^\\.\\./(\\.\\./)*(electron|renderer|db)(/|$)',
              message: 'shared/ imports nothing of ours outside shared/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node.' },
            {
              regex: '^(electron(-log)?(/.*)?|@electric-sql/.*|ws|drizzle-orm(/.*)?)$',
              message: 'The renderer reaches the backend only through the RPC client.',
            },
            { regex: '^\\.\\./(\\.\\./)*(electron|db)(/|$)', message: 'The renderer imports only shared/ of ours.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^electron(/.*)?$|^electron-log/(main|renderer)$',
              message: 'The backend is Electron-free: it also runs under plain Node (web mode, CLI, tests).',
            },
            { regex: '(^|/)(main|preload|renderer)/', message: 'The backend does not import the shell or the renderer.' },
          ],
        },
      ],
    },
  },
)
