/**
 * The content security policy of the app's pages, in the desktop shell and in web mode alike:
 * only our own scripts, no eval, no plugins, no framing. `style-src 'unsafe-inline'` is needed
 * by Mantine's runtime CSS variables; scripts never get it. `'self'` also covers web mode's
 * WebSocket on the same host and port. `frame-src blob:` lets printing load a PDF the app made
 * itself into a hidden frame for the print dialog (blob: URLs come only from our own scripts);
 * the browser's PDF viewer needs nothing more (object-src stays 'none').
 */
export function contentSecurityPolicy(options: { forMetaTag?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ]
  // Browsers ignore (and warn about) frame-ancestors in a <meta> tag; it only works as a header.
  return directives.filter((d) => !(options.forMetaTag && d.startsWith('frame-ancestors'))).join('; ')
}
