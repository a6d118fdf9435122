import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'mfa' waits for the second factor, 'password' for a forced change, 'active' is a full sign-in. */
    stage: text('stage', { enum: ['mfa', 'password', 'active'] }).notNull(),
    mfaVerified: boolean('mfa_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Append-only and hash-chained: each row's hash covers its content and the previous row's hash in its chain. An
 * agency's entries form that agency's chain (`chain` = its id), the rest the platform chain, so writers in different
 * agencies do not wait for each other. Entries written before chains existed have no chain: they are the start of
 * the platform chain, and their hash does not cover a chain key.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    chain: text('chain'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    agencyId: uuid('agency_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_actor').on(t.actorId),
    index('audit_log_entity').on(t.entityType, t.entityId),
    index('audit_log_action').on(t.action),
    index('audit_log_chain').on(t.chain, t.seq),
  ],
);

/** A resized rendition of an uploaded image, stored beside the original. */
export type ImageVariant = { width: number; height: number; key: string; contentType: string; size: number };

/**
 * Uploaded files (portal images and PDFs, dossier attachments): the bytes live in the file storage under `key`;
 * this row says what they are. The content type is the one sniffed from the bytes, never the one the browser sent.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width'),
    height: integer('height'),
    variants: jsonb('variants').$type<ImageVariant[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('files_key').on(t.key)],
);
