// Prints the test counts of the vitest and Playwright JSON reports, the last line as
// "N passed, N failed" so CI can read it whatever the runners print before.
import fs from 'node:fs'

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

let passed = 0
let failed = 0
let skipped = 0
const vitest = read(process.argv[2])
if (vitest) {
  console.log(
    `unit/integration: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests + vitest.numTodoTests} skipped`,
  )
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + vitest.numTodoTests
} else {
  console.log('unit/integration: no report (the run did not finish)')
  failed += 1
}
const pw = read(process.argv[3])
if (pw) {
  const s = pw.stats
  const pwFailed = s.unexpected + (s.flaky ?? 0)
  console.log(`end-to-end: ${s.expected} passed, ${pwFailed} failed, ${s.skipped} skipped`)
  passed += s.expected
  failed += pwFailed
  skipped += s.skipped
} else {
  console.log('end-to-end: no report (the run did not finish)')
  failed += 1
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
