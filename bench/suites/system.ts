import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import type { Figure, Suite } from '../harness'

/**
 * Opens a terminal data folder in a fresh Node process (as the app's backend process would)
 * and reports how long until the first query is answered, and the process's resident memory
 * after opening it and running the seed's views.
 */
async function measureOpen(probe: string, dataDir: string): Promise<{ openMs: number; rssMb: number }> {
  const child = spawn(process.execPath, [probe, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`open probe failed (${code}): ${out}`)
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { openMs: number; rssMb: number }
}

/**
 * Bundles the probe the way the app's backend is bundled (dependencies external, our code in
 * one file) and runs it with plain Node, so the memory figure is the backend's, not a
 * TypeScript loader's.
 */
async function buildProbe(): Promise<string> {
  // Inside the project, so the external packages resolve from its node_modules.
  const outfile = path.join('bench', '.probe', `open-backend-${process.pid}.mjs`)
  await build({
    entryPoints: [path.join('bench', 'probes', 'open-backend.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  })
  return outfile
}

export const systemSuite: Suite = {
  name: 'system',
  description: 'Opening a terminal data folder: time to first answer, backend memory',
  async run({ dataDir }) {
    const probe = await buildProbe()
    let dir = dataDir
    let notes = `data folder ${dataDir}`
    let cleanup = false
    if (!dir) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-bench-system-'))
      notes = 'a new, empty terminal (pass --dir <folder> to measure a folder with data)'
      cleanup = true
      await measureOpen(probe, dir) // creates and migrates the folder; the figure is the re-open
    }
    const runs = [] as { openMs: number; rssMb: number }[]
    for (let i = 0; i < 5; i++) runs.push(await measureOpen(probe, dir))
    if (cleanup) fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(probe, { force: true })
    // The median run for time (one slow start on a busy machine does not decide it), the
    // largest for memory (the budget is a ceiling).
    const median = (k: 'openMs' | 'rssMb') => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN
    const largest = (k: 'openMs' | 'rssMb') => Math.max(...runs.map((r) => r[k]))
    const all = (k: 'openMs' | 'rssMb') => runs.map((r) => r[k]).join(', ')
    const figures: Figure[] = [
      {
        name: 'system.open_large_ms',
        value: median('openMs'),
        unit: 'ms',
        target: { max: 1000 },
        notes: `median of 5 starts (${all('openMs')}); ${notes}`,
      },
      {
        name: 'system.backend_rss_mb',
        value: largest('rssMb'),
        unit: 'MB',
        target: { max: 500 },
        notes: `largest of 5 starts (${all('rssMb')}); ${notes}`,
      },
    ]
    return figures
  },
}
