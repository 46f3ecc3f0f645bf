/** Where and how to send: the organization's SMTP server with its password from the vault. */
export interface SmtpConfig {
  host: string
  port: number
  secure: boolean
  /** Empty when the server takes mail without signing in. */
  user: string
  password: string
  from: string
}

/** One plain-text email. */
export interface MailMessage {
  to: string
  subject: string
  text: string
}

/**
 * Sends email through an SMTP server. Behind an interface so the backend can be tested without
 * a server (a fake records the messages) and the library stays in one file.
 */
export interface MailTransport {
  /** Sends one message; rejects with the server's or the network's error when it was not accepted. */
  send(config: SmtpConfig, message: MailMessage): Promise<void>
}
