import type { MailMessage, MailTransport, SmtpConfig } from './transport'

/** A transport that sends nothing: it records what it was given, or fails on request (tests). */
export interface FakeMailTransport extends MailTransport {
  readonly sent: { config: SmtpConfig; message: MailMessage }[]
  /** The next sends fail with this error, until set back to null. */
  failWith: Error | null
}

/** A fake transport for tests and for a backend that must never send real email. */
export function fakeMailTransport(): FakeMailTransport {
  const fake: FakeMailTransport = {
    sent: [],
    failWith: null,
    async send(config, message) {
      if (fake.failWith) throw fake.failWith
      fake.sent.push({ config, message })
    },
  }
  return fake
}
