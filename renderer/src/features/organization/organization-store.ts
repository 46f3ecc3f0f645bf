import { create } from 'zustand'
import type { MethodInput, MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

/** One department as listed (the tree is built from parentId). */
export type Department = MethodOutput<'admin.departments.list'>[number]

/** One workspace of the organization. */
export type Workspace = MethodOutput<'admin.workspaces.list'>[number]

/** A department placed in the tree: its depth, for indentation, in depth-first order. */
export interface DepartmentInTree extends Department {
  level: number
  hasChildren: boolean
}

/**
 * Orders departments depth-first under their parents (siblings keep the order given, which the
 * backend sorted by the person's collation). A department whose parent is missing is shown at
 * the top rather than lost.
 */
export function departmentTree(departments: readonly Department[]): DepartmentInTree[] {
  const ids = new Set(departments.map((d) => d.id))
  const children = new Map<string | null, Department[]>()
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), d])
  }
  const out: DepartmentInTree[] = []
  const seen = new Set<string>()
  const walk = (parent: string | null, level: number) => {
    for (const d of children.get(parent) ?? []) {
      if (seen.has(d.id)) continue
      seen.add(d.id)
      out.push({ ...d, level, hasChildren: (children.get(d.id)?.length ?? 0) > 0 })
      walk(d.id, level + 1)
    }
  }
  walk(null, 0)
  return out
}

/** A department and everything under it: where it must not be moved. */
export function departmentAndDescendants(departments: readonly Department[], id: string): Set<string> {
  const out = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const d of departments) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id)
        grew = true
      }
    }
  }
  return out
}

type DepartmentFields = MethodInput<'admin.departments.create'>
type WorkspaceFields = MethodInput<'admin.workspaces.create'> & Pick<MethodInput<'admin.workspaces.update'>, 'status'>

interface OrganizationState {
  departments: Department[]
  workspaces: Workspace[]
  loaded: boolean
  error: RpcError | null
  formError: RpcError | null
  saving: boolean
  /** The page opened, or something changed: departments and workspaces are read again. */
  refreshed(rpc: RpcClient): Promise<void>
  /** A department form was submitted (new when no id); true when saved. */
  departmentSubmitted(rpc: RpcClient, id: string | null, fields: DepartmentFields): Promise<boolean>
  /** The administrator confirmed deleting a department; true when deleted. */
  departmentDeleted(rpc: RpcClient, id: string): Promise<boolean>
  /** A workspace form was submitted (new when no id); true when saved. */
  workspaceSubmitted(rpc: RpcClient, id: string | null, fields: WorkspaceFields): Promise<boolean>
  /** A form was opened or closed: its old error goes. */
  formReset(): void
}

/** The organization's structure: departments and workspaces. */
export const useOrganization = create<OrganizationState>((set, get) => {
  async function change(rpc: RpcClient, run: () => Promise<{ ok: true } | { ok: false; error: RpcError }>): Promise<boolean> {
    set({ saving: true, formError: null })
    const result = await run()
    set({ saving: false, formError: result.ok ? null : result.error })
    if (result.ok) await get().refreshed(rpc)
    return result.ok
  }

  return {
    departments: [],
    workspaces: [],
    loaded: false,
    error: null,
    formError: null,
    saving: false,
    async refreshed(rpc) {
      const [departments, workspaces] = await Promise.all([
        rpc.call('admin.departments.list', {}),
        rpc.call('admin.workspaces.list', {}),
      ])
      set({
        loaded: true,
        departments: departments.ok ? departments.value : get().departments,
        workspaces: workspaces.ok ? workspaces.value : get().workspaces,
        error: !departments.ok ? departments.error : !workspaces.ok ? workspaces.error : null,
      })
    },
    async departmentSubmitted(rpc, id, fields) {
      return change(rpc, () =>
        id ? rpc.call('admin.departments.update', { departmentId: id, ...fields }) : rpc.call('admin.departments.create', fields),
      )
    },
    async departmentDeleted(rpc, id) {
      return change(rpc, () => rpc.call('admin.departments.delete', { departmentId: id }))
    },
    async workspaceSubmitted(rpc, id, { status, ...fields }) {
      return change(rpc, () =>
        id
          ? rpc.call('admin.workspaces.update', { workspaceId: id, status, ...fields })
          : rpc.call('admin.workspaces.create', fields),
      )
    },
    formReset() {
      set({ formError: null })
    },
  }
})
