import { describe, expect, it } from 'vitest'
import type { GoodsReceiptDoc, PickListDoc, WaybillDoc } from '../../../shared/printing'
import { renderGoodsReceipt, renderPickList, renderWaybill } from './documents'
import { inspectPdf, pageText } from './pdf-inspect'

const creationDate = new Date('2026-11-25T00:00:00Z')
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
const A4 = { width: 595.28, height: 841.89 }

const kazakhName = 'Қарағанды кәмпиттері «Әсем», ассорти, 500 г'

function pickList(lines: number): PickListDoc {
  return {
    number: 'PL-000123',
    // 20:30 UTC on the 24th is 01:30 on the 25th in Almaty: the document says the 25th.
    date: '2026-11-24T20:30:00Z',
    workspace: 'Основной склад',
    customer: 'ТОО «Береке»',
    orderNumber: 'SO-2026-0042',
    lines: Array.from({ length: lines }, (_, i) => ({
      lineNo: i + 1,
      code: `SKU-${String(i + 1).padStart(4, '0')}`,
      name: i === 0 ? kazakhName : `Болт М8×${40 + i}`,
      unit: 'шт',
      quantity: i === 1 ? '2.5' : String(i + 1),
      location: `A-${(i % 9) + 1}-0${(i % 4) + 1}`,
      barcode: i % 5 === 0 ? `SKU-${String(i + 1).padStart(4, '0')}` : undefined,
    })),
  }
}

describe('pick list', () => {
  it('runs over pages with the table header on each and page numbers', async () => {
    const { pages, fonts } = inspectPdf(await renderPickList(pickList(90), { creationDate }))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const [i, page] of pages.entries()) {
      expect(page.width).toBeCloseTo(A4.width, 1)
      expect(page.height).toBeCloseTo(A4.height, 1)
      expect(pageText(page)).toContain('Наименование')
      expect(pageText(page)).toContain(`Страница ${i + 1} из ${pages.length}`)
    }
    const all = pages.map(pageText).join('\n')
    // Every line printed once, in order.
    const codes = [...all.matchAll(/SKU-(\d{4})/g)].map((m) => Number(m[1]))
    expect([...new Set(codes)]).toEqual(Array.from({ length: 90 }, (_, i) => i + 1))
    expect(fonts.every((f) => f.embedded && /DejaVuSans/.test(f.name))).toBe(true)
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(18) // a Code 128 for every fifth line
  })

  it('draws the Kazakh name with DejaVu and dates in Almaty time', async () => {
    const [first] = inspectPdf(await renderPickList(pickList(3), { creationDate })).pages
    const text = pageText(first!)
    expect(text).toContain('Лист подбора № PL-000123 от 25.11.2026')
    const run = first!.texts.find((t) => t.text.includes('Қарағанды'))
    expect(run?.font).toMatch(/^[A-Z]{6}\+DejaVuSans$/)
    expect(plain(text)).toContain('2,5')
    expect(text).toContain('ТОО «Береке»')
  })

  it('speaks Kazakh when asked', async () => {
    const [first] = inspectPdf(await renderPickList(pickList(2), { creationDate, locale: 'kk' })).pages
    expect(pageText(first!)).toContain('Іріктеу парағы')
    expect(pageText(first!)).toContain('Атауы')
  })

  it('is the same bytes for the same data', async () => {
    const [a, b] = await Promise.all([
      renderPickList(pickList(5), { creationDate }),
      renderPickList(pickList(5), { creationDate }),
    ])
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it('refuses data that does not fit the type', async () => {
    await expect(renderPickList({ ...pickList(1), lines: [{ ...pickList(1).lines[0]!, quantity: '1,5' }] })).rejects.toThrow()
  })
})

const receipt: GoodsReceiptDoc = {
  number: 'GR-000007',
  date: '2026-11-25',
  workspace: 'Основной склад',
  supplier: { name: 'ТОО «Алматы Сүт»', bin: '123456789012', address: 'г. Алматы, ул. Абая, 1' },
  orderNumber: 'PO-2026-0100',
  supplierDocument: 'СФ № 555 от 24.11.2026',
  lines: [
    {
      lineNo: 1,
      code: 'MILK-001',
      name: 'Қазақстан сүті 3,2% 1 л',
      unit: 'шт',
      ordered: '100',
      received: '96',
      price: '431.03',
      vatRate: '16',
      vatAmount: '6620.62',
      amount: '48000.00',
      lot: 'L-42',
      expiry: '2026-12-05',
    },
  ],
  totals: { net: '41379.38', vat: '6620.62', total: '48000.00' },
  receivedBy: 'Сейткали А.',
}

describe('goods receipt', () => {
  it('shows ordered against received, the difference in bold, lot, expiry and totals', async () => {
    const { pages } = inspectPdf(await renderGoodsReceipt(receipt, { creationDate }))
    expect(pages).toHaveLength(1)
    const text = plain(pageText(pages[0]!))
    expect(text).toContain('Приёмка товаров № GR-000007 от 25.11.2026')
    expect(text).toContain('ТОО «Алматы Сүт», БИН 123456789012, г. Алматы, ул. Абая, 1')
    expect(text).toContain('партия L-42, годен до 05.12.2026')
    expect(text).toContain('41 379,38')
    expect(text).toContain('48 000,00')
    expect(pages[0]!.texts.find((t) => t.text === '96')?.font).toMatch(/DejaVuSans-Bold$/)
    expect(pages[0]!.texts.find((t) => t.text === '100')?.font).toMatch(/DejaVuSans$/)
    expect(text).toContain('Сейткали А.')
  })
})

const waybill: WaybillDoc = {
  number: 'WB-000031',
  date: '2026-11-25T04:00:00Z',
  shipper: { name: 'ТОО «Береке»', bin: '210240012345', address: 'г. Астана, пр. Кабанбай батыра, 11' },
  consignee: { name: 'ИП «Әлия»', bin: '950101400123', address: 'г. Шымкент, ул. Тәуке хана, 5' },
  carrier: 'ТОО «KazPost Logistics»',
  trackingNumber: 'KZ123456789',
  lines: Array.from({ length: 60 }, (_, i) => ({
    lineNo: i + 1,
    code: `P-${i + 1}`,
    name: `Тауар №${i + 1} — өнім`,
    unit: 'кг',
    quantity: '1.250',
    price: '1000.00',
    vatRate: '16',
    vatAmount: '172.41',
    amount: '1250.00',
  })),
  totals: { net: '64655.40', vat: '10344.60', total: '75000.00' },
  totalInWords: 'Семьдесят пять тысяч тенге 00 тиын',
}

describe('waybill', () => {
  it('has both parties with BINs, carrier, tracking, all lines over pages and the total in words', async () => {
    const { pages } = inspectPdf(await renderWaybill(waybill, { creationDate }))
    expect(pages.length).toBeGreaterThanOrEqual(2)
    const all = plain(pages.map(pageText).join('\n'))
    expect(all).toContain('Накладная на отпуск запасов на сторону № WB-000031 от 25.11.2026')
    expect(all).toContain('ИП «Әлия», БИН 950101400123')
    expect(all).toContain('KZ123456789')
    expect(all).toContain('Тауар №60 — өнім')
    expect(all).toContain('1,25')
    expect(all).toContain('75 000,00')
    expect(all).toContain('Семьдесят пять тысяч тенге 00 тиын')
    for (const page of pages) expect(pageText(page)).toContain('Наименование')
    // Text stays on the page.
    for (const page of pages) for (const t of page.texts) expect(t.y).toBeGreaterThan(0)
  })
})
