import { goodsReceiptSchema, pickListSchema, waybillSchema } from '../../../shared/printing'
import type { Orm } from '../data/orm'
import type { DomainHandlers } from '../dispatcher'
import { renderGoodsReceipt, renderPickList, renderWaybill } from '../printing/documents'
import { loadPrintFonts } from '../printing/fonts'
import { goodsReceiptDocument, pickListDocument, waybillDocument } from '../warehouse/print-data'

/** A rendered PDF as the RPC answers it; the file name carries the document number. */
function pdfFile(name: string, bytes: Uint8Array) {
  return {
    fileName: `${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.pdf`,
    mimeType: 'application/pdf',
    base64: Buffer.from(bytes).toString('base64'),
  }
}

/**
 * Printing of receiving and shipping documents: each loads its document from the caller's
 * workspace, checks it against the printing schema (so a renderer never gets a shape it does not
 * expect) and renders it in the caller's language with the bundled fonts.
 */
export function warehousePrintHandlers(deps: {
  orm: Orm
  resourcesDir?: string
}): DomainHandlers<'receiving.printReceipt' | 'shipping.printPickList' | 'shipping.printWaybill'> {
  const options = (locale: 'ru' | 'kk' | 'en') => ({ locale, fonts: loadPrintFonts(deps.resourcesDir) })
  return {
    'receiving.printReceipt': async ({ receiptId }, ctx) => {
      const locale = ctx.connection.locale
      const doc = goodsReceiptSchema.parse(await goodsReceiptDocument(deps.orm, locale, ctx.connection.session!, receiptId))
      return pdfFile(doc.number, await renderGoodsReceipt(doc, options(locale)))
    },
    'shipping.printPickList': async ({ orderId }, ctx) => {
      const locale = ctx.connection.locale
      const doc = pickListSchema.parse(await pickListDocument(deps.orm, locale, ctx.connection.session!, orderId))
      return pdfFile(`pick-${doc.number}`, await renderPickList(doc, options(locale)))
    },
    'shipping.printWaybill': async ({ shipmentId }, ctx) => {
      const locale = ctx.connection.locale
      const doc = waybillSchema.parse(await waybillDocument(deps.orm, locale, ctx.connection.session!, shipmentId))
      return pdfFile(doc.number, await renderWaybill(doc, options(locale)))
    },
  }
}
