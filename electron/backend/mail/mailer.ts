import { RpcFailure, type SmtpSettings, settingKeys, smtpSettings } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { DbOrTx } from '../data/orm'
import { message } from '../messages'
import type { SecretVault } from '../secrets/vault'
import { readSetting } from '../settings/organization-settings'
import type { MailMessage, MailTransport, SmtpConfig } from './transport'

/** The vault name of an organization's SMTP password. */
export const smtpPasswordName = (organizationId: string) => `smtp-password-${organizationId}`

/** Whether email can be sent, and why not. */
export type MailStatus = { available: true; reason: null } | { available: false; reason: 'notConfigured' | 'passwordMissing' }

/** Error codes of nodemailer and Node that mean the server could not be reached or answered too late. */
const unreachable = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETLS'])

/**
 * Sending email with the organization's SMTP settings (app_settings) and password (vault).
 * Refuses with a typed error when email is not set up, and words a failed send for a person,
 * naming the setting to check, never with a stack or the password.
 */
export function createMailer(deps: { db: DbOrTx; vault: SecretVault; transport: MailTransport }) {
  async function settingsOf(organizationId: string): Promise<SmtpSettings | null> {
    const parsed = smtpSettings.safeParse(await readSetting(deps.db, organizationId, settingKeys.smtp))
    return parsed.success ? parsed.data : null
  }

  async function passwordOf(organizationId: string): Promise<string> {
    return (await deps.vault.get(smtpPasswordName(organizationId))) ?? ''
  }

  async function status(organizationId: string): Promise<MailStatus> {
    const settings = await settingsOf(organizationId)
    if (!settings) return { available: false, reason: 'notConfigured' }
    if (settings.user && !(await passwordOf(organizationId))) return { available: false, reason: 'passwordMissing' }
    return { available: true, reason: null }
  }

  /** The full configuration, or a typed refusal saying what is missing. */
  async function configOf(locale: Locale, organizationId: string): Promise<SmtpConfig> {
    const settings = await settingsOf(organizationId)
    if (!settings) {
      const text = message(locale, 'mailNotConfigured')
      throw new RpcFailure('CONFLICT', text, [{ path: ['smtp'], message: text }])
    }
    const password = await passwordOf(organizationId)
    if (settings.user && !password) {
      const text = message(locale, 'mailPasswordMissing')
      throw new RpcFailure('CONFLICT', text, [{ path: ['smtp', 'password'], message: text }])
    }
    return { ...settings, password }
  }

  /**
   * A failed send as a person reads it: the server's own words and the setting to look at.
   * VALIDATION, because what the administrator can do is check the SMTP settings (OFFLINE
   * would tell the person that the terminal itself is unreachable).
   */
  function failure(locale: Locale, error: unknown, config: SmtpConfig): RpcFailure {
    const { code, message: raw } =
      error instanceof Error ? (error as Error & { code?: string }) : { code: undefined, message: String(error) }
    // The server's answer may echo what it was sent; the password must not travel on.
    const reason = (config.password ? raw.split(config.password).join('***') : raw).slice(0, 300)
    const text = message(locale, 'mailFailed', { reason })
    const field = code === 'EAUTH' ? 'user' : code === 'EENVELOPE' ? 'from' : code && unreachable.has(code) ? 'host' : null
    return new RpcFailure('VALIDATION', text, [{ path: field ? ['smtp', field] : ['smtp'], message: text }])
  }

  return {
    status,
    configOf,
    /** Sends one message with the organization's settings; a typed failure when it was not accepted. */
    async send(locale: Locale, organizationId: string, mail: MailMessage): Promise<void> {
      const config = await configOf(locale, organizationId)
      try {
        await deps.transport.send(config, mail)
      } catch (error) {
        throw failure(locale, error, config)
      }
    },
  }
}

/** The mailer's type, for handler dependencies. */
export type Mailer = ReturnType<typeof createMailer>
