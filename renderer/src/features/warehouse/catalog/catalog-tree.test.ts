import { describe, expect, it } from 'vitest'
import { categoryOptions, categoryTree } from './CategoriesDrawer'
import type { Category } from './catalog-store'
import { looksLikeBarcode } from './catalog-store'

const category = (id: string, name: string, parentId: string | null = null): Category => ({
  id,
  name,
  parentId,
  code: null,
  description: null,
  isActive: true,
  sortOrder: 0,
  productCount: 0,
})

describe('categoryTree', () => {
  it('orders depth-first with levels; orphans go to the top; a cycle in stored data cannot loop (its nodes have no root to hang from)', () => {
    const tree = categoryTree([
      category('milk', 'Молоко', 'dairy'),
      category('dairy', 'Молочные'),
      category('orphan', 'Сирота', 'gone'),
      category('a', 'A', 'b'),
      category('b', 'B', 'a'),
    ])
    expect(tree.map((c) => [c.id, c.level])).toEqual([
      ['dairy', 0],
      ['milk', 1],
      ['orphan', 0],
    ])
  })

  it('gives indented select options after an empty choice', () => {
    expect(categoryOptions([category('dairy', 'Молочные'), category('milk', 'Молоко', 'dairy')], 'Все')).toEqual([
      { value: '', label: 'Все' },
      { value: 'dairy', label: 'Молочные' },
      { value: 'milk', label: '· Молоко' },
    ])
  })
})

describe('looksLikeBarcode', () => {
  it('is true for GTIN lengths of digits only', () => {
    expect(['48700011', '036000291452', '4870001234567', '04870001234567'].every(looksLikeBarcode)).toBe(true)
    expect(['GP-000001', '123', '487000123456789', 'молоко'].some(looksLikeBarcode)).toBe(false)
  })
})
