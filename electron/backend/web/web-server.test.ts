import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { memoryLogger } from '../logger'
import { type Backend, startBackend } from '../start-backend'
import { type WebServer, RPC_PATH, startWebServer } from './web-server'

const token = 'test-token-0123456789abcdef'
let backend: Backend
let server: WebServer
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-static-'))

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  fs.mkdirSync(path.join(staticDir, 'assets'))
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  backend = await startBackend()
  server = await startWebServer({ backend, staticDir, port: 0, token, logger: memoryLogger() })
})
afterAll(async () => {
  await server.close()
  await backend.close()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

function get(pathname: string, host = `127.0.0.1:${server.port}`) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, headers: { host } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function connect(opts: { token?: string; origin?: string; host?: string } = {}) {
  const url = `ws://127.0.0.1:${server.port}${RPC_PATH}?token=${encodeURIComponent(opts.token ?? token)}`
  return new WebSocket(url, {
    headers: { origin: opts.origin ?? `http://127.0.0.1:${server.port}`, ...(opts.host ? { host: opts.host } : {}) },
  })
}

function refusal(ws: WebSocket) {
  return new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => resolve(-1))
  })
}

describe('web mode server', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${token}`)
  })

  it('serves the renderer with a strict CSP, and index.html for client routes', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await get('/assets/app.js')).headers['content-type']).toContain('text/javascript')
    expect((await get('/warehouse/receiving')).body).toContain('<title>app</title>')
    expect((await get('/assets/missing.js')).status).toBe(404)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%00']) {
      const res = await get(p)
      expect(res.body).not.toContain('"name"')
    }
  })

  it('refuses requests for other host names (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example:80')).status).toBe(421)
    expect((await get('/', `127.0.0.1:${server.port}`)).status).toBe(200)
    expect((await get('/', `localhost:${server.port}`)).status).toBe(200)
  })

  it('refuses sockets without the token, from another origin or for another host', async () => {
    expect(await refusal(connect({ token: 'wrong' }))).toBe(401)
    expect(await refusal(connect({ origin: 'http://evil.example' }))).toBe(403)
    expect(await refusal(connect({ host: 'evil.example' }))).toBe(421)
  })

  it('answers calls over the socket and forwards events', async () => {
    const ws = connect()
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    const frames: unknown[] = []
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())))
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'system.info', input: {} }))
    ws.send(JSON.stringify({ type: 'call', id: 2, method: '__proto__', input: {} }))
    ws.send(JSON.stringify({ type: 'call', id: 'x' }))
    ws.send(JSON.stringify({ type: 'call', id: 3, method: 7 }))
    ws.send('not json')
    await expect.poll(() => frames.length).toBeGreaterThanOrEqual(3)
    expect(frames).toContainEqual({ type: 'result', id: 1, result: expect.objectContaining({ ok: true }) })
    expect(frames).toContainEqual({
      type: 'result',
      id: 2,
      result: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    })
    expect(frames).toContainEqual({
      type: 'result',
      id: 3,
      result: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'VALIDATION' }) }),
    })
    ws.close()
  })
})
