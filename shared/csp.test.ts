import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './csp'

describe('content security policy', () => {
  it('allows frames only from ourselves and blob: (printing), and still no plugins or framing of us', () => {
    const directives = contentSecurityPolicy().split('; ')
    expect(directives).toContain("frame-src 'self' blob:")
    expect(directives).toContain("object-src 'none'")
    expect(directives).toContain("frame-ancestors 'none'")
    expect(directives).toContain("script-src 'self'")
  })

  it('leaves frame-ancestors out of the meta tag, where browsers ignore it', () => {
    expect(contentSecurityPolicy({ forMetaTag: true })).not.toContain('frame-ancestors')
    expect(contentSecurityPolicy({ forMetaTag: true })).toContain("frame-src 'self' blob:")
  })
})
