import type { SqlConnection } from '../../db/connection'
import { type DemoCompanySummary, type DemoProgress, generateDemoCompany } from '../../db/demo/generate-demo-company'
import type { DemoScale } from '../../db/demo/scale'
import { hashForHeadOffice, hashPassword } from './auth/password'

/** The password every account of a demo company gets: a demo is for trying, not for secrets. */
export const DEMO_PASSWORD = 'demo2026'

/**
 * Fills a database with the demo company, in one transaction, ready to use: every demo
 * account opens with {@link DEMO_PASSWORD}, and on a terminal the company is marked as a demo
 * (terminal_state), which never syncs. The app's "create a demo company" and `npm run db:seed`
 * both come here, so a seeded folder is the same as one made in the app.
 */
export async function installDemoCompany(
  conn: SqlConnection,
  options: {
    target: 'local' | 'central'
    scale: DemoScale
    seed?: number
    onProgress?: (p: DemoProgress) => void
    /** The organization's data key, to encrypt the employees' IIN and ID card; without it they are dropped. */
    dataKey?: (organizationId: string) => Promise<string | null>
  },
): Promise<DemoCompanySummary> {
  // Head office keeps bcrypt (checked there with pgcrypto at online sign-in); a terminal Argon2id.
  const passwordHash = options.target === 'central' ? await hashForHeadOffice(DEMO_PASSWORD) : await hashPassword(DEMO_PASSWORD)
  const finish = async (tx: SqlConnection, summary: DemoCompanySummary) => {
    await tx.query('UPDATE users SET password_hash = $2 WHERE id IN (SELECT user_id FROM employees WHERE organization_id = $1)', [
      summary.organizationId,
      passwordHash,
    ])
    // Identity documents never stay in clear: encrypted under the organization's key, as the
    // app stores them (saveEmployeeDocuments), or left out where there is no key.
    const key = (await options.dataKey?.(summary.organizationId)) ?? null
    await tx.query(`SELECT set_config('app.encryption_key', $1, true)`, [key ?? ''])
    await tx.query(
      `UPDATE employees SET documents = (documents - 'iin' - 'id_card') || CASE WHEN $2 THEN jsonb_build_object(
         'iin_encrypted', encode(encrypt_sensitive_data(documents->>'iin'), 'base64'),
         'passport_encrypted', encode(encrypt_sensitive_data(documents->'id_card'->>'number'), 'base64'))
       ELSE '{}'::jsonb END
       WHERE organization_id = $1 AND documents ? 'iin'`,
      [summary.organizationId, key !== null],
    )
    if (options.target === 'local') {
      await tx.query(`INSERT INTO terminal_state (mode, organization_id, workspace_id) VALUES ('demo', $1, $2)`, [
        summary.organizationId,
        summary.workspaceIds[0],
      ])
    }
    return summary
  }
  // Small (the app's button): everything in one transaction. Large is written in batches of
  // their own transactions (the generator also vacuums between steps, which no transaction
  // allows); the company is marked complete only at the end, and the terminal becomes a demo
  // only then.
  if (options.scale === 'small') {
    return conn.transaction(async (tx) => finish(tx, await generateDemoCompany(tx, { ...options })))
  }
  const summary = await generateDemoCompany(conn, { ...options })
  return conn.transaction((tx) => finish(tx, summary))
}
