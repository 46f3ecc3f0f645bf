/** The modules of the app, in the order of the navigation. */
export const moduleIds = ['warehouse', 'production', 'sales', 'finance', 'work', 'sync', 'admin', 'system'] as const

/** One module of the app. */
export type ModuleId = (typeof moduleIds)[number]

/** Reads a module id from a `#/module` hash; unknown hashes open the first module. */
export function moduleFromHash(hash: string): ModuleId {
  const id = hash.replace(/^#\/?/, '').split('/')[0]
  return (moduleIds as readonly string[]).includes(id ?? '') ? (id as ModuleId) : 'warehouse'
}
