import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { contentSecurityPolicy } from '../../../shared/csp'
import { openChannel } from '../channel'
import type { Logger } from '../logger'
import type { Backend } from '../start-backend'
import { isAllowedHost, isAllowedOrigin, isLaunchToken } from './http-guard'
import { resolveStaticFile } from './static-files'

/** How to start web mode's server. */
export interface WebServerOptions {
  backend: Pick<Backend, 'dispatch' | 'events'>
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 picks a free port. */
  port: number
  /** The per-launch secret a page must present to open the RPC socket. */
  token: string
  logger: Logger
}

/** A running web-mode server. */
export interface WebServer {
  port: number
  /** The address to open, with the token in the fragment (never sent to the server or its logs). */
  url: string
  close(): Promise<void>
}

/** Path of the RPC WebSocket. */
export const RPC_PATH = '/rpc'

/** Largest RPC frame accepted (an import of many rows travels in pieces, never one frame). */
const MAX_FRAME_BYTES = 16 * 1024 * 1024

/**
 * Starts web mode's loopback server: the built renderer over HTTP and the backend over a
 * WebSocket. It listens on 127.0.0.1 only, answers only to our own Host names (no DNS
 * rebinding), accepts sockets only from our own Origin and only with the launch token.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { backend, staticDir, token, logger } = options
  let port = options.port
  const csp = contentSecurityPolicy()

  const server = http.createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const found = resolveStaticFile(staticDir, req.url ?? '/')
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    res.writeHead(200, {
      'content-type': found.contentType,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': found.file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    fs.createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res)
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refuse = (status: number, reason: string) => {
      logger.warn(`web socket refused: ${reason}`)
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`)
    }
    if (url.pathname !== RPC_PATH) return refuse(404, 'Not Found')
    if (!isAllowedHost(req.headers.host, port)) return refuse(421, 'Misdirected Request')
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden')
    if (!isLaunchToken(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized')
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const channel = openChannel(backend, (frame) => ws.send(JSON.stringify(frame)), 'web')
      ws.on('message', (data, isBinary) => {
        if (!isBinary) channel.receive(data.toString('utf8'))
      })
      ws.on('close', () => channel.close())
      ws.on('error', (error) => logger.warn('web socket error', error))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
