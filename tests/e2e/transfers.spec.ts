import type { Page } from '@playwright/test'
import { expect, keepScreenshot, signInAsDemoOwner, test, withDemoCompany } from './fixtures'

/**
 * This PC's scanner allows 150 ms between the keys of one scan (settings of the scanning
 * module, kept in localStorage): the test machine is shared and Playwright's 5 ms keystrokes
 * arrive with longer gaps under load, which the default 35 ms would split into two codes.
 */
async function slowScannerSettings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    localStorage.setItem(
      'prometric.scanner',
      JSON.stringify({ state: { gsSubstitute: '', terminator: 'Enter', maxGapMs: 150, sound: false }, version: 1 }),
    )
  })
}

/** Types a code at a keyboard-wedge scanner's speed and ends it with Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 })
  await page.keyboard.press('Enter')
}

/** A number as the screen shows it ("1 234,5") → a JS number for comparing small quantities. */
function quantityOf(text: string | null): number {
  return Number((text ?? '').replace(/[^\d,.-]/g, '').replace(',', '.'))
}

/** The first product of the stock screen that has stock in this workspace, with that stock. */
async function productInStockHere(page: Page): Promise<{ code: string; here: number }> {
  await page.getByTestId('warehouse-tab-stock').click()
  await page.getByTestId('stock-filter-IN_STOCK').click()
  await expect(page.getByTestId('stock-row').first()).toContainText('В наличии')
  await expect(page.getByTestId('stock-row-loading')).toHaveCount(0)
  const rows = page.getByTestId('stock-row')
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).getByRole('cell')
    const here = quantityOf(await cells.nth(3).textContent())
    if (here >= 2) return { code: ((await cells.first().textContent()) ?? '').trim(), here }
  }
  throw new Error('no product with stock in this workspace on the first page')
}

/** This workspace's on-hand of a product, from the stock screen. */
async function stockHere(page: Page, code: string): Promise<number> {
  await page.getByTestId('warehouse-tab-stock').click()
  await page.getByTestId('stock-search').fill(code)
  const row = page.getByTestId('stock-row').filter({ has: page.getByRole('cell', { name: code, exact: true }) })
  await expect(row).toHaveCount(1)
  return quantityOf(await row.getByRole('cell').nth(3).textContent())
}

test('a transfer is shipped from one workspace and received in another by a clerk there', async ({
  page,
  terminal,
}, testInfo) => {
  await slowScannerSettings(page)
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-warehouse').click()
  const { code, here } = await productInStockHere(page)

  // Put the transfer together by scanning the product twice, then create and ship it.
  await page.getByTestId('warehouse-tab-transfers').click()
  await page.getByTestId('transfer-destination').click()
  const destination = page.getByRole('option').first()
  const destinationName = ((await destination.textContent()) ?? '').trim()
  await destination.click()
  await page.getByTestId('transfer-scan').getByTestId('scan-input').focus()
  await scan(page, code)
  await expect(page.getByTestId('transfer-line-quantity')).toHaveValue('1')
  await scan(page, code)
  await expect(page.getByTestId('transfer-line')).toHaveCount(1)
  await expect(page.getByTestId('transfer-line-quantity')).toHaveValue('2')
  await page.getByTestId('transfer-create-ship').click()
  await expect(page.getByTestId('transfer-notice')).toContainText('отгружено')
  const row = page.getByTestId('transfer-row').first()
  await expect(row).toContainText(destinationName)
  await expect(row.getByTestId('transfer-status')).toHaveText('В пути')
  const number = ((await row.getByRole('cell').first().textContent()) ?? '').trim()
  await keepScreenshot(page, testInfo, 'transfer-shipped')
  expect(await stockHere(page, code)).toBe(here - 2)

  // A clerk of the destination workspace signs in on this terminal and receives it.
  await page.getByTestId('nav-admin').click()
  await page.getByTestId('tab-people').click()
  const people = page.getByTestId('person-row').filter({ hasText: destinationName })
  await expect(people.first()).toBeVisible()
  // A clerk (role "employee") if the workspace has one, else whoever works there.
  const clerks = people.filter({ hasText: 'сотрудник' })
  const clerk = (await clerks.count()) > 0 ? clerks.first() : people.first()
  const email = ((await clerk.getByRole('cell').nth(1).textContent()) ?? '').trim()
  expect(email).toContain('@')
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await page.getByTestId('sign-in-email').fill(email)
  await page.getByTestId('sign-in-password').fill('demo2026')
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()

  await page.getByTestId('nav-warehouse').click()
  const before = await stockHere(page, code)
  await page.getByTestId('warehouse-tab-transfers').click()
  const inbound = page.getByTestId('transfer-row').filter({ hasText: number })
  await expect(inbound).toContainText('Входящее')
  await inbound.getByTestId('transfer-receive').click()
  await expect(page.getByTestId('transfer-receive-dialog')).toContainText(code)
  await page.getByTestId('transfer-receive-confirm').click()
  await expect(page.getByTestId('transfer-notice')).toContainText('принято')
  await expect(inbound.getByTestId('transfer-status')).toHaveText('Принято')
  await keepScreenshot(page, testInfo, 'transfer-received')
  expect(await stockHere(page, code)).toBe(before + 2)

  // Back as the owner at the source: the transfer shows as received there too.
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await signInAsDemoOwner(page)
  await page.getByTestId('nav-warehouse').click()
  await page.getByTestId('warehouse-tab-transfers').click()
  await expect(page.getByTestId('transfer-row').filter({ hasText: number }).getByTestId('transfer-status')).toHaveText('Принято')
})
