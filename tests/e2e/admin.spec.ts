import { expect, keepScreenshot, standaloneOwner, test, withStandaloneCompany } from './fixtures'

test('a department tree with a head, and a new person who appears in People with a first-password code', async ({
  page,
  terminal,
}, testInfo) => {
  await withStandaloneCompany(page, terminal)
  await page.getByTestId('nav-admin').click()
  await page.getByTestId('tab-departments').click()
  await expect(page.getByTestId('departments-empty')).toBeVisible()

  await page.getByTestId('add-department').click()
  let form = page.getByTestId('department-form')
  await form.getByTestId('department-name-input').fill('Производство')
  await form.getByTestId('department-code-input').fill('PRD')
  await form.getByTestId('department-head-select').click()
  await page.getByRole('option', { name: 'Сапаров Ерлан (erlan@bereke.kz)' }).click()
  await form.getByTestId('department-submit').click()
  await expect(form).toBeHidden()
  const production = page.getByTestId('department-row').filter({ hasText: 'Производство' })
  await expect(production.getByTestId('department-head')).toHaveText('Сапаров Ерлан')

  // A sub-department, made from its parent's row with the keyboard.
  await production.getByTestId('add-child-department').focus()
  await page.keyboard.press('Enter')
  form = page.getByTestId('department-form')
  await expect(form.getByTestId('department-parent')).toHaveValue('Производство')
  await form.getByTestId('department-name-input').fill('Цех сборки')
  await form.getByTestId('department-name-input').press('Enter')
  await expect(form).toBeHidden()
  const rows = page.getByTestId('department-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toHaveAttribute('aria-level', '2')
  await expect(rows.nth(1)).toContainText('Цех сборки')

  // A department with a sub-department is not deleted; the reason names it.
  await production.getByTestId('delete-department').click()
  await page.getByTestId('confirm-delete-department').click()
  await expect(page.getByTestId('delete-department-dialog')).toContainText(
    'В подразделении «Производство» есть вложенные подразделения (1)',
  )
  await keepScreenshot(page, testInfo, 'departments-delete-refused')
  await page.keyboard.press('Escape')

  await page.getByTestId('tab-people').click()
  await page.getByTestId('add-person').click()
  const person = page.getByTestId('new-person-form')
  await person.getByTestId('person-last-name').fill('Нурланова')
  await person.getByTestId('person-first-name').fill('Дана')
  await person.getByTestId('person-email').fill('dana@bereke.kz')
  await person.getByTestId('person-position').fill('Сборщик')
  await person.getByTestId('person-department').click()
  await page.getByRole('option', { name: 'Цех сборки' }).click()
  await person.getByTestId('person-submit').click()
  await expect(page.getByTestId('reset-code')).toContainText('Учётная запись dana@bereke.kz создана')
  const code = (await page.getByTestId('reset-code-value').textContent())?.trim() ?? ''
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
  await page.keyboard.press('Escape')
  const dana = page.getByTestId('person-row').filter({ hasText: 'dana@bereke.kz' })
  await expect(dana).toContainText('Нурланова Дана')
  await expect(dana).toContainText('Сборщик · Цех сборки')
  await keepScreenshot(page, testInfo, 'people-with-new-person')

  // A taken email is refused under its field.
  await page.getByTestId('add-person').click()
  await person.getByTestId('person-last-name').fill('Другая')
  await person.getByTestId('person-first-name').fill('Дана')
  await person.getByTestId('person-email').fill('DANA@bereke.kz')
  await person.getByTestId('person-submit').click()
  await expect(person).toContainText('Эл. почта dana@bereke.kz уже занята другой учётной записью')
  await page.keyboard.press('Escape')

  // The new person sets a password with the code and signs in.
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await page.getByTestId('have-reset-code').click()
  await page.getByLabel('Эл. почта').fill('dana@bereke.kz')
  await page.getByTestId('reset-code-input').fill(code)
  await page.getByLabel('Новый пароль').fill('Almaty-2026')
  await page.getByRole('button', { name: 'Сменить пароль' }).click()
  await expect(page.getByText('Пароль изменён')).toBeVisible()
  await page.getByTestId('sign-in-password').fill('Almaty-2026')
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
})

test('the lock time and the SMTP server are set on the Settings tab, audited', async ({ page, terminal }, testInfo) => {
  await withStandaloneCompany(page, terminal)
  await page.getByTestId('nav-admin').click()
  await page.getByTestId('tab-settings').click()
  const minutes = page.getByTestId('lock-minutes')
  await expect(minutes).toHaveValue('15')
  await minutes.fill('0')
  await page.getByTestId('lock-submit').click()
  await expect(page.getByTestId('lock-settings').locator('[aria-invalid="true"]')).toBeVisible()
  await minutes.fill('5')
  await minutes.press('Enter')
  await expect(page.getByText('Сохранено')).toBeVisible()

  // Without a server, sending is not offered; a saved server makes it available.
  await expect(page.getByTestId('mail-not-configured')).toBeVisible()
  await page.getByTestId('smtp-host').fill('127.0.0.1')
  await page.getByTestId('smtp-port').fill('1')
  await page.getByTestId('smtp-user').fill('robot@bereke.kz')
  await page.getByTestId('smtp-password').fill('smtp-secret-1')
  await page.getByTestId('smtp-from').fill('robot@bereke.kz')
  await page.getByTestId('smtp-submit').click()
  await expect(page.getByTestId('mail-not-configured')).toBeHidden()
  // Nothing listens on port 1: the test email fails with a reason, not a stack trace.
  await page.getByTestId('smtp-test').click()
  await expect(page.getByRole('alert').filter({ hasText: 'Письмо не отправлено' })).toContainText('ECONNREFUSED')
  await keepScreenshot(page, testInfo, 'settings')

  // A new window (a reload is one) signs in again and sees what was stored.
  await page.reload()
  await page.getByTestId('sign-in-email').fill(standaloneOwner.email)
  await page.getByTestId('sign-in-password').fill(standaloneOwner.password)
  await page.getByTestId('sign-in-submit').click()
  await page.getByTestId('nav-admin').click()
  await page.getByTestId('tab-settings').click()
  await expect(page.getByTestId('lock-minutes')).toHaveValue('5')
  await expect(page.getByTestId('smtp-host')).toHaveValue('127.0.0.1')

  await page.getByTestId('tab-people').click()
  await page.getByTestId('person-row').first().getByTestId('reset-code-menu').click()
  await expect(page.getByTestId('email-reset-code')).toBeEnabled()
  await page.keyboard.press('Escape')

  await page.getByTestId('tab-audit').click()
  await page.getByTestId('audit-entity').fill('app_setting')
  const lockRow = page.getByTestId('audit-row').filter({ hasText: 'security.lock_after_minutes' })
  await expect(lockRow).toContainText('Создание')
  await expect(page.getByTestId('audit-table')).not.toContainText('smtp-secret-1')
})
