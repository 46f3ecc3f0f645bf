// `npm start`: the desktop app. Electron 45 fetches its binary on first use, not at install.
// Where that cannot happen (no internet), say so in one line and point to web mode, which
// runs the same app in a browser.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const electronDir = path.join(root, 'node_modules', 'electron')

/** The Electron binary's path, if it is on disk (without the package's own download-on-require). */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const relative = fs.readFileSync(pathFile, 'utf8').trim()
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist')
  const full = path.join(base, relative)
  return fs.existsSync(full) ? full : null
}

let binary = electronBinary()
if (!binary && fs.existsSync(path.join(electronDir, 'install.js'))) {
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
  binary = electronBinary()
}
if (!binary) {
  console.error(
    "Electron's binary is not installed and cannot be downloaded on this machine; run `npm run web` to use the same app in a browser.",
  )
  process.exit(1)
}

buildIfStale()
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
