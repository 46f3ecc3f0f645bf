/**
 * Rows for the sync benchmark (deterministic), and plain multi-row statements to write them
 * with — the baselines' way of writing the same rows.
 */
import { randomUUID } from 'node:crypto'

/** Anything with `query(sql, params)`: a pg client, PGlite or one of their transactions. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>
}

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NOUNS = ['Болт', 'Гайка', 'Шайба', 'Винт', 'Труба', 'Кабель', 'Профиль', 'Лист', 'Уголок', 'Краска', 'Клей', 'Фитинг']
const SIZES = ['М6', 'М8', 'М10', 'М12', '20 мм', '32 мм', '1,5 мм²', '2,5 мм²', '3 м', '6 м']
const COMPANIES = ['Алтын', 'Кайнар', 'Береке', 'Самал', 'Достык', 'Жулдыз', 'Нур', 'Тулпар', 'Сункар', 'Астык']

export type Row = Record<string, unknown>

/** A product as the app creates one at a terminal. */
export function productRow(random: () => number, tenant: { organizationId: string; workspaceId: string }, code: string): Row {
  const noun = NOUNS[Math.floor(random() * NOUNS.length)]!
  const size = SIZES[Math.floor(random() * SIZES.length)]!
  const price = Math.round(100 + random() * 50_000)
  return {
    id: randomUUID(),
    organization_id: tenant.organizationId,
    workspace_id: tenant.workspaceId,
    code,
    name: `${noun} ${size}`,
    description: random() < 0.3 ? `${noun} ${size}, оцинкованный` : null,
    unit: 'шт',
    price,
    cost: Math.round(price * 0.7),
  }
}

/** A customer as the app creates one at a terminal. */
export function customerRow(random: () => number, tenant: { organizationId: string; workspaceId: string }, n: number): Row {
  const company = random() < 0.6
  const name = company ? `ТОО «${COMPANIES[Math.floor(random() * COMPANIES.length)]!} ${n}»` : `Покупатель ${n}`
  return {
    id: randomUUID(),
    organization_id: tenant.organizationId,
    workspace_id: tenant.workspaceId,
    name,
    type: company ? 'COMPANY' : 'INDIVIDUAL',
    status: 'ACTIVE',
    email: `client${n}@example.kz`,
    phone: `+7701${String(n).padStart(7, '0')}`,
  }
}

/**
 * Writes rows with plain multi-row INSERTs of up to `perStatement` rows (each statement its own
 * transaction unless the caller opened one). `encode` turns a value into its parameter.
 */
export async function insertRows(
  db: Queryable,
  table: string,
  rows: Row[],
  perStatement = 1000,
  encode: (column: string, value: unknown) => unknown = (_, v) => v,
): Promise<void> {
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    const columns = Object.keys(chunk[0]!)
    const params: unknown[] = []
    const values = chunk.map(
      (row) =>
        `(${columns
          .map((c) => {
            params.push(encode(c, row[c] ?? null))
            return `$${params.length}`
          })
          .join(', ')})`,
    )
    await db.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`, params)
  }
}

/** Multi-row UPDATE ... FROM (VALUES ...) of some columns, by id; `types` casts each column. */
export async function updateRows(
  db: Queryable,
  table: string,
  rows: Row[],
  types: Record<string, string>,
  perStatement = 1000,
  encode: (column: string, value: unknown) => unknown = (_, v) => v,
): Promise<void> {
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    const columns = Object.keys(chunk[0]!)
    const params: unknown[] = []
    const values = chunk.map(
      (row) =>
        `(${columns
          .map((c) => {
            params.push(encode(c, row[c] ?? null))
            return `$${params.length}::${types[c] ?? 'text'}`
          })
          .join(', ')})`,
    )
    const set = columns
      .filter((c) => c !== 'id')
      .map((c) => `"${c}" = v."${c}"`)
      .join(', ')
    await db.query(
      `UPDATE ${table} t SET ${set} FROM (VALUES ${values.join(', ')}) AS v(${columns.map((c) => `"${c}"`).join(', ')}) WHERE t.id = v.id`,
      params,
    )
  }
}
