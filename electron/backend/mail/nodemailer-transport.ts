import type { MailTransport } from './transport'

/** How long to wait for the server at each step: a shop-floor terminal must not hang on a dead server. */
const TIMEOUT_MS = 15_000

/**
 * The real transport, with nodemailer. The library is loaded on the first send, not at
 * start-up: most terminals never send email, and the backend's start time is measured.
 */
export function nodemailerTransport(): MailTransport {
  return {
    async send(config, message) {
      const nodemailer = await import('nodemailer')
      const transporter = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        // Without `secure`, STARTTLS is used when the server offers it; a server that offers it
        // and then fails TLS is an error, never a silent fall-back to plain text.
        auth: config.user ? { user: config.user, pass: config.password } : undefined,
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      })
      try {
        await transporter.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text })
      } finally {
        transporter.close()
      }
    },
  }
}
