import { describe, expect, it } from 'vitest'
import { formatBytes, formatDateTime, formatMoney } from './format'

// Intl output uses narrow no-break spaces; compare with them folded.
const fold = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('formatting for Kazakhstan', () => {
  it('formats tenge from decimal strings without float drift', () => {
    expect(fold(formatMoney('1234567.10', 'ru'))).toBe('1 234 567,10 ₸')
    expect(fold(formatMoney('0.30', 'en'))).toContain('0.30')
    expect(fold(formatMoney('12345678901234.99', 'ru'))).toBe('12 345 678 901 234,99 ₸')
  })

  it('shows times in UTC+5 whatever the machine’s zone', () => {
    expect(formatDateTime('2026-03-01T19:30:00Z', 'en')).toContain('12:30')
    expect(formatDateTime('2026-03-01T19:30:00Z', 'ru')).toContain('2 мар')
  })

  it('formats sizes in the largest fitting unit', () => {
    expect(fold(formatBytes(512, 'en'))).toBe('512 byte')
    expect(fold(formatBytes(7_569_531, 'en'))).toBe('7.2 MB')
  })
})
