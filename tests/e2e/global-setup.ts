import { startTestCentral } from '../../db/test/global-setup'

/**
 * Builds the app once before the end-to-end run if sources changed since the last build, and
 * starts a PostgreSQL 14 as head office for the sync flows (its address reaches the tests
 * through the environment, which Playwright's workers inherit).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // @ts-expect-error -- a plain .mjs helper shared with npm scripts; it has no type declarations
  const { buildIfStale } = (await import('../../scripts/build-if-stale.mjs')) as { buildIfStale: () => void }
  buildIfStale()
  const { server, stop } = await startTestCentral()
  process.env.PROMETRIC_E2E_CENTRAL = JSON.stringify(server)
  return stop
}
