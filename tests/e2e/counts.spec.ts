import type { Page } from '@playwright/test'
import { expect, keepScreenshot, signInAsDemoOwner, test, withDemoCompany } from './fixtures'

/** A number as the screen shows it ("1 234,5 шт") → its decimal text ("1234.5"). */
function decimalOf(text: string | null): string {
  return (text ?? '')
    .replace(/[^\d,.−-]/g, '')
    .replace(',', '.')
    .replace('−', '-')
}

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

/**
 * Signs the owner out and a clerk (role "employee", active) of the owner's workspace in, with
 * the demo password; returns the clerk's email.
 */
async function switchToClerk(page: Page): Promise<string> {
  await page.getByTestId('nav-admin').click()
  await page.getByTestId('tab-people').click()
  const owner = page.getByTestId('person-row').filter({ hasText: 'владелец' }).first()
  const workspace = ((await owner.getByRole('cell').nth(3).textContent()) ?? '').trim()
  const clerk = page
    .getByTestId('person-row')
    .filter({ hasText: workspace })
    .filter({ hasText: 'сотрудник' })
    .filter({ has: page.getByText('Активен', { exact: true }) })
    .first()
  const email = ((await clerk.getByRole('cell').nth(1).textContent()) ?? '').trim()
  expect(email).toContain('@')
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await page.getByTestId('sign-in-email').fill(email)
  await page.getByTestId('sign-in-password').fill('demo2026')
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
  return email
}

/** Types a code at a keyboard-wedge scanner's speed and ends it with Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 })
  await page.keyboard.press('Enter')
}

/** The on-hand quantity of a product in the stock status screen, found by its code. */
async function stockOf(page: Page, code: string): Promise<string> {
  await page.getByTestId('warehouse-tab-stock').click()
  await page.getByTestId('stock-search').fill(code)
  const row = page.getByTestId('stock-row').filter({ has: page.getByRole('cell', { name: code, exact: true }) })
  await expect(row).toHaveCount(1)
  return decimalOf(await row.getByRole('cell').nth(2).textContent())
}

test('a clerk counts blind by scanning, a manager approves the variance and the stock changes', async ({
  page,
  terminal,
}, testInfo) => {
  await slowScannerSettings(page)
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-warehouse').click()

  // A product in stock, by its code as the stock screen shows it.
  await page.getByTestId('warehouse-tab-stock').click()
  await page.getByTestId('stock-filter-IN_STOCK').click()
  const firstRow = page.getByTestId('stock-row').first()
  await expect(firstRow).toContainText('В наличии')
  const code = ((await firstRow.getByRole('cell').first().textContent()) ?? '').trim()
  expect(code).not.toBe('')
  const before = await stockOf(page, code)

  // The clerk counts.
  await switchToClerk(page)
  await page.getByTestId('nav-warehouse').click()
  await page.getByTestId('warehouse-tab-counts').click()
  await page.getByTestId('count-new').click()
  await page.getByTestId('count-create').click()
  await expect(page.getByTestId('count-status')).toHaveText('Открыта')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  const scanInput = page.getByTestId('count-scan').getByTestId('scan-input')
  await expect(scanInput).toBeFocused()

  // Three scans, then a typed quantity of 2 for the same product: 5 counted.
  // Each scan is answered before the next, as a clerk waits for the beep.
  for (let i = 1; i <= 3; i++) {
    await scan(page, code)
    await expect(page.getByTestId('count-scan-ok')).toContainText(`: ${i}`)
  }
  await page.getByTestId('count-scan-quantity').fill('2')
  await scanInput.focus()
  await scan(page, code)
  await expect(page.getByTestId('count-scan-ok')).toContainText(': 5')
  // An unknown code is refused loudly, and counting goes on.
  await scan(page, 'NO-SUCH-CODE-1')
  await expect(page.getByTestId('count-scan-error')).toContainText(/no-such-code-1/i)
  // Blind: while counting, no book quantity is shown.
  await expect(page.getByTestId('count-report')).toHaveCount(0)
  await expect(page.getByTestId('count-line')).toHaveCount(1)
  await expect(page.getByTestId('count-line-counted')).toContainText('5')

  await page.getByTestId('count-submit').click()
  await page.getByTestId('count-confirm').click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByTestId('count-status')).toHaveText('Сдана на проверку')
  await expect(page.getByTestId('count-report')).toBeVisible()
  const variance = decimalOf(await page.getByTestId('count-line-variance').textContent())
  expect(Number(variance)).not.toBe(0)
  // A clerk cannot approve (inventory.adjust): the button is not there.
  await expect(page.getByTestId('count-approve')).toHaveCount(0)
  await keepScreenshot(page, testInfo, 'count-variance-report')

  // The manager (the owner) approves: adjustments are posted once.
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await signInAsDemoOwner(page)
  await page.getByTestId('nav-warehouse').click()
  await page.getByTestId('warehouse-tab-counts').click()
  await page.getByTestId('count-row').first().getByTestId('count-open').click()
  await expect(page.getByTestId('count-status')).toHaveText('Сдана на проверку')
  await page.getByTestId('count-approve').click()
  await page.getByTestId('count-confirm').click()
  await expect(page.getByTestId('count-status')).toHaveText('Утверждена')
  await expect(page.getByTestId('count-approved')).toContainText('Проведено корректировок: 1')
  await expect(page.getByTestId('count-approve')).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await keepScreenshot(page, testInfo, 'count-approved')

  // Organization-wide stock moved by exactly the variance (decimal text compared as thousandths).
  const after = await stockOf(page, code)
  expect(Math.round(Number(after) * 1000)).toBe(Math.round(Number(before) * 1000) + Math.round(Number(variance) * 1000))
})

test('a list count refuses submission until an uncounted item is confirmed "not found"', async ({ page, terminal }, testInfo) => {
  await slowScannerSettings(page)
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-warehouse').click()
  await page.getByTestId('warehouse-tab-stock').click()
  await page.getByTestId('stock-filter-IN_STOCK').click()
  await expect(page.getByTestId('stock-row').first()).toContainText('В наличии')
  const codeAt = async (i: number) =>
    ((await page.getByTestId('stock-row').nth(i).getByRole('cell').first().textContent()) ?? '').trim()
  const [counted, missing] = [await codeAt(0), await codeAt(1)]

  await page.getByTestId('warehouse-tab-counts').click()
  await page.getByTestId('count-new').click()
  await page.getByTestId('count-scope').getByText('Список товаров').click()
  await page.getByTestId('count-codes').fill(`${counted}\n${missing}`)
  await page.getByTestId('count-create').click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByTestId('count-line')).toHaveCount(2)

  await page.getByTestId('count-scan').getByTestId('scan-input').focus()
  await scan(page, counted)
  await expect(page.getByTestId('count-scan-ok')).toContainText(': 1')
  await page.getByTestId('count-submit').click()
  await page.getByTestId('count-confirm').click()
  await expect(page.getByRole('alert')).toContainText('Не посчитано позиций: 1')
  await keepScreenshot(page, testInfo, 'count-list-uncounted')

  await page.getByTestId('count-line').filter({ hasText: missing }).getByTestId('count-line-not-found').click()
  await expect(page.getByTestId('count-line').filter({ hasText: missing })).toContainText('Не найдено')
  await page.getByTestId('count-submit').click()
  await page.getByTestId('count-confirm').click()
  await expect(page.getByTestId('count-status')).toHaveText('Сдана на проверку')
  await expect(page.getByTestId('count-report')).toBeVisible()
})
