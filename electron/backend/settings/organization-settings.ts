import { and, eq, isNull } from 'drizzle-orm'
import { lockAfterMinutesRange, settingKeys } from '../../../shared/contract'
import type { AppSetting } from '../../../db/schema'
import { auditable } from '../data/audit-diff'
import { type DbOrTx, type Orm, schema } from '../data/orm'
import type { WriteScope } from '../data/write'

/** A JSON value as app_settings holds it. */
type SettingValue = AppSetting['value']

/** What a stored setting says about itself (category and data_type columns). */
export interface SettingKind {
  category: string
  dataType: AppSetting['dataType']
  description?: string
}

/** Reads one organization-wide setting (no workspace), or null when it was never set. */
export async function readSetting(db: DbOrTx, organizationId: string, key: string): Promise<SettingValue | null> {
  const [row] = await db
    .select({ value: schema.appSettings.value })
    .from(schema.appSettings)
    .where(
      and(
        eq(schema.appSettings.organizationId, organizationId),
        isNull(schema.appSettings.workspaceId),
        eq(schema.appSettings.key, key),
      ),
    )
  return row ? row.value : null
}

/**
 * Sets one organization-wide setting inside a business action, with its audit row. The row is
 * looked up first rather than upserted: the unique index that makes NULL scopes unique is an
 * expression index, and PGlite has one connection, so nothing can slip in between.
 */
export async function writeSetting(scope: WriteScope, key: string, value: SettingValue, kind: SettingKind): Promise<string> {
  const { tx, session } = scope
  const where = and(
    eq(schema.appSettings.organizationId, session.organizationId),
    isNull(schema.appSettings.workspaceId),
    eq(schema.appSettings.key, key),
  )
  const [before] = await tx.select().from(schema.appSettings).where(where).for('update')
  const [after] = before
    ? await tx.update(schema.appSettings).set({ value, updatedBy: session.userId }).where(where).returning()
    : await tx
        .insert(schema.appSettings)
        .values({
          organizationId: session.organizationId,
          key,
          value,
          category: kind.category,
          dataType: kind.dataType,
          description: kind.description ?? null,
          createdBy: session.userId,
          updatedBy: session.userId,
        })
        .returning()
  await scope.audit({
    entityType: 'app_setting',
    entityId: after!.id,
    action: before ? 'UPDATE' : 'CREATE',
    before: before ? settingAudit(before) : null,
    after: settingAudit(after!),
  })
  scope.touched('app_settings')
  return after!.id
}

/** Removes one organization-wide setting inside a business action, with its audit row. */
export async function deleteSetting(scope: WriteScope, key: string): Promise<boolean> {
  const { tx, session } = scope
  const [before] = await tx
    .delete(schema.appSettings)
    .where(
      and(
        eq(schema.appSettings.organizationId, session.organizationId),
        isNull(schema.appSettings.workspaceId),
        eq(schema.appSettings.key, key),
      ),
    )
    .returning()
  if (!before) return false
  await scope.audit({ entityType: 'app_setting', entityId: before.id, action: 'DELETE', before: settingAudit(before) })
  scope.touched('app_settings')
  return true
}

/** Only what a person changed: the key and its value (not who/when, which the audit row has). */
function settingAudit(row: AppSetting) {
  const { key, value } = auditable(row)
  return { key, value }
}

/** Accepts a stored lock time only when it is a whole number of minutes within the range. */
function validLockMinutes(value: unknown): number | null {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= lockAfterMinutesRange.min &&
    value <= lockAfterMinutesRange.max
    ? value
    : null
}

/**
 * The session policy's view of the organizations' settings. The dispatcher asks for the lock
 * time on every call, so it is answered from memory: loaded once at start-up and reloaded
 * whenever app_settings changes (a settings write here, or rows arriving by sync).
 */
export function createSettingsCache(orm: Orm) {
  let lockMinutes = new Map<string, number>()

  async function load(): Promise<void> {
    const rows = await orm
      .select({ organizationId: schema.appSettings.organizationId, value: schema.appSettings.value })
      .from(schema.appSettings)
      .where(and(eq(schema.appSettings.key, settingKeys.lockAfterMinutes), isNull(schema.appSettings.workspaceId)))
    const next = new Map<string, number>()
    for (const row of rows) {
      const minutes = validLockMinutes(row.value)
      if (row.organizationId && minutes !== null) next.set(row.organizationId, minutes)
    }
    lockMinutes = next
  }

  return {
    /**
     * Reads the settings again. Not shared between callers: a read that began before a write
     * committed must not answer for one asked after it (PGlite runs queries in order, so the
     * later read finishes later and its answer stays).
     */
    reload: load,
    /** Minutes of inactivity before a session of the organization locks. */
    lockAfterMinutes(organizationId: string | null | undefined): number {
      return (organizationId ? lockMinutes.get(organizationId) : undefined) ?? lockAfterMinutesRange.default
    },
  }
}

/** The cache of settings the dispatcher reads on every call. */
export type SettingsCache = ReturnType<typeof createSettingsCache>
