import { withGtinCheckDigit } from '../../shared/gtin'
import { expect, keepScreenshot, test, withDemoCompany } from './fixtures'

// The demo company's catalog (seeded deterministically): find a product by a name typed with a
// typo, open its card from the keyboard, create a product whose EAN is wrong (the message names
// the barcode), fix it and save, then scan a barcode nobody has and give it to that product.
test('catalog: fuzzy search, card, create with an invalid EAN, unknown barcode assigned', async ({
  page,
  terminal,
}, testInfo) => {
  // This PC's scanner settings with a wider gap between a burst's keys than a shop-floor PC
  // needs (35 ms): the test machine is shared and a busy renderer can pause a burst mid-way.
  await page.addInitScript(() =>
    localStorage.setItem(
      'prometric.scanner',
      JSON.stringify({ state: { gsSubstitute: '', terminator: 'Enter', maxGapMs: 150, sound: false }, version: 1 }),
    ),
  )
  await withDemoCompany(page, terminal)
  await expect(page.getByTestId('warehouse-tab-catalog')).toBeVisible()
  await expect(page.getByTestId('catalog-row').first()).toBeVisible()

  // "стелаж архивный" (one л missing) finds "Стеллаж архивный …".
  const search = page.getByTestId('catalog-search')
  await search.fill('стелаж архивный')
  await expect(page.getByTestId('catalog-count')).toContainText('похожие названия')
  await expect(page.getByTestId('catalog-row-name').first()).toContainText('Стеллаж архивный')
  await keepScreenshot(page, testInfo, 'catalog-fuzzy-search')

  // Keyboard: ↓ from the search box into the list, Enter opens the highlighted product.
  await search.press('ArrowDown')
  await expect(page.getByTestId('catalog-list')).toBeFocused()
  await page.keyboard.press('Enter')
  const card = page.getByTestId('product-card')
  await expect(card.getByRole('heading', { name: /Стеллаж архивный/ })).toBeVisible()
  await expect(card.getByTestId('card-stock')).toBeVisible()
  await card.getByTestId('card-tab-movements').click()
  await expect(card.getByTestId('card-movements')).toBeVisible()
  await keepScreenshot(page, testInfo, 'catalog-product-card')
  await page.keyboard.press('Escape')
  await expect(card).toBeHidden()

  // A new product with a wrong check digit: refused, the message stands under the barcode.
  const good = withGtinCheckDigit('487123456789')
  const bad = `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`
  await page.getByTestId('catalog-new-product').click()
  const form = page.getByTestId('product-form')
  await form.getByTestId('product-code').fill('E2E-0001')
  await form.getByTestId('product-name').fill('Кронштейн настенный тестовый')
  await form.getByTestId('product-barcode').fill(bad)
  await form.getByTestId('product-price').fill('1 250,50')
  await form.getByTestId('product-save').click()
  await expect(form.getByText('Штрихкод должен быть EAN-13, EAN-8, UPC-A или GTIN-14 с верной контрольной цифрой')).toBeVisible()
  await expect(form.getByTestId('product-barcode')).toHaveAttribute('aria-invalid', 'true')
  await keepScreenshot(page, testInfo, 'catalog-invalid-ean')
  await form.getByTestId('product-barcode').fill(good)
  await form.getByTestId('product-save').click()
  await expect(form).toBeHidden()
  await expect(card.getByRole('heading', { name: 'Кронштейн настенный тестовый' })).toBeVisible()
  await expect(card.getByTestId('card-barcode')).toHaveText(good)
  await page.keyboard.press('Escape')
  await expect(card).toBeHidden()

  // A scan (a burst at scanner speed ending with Enter) of a barcode nobody has.
  const unknown = withGtinCheckDigit('487765432101')
  await page.getByTestId('catalog-list').focus()
  await page.keyboard.type(unknown, { delay: 5 })
  await page.keyboard.press('Enter')
  const dialog = page.getByTestId('unknown-barcode')
  await expect(dialog.getByTestId('unknown-barcode-message')).toHaveText(`Штрихкод ${unknown} не найден в каталоге.`)
  await dialog.getByTestId('unknown-search').fill('кронштейн тестовый')
  const candidate = dialog.getByRole('radio', { name: /E2E-0001/ })
  await expect(candidate).toBeVisible()
  await candidate.check()
  await keepScreenshot(page, testInfo, 'catalog-unknown-barcode')
  await dialog.getByTestId('unknown-assign').click()
  await expect(dialog).toBeHidden()
  await expect(card.getByTestId('card-barcode')).toHaveText(unknown)
  await page.keyboard.press('Escape')

  // The same scan now opens the product.
  await page.getByTestId('catalog-list').focus()
  await page.keyboard.type(unknown, { delay: 5 })
  await page.keyboard.press('Enter')
  await expect(card.getByRole('heading', { name: 'Кронштейн настенный тестовый' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'catalog-scan-opens-card')
})
