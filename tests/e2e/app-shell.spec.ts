import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, keepScreenshot, signInAsDemoOwner, startWebTerminal, stopWebTerminal, test, withDemoCompany } from './fixtures'

test('the app opens in Russian and the system page shows the backend’s real figures', async ({ page, terminal }, testInfo) => {
  await withDemoCompany(page, terminal)
  // The token moved out of the address bar into session storage.
  await expect(page).toHaveURL(/#\/$/)
  await expect(page.getByRole('button', { name: 'Склад' })).toBeVisible()
  await expect(page.getByTestId('warehouse-tab-catalog')).toBeVisible()
  await page.getByTestId('nav-production').click()
  await expect(page.getByTestId('module-empty-state')).toContainText('Раздел появится в следующих версиях')

  await page.getByTestId('nav-system').click()
  await expect(page.getByRole('heading', { name: 'О программе' })).toBeVisible()
  await expect(page.getByTestId('info-data-dir')).toHaveText(path.join(terminal.dataDir))
  await expect(page.getByTestId('info-pglite-version')).toHaveText(/^0\.5\.\d+$/)
  await expect(page.getByTestId('info-postgres-version')).toHaveText(/^18\.\d+$/)
  await expect(page.getByTestId('info-database-size')).toContainText('МБ')
  await expect(page.getByTestId('health-status')).toHaveText('Исправен')
  await expect(page.getByTestId('example-money')).toContainText('₸')
  await keepScreenshot(page, testInfo, 'system-page-ru')

  // A reload keeps the token (session storage) and the page (hash route); sign-in is per page.
  await page.reload()
  await signInAsDemoOwner(page)
  await expect(page.getByTestId('info-data-dir')).toHaveText(terminal.dataDir)
})

test('the language switch changes the whole UI and is remembered', async ({ page, terminal }, testInfo) => {
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-system').click()
  await expect(page.getByRole('heading', { name: 'О программе' })).toBeVisible()

  await page.getByTestId('language-switch').getByText('ҚАЗ').click()
  await expect(page.getByRole('heading', { name: 'Бағдарлама туралы' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Қойма' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk')

  await page.getByTestId('language-switch').getByText('ENG').click()
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Warehouse' })).toBeVisible()
  await expect(page.getByTestId('health-status')).toHaveText('Healthy')
  await keepScreenshot(page, testInfo, 'system-page-en')

  await page.reload()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('dark scheme is switchable and remembered', async ({ page, terminal }, testInfo) => {
  await withDemoCompany(page, terminal)
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light')
  await page.getByTestId('color-scheme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await signInAsDemoOwner(page)
  await keepScreenshot(page, testInfo, 'warehouse-dark')
})

test('without the access key the page says where to get it', async ({ page, terminal }) => {
  const bare = terminal.url.replace(/#token=.*/, '')
  await page.goto(bare)
  await expect(page.getByTestId('no-token')).toContainText('npm run web')
})

test('a second web mode on the same data folder is refused with one clear message', async ({ terminal }) => {
  await expect(startWebTerminal(terminal.dataDir)).rejects.toThrow(/in use by another Prometric process/)
  // The first terminal still works on an undamaged folder.
  expect(fs.existsSync(path.join(terminal.dataDir, 'prometric.lock'))).toBe(true)
})

test('data survives a restart of web mode', async ({ page, terminal }) => {
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-system').click()
  const schema = await page.getByTestId('info-schema-version').textContent()
  await stopWebTerminal(terminal)
  const again = await startWebTerminal(terminal.dataDir)
  try {
    await page.goto(again.url)
    await signInAsDemoOwner(page)
    await page.getByTestId('nav-system').click()
    await expect(page.getByTestId('info-schema-version')).toHaveText(schema ?? '')
    await expect(page.getByTestId('info-data-dir')).toHaveText(terminal.dataDir)
  } finally {
    await stopWebTerminal(again)
  }
})

test('a data folder that cannot be written is refused with one clear message', async () => {
  const file = path.join(os.tmpdir(), `prometric-not-a-folder-${process.pid}`)
  fs.writeFileSync(file, 'x')
  try {
    await expect(startWebTerminal(path.join(file, 'data'))).rejects.toThrow(/cannot be written.*--data-dir/)
  } finally {
    fs.rmSync(file, { force: true })
  }
})
