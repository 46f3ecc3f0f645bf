/**
 * The drizzle schema (db/schema) against the database the migrations build: a change to one
 * without the other fails here, naming the table and the column.
 *
 * Compared, per table: the columns (name, SQL type, NOT NULL, default and its value, generated
 * expression), the primary key, foreign keys (columns, referenced table and columns, ON DELETE
 * and ON UPDATE), unique constraints, CHECK constraints and indexes; per view: the columns and
 * their types. Expressions (defaults, generated columns, checks, index columns and predicates)
 * are compared as PostgreSQL deparses them: drizzle's SQL is applied to a scratch copy of the
 * table and read back, so `IN ('a', 'b')` and `= ANY (ARRAY[...])` agree.
 *
 * Not compared, because drizzle cannot express them (db/schema/index.ts): DEFERRABLE on the
 * foreign keys, the partitioning of audit_logs, triggers, functions, row-level security.
 */
import type { PGlite } from '@electric-sql/pglite'
import { eq, getTableName, is, SQL } from 'drizzle-orm'
import {
  getTableConfig,
  getViewConfig,
  IndexedColumn,
  PgColumn,
  PgDialect,
  PgTable,
  PgView,
  type Index,
} from 'drizzle-orm/pg-core'
import { drizzle } from 'drizzle-orm/pglite'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { openLocalDatabase, pgliteConnection, type SqlConnection } from '../connection'
import { migrate } from '../migrator'
import * as schema from './index'

/** Relations of the migrated database that the drizzle schema leaves out on purpose. */
const NOT_IN_SCHEMA: Record<string, string> = {
  schema_migrations: 'the migrator’s own history (db/migrator.ts), not application data',
  daily_sales_summary:
    'materialized view refreshed only by a job on central and not granted to the app there; the app reads daily_sales',
}

const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable))
const views: PgView[] = Object.values(schema as Record<string, unknown>).filter((v): v is PgView => is(v, PgView))
const dialect = new PgDialect()

interface DbColumn {
  table_name: string
  name: string
  type: string
  not_null: boolean
  default_expr: string | null
  generated: string
}

interface DbConstraint {
  table_name: string
  name: string
  type: 'p' | 'u' | 'f' | 'c'
  columns: string[]
  foreign_table: string | null
  foreign_columns: string[]
  on_delete: string
  on_update: string
  definition: string
}

interface DbIndex {
  table_name: string
  name: string
  definition: string
}

const catalogQueries = {
  relations: `
    SELECT c.relname AS name, c.relkind::text AS kind
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
     ORDER BY 1`,
  columns: `
    SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attgenerated::text AS generated
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
       AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY 1, a.attnum`,
  constraints: `
    SELECT r.relname AS table_name, c.conname AS name, c.contype::text AS type,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
           f.relname AS foreign_table,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.ord) AS foreign_columns,
           c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c
      JOIN pg_class r ON r.oid = c.conrelid
      LEFT JOIN pg_class f ON f.oid = c.confrelid
     WHERE r.relnamespace = 'public'::regnamespace AND NOT r.relispartition AND c.contype IN ('p', 'u', 'f', 'c')
     ORDER BY 1, 2`,
  // Indexes of their own: those behind a primary key or unique constraint are compared as constraints.
  indexes: `
    SELECT t.relname AS table_name, i.relname AS name, pg_get_indexdef(i.oid) AS definition
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relkind IN ('r', 'p') AND NOT t.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                        WHERE c.conrelid = t.oid AND c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))
     ORDER BY 1, 2`,
} as const

const FK_ACTIONS: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

/**
 * drizzle's SQL type name in the spelling of format_type(): `varchar(255)` → `character
 * varying(255)`, `numeric(10, 2)` → `numeric(10,2)`, `timestamp` → `timestamp without time
 * zone`, serials → their integer type.
 */
function canonicalType(drizzleType: string): string {
  const array = /^(.*?)((?:\[\])+)$/.exec(drizzleType)
  if (array?.[1] && array[2]) return canonicalType(array[1]) + array[2]
  const t = drizzleType.trim().toLowerCase().replace(/\s+/g, ' ')
  const numeric = /^(?:numeric|decimal) ?\((\d+)(?:, ?(\d+))?\)$/.exec(t)
  if (numeric) return `numeric(${numeric[1]},${numeric[2] ?? 0})`
  const varchar = /^varchar(?: ?\((\d+)\))?$/.exec(t)
  if (varchar) return varchar[1] ? `character varying(${varchar[1]})` : 'character varying'
  const char = /^char(?: ?\((\d+)\))?$/.exec(t)
  if (char) return `character(${char[1] ?? 1})`
  const clock = /^(timestamp|time)(?: ?\((\d)\))?( with time zone| without time zone)?$/.exec(t)
  if (clock) return `${clock[1]}${clock[2] ? `(${clock[2]})` : ''}${clock[3] ?? ' without time zone'}`
  const aliases: Record<string, string> = {
    serial: 'integer',
    smallserial: 'smallint',
    bigserial: 'bigint',
    decimal: 'numeric',
  }
  return aliases[t] ?? t
}

/** SQL text of a drizzle fragment, columns unqualified (as in a CHECK or an index). */
function sqlText(fragment: SQL): string {
  const query = dialect.sqlToQuery(fragment, 'indexes')
  if (query.params.length > 0) throw new Error(`SQL fragment has parameters, inline them: ${query.sql}`)
  return query.sql
}

/** A drizzle column default as SQL, written the way the migrations write literals. */
function defaultText(column: PgColumn): string | undefined {
  const value: unknown = column.default
  if (value === undefined) return undefined
  if (is(value, SQL)) return sqlText(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  const driverValue = String(column.mapToDriverValue(value))
  // A numeric default kept as a string ('16.00') is a number literal in the migrations.
  if (column.columnType.startsWith('PgNumeric') && /^-?\d+(\.\d+)?$/.test(driverValue)) return driverValue
  return `'${driverValue.replaceAll("'", "''")}'`
}

/** One index column as CREATE INDEX takes it. */
function indexColumnText(column: Partial<IndexedColumn | SQL>, btree: boolean): string {
  if (is(column, SQL)) return `(${sqlText(column)})`
  const c = column as IndexedColumn
  const opClass = c.indexConfig?.opClass ? ` ${c.indexConfig.opClass}` : ''
  // ASC/DESC and NULLS exist for btree only. drizzle's .desc() keeps NULLS LAST, unlike SQL's
  // DESC (NULLS FIRST): both are spelled out, so the schema must say .desc().nullsFirst().
  const order = !btree
    ? ''
    : `${c.indexConfig?.order === 'desc' ? ' DESC' : ''} NULLS ${c.indexConfig?.nulls === 'first' ? 'FIRST' : 'LAST'}`
  return `"${c.name}"${opClass}${order}`
}

/** `CREATE INDEX` without its name and table, so definitions from two tables compare. */
function indexShape(definition: string): string {
  return definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ /, 'CREATE $1INDEX ON <table> ')
}

/**
 * Deparses drizzle's SQL through PostgreSQL: each expression is added to a scratch copy of the
 * table (`CREATE TEMP TABLE … (LIKE …)`, so generated columns are plain there and may be
 * referenced) and read back from the catalog. Errors come back as text, to show in the diff.
 */
class Deparser {
  private counter = 0
  private readonly scratch = new Map<string, string>()

  constructor(private readonly conn: SqlConnection) {}

  private async table(name: string): Promise<string> {
    let scratch = this.scratch.get(name)
    if (!scratch) {
      scratch = `parity_${name}`
      await this.conn.exec(`CREATE TEMP TABLE "${scratch}" (LIKE public."${name}")`)
      this.scratch.set(name, scratch)
    }
    return scratch
  }

  private async attempt(run: () => Promise<string>): Promise<string> {
    try {
      return await run()
    } catch (error) {
      return `(PostgreSQL refused it: ${(error as Error).message})`
    }
  }

  /** A column default, or a generated column's expression, as pg_get_expr prints it. */
  column(table: string, type: string, clause: 'DEFAULT' | 'GENERATED', expression: string): Promise<string> {
    return this.attempt(async () => {
      const scratch = await this.table(table)
      const column = `parity_col_${++this.counter}`
      const spec = clause === 'DEFAULT' ? `DEFAULT ${expression}` : `GENERATED ALWAYS AS (${expression}) STORED`
      await this.conn.exec(`ALTER TABLE "${scratch}" ADD COLUMN "${column}" ${type} ${spec}`)
      const { rows } = await this.conn.query<{ expr: string }>(
        `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr
           FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
          WHERE d.adrelid = $1::regclass AND a.attname = $2`,
        [`"${scratch}"`, column],
      )
      return rows[0]?.expr ?? '(no expression)'
    })
  }

  /** A CHECK constraint as pg_get_constraintdef prints it. */
  check(table: string, expression: string): Promise<string> {
    return this.attempt(async () => {
      const scratch = await this.table(table)
      const name = `parity_check_${++this.counter}`
      await this.conn.exec(`ALTER TABLE "${scratch}" ADD CONSTRAINT "${name}" CHECK (${expression})`)
      const { rows } = await this.conn.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2`,
        [`"${scratch}"`, name],
      )
      return rows[0]?.def ?? '(no constraint)'
    })
  }

  /** An index as pg_get_indexdef prints it, without its name and table. */
  index(table: string, index: Index): Promise<string> {
    return this.attempt(async () => {
      const scratch = await this.table(table)
      const name = `parity_index_${++this.counter}`
      const { unique, method, columns, where } = index.config
      const btree = !method || method === 'btree'
      const ddl =
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX "${name}" ON "${scratch}" USING ${method ?? 'btree'} ` +
        `(${columns.map((c) => indexColumnText(c, btree)).join(', ')})${where ? ` WHERE ${sqlText(where)}` : ''}`
      await this.conn.exec(ddl)
      const { rows } = await this.conn.query<{ def: string }>(`SELECT pg_get_indexdef($1::regclass) AS def`, [`"${name}"`])
      return indexShape(rows[0]?.def ?? '(no index)')
    })
  }
}

/** Every difference between one drizzle table and the database, as readable lines. */
async function tableDifferences(
  table: PgTable,
  catalog: { columns: DbColumn[]; constraints: DbConstraint[]; indexes: DbIndex[] },
  deparse: Deparser,
): Promise<string[]> {
  const config = getTableConfig(table)
  const name = config.name
  const problems: string[] = []
  const mismatch = (what: string, drizzleValue: unknown, dbValue: unknown) =>
    problems.push(`${what}: drizzle has ${JSON.stringify(drizzleValue)}, the database has ${JSON.stringify(dbValue)}`)

  // Columns
  const dbColumns = new Map(catalog.columns.filter((c) => c.table_name === name).map((c) => [c.name, c]))
  for (const column of config.columns) {
    const at = `${name}.${column.name}`
    const db = dbColumns.get(column.name)
    if (!db) {
      problems.push(`${at}: defined in drizzle, missing in the database`)
      continue
    }
    const type = canonicalType(column.getSQLType())
    if (type !== db.type) mismatch(`${at} type`, type, db.type)
    if (column.notNull !== db.not_null) mismatch(`${at} NOT NULL`, column.notNull, db.not_null)

    const dbGenerated = db.generated !== ''
    const generated = column.generated
    if (Boolean(generated) !== dbGenerated) mismatch(`${at} generated`, Boolean(generated), dbGenerated)
    if (generated && dbGenerated && db.default_expr) {
      const expression = is(generated.as, SQL) ? sqlText(generated.as) : String(generated.as)
      const ours = await deparse.column(name, db.type, 'GENERATED', expression)
      if (ours !== db.default_expr) mismatch(`${at} generated expression`, ours, db.default_expr)
    }

    const dbDefault = dbGenerated ? null : db.default_expr
    const hasDefault = column.hasDefault && !generated
    if (hasDefault !== (dbDefault !== null)) mismatch(`${at} has a default`, hasDefault, dbDefault !== null)
    const ourDefault = defaultText(column)
    if (ourDefault !== undefined && dbDefault !== null) {
      const ours = await deparse.column(name, db.type, 'DEFAULT', ourDefault)
      if (ours !== dbDefault) mismatch(`${at} default`, ours, dbDefault)
    }
  }
  for (const column of dbColumns.keys()) {
    if (!config.columns.some((c) => c.name === column)) problems.push(`${name}.${column}: in the database, missing in drizzle`)
  }

  const dbConstraints = catalog.constraints.filter((c) => c.table_name === name)

  // Primary key
  const primaryKey =
    config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name)
  const dbPrimaryKey = dbConstraints.find((c) => c.type === 'p')?.columns ?? []
  if (primaryKey.join(',') !== dbPrimaryKey.join(',')) mismatch(`${name} primary key`, primaryKey, dbPrimaryKey)

  // Foreign keys, as "columns -> table(columns) on delete … on update …"
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference()
      return (
        `${name}(${ref.columns.map((c) => c.name).join(', ')}) -> ${getTableName(ref.foreignTable)}` +
        `(${ref.foreignColumns.map((c) => c.name).join(', ')}) on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`
      )
    })
    .sort()
  const dbForeignKeys = dbConstraints
    .filter((c) => c.type === 'f')
    .map(
      (c) =>
        `${name}(${c.columns.join(', ')}) -> ${c.foreign_table}(${c.foreign_columns.join(', ')})` +
        ` on delete ${FK_ACTIONS[c.on_delete]} on update ${FK_ACTIONS[c.on_update]}`,
    )
    .sort()
  for (const fk of foreignKeys.filter((f) => !dbForeignKeys.includes(f)))
    problems.push(`foreign key ${fk}: in drizzle, not in the database`)
  for (const fk of dbForeignKeys.filter((f) => !foreignKeys.includes(f)))
    problems.push(`foreign key ${fk}: in the database, not in drizzle`)

  // Unique constraints, by name
  const uniques = new Map<string, string[]>([
    ...config.uniqueConstraints.map((u) => [u.getName(), u.columns.map((c) => c.name)] as [string, string[]]),
    ...config.columns
      .filter((c) => c.isUnique)
      .map((c) => [c.uniqueName ?? `${name}_${c.name}_unique`, [c.name]] as [string, string[]]),
  ])
  const dbUniques = new Map(dbConstraints.filter((c) => c.type === 'u').map((c) => [c.name, c.columns]))
  for (const [constraint, columns] of uniques) {
    const db = dbUniques.get(constraint)
    if (!db) problems.push(`${name} unique constraint ${constraint} (${columns.join(', ')}): in drizzle, not in the database`)
    else if (db.join(',') !== columns.join(',')) mismatch(`${name} unique constraint ${constraint}`, columns, db)
  }
  for (const [constraint, columns] of dbUniques) {
    if (!uniques.has(constraint))
      problems.push(`${name} unique constraint ${constraint} (${columns.join(', ')}): in the database, not in drizzle`)
  }

  // CHECK constraints, by name
  const dbChecks = new Map(dbConstraints.filter((c) => c.type === 'c').map((c) => [c.name, c.definition]))
  for (const check of config.checks) {
    const db = dbChecks.get(check.name)
    if (!db) {
      problems.push(`${name} check ${check.name}: in drizzle, not in the database`)
      continue
    }
    const ours = await deparse.check(name, sqlText(check.value))
    if (ours !== db) mismatch(`${name} check ${check.name}`, ours, db)
  }
  for (const check of dbChecks.keys()) {
    if (!config.checks.some((c) => c.name === check)) problems.push(`${name} check ${check}: in the database, not in drizzle`)
  }

  // Indexes, by name
  const dbIndexes = new Map(catalog.indexes.filter((i) => i.table_name === name).map((i) => [i.name, indexShape(i.definition)]))
  for (const index of config.indexes) {
    const indexName = index.config.name ?? '(unnamed)'
    const db = dbIndexes.get(indexName)
    if (!db) {
      problems.push(`${name} index ${indexName}: in drizzle, not in the database`)
      continue
    }
    const ours = await deparse.index(name, index)
    if (ours !== db) mismatch(`${name} index ${indexName}`, ours, db)
  }
  for (const index of dbIndexes.keys()) {
    if (!config.indexes.some((i) => i.config.name === index))
      problems.push(`${name} index ${index}: in the database, not in drizzle`)
  }

  return problems
}

describe('drizzle schema matches the migrated database', () => {
  let db: PGlite
  let conn: SqlConnection
  let deparse: Deparser
  let relations: { name: string; kind: string }[]
  let catalog: { columns: DbColumn[]; constraints: DbConstraint[]; indexes: DbIndex[] }

  beforeAll(async () => {
    db = await openLocalDatabase()
    conn = pgliteConnection(db)
    await migrate(conn, { target: 'local' })
    relations = (await conn.query<{ name: string; kind: string }>(catalogQueries.relations)).rows
    catalog = {
      columns: (await conn.query<DbColumn>(catalogQueries.columns)).rows,
      constraints: (await conn.query<DbConstraint>(catalogQueries.constraints)).rows,
      indexes: (await conn.query<DbIndex>(catalogQueries.indexes)).rows,
    }
    deparse = new Deparser(conn)
  })
  afterAll(async () => {
    await db?.close()
  })

  it('defines every table and view of the database, and nothing the database lacks', () => {
    const ours = [...tables.map((t) => `table ${getTableName(t)}`), ...views.map((v) => `view ${getViewConfig(v).name}`)].sort()
    const theirs = relations
      .filter((r) => !(r.name in NOT_IN_SCHEMA))
      .map((r) => `${r.kind === 'v' ? 'view' : r.kind === 'm' ? 'materialized view' : 'table'} ${r.name}`)
      .sort()
    expect(ours).toEqual(theirs)
  })

  it.each(tables.map((t) => [getTableName(t), t] as const))('table %s', async (_name, table) => {
    expect(await tableDifferences(table, catalog, deparse)).toEqual([])
  })

  it.each(views.map((v) => [getViewConfig(v).name, v] as const))('view %s', (name, view) => {
    const ours = Object.entries(getViewConfig(view).selectedFields).map(([, field]) => {
      const column = field as PgColumn
      return `${name}.${column.name} ${canonicalType(column.getSQLType())}`
    })
    const theirs = catalog.columns.filter((c) => c.table_name === name).map((c) => `${name}.${c.name} ${c.type}`)
    expect(ours).toEqual(theirs)
  })
})

describe('drizzle on PGlite', () => {
  let db: PGlite
  beforeAll(async () => {
    db = await openLocalDatabase()
    await migrate(pgliteConnection(db), { target: 'local' })
  })
  afterAll(async () => {
    await db?.close()
  })

  it('inserts and reads an organization, a workspace and a product, numerics as strings', async () => {
    const orm = drizzle(db, { schema })
    const [organization] = await orm
      .insert(schema.organizations)
      .values({ name: 'ТОО «Прометрик»', bin: '240140012345', annualRevenue: '125000000.50' })
      .returning()
    expect(organization).toBeDefined()
    const [workspace] = await orm
      .insert(schema.workspaces)
      .values({ organizationId: organization!.id, name: 'Склад Алматы', type: 'branch' })
      .returning()
    await orm.insert(schema.products).values({
      organizationId: organization!.id,
      workspaceId: workspace!.id,
      code: 'BOLT-M8',
      name: 'Болт М8',
      price: '1250.50',
      cost: '800',
      tags: ['крепёж'],
      dimensions: { length: 40, width: 8, height: 8, unit: 'mm' },
    })

    const product = await orm.query.products.findFirst({ where: eq(schema.products.code, 'BOLT-M8') })
    expect(product).toMatchObject({
      organizationId: organization!.id,
      workspaceId: workspace!.id,
      name: 'Болт М8',
      price: '1250.50',
      cost: '800.00',
      vatRate: '16.00',
      stockLevel: '0.000',
      availableQuantity: '0.000',
      status: 'ACTIVE',
      tags: ['крепёж'],
      dimensions: { length: 40, width: 8, height: 8, unit: 'mm' },
    })
    // Wall-clock timestamps come back as PostgreSQL prints them, not shifted through a Date.
    expect(product!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)

    const [readBack] = await orm
      .select({ bin: schema.organizations.bin, revenue: schema.organizations.annualRevenue, workspace: schema.workspaces.name })
      .from(schema.organizations)
      .innerJoin(schema.workspaces, eq(schema.workspaces.organizationId, schema.organizations.id))
    expect(readBack).toEqual({ bin: '240140012345', revenue: '125000000.50', workspace: 'Склад Алматы' })

    // The types say the same: numerics are strings, generated columns cannot be inserted.
    expectTypeOf<schema.Product['price']>().toEqualTypeOf<string>()
    expectTypeOf<schema.NewProduct>().not.toHaveProperty('availableQuantity')
    expectTypeOf<schema.NewOrderItem>().not.toHaveProperty('lineTotal')
  })
})
