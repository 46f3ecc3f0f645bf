import fs from 'node:fs'
import { expect, keepScreenshot, test, withDemoCompany } from './fixtures'

test('first run as a standalone company, sign-in, lock and unlock, and the change on the audit page', async ({
  page,
  terminal,
}, testInfo) => {
  await page.goto(terminal.url)
  await page.getByTestId('open-standalone').click()
  const form = page.getByRole('dialog')
  await form.getByTestId('org-name').fill('ТОО «Береке Логистик»')
  await form.getByTestId('org-bin').fill('150340001235') // wrong check digit
  await form.getByTestId('workspace-name').fill('Склад Алматы')
  await form.getByTestId('owner-first-name').fill('Ерлан')
  await form.getByTestId('owner-last-name').fill('Сапаров')
  await form.getByTestId('owner-email').fill('erlan@bereke.kz')
  await form.getByTestId('owner-password').fill('Qazaqstan-2026')
  await form.getByTestId('standalone-submit').click()
  await expect(form).toContainText('БИН должен состоять из 12 цифр с верной контрольной цифрой')
  await keepScreenshot(page, testInfo, 'standalone-bad-bin')

  await form.getByTestId('org-bin').fill('150340001236')
  await form.getByTestId('standalone-submit').click()

  await expect(page.getByRole('heading', { name: 'Вход' })).toBeVisible()
  await page.getByTestId('sign-in-email').fill('erlan@bereke.kz')
  await page.getByTestId('sign-in-password').fill('wrong-password-1')
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByRole('alert')).toContainText('Неверная эл. почта или пароль')
  await page.getByTestId('sign-in-password').fill('Qazaqstan-2026')
  await page.getByTestId('sign-in-password').press('Enter')
  await expect(page.getByTestId('user-menu')).toBeVisible()

  await page.getByTestId('user-menu').click()
  await page.getByTestId('lock-now').click()
  await expect(page.getByTestId('lock-screen')).toContainText('Ерлан Сапаров')
  await keepScreenshot(page, testInfo, 'lock-screen')
  await page.getByTestId('unlock-password').fill('nope')
  await page.getByTestId('unlock-submit').click()
  await expect(page.getByRole('alert')).toBeVisible()
  await page.getByTestId('unlock-password').fill('Qazaqstan-2026')
  await page.getByTestId('unlock-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()

  await page.getByTestId('nav-admin').click()
  await expect(page.getByTestId('people-table')).toContainText('erlan@bereke.kz')
  await page.getByTestId('tab-audit').click()
  await expect(page.getByTestId('audit-table')).toBeVisible()
  const orgRow = page.getByTestId('audit-row').filter({ has: page.getByRole('cell', { name: 'organization', exact: true }) })
  await expect(orgRow).toContainText('150340001236')
  await expect(orgRow).toContainText('Создание')
  await page.getByTestId('audit-action').click()
  await page.getByRole('option', { name: 'Вход' }).click()
  await expect(page.getByTestId('audit-row').first()).toContainText('erlan@bereke.kz')
  await expect(
    page.getByTestId('audit-row').filter({ has: page.getByRole('cell', { name: 'organization', exact: true }) }),
  ).toHaveCount(0)
  await keepScreenshot(page, testInfo, 'audit-page')
  // The filtered trail as a file; the export itself is recorded.
  const download = page.waitForEvent('download')
  await page.getByTestId('audit-export').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = fs.readFileSync((await file.path())!, 'utf8')
  expect(csv).toContain('LOGIN')
  expect(csv).toContain('erlan@bereke.kz')
  await page.getByTestId('audit-action').click()
  await page.getByRole('option', { name: 'Выгрузка' }).click()
  await expect(page.getByTestId('audit-row')).toHaveCount(1)
})

test('an administrator issues a reset code, and the person sets a new password with it', async ({ page, terminal }, testInfo) => {
  await withDemoCompany(page, terminal)
  await page.getByTestId('nav-admin').click()
  const row = page
    .getByTestId('person-row')
    .filter({ has: page.getByRole('cell', { name: 'сотрудник', exact: true }) })
    .filter({ has: page.getByText('Активен', { exact: true }) })
    .first()
  const email = (await row.locator('td').nth(1).textContent())?.trim() ?? ''
  expect(email).toContain('@')
  await row.getByTestId('reset-code-menu').click()
  // Without SMTP settings, sending by email is offered but unavailable, with the reason.
  await expect(page.getByTestId('email-reset-code')).toBeDisabled()
  await expect(page.getByTestId('mail-unavailable')).toContainText('Почта не настроена')
  await page.getByTestId('show-reset-code').click()
  const code = (await page.getByTestId('reset-code-value').textContent())?.trim() ?? ''
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
  await keepScreenshot(page, testInfo, 'reset-code-issued')
  await page.keyboard.press('Escape')

  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await page.getByTestId('have-reset-code').click()
  await page.getByLabel('Эл. почта').fill(email)
  await page.getByTestId('reset-code-input').fill(code)
  await page.getByLabel('Новый пароль').fill('Zhana-parol-1')
  await page.getByRole('button', { name: 'Сменить пароль' }).click()
  await expect(page.getByText('Пароль изменён')).toBeVisible()
  await page.getByTestId('sign-in-password').fill('Zhana-parol-1')
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
})
