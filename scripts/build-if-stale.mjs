// Builds the app (electron-vite build) when out/ is missing or older than any source file, so
// `npm run web` and `npm start` on a fresh clone just work, and stay quick afterwards.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const outputs = [
  'out/main/index.js',
  'out/main/web.js',
  'out/main/backend.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
]
const sources = ['electron', 'renderer', 'shared', 'db', 'package.json', 'electron.vite.config.ts']

function newestMtime(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(path.join(p, entry)))
  }
  return newest
}

/** Runs the build when needed; exits the process if the build fails. */
export function buildIfStale() {
  const oldestOutput = Math.min(...outputs.map((o) => fs.statSync(path.join(root, o), { throwIfNoEntry: false })?.mtimeMs ?? 0))
  const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(root, s))))
  if (oldestOutput > newestSource) return
  console.log('Building the app (first start or sources changed)…')
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
  const result = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}
