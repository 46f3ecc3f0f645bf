import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { GS } from '../../../../../shared/barcode/gs1'
import { toScan } from './scan'
import { describeGs1Error, describeScan } from './scan-messages'

// A t() that shows the key and its values, so the test sees what would be looked up.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key}${JSON.stringify(values)}` : key) as unknown as TFunction

describe('toScan', () => {
  it('classifies a scanner burst as it came (the detector already restored GS)', () => {
    const scan = toScan(`0104610012345677215ZkW${GS}93dGVz`, 'scanner', '~')
    expect(scan).toMatchObject({ source: 'scanner', parsed: { kind: 'gs1', serial: '5ZkW' } })
  })

  it('reads the text substitute in what a person typed', () => {
    expect(toScan('0104610012345677215ZkW~93dGVz', 'keyboard', '~').parsed).toMatchObject({ kind: 'gs1', serial: '5ZkW' })
    // A function-key substitute cannot be typed as text: nothing to read.
    expect(toScan('SKU~1', 'keyboard', 'F8').parsed).toEqual({ kind: 'text', code: 'SKU~1' })
  })
})

describe('scan messages', () => {
  it('names the element and counts positions from 1 for people', () => {
    expect(describeGs1Error(t, { code: 'checkDigit', ai: '01', position: 0 })).toBe(
      'warehouse.scanning.errors.checkDigit{"ai":"01","position":1}',
    )
    expect(describeGs1Error(t, { code: 'unknownAi', ai: null, position: 16 })).toBe(
      'warehouse.scanning.errors.unknownAi{"ai":"","position":17}',
    )
  })

  it('describes a marking code with its main fields', () => {
    const scan = toScan(`0104610012345677215ZkW${GS}93dGVz`, 'scanner')
    expect(describeScan(t, scan)).toBe(
      'warehouse.scanning.kinds.markingCode · warehouse.scanning.fields.gtin: 04610012345677 · warehouse.scanning.fields.serial: 5ZkW',
    )
    expect(describeScan(t, toScan('4601234567893', 'keyboard'))).toBe('warehouse.scanning.kinds.gtin{"symbology":"EAN-13"}')
  })
})
