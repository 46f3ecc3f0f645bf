import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'

// Building installers downloads Electron, so here the configuration itself is checked: it
// must pass electron-builder's own schema and carry the security settings we rely on.
describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema validation', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null)
    const debug = { isEnabled: false, add() {} }
    await expect(validateConfiguration(config, debug as never)).resolves.toBeUndefined()
  })

  it('hardens the binary with fuses and unpacks PGlite from the asar archive', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
    expect(config.asarUnpack).toContain('node_modules/@electric-sql/pglite/**')
    expect(config.win?.target).toEqual([expect.objectContaining({ target: 'nsis' })])
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
  })
})
