import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The architecture's import lines (§5) are held by lint; this checks the rules really bite.
const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message)
}

describe('import boundaries', () => {
  it.each([
    ['shared/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['shared/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['shared/x.ts', "import { startBackend } from '../electron/backend/start-backend'\nexport const a = startBackend"],
    ['shared/x.ts', 'export const a = window.location'],
    ['renderer/src/x.ts', "import path from 'node:path'\nexport const a = path"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer"],
    ['renderer/src/x.ts', "import { PGlite } from '@electric-sql/pglite'\nexport const a = PGlite"],
    ['renderer/src/x.ts', "import { migrate } from '../../db/migrator'\nexport const a = migrate"],
    ['electron/backend/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['electron/backend/x.ts', "import { IPC_INVOKE } from '../main/ipc-channels'\nexport const a = IPC_INVOKE"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).not.toEqual([])
  })

  it.each([
    ['shared/x.ts', "import { z } from 'zod'\nexport const a = z"],
    ['renderer/src/x.ts', "import { methods } from '../../shared/contract'\nexport const a = methods"],
    ['electron/backend/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['electron/main/x.ts', "import { app } from 'electron'\nexport const a = app"],
  ])('allows %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([])
  })
})
