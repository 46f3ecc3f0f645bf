// `npm run db:migrate -- --url <postgres-url>` migrates a central PostgreSQL database;
// `npm run db:migrate -- --dir <folder>` migrates a terminal's local data folder.
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { DataFolderLockedError, DataFolderNotWritableError } from '../../electron/backend/data-folder-lock'
import { startBackend } from '../../electron/backend/start-backend'
import { pgConnection } from '../connection'
import { MigrationError, migrate } from '../migrator'

/** What a run printed and how it ended; `main` below prints and exits, tests read it. */
export interface CliOutcome {
  code: number
  out: string[]
  err: string[]
}

const usage = 'Usage: npm run db:migrate -- (--url <postgres-url> | --dir <data folder>)'

/** Runs the migrate command with its arguments; never throws. */
export async function runMigrateCommand(argv: string[]): Promise<CliOutcome> {
  const out: string[] = []
  const err: string[] = []
  let values: { url?: string; dir?: string; help?: boolean }
  try {
    values = parseArgs({
      args: argv,
      options: { url: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }).values
  } catch (error) {
    return { code: 2, out, err: [`db:migrate: ${(error as Error).message}`, usage] }
  }
  if (values.help) return { code: 0, out: [usage], err }
  if (Boolean(values.url) === Boolean(values.dir))
    return { code: 2, out, err: ['db:migrate: give exactly one of --url or --dir.', usage] }

  try {
    if (values.url) {
      const client = new pg.Client({ connectionString: values.url, application_name: 'prometric db:migrate' })
      try {
        await client.connect()
      } catch (error) {
        return { code: 1, out, err: [`db:migrate: cannot connect to the database: ${(error as Error).message}`] }
      }
      try {
        const result = await migrate(pgConnection(client), { target: 'central' })
        report(out, result.applied, result.schemaVersion)
      } finally {
        await client.end()
      }
    } else {
      const backend = await startBackend({ dataDir: path.resolve(values.dir as string) })
      report(out, backend.schema.applied, backend.schema.version)
      await backend.close()
    }
    return { code: 0, out, err }
  } catch (error) {
    if (
      error instanceof MigrationError ||
      error instanceof DataFolderLockedError ||
      error instanceof DataFolderNotWritableError
    ) {
      return { code: 1, out, err: [`db:migrate: ${error.message}`] }
    }
    return { code: 1, out, err: [`db:migrate: failed: ${error instanceof Error ? error.message : String(error)}`] }
  }
}

function report(out: string[], applied: readonly string[], version: number) {
  out.push(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Nothing to apply.')
  out.push(`Schema version: ${version}`)
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('db', 'cli', 'migrate.ts'))
if (isMain) {
  const outcome = await runMigrateCommand(process.argv.slice(2))
  for (const line of outcome.out) console.log(line)
  for (const line of outcome.err) console.error(line)
  process.exit(outcome.code)
}
