import fs from 'node:fs'
import path from 'node:path'

/** The TrueType fonts printed documents and labels use: DejaVu Sans has Cyrillic, the Kazakh letters and ₸. */
export interface PrintFonts {
  regular: Buffer
  bold: Buffer
  /** The regular font's file: pdfkit opens its first font by path (else it reads Helvetica's metrics). */
  regularPath: string
}

const cache = new Map<string, PrintFonts>()

/**
 * Where the fonts are: `<resources>/fonts` as the host passes it (the desktop app's
 * resources folder, packaged or not; web mode's `resources` beside the build), else the
 * source tree's `resources/fonts` (tests and the support CLI run from the repository).
 */
export function fontsDirectory(resourcesDir?: string): string {
  const candidates = [resourcesDir && path.join(resourcesDir, 'fonts'), path.resolve('resources', 'fonts')].filter(
    (dir): dir is string => Boolean(dir),
  )
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'DejaVuSans.ttf')))
  if (!found) throw new Error(`DejaVuSans.ttf not found in ${candidates.join(' or ')}`)
  return found
}

/** The fonts, read once per folder. */
export function loadPrintFonts(resourcesDir?: string): PrintFonts {
  const dir = fontsDirectory(resourcesDir)
  let fonts = cache.get(dir)
  if (!fonts) {
    fonts = {
      regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      regularPath: path.join(dir, 'DejaVuSans.ttf'),
      bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    }
    cache.set(dir, fonts)
  }
  return fonts
}
