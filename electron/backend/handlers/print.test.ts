import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locale } from '../../../shared/locale'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, createProduct, createTenant } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { inspectPdf, pageText } from '../printing/pdf-inspect'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'

// Labels through the real dispatcher on real PGlite: the organization's own products only,
// in the order asked, and a refusal that names the product that cannot have the barcode.
let backend: Backend
let a: Tenant
let b: Tenant
let milk: string
let bolt: string
let foreign: string

const as = (tenant: Tenant, locale: Locale = 'ru'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(tenant, 'employee') },
  origin: 'test',
})

beforeAll(async () => {
  backend = await startBackend()
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  milk = await createProduct(conn, a, {
    code: 'MILK-001',
    name: 'Қазақстан сүті 3,2% 1 л',
    barcode: '4601234567893',
    price: '1250.50',
    unit: 'шт',
  })
  bolt = await createProduct(conn, a, { code: 'BOLT-8', name: 'Болт М8×40', barcode: null, price: '35', unit: 'шт' })
  foreign = await createProduct(conn, b, { code: 'X-1', name: 'Чужой товар', barcode: '96385074', price: '1' })
})
afterAll(async () => backend.close())

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))

describe('print.productLabels', () => {
  it('makes a PDF of the organization’s products with copies, in the order asked', async () => {
    const result = await backend.dispatch(
      'print.productLabels',
      { productIds: [bolt, milk], format: 'pdf', symbology: 'code128', size: '58x40', copies: 2 },
      as(a),
    )
    expect(result).toMatchObject({
      ok: true,
      value: { mimeType: 'application/pdf', fileName: expect.stringMatching(/^labels-\d{8}-\d{4}\.pdf$/) },
    })
    const { pages, fonts } = inspectPdf(decode((result as { value: { base64: string } }).value.base64))
    expect(pages.map((p) => pageText(p).split(' ')[0])).toEqual(['Болт', 'Болт', 'Қазақстан', 'Қазақстан'])
    expect(fonts.every((f) => f.embedded)).toBe(true)
    expect(pageText(pages[2]!)).toContain('MILK-001')
  })

  it('makes ZPL with the price from the database', async () => {
    const result = await backend.dispatch(
      'print.productLabels',
      { productIds: [milk], format: 'zpl', symbology: 'ean13', size: '43x25', copies: 5, dotsPerMm: 12 },
      as(a),
    )
    expect(result.ok).toBe(true)
    const value = (result as { value: { base64: string; fileName: string; mimeType: string } }).value
    const zpl = Buffer.from(value.base64, 'base64').toString('utf8')
    expect(value.fileName).toMatch(/\.zpl$/)
    expect(zpl).toContain('^FDҚазақстан сүті 3,2% 1 л^FS')
    expect(zpl).toContain('^FD460123456789^FS')
    expect(zpl).toContain('1 250,50 тг / шт')
    expect(zpl).toContain('^PW516')
    expect(zpl).toContain('^PQ5')
  })

  it('refuses EAN-13 for a product without one, naming it in the person’s language', async () => {
    const ru = await backend.dispatch('print.productLabels', { productIds: [milk, bolt], symbology: 'ean13' }, as(a))
    expect(ru).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('«Болт М8×40» (BOLT-8) нет штрихкода EAN-13'),
        issues: [{ path: ['productIds', 1] }],
      },
    })
    const kk = await backend.dispatch('print.productLabels', { productIds: [bolt], symbology: 'ean13' }, as(a, 'kk'))
    expect(kk).toMatchObject({ ok: false, error: { message: expect.stringContaining('EAN-13 штрихкоды жоқ') } })
  })

  it('does not find another organization’s product', async () => {
    expect(await backend.dispatch('print.productLabels', { productIds: [milk, foreign] }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ path: ['productIds', 1] }] },
    })
  })

  it('validates the input and needs catalog.read', async () => {
    expect(await backend.dispatch('print.productLabels', { productIds: [] }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(await backend.dispatch('print.productLabels', { productIds: [milk], copies: 0 }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['copies'] }] },
    })
    const noCatalog: CallContext = {
      connection: { ...newConnection(), session: { ...sessionOf(a, 'employee'), permissions: new Set() } },
      origin: 'test',
    }
    expect(await backend.dispatch('print.productLabels', { productIds: [milk] }, noCatalog)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
