/**
 * Pure rules of the product category tree, shared by the backend (which refuses a bad move)
 * and the renderer (which does not offer one).
 */

/** A node of a tree: its id and its parent's id (null at the top). */
export interface TreeNode {
  id: string
  parentId: string | null
}

/**
 * True when putting `id` under `newParentId` would make a cycle: the new parent is the node
 * itself or one of its descendants. Walks up from the new parent; the visited set stops the
 * walk even if the stored data already has a cycle.
 */
export function wouldCreateCycle(nodes: Iterable<TreeNode>, id: string, newParentId: string | null): boolean {
  const parentOf = new Map<string, string | null>()
  for (const n of nodes) parentOf.set(n.id, n.parentId)
  const seen = new Set<string>()
  for (let at: string | null | undefined = newParentId; at && !seen.has(at); at = parentOf.get(at)) {
    if (at === id) return true
    seen.add(at)
  }
  return false
}

/** A node and everything under it (ids), e.g. to filter by a category and its sub-categories. */
export function subtreeIds(nodes: Iterable<TreeNode>, rootId: string): Set<string> {
  const children = new Map<string, string[]>()
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id])
  const out = new Set<string>([rootId])
  const stack = [rootId]
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!out.has(child)) {
        out.add(child)
        stack.push(child)
      }
    }
  }
  return out
}
