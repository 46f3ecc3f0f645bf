/**
 * Production (0006): production orders, bills of materials and their components. Quantities
 * are fractional (a BOM may make 2.5 kg); quantity_produced is derived from the ledger's
 * production_output rows.
 */
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, numeric, pgTable, text, unique, uuid, varchar } from 'drizzle-orm/pg-core'
import { products } from './catalog'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt, wallClock } from './helpers'
import { orders } from './orders'
import { employees, organizations, workspaces } from './organization'

/** Orders to produce a product, optionally for a sales order and from a BOM. */
export const productionOrders = pgTable(
  'production_orders',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    productionNumber: varchar('production_number', { length: 50 }).unique('production_orders_production_number_key'),
    orderId: uuid('order_id').references(() => orders.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    // The migration adds this key after bills_of_materials exists; here the reference is lazy.
    bomId: uuid('bom_id').references(() => billsOfMaterials.id),
    quantityToProduce: numeric('quantity_to_produce', { precision: 12, scale: 3 }).notNull(),
    /** Σ of the production_output ledger rows (trigger); a written value is replaced. */
    quantityProduced: numeric('quantity_produced', { precision: 12, scale: 3 }).notNull().default('0'),
    quantityCompleted: numeric('quantity_completed', { precision: 12, scale: 3 }).notNull().default('0'),
    quantityScrapped: numeric('quantity_scrapped', { precision: 12, scale: 3 }).notNull().default('0'),
    status: varchar('status', { length: 20, enum: ['pending', 'scheduled', 'in_progress', 'completed', 'cancelled', 'on_hold'] })
      .notNull()
      .default('pending'),
    priority: varchar('priority', { length: 10, enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    plannedStartDate: wallClock('planned_start_date'),
    plannedEndDate: wallClock('planned_end_date'),
    actualStartDate: wallClock('actual_start_date'),
    actualEndDate: wallClock('actual_end_date'),
    dueDate: wallClock('due_date'),
    productionLine: varchar('production_line', { length: 100 }),
    workCenter: varchar('work_center', { length: 100 }),
    shift: varchar('shift', { length: 20 }),
    /** Employee ids (no foreign key: PostgreSQL has none for array elements). */
    assignedTeam: uuid('assigned_team').array(),
    estimatedCost: numeric('estimated_cost', { precision: 12, scale: 2 }).default('0'),
    actualCost: numeric('actual_cost', { precision: 12, scale: 2 }).default('0'),
    materialCost: numeric('material_cost', { precision: 12, scale: 2 }).default('0'),
    laborCost: numeric('labor_cost', { precision: 12, scale: 2 }).default('0'),
    overheadCost: numeric('overhead_cost', { precision: 12, scale: 2 }).default('0'),
    qualityStandard: varchar('quality_standard', { length: 50 }),
    qcRequired: boolean('qc_required').notNull().default(true),
    qcPassed: boolean('qc_passed'),
    qcNotes: text('qc_notes'),
    notes: text('notes'),
    instructions: text('instructions'),
    customFields: jsonObject('custom_fields'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('production_orders_priority_check', oneOf(t.priority)),
    check('production_orders_status_check', oneOf(t.status)),
    index('idx_production_orders_due_date').on(t.dueDate),
    index('idx_production_orders_order_id').on(t.orderId),
    index('idx_production_orders_org_id').on(t.organizationId),
    index('idx_production_orders_priority').on(t.priority),
    index('idx_production_orders_product_id').on(t.productId),
    index('idx_production_orders_status').on(t.status),
    index('idx_production_orders_workspace_id').on(t.workspaceId),
  ],
)

/** Versions of the recipe of a product. */
export const billsOfMaterials = pgTable(
  'bills_of_materials',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    version: varchar('version', { length: 20 }).notNull().default('1.0'),
    name: varchar('name', { length: 255 }).notNull(),
    description: text('description'),
    /** How much of the product one run of this BOM makes. */
    quantity: numeric('quantity', { precision: 10, scale: 3 }).notNull().default('1'),
    unit: varchar('unit', { length: 20 }).notNull().default('шт'),
    status: varchar('status', { length: 20, enum: ['draft', 'active', 'inactive', 'archived'] })
      .notNull()
      .default('draft'),
    isDefault: boolean('is_default').notNull().default(false),
    leadTimeDays: integer('lead_time_days').default(0),
    setupTimeMinutes: integer('setup_time_minutes').default(0),
    productionTimeMinutes: integer('production_time_minutes').default(0),
    materialCost: numeric('material_cost', { precision: 12, scale: 2 }).default('0'),
    laborCost: numeric('labor_cost', { precision: 12, scale: 2 }).default('0'),
    overheadCost: numeric('overhead_cost', { precision: 12, scale: 2 }).default('0'),
    totalCost: numeric('total_cost', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`material_cost + labor_cost + overhead_cost`,
    ),
    validFrom: date('valid_from', { mode: 'string' }).default(sql`CURRENT_DATE`),
    validTo: date('valid_to', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => employees.id),
    approvedBy: uuid('approved_by').references(() => employees.id),
    approvedAt: wallClock('approved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('bills_of_materials_status_check', oneOf(t.status)),
    unique('uk_bom_product_version').on(t.productId, t.version),
    index('idx_bom_is_default').on(t.isDefault),
    index('idx_bom_org_id').on(t.organizationId),
    index('idx_bom_product_id').on(t.productId),
    index('idx_bom_status').on(t.status),
    index('idx_bom_workspace_id').on(t.workspaceId),
  ],
)

/** Materials of a BOM per unit produced, with scrap factor and substitutes. */
export const bomComponents = pgTable(
  'bom_components',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    bomId: uuid('bom_id')
      .notNull()
      .references(() => billsOfMaterials.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => products.id),
    sequenceNumber: integer('sequence_number').notNull().default(1),
    quantityPerUnit: numeric('quantity_per_unit', { precision: 10, scale: 3 }).notNull().default('1'),
    unit: varchar('unit', { length: 20 }).notNull().default('шт'),
    /** Waste as a fraction: 0.05 means 5 % more material is consumed. */
    scrapFactor: numeric('scrap_factor', { precision: 5, scale: 3 }).notNull().default('0'),
    substituteComponentId: uuid('substitute_component_id').references(() => products.id),
    substitutionRatio: numeric('substitution_ratio', { precision: 5, scale: 3 }).default('1'),
    operationSequence: integer('operation_sequence'),
    operationNotes: text('operation_notes'),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }).notNull().default('0'),
    totalCost: numeric('total_cost', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`unit_cost * quantity_per_unit * (1 + scrap_factor)`,
    ),
    specifications: jsonObject('specifications'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_bom_components_bom_id').on(t.bomId),
    index('idx_bom_components_component_id').on(t.componentId),
    index('idx_bom_components_sequence').on(t.bomId, t.sequenceNumber),
  ],
)

/** A row of production_orders. */
export type ProductionOrder = typeof productionOrders.$inferSelect
/** A production_orders row to insert. */
export type NewProductionOrder = typeof productionOrders.$inferInsert
/** A row of bills_of_materials. */
export type BillOfMaterials = typeof billsOfMaterials.$inferSelect
/** A bills_of_materials row to insert. */
export type NewBillOfMaterials = typeof billsOfMaterials.$inferInsert
/** A row of bom_components. */
export type BomComponent = typeof bomComponents.$inferSelect
/** A bom_components row to insert. */
export type NewBomComponent = typeof bomComponents.$inferInsert
