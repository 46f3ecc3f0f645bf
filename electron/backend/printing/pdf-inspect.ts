/**
 * Reads back the PDFs we make, far enough for tests to check them: pages, fonts (and whether
 * each is embedded), and every text run with its font, size and position, decoded through the
 * font's ToUnicode map. Written for pdfkit's output (one object per `obj … endobj`, streams
 * Flate-compressed), not for PDFs in general.
 */
import zlib from 'node:zlib'

/** One piece of text as drawn. */
export interface TextRun {
  /** The font's BaseFont, e.g. `BZZZZZ+DejaVuSans-Bold`. */
  font: string
  size: number
  x: number
  y: number
  text: string
}

/** A page and what is written on it. */
export interface InspectedPage {
  width: number
  height: number
  texts: TextRun[]
  /** Images drawn on the page (count of image XObjects used). */
  images: number
}

/** What a PDF holds. */
export interface InspectedPdf {
  pages: InspectedPage[]
  /** BaseFont names with whether the font program is embedded (FontFile2). */
  fonts: { name: string; embedded: boolean }[]
  info: string
}

interface PdfObject {
  dict: string
  stream?: Buffer
}

function readObjects(bytes: Uint8Array): Map<number, PdfObject> {
  const buffer = Buffer.from(bytes)
  const text = buffer.toString('latin1')
  const objects = new Map<number, PdfObject>()
  const pattern = /(\d+) 0 obj\s/g
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length
    const end = text.indexOf('endobj', start)
    const body = text.slice(start, end)
    const streamAt = body.indexOf('stream\n')
    const object: PdfObject = { dict: streamAt >= 0 ? body.slice(0, streamAt) : body }
    if (streamAt >= 0) {
      const dataStart = start + streamAt + 'stream\n'.length
      const dataEnd = text.lastIndexOf('endstream', end)
      let data = buffer.subarray(dataStart, dataEnd)
      if (data.at(-1) === 0x0a) data = data.subarray(0, -1)
      object.stream = object.dict.includes('/FlateDecode') ? zlib.inflateSync(data) : data
    }
    objects.set(Number(match[1]), object)
    pattern.lastIndex = end
  }
  return objects
}

const ref = (dict: string, key: string): number | null => {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dict)
  return match ? Number(match[1]) : null
}

/** Glyph id (hex) to text, from a ToUnicode CMap (bfchar and bfrange, as pdfkit writes them). */
function readCmap(cmap: string): Map<number, string> {
  const out = new Map<number, string>()
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from = '', to = ''] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      out.set(parseInt(from, 16), utf16(to))
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from = '', to = '', list] of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const first = parseInt(from, 16)
      const last = parseInt(to, 16)
      const targets = [...(list ?? '').matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => m[1] ?? '')
      for (let code = first; code <= last; code++) {
        if ((list ?? '').startsWith('[')) out.set(code, utf16(targets[code - first] ?? ''))
        else {
          const base = targets[0] ?? '0000'
          out.set(code, String.fromCharCode(parseInt(base, 16) + code - first))
        }
      }
    }
  }
  return out
}

/** Reads a PDF made by pdfkit. */
export function inspectPdf(bytes: Uint8Array): InspectedPdf {
  const objects = readObjects(bytes)
  const dictOf = (id: number | null) => (id === null ? '' : (objects.get(id)?.dict ?? ''))
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))
  const pagesRoot = dictOf(ref(catalog?.dict ?? '', 'Pages'))
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesRoot)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))

  const fontCache = new Map<number, { name: string; cmap: Map<number, string> }>()
  const fontOf = (id: number) => {
    let font = fontCache.get(id)
    if (!font) {
      const dict = dictOf(id)
      const toUnicode = ref(dict, 'ToUnicode')
      font = {
        name: /\/BaseFont \/([^\s/>]+)/.exec(dict)?.[1] ?? '?',
        cmap: toUnicode === null ? new Map() : readCmap(objects.get(toUnicode)?.stream?.toString('latin1') ?? ''),
      }
      fontCache.set(id, font)
    }
    return font
  }

  const pages = kids.map((pageId): InspectedPage => {
    const page = dictOf(pageId)
    const box = (/\/MediaBox \[([^\]]*)\]/.exec(page)?.[1] ?? '0 0 0 0').trim().split(/\s+/).map(Number)
    const resourcesRef = ref(page, 'Resources')
    const resources = resourcesRef === null ? page : dictOf(resourcesRef)
    const fontBlock = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? ''
    const fonts = new Map([...fontBlock.matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [m[1] ?? '', Number(m[2])]))
    const contentIds = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) =>
      Number(m[1]),
    )
    const content = contentIds.map((id) => objects.get(id)?.stream?.toString('latin1') ?? '').join('\n')
    const texts: TextRun[] = []
    let font = { name: '?', cmap: new Map<number, string>() }
    let size = 0
    let x = 0
    let y = 0
    const ops =
      /\/(\w+) ([\d.]+) Tf|([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) Tm|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\] TJ|<([0-9a-fA-F]*)> Tj/g
    for (const m of content.matchAll(ops)) {
      if (m[1]) {
        const id = fonts.get(m[1])
        font = id === undefined ? { name: m[1], cmap: new Map() } : fontOf(id)
        size = Number(m[2])
      } else if (m[3] !== undefined) {
        x = Number(m[7])
        y = Number(m[8])
      } else {
        const hex = m[9] !== undefined ? [...m[9].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '').join('') : (m[10] ?? '')
        const glyphs = (hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))
        texts.push({ font: font.name, size, x, y, text: glyphs.map((g) => font.cmap.get(g) ?? '\ufffd').join('') })
      }
    }
    const images = (content.match(/\/I\d+ Do/g) ?? []).length
    return { width: box[2] ?? 0, height: box[3] ?? 0, texts, images }
  })

  const fonts = [...objects.values()]
    .filter((o) => /\/Type \/FontDescriptor/.test(o.dict))
    .map((o) => ({ name: /\/FontName \/([^\s/>]+)/.exec(o.dict)?.[1] ?? '?', embedded: /\/FontFile2 \d+ 0 R/.test(o.dict) }))
  const infoId = ref(Buffer.from(bytes).toString('latin1').split('trailer').at(-1) ?? '', 'Info')
  return { pages, fonts, info: dictOf(infoId) }
}

/** All text of a page, runs joined by spaces (for "does it say X" checks). */
export function pageText(page: InspectedPage): string {
  return page.texts.map((t) => t.text).join(' ')
}
