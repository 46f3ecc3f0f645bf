import type { TFunction } from 'i18next'
import type { Gs1ParseError } from '../../../../../shared/barcode/gs1'
import type { Scan } from './scan'

/**
 * What is wrong with a GS1 code, in the person's language, naming the element: "(17)" is how
 * the AI is printed under the bars, so a clerk can find it on the label.
 */
export function describeGs1Error(t: TFunction, error: Gs1ParseError): string {
  return t(`warehouse.scanning.errors.${error.code}`, { ai: error.ai ?? '', position: error.position + 1 })
}

/** A one-line description of what a scan is: its kind and the main fields, for the last-scan line. */
export function describeScan(t: TFunction, scan: Scan): string {
  const parsed = scan.parsed
  switch (parsed.kind) {
    case 'gtin':
      return t('warehouse.scanning.kinds.gtin', { symbology: parsed.symbology })
    case 'sscc':
      return t('warehouse.scanning.kinds.sscc')
    case 'text':
      return t('warehouse.scanning.kinds.text')
    case 'invalid':
      return describeGs1Error(t, parsed.error)
    case 'gs1': {
      const fields = (['gtin', 'lot', 'expiry', 'serial', 'quantity'] as const)
        .filter((f) => parsed[f] !== undefined)
        .map((f) => `${t(`warehouse.scanning.fields.${f}`)}: ${String(parsed[f])}`)
      const kind = parsed.markingCode ? t('warehouse.scanning.kinds.markingCode') : t('warehouse.scanning.kinds.gs1')
      return [kind, ...fields].join(' · ')
    }
  }
}
