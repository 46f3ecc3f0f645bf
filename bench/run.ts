// `npm run bench [-- <suite> ...] [--quick] [--json <file>] [--dir <data folder>]`
// Runs benchmark suites, prints a table and writes the figures as JSON.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { type Figure, type Suite, meetsTarget } from './harness'
import { syncSuite } from './suites/sync'
import { systemSuite } from './suites/system'
import { warehouseSuite } from './suites/warehouse'

const suites: Suite[] = [systemSuite, syncSuite, warehouseSuite]

const { values, positionals } = parseArgs({
  options: {
    json: { type: 'string' },
    dir: { type: 'string' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
})
if (values.help) {
  console.log(`Usage: npm run bench -- [${suites.map((s) => s.name).join('|')}] [--quick] [--json <file>] [--dir <data folder>]`)
  for (const s of suites) console.log(`  ${s.name.padEnd(12)} ${s.description}`)
  process.exit(0)
}
const unknown = positionals.filter((p) => !suites.some((s) => s.name === p))
if (unknown.length > 0) {
  console.error(`Unknown suite: ${unknown.join(', ')}. Known: ${suites.map((s) => s.name).join(', ')}`)
  process.exit(2)
}
const chosen = positionals.length > 0 ? suites.filter((s) => positionals.includes(s.name)) : suites
const figures: Figure[] = []
for (const suite of chosen) {
  console.log(`▶ ${suite.name}: ${suite.description}`)
  figures.push(...(await suite.run({ dataDir: values.dir, quick: values.quick })))
}

console.table(
  figures.map((f) => ({
    figure: f.name,
    value: f.value,
    unit: f.unit,
    target: f.target
      ? [f.target.min !== undefined ? `≥ ${f.target.min}` : '', f.target.max !== undefined ? `≤ ${f.target.max}` : '']
          .join(' ')
          .trim()
      : '',
    met: meetsTarget(f) === undefined ? '' : meetsTarget(f) ? 'yes' : 'NO',
  })),
)
const jsonFile = values.json ?? path.join('bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
fs.mkdirSync(path.dirname(jsonFile), { recursive: true })
const report = {
  at: new Date().toISOString(),
  node: process.versions.node,
  platform: `${process.platform}-${process.arch}`,
  figures: Object.fromEntries(figures.map((f) => [f.name, f.value])),
  details: figures,
}
fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2))
console.log(`Figures written to ${jsonFile}`)
