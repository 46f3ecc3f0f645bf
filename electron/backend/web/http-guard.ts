import { timingSafeEqual } from 'node:crypto'

/**
 * Host names web mode answers to. A page on another site can resolve its own name to
 * 127.0.0.1 (DNS rebinding); checking the Host header refuses such requests, and checking
 * Origin on the WebSocket refuses cross-site pages that try to connect.
 */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

/** True when the Host header names our loopback server. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase())
}

/** True when the Origin header is our own page. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (!origin) return false
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' && allowedHosts(port).has(url.host.toLowerCase())
  } catch {
    return false
  }
}

/** Compares a presented token with the launch token in constant time. */
export function isLaunchToken(presented: string | null, token: string): boolean {
  if (!presented) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
