import { describe, expect, it } from 'vitest'
import { defaultScannerSettings, readScannerSettings, scannerSettingsSchema } from './scanner-settings'

describe('scanner settings', () => {
  it('keeps valid stored fields and defaults broken ones', () => {
    expect(readScannerSettings({ gsSubstitute: 'F8', terminator: 'Tab', maxGapMs: 5000, sound: 'yes' })).toEqual({
      ...defaultScannerSettings,
      gsSubstitute: 'F8',
      terminator: 'Tab',
    })
    expect(readScannerSettings(null)).toEqual(defaultScannerSettings)
    expect(readScannerSettings('garbage')).toEqual(defaultScannerSettings)
  })

  it('accepts a function key or a sequence no code contains as the GS substitute', () => {
    const check = (gsSubstitute: string) => scannerSettingsSchema.safeParse({ ...defaultScannerSettings, gsSubstitute }).success
    expect(check('')).toBe(true)
    expect(check('F8')).toBe(true)
    expect(check('~')).toBe(true)
    expect(check('<GS>')).toBe(true)
    expect(check('A')).toBe(false) // would split real codes at every A
    expect(check('29')).toBe(false)
    expect(check('~~~~~~~~~~~')).toBe(false)
  })

  it('names the field of a gap outside 10–200 ms', () => {
    const result = scannerSettingsSchema.safeParse({ ...defaultScannerSettings, maxGapMs: 5 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({ path: ['maxGapMs'], message: 'maxGap' })
  })
})
