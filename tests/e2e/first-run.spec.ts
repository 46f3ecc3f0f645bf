import { expect, keepScreenshot, signInAsDemoOwner, test } from './fixtures'

test('an empty terminal offers a demo company, which a clerk creates with visible progress', async ({
  page,
  terminal,
}, testInfo) => {
  await page.goto(terminal.url)
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в Prometric ERP' })).toBeVisible()
  await expect(page.getByTestId('demo-card')).toContainText('никогда не синхронизируются')
  await keepScreenshot(page, testInfo, 'first-run-welcome')

  await page.getByTestId('create-demo').click()
  await signInAsDemoOwner(page)
  await expect(page.getByRole('button', { name: 'Склад' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'first-run-demo-ready')

  // The company is in the database, not in the page: a reload opens the app, not the welcome page.
  // The session belongs to the page's connection: a reload asks for sign-in again.
  await page.reload()
  await signInAsDemoOwner(page)
  await page.getByTestId('nav-system').click()
  await expect(page.getByTestId('info-schema-version')).not.toHaveText('0')
})
