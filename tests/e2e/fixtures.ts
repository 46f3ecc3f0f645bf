import { type Page, type TestInfo, test as base, expect } from '@playwright/test'
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A web-mode terminal started for one test, on its own data folder. */
export interface WebTerminal {
  url: string
  dataDir: string
  process: ChildProcess
}

/** Starts `out/main/web.js` on a free port and waits for the URL it prints. */
export async function startWebTerminal(dataDir: string): Promise<WebTerminal> {
  const child = spawn(process.execPath, ['out/main/web.js', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)))
  })
  return { url, dataDir, process: child }
}

/** Stops a web-mode terminal the way Ctrl+C does, and waits for it to close its database. */
export async function stopWebTerminal(terminal: WebTerminal): Promise<void> {
  if (terminal.process.exitCode !== null) return
  const exited = new Promise((resolve) => terminal.process.once('exit', resolve))
  terminal.process.kill('SIGINT')
  await exited
}

/** Saves a screenshot as a kept artifact (test-results/screenshots) and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = path.join('test-results', 'screenshots')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}

/** Every test gets a fresh terminal with its own data folder. */
export const test = base.extend<{ terminal: WebTerminal }>({
  terminal: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-e2e-'))
    const terminal = await startWebTerminal(dataDir)
    await use(terminal)
    await stopWebTerminal(terminal)
    fs.rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect }

/**
 * Opens a fresh terminal, creates the demo company from the welcome page and signs in as its
 * owner, as a person would.
 */
export async function withDemoCompany(page: Page, terminal: WebTerminal): Promise<void> {
  await page.goto(terminal.url)
  await page.getByTestId('create-demo').click()
  await signInAsDemoOwner(page)
}

/** On the sign-in page of a demo company: takes the shown demo account and signs in. */
export async function signInAsDemoOwner(page: Page): Promise<void> {
  await expect(page.getByTestId('demo-account')).toBeVisible({ timeout: 60_000 })
  await page.getByTestId('demo-account').getByRole('button').click()
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByTestId('demo-badge')).toBeVisible()
}

/** The standalone company the administration tests start from, and its owner's sign-in. */
export const standaloneOwner = { firstName: 'Ерлан', lastName: 'Сапаров', email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }

/**
 * Opens a fresh terminal, creates a standalone company (no demo data, so lists start empty)
 * and signs in as its owner, as a person would.
 */
export async function withStandaloneCompany(page: Page, terminal: WebTerminal): Promise<void> {
  await page.goto(terminal.url)
  await page.getByTestId('open-standalone').click()
  const form = page.getByRole('dialog')
  await form.getByTestId('org-name').fill('ТОО «Береке Логистик»')
  await form.getByTestId('org-bin').fill('150340001236')
  await form.getByTestId('workspace-name').fill('Склад Алматы')
  await form.getByTestId('owner-first-name').fill(standaloneOwner.firstName)
  await form.getByTestId('owner-last-name').fill(standaloneOwner.lastName)
  await form.getByTestId('owner-email').fill(standaloneOwner.email)
  await form.getByTestId('owner-password').fill(standaloneOwner.password)
  await form.getByTestId('standalone-submit').click()
  await page.getByTestId('sign-in-email').fill(standaloneOwner.email)
  await page.getByTestId('sign-in-password').fill(standaloneOwner.password)
  await page.getByTestId('sign-in-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
}
