import { classifyScan } from '../../../../../shared/barcode/gs1'

/** Who typed a code: a wedge scanner (a burst) or a person at the keyboard. */
export type ScanSource = 'scanner' | 'keyboard'

/** One code read on a scan-enabled screen. */
export interface Scan {
  /** What was read, GS (FNC1) as ASCII 29, without the terminator. */
  raw: string
  parsed: ReturnType<typeof classifyScan>
  source: ScanSource
}

/**
 * A scan from its raw text. A person may type the scanner's text substitute for GS too (the
 * detector has already replaced it in a scanner's burst).
 */
export function toScan(raw: string, source: ScanSource, gsSubstitute = ''): Scan {
  const textSubstitute = /^F\d+$/.test(gsSubstitute) ? undefined : gsSubstitute || undefined
  return { raw, source, parsed: classifyScan(raw, { gsSubstitute: source === 'keyboard' ? textSubstitute : undefined }) }
}
