import { describe, expect, it } from 'vitest'
import { type Department, departmentAndDescendants, departmentTree } from './organization-store'

const department = (id: string, parentId: string | null): Department => ({
  id,
  name: id,
  code: null,
  description: null,
  parentId,
  headId: null,
  headName: null,
  workspaceId: 'w',
  workspaceName: 'Склад',
  employeeCount: 0,
})

describe('the departments tree', () => {
  const list = [
    department('b', null),
    department('a', null),
    department('b1', 'b'),
    department('b1x', 'b1'),
    department('a1', 'a'),
  ]

  it('orders depth-first under parents, keeping the siblings’ order, with levels', () => {
    expect(departmentTree(list).map((d) => `${d.level}:${d.id}:${d.hasChildren}`)).toEqual([
      '0:b:true',
      '1:b1:true',
      '2:b1x:false',
      '0:a:true',
      '1:a1:false',
    ])
  })

  it('shows a department whose parent is missing at the top instead of losing it', () => {
    expect(departmentTree([department('orphan', 'gone')]).map((d) => [d.id, d.level])).toEqual([['orphan', 0]])
  })

  it('names a department and everything under it, where it must not be moved', () => {
    expect([...departmentAndDescendants(list, 'b')].sort()).toEqual(['b', 'b1', 'b1x'])
    expect([...departmentAndDescendants(list, 'a1')]).toEqual(['a1'])
  })
})
