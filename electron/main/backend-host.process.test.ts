import { type ChildProcess, fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { FromBackend, ToBackend } from '../backend/host-protocol'
import { memoryVault } from '../backend/secrets/vault'
import { BackendHost, type UtilityProcessLike } from './backend-host'

/** Runs the real utility-process entry in a Node child, standing in for Electron's utilityProcess. */
class NodeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  readonly child: ChildProcess
  constructor() {
    super()
    this.child = fork(path.resolve('electron/backend/utility-entry.ts'), [], {
      execArgv: ['--import', 'tsx', '--import', path.resolve('tests/support/parent-port-shim.ts')],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    this.child.on('message', (m) => this.emit('message', m as FromBackend))
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 137 : 0)))
  }
  postMessage(message: ToBackend) {
    if (this.child.connected) this.child.send(message)
  }
  kill() {
    return this.child.kill('SIGKILL')
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-host-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('backend in its own process', () => {
  it('serves calls, survives a crash (SIGKILL) by restarting on the same folder, and shuts down cleanly', async () => {
    const dataDir = path.join(root, 'terminal')
    const spawned: NodeUtilityProcess[] = []
    const inner = memoryVault()
    const stored: string[] = []
    const vault = { ...inner, set: async (name: string, value: string) => (stored.push(name), inner.set(name, value)) }
    const onEvent = vi.fn()
    const host = new BackendHost({
      fork: () => {
        const p = new NodeUtilityProcess()
        spawned.push(p)
        return p
      },
      start: { type: 'start', dataDir, logsDir: path.join(root, 'logs'), appVersion: '1.2.3', vaultProtection: 'file' },
      vault,
      onEvent,
      onFatal: vi.fn(),
      log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      restartDelayMs: () => 10,
    })
    host.start()
    const first = await host.invoke(1, 'system.info', {})
    expect(first).toMatchObject({ ok: true, value: { appVersion: '1.2.3', dataDir } })

    // A crash leaves its lock file behind; the restarted backend must recognise it as stale.
    spawned[0]?.kill()
    await vi.waitFor(
      () => expect(onEvent).toHaveBeenCalledWith(-1, 'system.notice', expect.objectContaining({ code: 'BACKEND_RESTARTED' })),
      { timeout: 10_000 },
    )
    const after = await host.invoke(1, 'system.info', {})
    expect(after).toMatchObject({ ok: true, value: { dataDir } })
    expect(spawned).toHaveLength(2)

    // A standalone company makes its data key; the backend hands it to the main process's vault.
    const company = {
      organization: { name: 'ТОО «Тест»', bin: '150340001236' },
      workspaceName: 'Склад',
      owner: { firstName: 'Ерлан', lastName: 'Сапаров', email: 'erlan@example.kz', password: 'Qazaqstan-2026' },
    }
    expect(await host.invoke(1, 'setup.createStandaloneCompany', company)).toMatchObject({ ok: true })
    const org = await host.invoke(1, 'setup.status', {})
    expect(org).toMatchObject({ ok: true, value: { mode: 'standalone' } })
    expect(stored).toEqual([expect.stringMatching(/^org-data-key-/)])
    expect(await inner.get(stored[0] as string)).toMatch(/^[A-Za-z0-9+/]{43}=$/)

    await host.stop()
    expect(spawned[1]?.child.exitCode).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'prometric.lock'))).toBe(false)
    expect(fs.readFileSync(path.join(root, 'logs', 'backend.log'), 'utf8')).toContain('backend started')
  })
})
