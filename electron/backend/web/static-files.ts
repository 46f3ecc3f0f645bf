import fs from 'node:fs'
import path from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
}

/** A file to send: where it is and its content type. */
export interface StaticFile {
  file: string
  contentType: string
}

/**
 * Resolves a request path to a file of the built renderer. Paths are decoded and normalised,
 * and anything that would leave the folder is refused; unknown routes get index.html so a
 * reload on a client-side route still opens the app.
 */
export function resolveStaticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = path.resolve(root)
  const candidate = path.resolve(base, '.' + path.posix.normalize('/' + decoded))
  if (candidate !== base && !candidate.startsWith(base + path.sep)) return null
  const stat = fs.statSync(candidate, { throwIfNoEntry: false })
  if (stat?.isFile()) {
    return { file: candidate, contentType: contentTypes[path.extname(candidate).toLowerCase()] ?? 'application/octet-stream' }
  }
  // A missing asset is a 404; a missing route is the app.
  if (path.extname(decoded)) return null
  const index = path.join(base, 'index.html')
  return fs.existsSync(index) ? { file: index, contentType: contentTypes['.html'] ?? 'text/html' } : null
}
