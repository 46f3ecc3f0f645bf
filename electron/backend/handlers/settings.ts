import { settingKeys, smtpSettings } from '../../../shared/contract'
import { formatDateTime } from '../../../shared/format'
import { issueResetCodeIn, retireResetCodesIn } from '../auth/password-reset'
import type { Orm } from '../data/orm'
import type { Write, WriteScope } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import { type Mailer, smtpPasswordName } from '../mail/mailer'
import { message } from '../messages'
import type { SecretVault } from '../secrets/vault'
import { type SettingsCache, deleteSetting, readSetting, writeSetting } from '../settings/organization-settings'

/** What the settings handlers use. */
export interface SettingsDeps {
  orm: Orm
  write: Write
  vault: SecretVault
  mailer: Mailer
  cache: SettingsCache
}

/** A TIMESTAMP as the database holds it (Asia/Almaty wall clock) made an instant for Intl. */
const almatyInstant = (wallClock: string) => `${wallClock.replace(' ', 'T')}+05:00`

/**
 * Records that the SMTP password changed, without the password: the audit row says only
 * whether one is stored. The secret itself goes to the vault, never to the database.
 */
async function auditPasswordChange(scope: WriteScope, settingId: string, wasSet: boolean, nowSet: boolean): Promise<void> {
  await scope.audit({
    entityType: 'app_setting',
    entityId: settingId,
    action: 'UPDATE',
    reason: nowSet ? 'SMTP password changed' : 'SMTP password removed',
    before: { key: settingKeys.smtp, smtp_password: wasSet ? 'set' : null },
    after: { key: settingKeys.smtp, smtp_password: nowSet ? 'changed' : null },
  })
}

/**
 * Handlers of the organization's settings (the inactivity lock, the SMTP server) and of
 * sending a reset code by email. Changes are audited in the transaction that makes them; the
 * lock time is pushed into the dispatcher's cache as soon as it is committed.
 */
export function settingsHandlers(
  deps: SettingsDeps,
): DomainHandlers<
  | 'settings.get'
  | 'settings.security.update'
  | 'settings.smtp.update'
  | 'settings.smtp.clear'
  | 'settings.smtp.test'
  | 'mail.status'
  | 'users.emailResetCode'
> {
  const passwordSet = async (organizationId: string) => Boolean(await deps.vault.get(smtpPasswordName(organizationId)))

  return {
    'settings.get': async (_input, ctx) => {
      const org = ctx.connection.session!.organizationId
      const smtp = smtpSettings.safeParse(await readSetting(deps.orm, org, settingKeys.smtp))
      return {
        lockAfterMinutes: deps.cache.lockAfterMinutes(org),
        smtp: smtp.success ? { ...smtp.data, passwordSet: await passwordSet(org) } : null,
      }
    },

    'settings.security.update': async ({ lockAfterMinutes }, ctx) => {
      const session = ctx.connection.session!
      await deps.write(ctx, session, (scope) =>
        writeSetting(scope, settingKeys.lockAfterMinutes, lockAfterMinutes, {
          category: 'security',
          dataType: 'number',
          description: 'Minutes of inactivity before a session locks',
        }),
      )
      await deps.cache.reload()
      return null
    },

    'settings.smtp.update': async ({ password, ...smtp }, ctx) => {
      const session = ctx.connection.session!
      const org = session.organizationId
      await deps.write(ctx, session, async (scope) => {
        const id = await writeSetting(scope, settingKeys.smtp, smtp, {
          category: 'mail',
          dataType: 'object',
          description: 'SMTP server for sending codes by email (the password is in the secret vault)',
        })
        if (password !== undefined) {
          const wasSet = await passwordSet(org)
          // Last in the transaction: if anything before failed, the stored password is untouched.
          await deps.vault.set(smtpPasswordName(org), password)
          if (wasSet || password) await auditPasswordChange(scope, id, wasSet, Boolean(password))
        }
      })
      return null
    },

    'settings.smtp.clear': async (_input, ctx) => {
      const session = ctx.connection.session!
      const org = session.organizationId
      await deps.write(ctx, session, async (scope) => {
        await deleteSetting(scope, settingKeys.smtp)
        // The vault has no delete: an empty value is "no password" to the mailer.
        if (await passwordSet(org)) await deps.vault.set(smtpPasswordName(org), '')
      })
      return null
    },

    'settings.smtp.test': async ({ to }, ctx) => {
      const { locale, session } = ctx.connection
      await deps.mailer.send(locale, session!.organizationId, {
        to,
        subject: message(locale, 'testMailSubject'),
        text: message(locale, 'testMailBody'),
      })
      return { sentTo: to }
    },

    'mail.status': async (_input, ctx) => deps.mailer.status(ctx.connection.session!.organizationId),

    'users.emailResetCode': async ({ userId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      // Refused before a code exists when email is not set up.
      await deps.mailer.configOf(locale, session.organizationId)
      const issued = await deps.write(ctx, session, (scope) =>
        issueResetCodeIn(scope, ctx, userId, 'password reset code sent by email'),
      )
      try {
        await deps.mailer.send(locale, session.organizationId, {
          to: issued.email,
          subject: message(locale, 'resetMailSubject'),
          text: message(locale, 'resetMailBody', {
            name: `${issued.firstName} ${issued.lastName}`.trim() || issued.email,
            code: issued.code,
            expires: formatDateTime(almatyInstant(issued.expiresAt), locale),
            email: issued.email,
          }),
        })
      } catch (error) {
        // A code that never reached anybody must not stay valid.
        await deps.write(ctx, session, (scope) => retireResetCodesIn(scope, userId, 'reset code email not sent'))
        throw error
      }
      return { sentTo: issued.email, expiresAt: issued.expiresAt }
    },
  }
}
