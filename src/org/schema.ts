import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const unitLevel = pgEnum('unit_level', ['province', 'district', 'commune']);

/**
 * Administrative units are versioned: a code may be reused or a unit renamed, so a row is one unit over one
 * validity period. Two-tier (2025) and three-tier (before July 2025) data live side by side.
 */
export const adminUnits = pgTable(
  'admin_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    level: unitLevel('level').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => adminUnits.id, { onDelete: 'restrict' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('admin_units_code_from').on(t.code, t.validFrom),
    index('admin_units_parent').on(t.parentId),
    check('admin_units_valid_range', sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
);

export const adminUnitSuccessors = pgTable(
  'admin_unit_successors',
  {
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => adminUnits.id, { onDelete: 'cascade' }),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => adminUnits.id, { onDelete: 'cascade' }),
    part: text('part', { enum: ['full', 'partial'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] }), index('admin_unit_successors_succ').on(t.successorId)],
);

export const agencyType = pgEnum('agency_type', [
  'people_committee',
  'department',
  'service_centre',
  'division',
  'commune_committee',
  'public_unit',
  'other',
]);

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id, { onDelete: 'restrict' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    type: agencyType('type').notNull(),
    adminUnitId: uuid('admin_unit_id').references(() => adminUnits.id, { onDelete: 'restrict' }),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    hasOneStopDesk: boolean('has_one_stop_desk').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agencies_code').on(t.code), index('agencies_parent').on(t.parentId)],
);
