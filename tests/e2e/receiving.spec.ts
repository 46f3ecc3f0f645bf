import { type Page } from '@playwright/test'
import { expect, keepScreenshot, test, withDemoCompany } from './fixtures'

/** Types a code at scanner speed and ends it with Enter, as a keyboard-wedge scanner does. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 })
  await page.keyboard.press('Enter')
}

/**
 * This PC's scanner settings with a wider gap between a burst's keys than a shop-floor PC needs:
 * the test machine is shared, and a busy renderer can pause a burst mid-way.
 */
async function tolerateSlowBursts(page: Page): Promise<void> {
  await page.addInitScript(() =>
    localStorage.setItem(
      'prometric.scanner',
      JSON.stringify({ state: { gsSubstitute: '', terminator: 'Enter', maxGapMs: 150, sound: false }, version: 1 }),
    ),
  )
}

test('a clerk receives a purchase order by scanning, sees the under-delivery and posts the receipt', async ({
  page,
  terminal,
}, testInfo) => {
  await tolerateSlowBursts(page)
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-warehouse').click()
  await page.getByTestId('warehouse-tab-receiving').click()

  // The first open purchase order of the demo's workspace.
  await page.getByTestId('receiving-order').click()
  const option = page.getByRole('option').nth(1)
  const orderLabel = (await option.textContent()) ?? ''
  await option.click()
  const lines = page.getByTestId('receiving-line')
  await expect(lines.first()).toBeVisible()

  // A line with a barcode and more ordered than will arrive today.
  const count = await lines.count()
  let row = lines.first()
  let barcode = ''
  let ordered = 0
  let receivedBefore = 0
  for (let i = 0; i < count; i++) {
    const candidate = lines.nth(i)
    const code = (await candidate.getAttribute('data-barcode')) ?? ''
    const quantity = Number(await candidate.getAttribute('data-ordered'))
    const before = Number(await candidate.getAttribute('data-received-before'))
    if (code && quantity - before > 3) {
      row = candidate
      barcode = code
      ordered = quantity - before
      receivedBefore = before
      break
    }
  }
  expect(barcode, 'the demo order has a barcoded line with more than 3 awaited').not.toBe('')

  await page.getByTestId('receiving-scan').locator('input').focus()
  for (let i = 0; i < 3; i++) await scan(page, barcode)
  await expect(page.getByTestId('scan-outcome')).toHaveAttribute('data-tone', 'ok')
  await expect(row.getByTestId('receiving-quantity')).toHaveValue('3')
  await expect(row.getByTestId('variance')).toHaveText(new RegExp(`Недопоставка: ${ordered - 3}`))

  // A GS1 code of the same product with a lot and an expiry date: a line of its own for the lot,
  // counted against the same order line.
  await scan(page, `01${barcode.padStart(14, '0')}17271231` + '10LOT42')
  const lotLine = page.locator('[data-testid="receiving-line"]', { hasText: 'LOT42' })
  await expect(lotLine).toContainText('2027-12-31')
  await expect(lotLine.getByTestId('receiving-quantity')).toHaveValue('1')
  await expect(row.getByTestId('variance')).toHaveText(new RegExp(`Недопоставка: ${ordered - 4}`))

  // A code that is not in the catalog is refused with an error, and nothing is added.
  await scan(page, '2999999999999')
  await expect(page.getByTestId('scan-outcome')).toHaveAttribute('data-tone', 'error')
  await expect(lines).toHaveCount(count + 1)

  await keepScreenshot(page, testInfo, 'receiving-under-delivery')
  await page.getByTestId('receiving-post').click()
  await expect(page.getByTestId('receiving-posted')).toContainText(/Приёмка .+-GRN-\d+ проведена/)

  // The order remembers what arrived: opened again, the line shows both lots received before.
  await page.getByTestId('receiving-order').click()
  await page.getByRole('option', { name: orderLabel, exact: true }).click()
  await expect(page.locator(`[data-testid="receiving-line"][data-barcode="${barcode}"]`).first()).toHaveAttribute(
    'data-received-before',
    String(receivedBefore + 4),
  )
})
