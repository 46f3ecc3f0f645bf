// `npm run db:seed -- --scale small|large (--dir <folder> | --url <postgres-url>) [--seed <n>] [--force]`
// Writes the demo company into a terminal's data folder or a central database.
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { DataFolderLockedError, DataFolderNotWritableError } from '../../electron/backend/data-folder-lock'
import { installDemoCompany } from '../../electron/backend/demo-terminal'
import { ensureDataKey, fileVault } from '../../electron/backend/secrets/vault'
import { startBackend } from '../../electron/backend/start-backend'
import { type SqlConnection, pgConnection, pgliteConnection } from '../connection'
import type { DemoCompanySummary, DemoProgress } from '../demo/generate-demo-company'
import { migrate } from '../migrator'
import type { CliOutcome } from './migrate'

const usage =
  'Usage: npm run db:seed -- [--scale small|large] (--dir <data folder> | --url <postgres-url>) [--seed <n>] [--force]'

/** A progress line rewritten in place on a terminal, one line per step elsewhere. */
export function progressReporter(write: (s: string) => void, interactive: boolean): (p: DemoProgress) => void {
  let lastStep = ''
  let lastPercent = -1
  return (p) => {
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100
    if (!interactive) {
      if (p.step !== lastStep) write(`${p.step}…\n`)
      lastStep = p.step
      return
    }
    if (p.step === lastStep && percent === lastPercent) return
    const width = 30
    const filled = Math.round((percent / 100) * width)
    write(
      `\r${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(percent).padStart(3)}%  ${p.step} ${p.done}/${p.total}\x1b[K`,
    )
    if (p.done >= p.total) write('\n')
    lastStep = p.step
    lastPercent = percent
  }
}

async function refuseUnlessEmpty(conn: SqlConnection, force: boolean): Promise<string | null> {
  const { rows } = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations')
  if ((rows[0]?.n ?? 0) === 0 || force) return null
  return 'db:seed: the database already has an organization; the demo company goes into an empty one (or pass --force).'
}

function summaryLines(summary: DemoCompanySummary, ms: number): string[] {
  const rows = Object.entries(summary.counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `  ${table.padEnd(24)} ${String(n).padStart(9)}`)
  return [
    `Demo company «${summary.organizationName}» (${summary.scale}) written in ${(ms / 1000).toFixed(1)} s.`,
    `Sign in as ${summary.ownerEmail} with the password demo2026.`,
    ...rows,
  ]
}

/** Runs the seed command; never throws. */
export async function runSeedCommand(argv: string[], progress: (p: DemoProgress) => void = () => undefined): Promise<CliOutcome> {
  const out: string[] = []
  let values: { scale?: string; dir?: string; url?: string; seed?: string; force?: boolean; help?: boolean }
  try {
    values = parseArgs({
      args: argv,
      options: {
        scale: { type: 'string', default: 'small' },
        dir: { type: 'string' },
        url: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (error) {
    return { code: 2, out, err: [`db:seed: ${(error as Error).message}`, usage] }
  }
  if (values.help) return { code: 0, out: [usage], err: [] }
  if (values.scale !== 'small' && values.scale !== 'large') {
    return { code: 2, out, err: [`db:seed: --scale is small or large, not "${values.scale}".`, usage] }
  }
  if (Boolean(values.url) === Boolean(values.dir))
    return { code: 2, out, err: ['db:seed: give exactly one of --dir or --url.', usage] }
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (seed !== undefined && !Number.isInteger(seed)) return { code: 2, out, err: ['db:seed: --seed is a whole number.', usage] }
  const scale = values.scale
  const started = Date.now()

  try {
    if (values.url) {
      const client = new pg.Client({ connectionString: values.url, application_name: 'prometric db:seed' })
      try {
        await client.connect()
      } catch (error) {
        return { code: 1, out, err: [`db:seed: cannot connect to the database: ${(error as Error).message}`] }
      }
      try {
        const conn = pgConnection(client)
        await migrate(conn, { target: 'central' })
        const refused = await refuseUnlessEmpty(conn, Boolean(values.force))
        if (refused) return { code: 1, out, err: [refused] }
        const summary = await installDemoCompany(conn, { target: 'central', scale, seed, onProgress: progress })
        out.push(...summaryLines(summary, Date.now() - started))
      } finally {
        await client.end()
      }
    } else {
      const dataDir = path.resolve(values.dir as string)
      const backend = await startBackend({ dataDir })
      try {
        const conn = pgliteConnection(backend.db)
        const refused = await refuseUnlessEmpty(conn, Boolean(values.force))
        if (refused) return { code: 1, out, err: [refused] }
        // The same key store web mode uses for this folder.
        const vault = fileVault(path.join(dataDir, 'secrets'))
        const summary = await installDemoCompany(conn, {
          target: 'local',
          scale,
          seed,
          onProgress: progress,
          dataKey: (organizationId) => ensureDataKey(vault, organizationId),
        })
        out.push(...summaryLines(summary, Date.now() - started))
      } finally {
        await backend.close()
      }
    }
    return { code: 0, out, err: [] }
  } catch (error) {
    if (error instanceof DataFolderLockedError || error instanceof DataFolderNotWritableError) {
      return { code: 1, out, err: [`db:seed: ${error.message}`] }
    }
    return {
      code: 1,
      out,
      err: [`db:seed: failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`],
    }
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('db', 'cli', 'seed.ts'))
if (isMain) {
  const outcome = await runSeedCommand(
    process.argv.slice(2),
    progressReporter((s) => process.stderr.write(s), Boolean(process.stderr.isTTY)),
  )
  for (const line of outcome.out) console.log(line)
  for (const line of outcome.err) console.error(line)
  process.exit(outcome.code)
}
