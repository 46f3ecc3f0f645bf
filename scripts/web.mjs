// `npm run web [-- --data-dir <folder> --port <port>]`: the app in a browser, same backend.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

buildIfStale()
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const child = spawn(process.execPath, [path.join(root, 'out/main/web.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
