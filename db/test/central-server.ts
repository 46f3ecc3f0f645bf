/** What global setup tells test files about the shared PostgreSQL 14 server. */
export interface CentralServer {
  host: string
  port: number
  /** superuser that owns the schema (like the migrating user on RDS) */
  user: string
  password: string
  /** application login: member of prometric_app, no BYPASSRLS */
  loginUser: string
  loginPassword: string
  /** sync login: member of prometric_sync only (executes the sync API, reads no table) */
  syncUser: string
  syncPassword: string
}

/** The database migrated once for central; test files clone it. */
export const CENTRAL_TEMPLATE = 'prometric_template'

declare module 'vitest' {
  export interface ProvidedContext {
    centralServer: CentralServer
  }
}
