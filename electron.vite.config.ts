import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { contentSecurityPolicy } from './shared/csp'

/**
 * Puts the CSP into the built index.html, so the desktop window (file://, no HTTP headers) is
 * held to it too. Only at build: the dev server's hot reload needs an inline preamble.
 */
function cspMeta(): Plugin {
  return {
    name: 'prometric-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ forMetaTag: true })}" />`,
      ),
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // PGlite, ws and electron-log stay in node_modules (PGlite loads its WASM and data files
      // from beside its own module, so it must not be bundled; electron-builder unpacks it).
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          backend: resolve('electron/backend/utility-entry.ts'),
          web: resolve('electron/backend/web/main.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything, as CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
      chunkSizeWarningLimit: 2000,
    },
  },
})
