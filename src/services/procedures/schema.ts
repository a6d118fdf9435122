import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/schema.js';
import { agencies } from '../../org/schema.js';
import type { VersionDefinition } from './definition.js';

/** Fields (lĩnh vực) group procedures, as in the National Database of Administrative Procedures. */
export const procedureFields = pgTable(
  'procedure_fields',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedure_fields_code').on(t.code)],
);

/**
 * Decree 42/2022 levels: toàn trình (filed and resolved online, result online or by post), một phần (partly online),
 * and offline (information only). `legacyLevel` keeps the 2011 levels 1–4 that older data carries.
 */
export const procedureLevel = pgEnum('procedure_level', ['full_online', 'partial', 'offline']);
export const procedureTier = pgEnum('procedure_tier', ['province', 'commune']);

/**
 * A procedure (thủ tục hành chính) in the province's catalogue. What a dossier is filed under lives in its versions;
 * the row holds what the catalogue lists and searches by, and which version is in force.
 */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** National code, e.g. 1.000656. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    fieldId: uuid('field_id')
      .notNull()
      .references(() => procedureFields.id, { onDelete: 'restrict' }),
    level: procedureLevel('level').notNull(),
    legacyLevel: integer('legacy_level'),
    tier: procedureTier('tier').notNull(),
    /** The agency that keeps this entry of the catalogue (permissions are checked against it). */
    ownerAgencyId: uuid('owner_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    currentVersionId: uuid('current_version_id').references((): AnyPgColumn => procedureVersions.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedures_code').on(t.code), index('procedures_field').on(t.fieldId), index('procedures_owner').on(t.ownerAgencyId)],
);

export const procedureVersionStatus = pgEnum('procedure_version_status', ['draft', 'published', 'retired']);

/**
 * One version of a procedure's rules. A draft is edited in place; publishing freezes it and makes it current, and
 * the version it replaces is retired (dossiers filed under it keep pointing at it). One draft at a time.
 */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: procedureVersionStatus('status').notNull().default('draft'),
    definition: jsonb('definition').$type<VersionDefinition>().notNull(),
    /** What changed, for the people reading the history. */
    note: text('note'),
    /** Optimistic lock for a draft being edited. */
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('procedure_versions_number').on(t.procedureId, t.number),
    uniqueIndex('procedure_versions_one_draft').on(t.procedureId).where(sql`${t.status} = 'draft'`),
  ],
);

/**
 * Agencies competent to resolve a procedure, and the one-stop desk that receives and returns their dossiers (often
 * the provincial Public Administration Service Centre). A dossier is routed to the competent agency whatever the
 * applicant's address.
 */
export const procedureAgencies = pgTable(
  'procedure_agencies',
  {
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    deskAgencyId: uuid('desk_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.agencyId] }), index('procedure_agencies_agency').on(t.agencyId), index('procedure_agencies_desk').on(t.deskAgencyId)],
);
