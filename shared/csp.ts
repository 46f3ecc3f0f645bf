/**
 * The content security policy of the app's pages, in the desktop shell and in web mode alike:
 * only our own scripts, no eval, no plugins, no framing. `style-src 'unsafe-inline'` is needed
 * by Mantine's runtime CSS variables; scripts never get it.
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connectSrc.length ? ' ' + connectSrc.join(' ') : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}
