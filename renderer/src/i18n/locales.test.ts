import { describe, expect, it } from 'vitest'
import { en } from './locales/en'
import { kk } from './locales/kk'
import { ru } from './locales/ru'

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'object' && v !== null) for (const [kk2, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk2, vv)
    else out.set(`${prefix}${k}`, String(v))
  }
  return out
}

describe('translations', () => {
  const source = leaves(ru)
  it.each([
    ['kk', kk],
    ['en', en],
  ])('%s has every Russian key, no extra and none empty', (_name, messages) => {
    const other = leaves(messages)
    expect([...other.keys()].sort()).toEqual([...source.keys()].sort())
    for (const [key, value] of other) expect(value.trim(), key).not.toBe('')
  })

  it('Kazakh is really Kazakh where the words differ (not a copy of Russian)', () => {
    const other = leaves(kk)
    // Words Kazakh shares with Russian, and strings with no words at all.
    const sameInBoth = new Set([
      'system.platform',
      'setup.demoTitle',
      'setup.demoBadge',
      'setup.step',
      'setup.phone',
      'roles.manager',
      'workspaces.types.branch',
      'warehouse.tabs.catalog',
    ])
    const same = [...source].filter(
      ([k, v]) => other.get(k) === v && !sameInBoth.has(k) && !/^[A-Za-z .&]+$/.test(v) && v.length > 3,
    )
    expect(same).toEqual([])
  })
})
