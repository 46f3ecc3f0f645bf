import { type E2eCentral, createE2eCentral } from './central'
import { expect, keepScreenshot, test } from './fixtures'

test.describe('connecting to head office', () => {
  let central: E2eCentral
  test.beforeEach(async () => {
    central = await createE2eCentral()
  })
  test.afterEach(async () => {
    await central.close()
  })

  test('an empty terminal connects with its code, the person signs in with the head-office password, and sync runs', async ({
    page,
    terminal,
  }, testInfo) => {
    await page.goto(terminal.url)
    await page.getByTestId('open-connect').click()
    await page.getByTestId('central-url').fill(central.syncUrl)
    // A wrong code is refused on the code field.
    await page.getByTestId('enrollment-code').fill('AAAA-BBBB-CCCC')
    await page.getByTestId('connect-submit').click()
    await expect(page.getByTestId('connect-form').getByText('Код подключения неверен')).toBeVisible()
    await page
      .getByTestId('enrollment-code')
      .fill(`${central.code.slice(0, 4)}-${central.code.slice(4, 8)}-${central.code.slice(8)}`)
    await keepScreenshot(page, testInfo, 'sync-connect-form')
    await page.getByTestId('connect-submit').click()

    await page.getByTestId('sign-in-email').fill(central.email)
    await page.getByTestId('sign-in-password').fill(central.password)
    await page.getByTestId('sign-in-submit').click()
    await expect(page.getByTestId('sync-indicator')).toBeVisible()
    await expect(page.getByText('ТОО Головной офис')).toBeVisible()

    // The sign-in travels to head office (the write kicks a cycle; "sync now" runs one too).
    await page.getByTestId('sync-indicator').click()
    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-last-cycle')).toBeVisible()
    await expect(page.getByTestId('sync-state')).toHaveText('На связи')
    await expect(page.getByTestId('sync-pending-count')).toHaveText('0')
    await keepScreenshot(page, testInfo, 'sync-page')
    await expect
      .poll(async () => {
        const { rows } = await central.client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'LOGIN' AND user_id = $1`,
          [central.tenant.userId],
        )
        return rows[0]!.n
      })
      .toBe(1)

    // Head office, for the organization's admin: a new terminal for the second workspace.
    await expect(page.getByTestId('terminal-row')).toHaveCount(1)
    await page.getByTestId('new-terminal').click()
    await page.getByTestId('new-terminal-workspace').click()
    await page.getByRole('option', { name: 'Астана' }).click()
    await page.getByTestId('new-terminal-name').fill('Склад Астана')
    await page.getByTestId('new-terminal-prefix').fill('ast2')
    await page.getByTestId('new-terminal-submit').click()
    await expect(page.getByTestId('new-terminal-code')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    await keepScreenshot(page, testInfo, 'sync-new-terminal-code')
    await page.getByRole('button', { name: 'Готово' }).click()
    await expect(page.getByTestId('terminal-row')).toHaveCount(2)
    await page.getByTestId('revoke-terminal').click()
    await page.getByTestId('revoke-confirm').click()
    await expect(page.getByTestId('terminal-row').nth(1)).toContainText('отключён')
  })

  test('a change head office refuses is quarantined, fixed on the Sync page and accepted', async ({
    page,
    terminal,
  }, testInfo) => {
    await page.goto(terminal.url)
    await page.getByTestId('open-connect').click()
    await page.getByTestId('central-url').fill(central.syncUrl)
    await page.getByTestId('enrollment-code').fill(central.code)
    await page.getByTestId('connect-submit').click()
    await page.getByTestId('sign-in-email').fill(central.email)
    await page.getByTestId('sign-in-password').fill(central.password)
    await page.getByTestId('sign-in-submit').click()
    await expect(page.getByTestId('sync-indicator')).toBeVisible()

    // A new person whose email head office already has (in another organization).
    await page.getByTestId('nav-admin').click()
    await page.getByTestId('tab-people').click()
    await page.getByTestId('add-person').click()
    const person = page.getByTestId('new-person-form')
    await person.getByTestId('person-last-name').fill('Ахметов')
    await person.getByTestId('person-first-name').fill('Ержан')
    await person.getByTestId('person-email').fill('taken@example.kz')
    await person.getByTestId('person-submit').click()
    await expect(page.getByTestId('reset-code')).toBeVisible()
    await page.keyboard.press('Escape')

    await page.getByTestId('sync-indicator').click()
    await page.getByTestId('sync-now').click()
    const row = page.getByTestId('quarantine-row')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('Нарушено правило данных')
    await keepScreenshot(page, testInfo, 'sync-quarantine')
    await row.getByTestId('quarantine-fix').click()
    const email = page.getByTestId('fix-users-email')
    await expect(email).toHaveValue('taken@example.kz')
    await expect(page.getByTestId('fix-modal')).toContainText('Исправьте это поле')
    await email.fill('yerzhan@example.kz')
    await page.getByTestId('fix-submit').click()
    await expect(page.getByTestId('quarantine-row')).toHaveCount(0)
    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-pending-count')).toHaveText('0')
    await expect
      .poll(async () => (await central.client.query(`SELECT 1 FROM users WHERE email = 'yerzhan@example.kz'`)).rows.length)
      .toBe(1)
  })
})
