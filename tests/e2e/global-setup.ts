/** Builds the app once before the end-to-end run if sources changed since the last build. */
export default async function globalSetup(): Promise<void> {
  // @ts-expect-error -- a plain .mjs helper shared with npm scripts; it has no type declarations
  const { buildIfStale } = (await import('../../scripts/build-if-stale.mjs')) as { buildIfStale: () => void }
  buildIfStale()
}
