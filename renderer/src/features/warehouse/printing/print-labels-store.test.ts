import { describe, expect, it, vi } from 'vitest'
import type { RpcClient } from '../../../rpc/client'
import { defaultLabelChoices, deliverLabels, readLabelChoices, usePrintLabels } from './print-labels-store'

// The renderer has no Buffer: base64 and bytes the browser way.
const ascii = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)))
const pdf = { fileName: 'labels.pdf', mimeType: 'application/pdf', base64: btoa('%PDF-1.3') }
const zpl = { fileName: 'labels.zpl', mimeType: 'text/plain;charset=utf-8', base64: btoa('^XA^XZ') }

function delivery(printFails = false) {
  return {
    printPdf: vi.fn(async () => {
      if (printFails) throw new Error('no PDF viewer')
    }),
    saveFile: vi.fn(),
  }
}

describe('delivering labels', () => {
  it('prints a PDF, saves it when asked to, and saves it when printing is impossible', async () => {
    const d = delivery()
    expect(await deliverLabels(pdf, false, d)).toBe('printed')
    expect([...(d.printPdf.mock.calls[0] as unknown as [Uint8Array])[0]]).toEqual([...ascii('%PDF-1.3')])
    expect(await deliverLabels(pdf, true, d)).toBe('saved')
    const broken = delivery(true)
    expect(await deliverLabels(pdf, false, broken)).toBe('saved')
    expect(broken.saveFile).toHaveBeenCalledWith('labels.pdf', 'application/pdf', expect.any(Uint8Array))
  })

  it('always saves ZPL', async () => {
    const d = delivery()
    expect(await deliverLabels(zpl, false, d)).toBe('saved')
    expect(d.printPdf).not.toHaveBeenCalled()
    expect(d.saveFile).toHaveBeenCalledWith('labels.zpl', 'text/plain;charset=utf-8', ascii('^XA^XZ'))
  })
})

describe('the label dialog store', () => {
  it('sends the choices with the products and keeps a refusal to show', async () => {
    const calls: unknown[] = []
    const refusal = { code: 'VALIDATION' as const, message: 'У товара «Болт» нет штрихкода EAN-13' }
    const rpc = {
      call: async (method: string, input: unknown) => {
        calls.push([method, input])
        return { ok: false, error: refusal }
      },
    } as unknown as RpcClient
    usePrintLabels.getState().choicesChanged({ format: 'zpl', copies: 3, dotsPerMm: 12 })
    expect(await usePrintLabels.getState().printRequested(rpc, ['p1'], false, delivery())).toBeNull()
    expect(calls).toEqual([
      ['print.productLabels', { productIds: ['p1'], format: 'zpl', symbology: 'ean13', size: '58x40', copies: 3, dotsPerMm: 12 }],
    ])
    expect(usePrintLabels.getState().error).toEqual(refusal)
    usePrintLabels.getState().dialogReset()
    expect(usePrintLabels.getState().error).toBeNull()
  })

  it('delivers what the backend made', async () => {
    const rpc = { call: async () => ({ ok: true, value: zpl }) } as unknown as RpcClient
    const d = delivery()
    expect(await usePrintLabels.getState().printRequested(rpc, ['p1'], false, d)).toBe('saved')
    expect(usePrintLabels.getState().busy).toBe(false)
  })

  it('reads remembered choices field by field', () => {
    expect(readLabelChoices({ format: 'zpl', size: 'huge', copies: 0 })).toEqual({ ...defaultLabelChoices, format: 'zpl' })
    expect(readLabelChoices(undefined)).toEqual(defaultLabelChoices)
  })
})
