import { and, eq, ilike, isNull, or, sql } from 'drizzle-orm'
import { type Orm, schema } from '../data/orm'
import type { DomainHandlers } from '../dispatcher'

/** Handlers of people administration, within the caller's organization. */
export function peopleHandlers(deps: { orm: Orm }): DomainHandlers<'people.list'> {
  return {
    'people.list': async ({ search }, ctx) => {
      const session = ctx.connection.session!
      const { users, employees, workspaces, departments } = schema
      const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
      const rows = await deps.orm
        .select({
          userId: users.id,
          employeeId: employees.id,
          firstName: users.firstName,
          lastName: users.lastName,
          email: users.email,
          phone: users.phone,
          role: users.organizationRole,
          userStatus: users.status,
          employeeStatus: employees.status,
          position: employees.position,
          workspaceId: workspaces.id,
          workspaceName: workspaces.name,
          departmentId: employees.departmentId,
          departmentName: departments.name,
          employeeNumber: employees.employeeNumber,
          hireDate: employees.hireDate,
          lastLoginAt: users.lastLoginAt,
        })
        .from(employees)
        .innerJoin(users, eq(users.id, employees.userId))
        .innerJoin(workspaces, eq(workspaces.id, employees.workspaceId))
        .leftJoin(departments, eq(departments.id, employees.departmentId))
        .where(
          and(
            eq(employees.organizationId, session.organizationId),
            isNull(employees.deletedAt),
            pattern
              ? or(ilike(users.email, pattern), ilike(sql`${users.firstName} || ' ' || ${users.lastName}`, pattern))
              : undefined,
          ),
        )
        .limit(500)
      // Sorted here with the person's collation (Ё, Kazakh letters): PGlite has no ICU.
      const collator = new Intl.Collator(ctx.connection.locale === 'en' ? 'en' : ctx.connection.locale)
      return rows
        .map((r) => ({ ...r, fullName: `${r.lastName} ${r.firstName}`.trim() || r.email }))
        .sort((a, b) => collator.compare(a.fullName, b.fullName))
    },
  }
}
