import { describe, expect, it } from 'vitest'
import { subtreeIds, wouldCreateCycle } from './category-tree'

// food > dairy > milk; tools (separate branch)
const tree = [
  { id: 'food', parentId: null },
  { id: 'dairy', parentId: 'food' },
  { id: 'milk', parentId: 'dairy' },
  { id: 'tools', parentId: null },
]

describe('wouldCreateCycle', () => {
  it('refuses a node under itself', () => {
    expect(wouldCreateCycle(tree, 'dairy', 'dairy')).toBe(true)
  })
  it('refuses a node under its own descendant, at any depth', () => {
    expect(wouldCreateCycle(tree, 'food', 'milk')).toBe(true)
    expect(wouldCreateCycle(tree, 'dairy', 'milk')).toBe(true)
  })
  it('allows moves elsewhere and to the top level', () => {
    expect(wouldCreateCycle(tree, 'dairy', 'tools')).toBe(false)
    expect(wouldCreateCycle(tree, 'milk', 'food')).toBe(false)
    expect(wouldCreateCycle(tree, 'milk', null)).toBe(false)
  })
  it('terminates on data that already holds a cycle', () => {
    const broken = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: null },
    ]
    expect(wouldCreateCycle(broken, 'c', 'a')).toBe(false)
    expect(wouldCreateCycle(broken, 'a', 'b')).toBe(true)
  })
})

describe('subtreeIds', () => {
  it('gives a node and all its descendants', () => {
    expect([...subtreeIds(tree, 'food')].sort()).toEqual(['dairy', 'food', 'milk'])
    expect([...subtreeIds(tree, 'tools')]).toEqual(['tools'])
  })
})
