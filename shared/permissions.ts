/**
 * The catalog of named permissions. Every backend handler that is not public declares one of
 * these; an organization role grants a default set, and an employee's `permissions` list adds
 * to it. Hiding a button is never the check: the backend is.
 */
export const permissionCatalog = {
  // Administration
  'users.manage': 'Create, suspend and reset sign-in of users',
  'org.manage': 'Edit the organization, its workspaces and departments',
  'employees.manage': 'Create and edit employees',
  'employees.readSensitive': 'Read employees’ IIN and passport data',
  'settings.manage': 'Change application settings and number series',
  'audit.read': 'Read the audit trail',
  // Catalog and warehouse
  'catalog.read': 'See products and categories',
  'catalog.manage': 'Create and edit products, barcodes and categories',
  'inventory.read': 'See stock, movements and counts',
  'inventory.post': 'Post receipts, shipments, transfers and returns',
  'inventory.count': 'Count stock in a count session',
  'inventory.adjust': 'Approve counts and post adjustments',
  // Production
  'bom.manage': 'Create and edit bills of materials',
  'bom.approve': 'Approve and activate bills of materials',
  'production.plan': 'Create and schedule production orders',
  'production.report': 'Issue materials and report output',
  'production.qc': 'Record quality control results',
  // Sales and CRM
  'customers.read': 'See customers',
  'customers.manage': 'Create and edit customers, contacts and addresses',
  'deals.manage': 'Work with deals and activities',
  'orders.manage': 'Create and edit sales and purchase orders',
  // Finance
  'invoices.manage': 'Create and send invoices',
  'payments.manage': 'Record and allocate payments, refunds',
  // Work
  'tasks.manage': 'Create and assign tasks and projects',
  'time.record': 'Record own time entries',
  'time.approve': 'Approve or reject time entries',
  // Data exchange
  'data.import': 'Import customers and products',
  'data.export': 'Export customers and products',
  'sync.manage': 'Resolve quarantined changes and conflicts',
} as const

/** One permission name. */
export type Permission = keyof typeof permissionCatalog

/** The seed's organization roles. */
export const organizationRoles = ['owner', 'admin', 'manager', 'employee'] as const

/** One organization role. */
export type OrganizationRole = (typeof organizationRoles)[number]

const all = Object.keys(permissionCatalog) as Permission[]

const employeeDefaults: Permission[] = [
  'catalog.read',
  'inventory.read',
  'inventory.post',
  'inventory.count',
  'production.report',
  'customers.read',
  'time.record',
]

const managerDefaults: Permission[] = [
  ...employeeDefaults,
  'catalog.manage',
  'inventory.adjust',
  'bom.manage',
  'bom.approve',
  'production.plan',
  'production.qc',
  'customers.manage',
  'deals.manage',
  'orders.manage',
  'invoices.manage',
  'payments.manage',
  'tasks.manage',
  'time.approve',
  'data.import',
  'data.export',
  'audit.read',
  'sync.manage',
]

/** What each role may do before any per-employee additions. */
export const roleDefaults: Record<OrganizationRole, readonly Permission[]> = {
  owner: all,
  admin: all,
  manager: managerDefaults,
  employee: employeeDefaults,
}

/** True when a string is a permission of the catalog. */
export function isPermission(name: string): name is Permission {
  return Object.hasOwn(permissionCatalog, name)
}

/**
 * The permissions a person has: their role's defaults plus the employee's own list. Unknown
 * names in the list (from an older or newer version) are ignored, never granted.
 */
export function effectivePermissions(role: OrganizationRole, extra: readonly string[] = []): Set<Permission> {
  return new Set<Permission>([...roleDefaults[role], ...extra.filter(isPermission)])
}
