import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { progressReporter, runSeedCommand } from './seed'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-seed-cli-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('npm run db:seed', () => {
  it('says clearly what is wrong with the arguments', async () => {
    expect(await runSeedCommand(['--scale', 'huge', '--dir', root])).toMatchObject({
      code: 2,
      err: expect.arrayContaining([expect.stringContaining('small or large')]),
    })
    expect(await runSeedCommand([])).toMatchObject({
      code: 2,
      err: expect.arrayContaining([expect.stringContaining('exactly one of --dir or --url')]),
    })
    expect(await runSeedCommand(['--dir', 'a', '--url', 'b'])).toMatchObject({ code: 2 })
    expect(await runSeedCommand(['--dir', 'a', '--seed', 'x'])).toMatchObject({ code: 2 })
    expect(await runSeedCommand(['--url', 'postgres://nobody:x@127.0.0.1:1/none'])).toMatchObject({
      code: 1,
      err: expect.arrayContaining([expect.stringContaining('cannot connect')]),
    })
  })

  it('seeds a terminal folder with progress, and refuses a second company without --force', async () => {
    const dir = path.join(root, 'terminal')
    const steps: string[] = []
    const first = await runSeedCommand(['--dir', dir], (p) => steps.push(p.step))
    expect(first.code).toBe(0)
    expect(first.out[1]).toMatch(/password demo2026/)
    expect(new Set(steps).size).toBeGreaterThan(3)
    const again = await runSeedCommand(['--dir', dir])
    expect(again).toMatchObject({
      code: 1,
      err: expect.arrayContaining([expect.stringContaining('already has an organization')]),
    })
  })

  it('draws an in-place progress bar on a terminal and one line per step elsewhere', () => {
    const written: string[] = []
    const bar = progressReporter((s) => written.push(s), true)
    bar({ step: 'products', done: 50, total: 100 })
    bar({ step: 'products', done: 100, total: 100 })
    expect(written[0]).toMatch(/^\r█{15}░{15} {2}50% {2}products 50\/100/)
    expect(written.at(-1)).toBe('\n')
    const lines: string[] = []
    const plain = progressReporter((s) => lines.push(s), false)
    plain({ step: 'a', done: 1, total: 2 })
    plain({ step: 'a', done: 2, total: 2 })
    plain({ step: 'b', done: 1, total: 1 })
    expect(lines).toEqual(['a…\n', 'b…\n'])
  })
})
