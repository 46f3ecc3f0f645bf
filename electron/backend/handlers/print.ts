import { and, inArray, isNull, eq } from 'drizzle-orm'
import { RpcFailure } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { ProductLabel } from '../../../shared/printing'
import { type Orm, schema } from '../data/orm'
import type { DomainHandlers } from '../dispatcher'
import { loadPrintFonts } from '../printing/fonts'
import { LabelDataError, type LabelProblem } from '../printing/label-data'
import { renderLabelsPdf } from '../printing/labels'
import { renderLabelsZpl } from '../printing/zpl'

const messages: Record<LabelProblem | 'notFound', Record<Locale, string>> = {
  noEan13: {
    ru: 'У товара «{name}» ({code}) нет штрихкода EAN-13: укажите его в карточке товара или выберите Code 128.',
    kk: '«{name}» ({code}) тауарында EAN-13 штрихкоды жоқ: оны тауар карточкасында көрсетіңіз немесе Code 128 таңдаңыз.',
    en: 'Product “{name}” ({code}) has no EAN-13 barcode: add it on the product card or choose Code 128.',
  },
  noGtin: {
    ru: 'У товара «{name}» ({code}) нет штрихкода GTIN для GS1 DataMatrix: укажите его в карточке товара или выберите Code 128.',
    kk: '«{name}» ({code}) тауарында GS1 DataMatrix үшін GTIN штрихкоды жоқ: оны тауар карточкасында көрсетіңіз немесе Code 128 таңдаңыз.',
    en: 'Product “{name}” ({code}) has no GTIN for GS1 DataMatrix: add it on the product card or choose Code 128.',
  },
  codeNotPrintable: {
    ru: 'Код товара «{name}» ({code}) содержит знаки, которых нет в Code 128 (только латиница, цифры и знаки): выберите EAN-13.',
    kk: '«{name}» тауарының коды ({code}) Code 128-де жоқ таңбаларды қамтиды (тек латын әріптері, цифрлар және белгілер): EAN-13 таңдаңыз.',
    en: 'The code of “{name}” ({code}) has characters Code 128 cannot carry (Latin letters, digits and signs only): choose EAN-13.',
  },
  notFound: {
    ru: 'Товар не найден в вашей организации (возможно, удалён): обновите список.',
    kk: 'Тауар ұйымыңызда табылмады (жойылған болуы мүмкін): тізімді жаңартыңыз.',
    en: 'Product not found in your organization (it may have been deleted): refresh the list.',
  },
}

const say = (locale: Locale, key: keyof typeof messages, params: Record<string, string> = {}) =>
  messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')

/** "20261125-0930" in Almaty time, for file names people can sort. */
function fileStamp(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Almaty',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}`
}

/**
 * Printing handlers. Labels read the products of the caller's organization only (a product
 * id of another organization is simply not found), in the order asked.
 */
export function printHandlers(deps: {
  orm: Orm
  resourcesDir?: string
  now?: () => Date
}): DomainHandlers<'print.productLabels'> {
  return {
    'print.productLabels': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      const p = schema.products
      const rows = await deps.orm
        .select({ id: p.id, name: p.name, code: p.code, barcode: p.barcode, price: p.price, currency: p.currency, unit: p.unit })
        .from(p)
        .where(and(eq(p.organizationId, session.organizationId), inArray(p.id, input.productIds), isNull(p.deletedAt)))
      const byId = new Map(rows.map((r) => [r.id, r]))
      const labels: ProductLabel[] = input.productIds.map((id, index) => {
        const row = byId.get(id)
        if (!row) {
          const text = say(locale, 'notFound')
          throw new RpcFailure('NOT_FOUND', text, [{ path: ['productIds', index], message: text }])
        }
        return { name: row.name, code: row.code, barcode: row.barcode, price: row.price, currency: row.currency, unit: row.unit }
      })
      const stamp = fileStamp(deps.now?.() ?? new Date())
      try {
        if (input.format === 'zpl') {
          const zpl = renderLabelsZpl(labels, { ...input, locale })
          return {
            fileName: `labels-${stamp}.zpl`,
            mimeType: 'text/plain;charset=utf-8',
            base64: Buffer.from(zpl, 'utf8').toString('base64'),
          }
        }
        const pdf = await renderLabelsPdf(labels, { ...input, locale, fonts: loadPrintFonts(deps.resourcesDir) })
        return { fileName: `labels-${stamp}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(pdf).toString('base64') }
      } catch (error) {
        if (!(error instanceof LabelDataError)) throw error
        const text = say(locale, error.problem, { name: error.product.name, code: error.product.code })
        throw new RpcFailure('VALIDATION', text, [{ path: ['productIds', error.index], message: text }])
      }
    },
  }
}
