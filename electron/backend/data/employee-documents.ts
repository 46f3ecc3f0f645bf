import { sql } from 'drizzle-orm'
import type { DbOrTx } from './orm'

/** An employee's identity documents, in clear, as the app shows them to whoever may read them. */
export interface EmployeeDocuments {
  iin?: string | null
  passport?: string | null
}

/**
 * Stores an employee's IIN and passport number encrypted with the seed's
 * encrypt_sensitive_data() under the organization's data key (set on the transaction by the
 * writer), as base64 in `employees.documents`. Other document entries stay as they are.
 */
export async function saveEmployeeDocuments(tx: DbOrTx, employeeId: string, docs: EmployeeDocuments): Promise<void> {
  const encrypt = (value: string | null | undefined) =>
    value ? sql`to_jsonb(encode(encrypt_sensitive_data(${value}), 'base64'))` : sql`'null'::jsonb`
  await tx.execute(sql`
    UPDATE employees SET documents = coalesce(documents, '{}'::jsonb)
      || jsonb_build_object('iin_encrypted', ${encrypt(docs.iin)}, 'passport_encrypted', ${encrypt(docs.passport)})
    WHERE id = ${employeeId}`)
}

/** Reads an employee's documents back in clear; fails without the right data key. */
export async function readEmployeeDocuments(tx: DbOrTx, employeeId: string): Promise<EmployeeDocuments> {
  const result = await tx.execute<{ iin: string | null; passport: string | null }>(sql`
    SELECT
      CASE WHEN documents->>'iin_encrypted' IS NULL THEN NULL
           ELSE decrypt_sensitive_data(decode(documents->>'iin_encrypted', 'base64')) END AS iin,
      CASE WHEN documents->>'passport_encrypted' IS NULL THEN NULL
           ELSE decrypt_sensitive_data(decode(documents->>'passport_encrypted', 'base64')) END AS passport
    FROM employees WHERE id = ${employeeId}`)
  const row = result.rows[0]
  return { iin: row?.iin ?? null, passport: row?.passport ?? null }
}
