import { describe, expect, it } from 'vitest'
import { formatQuantity, formatVariance } from './quantity'

describe('quantities as people read them', () => {
  it('drops trailing zeros and uses the locale’s decimal mark, without float noise', () => {
    expect(formatQuantity('12.500', 'ru')).toBe('12,5')
    expect(formatQuantity('12.500', 'en')).toBe('12.5')
    expect(formatQuantity('123456789.001', 'en')).toBe('123,456,789.001')
  })

  it('signs variances, with a real minus and no sign on zero', () => {
    expect(formatVariance('-1.000', 'ru')).toBe('−1')
    expect(formatVariance('2.500', 'ru')).toBe('+2,5')
    expect(formatVariance('0.000', 'ru')).toBe('0')
  })
})
