import { bigint, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from '../../platform/schema.js';
import { dossiers } from '../dossiers/schema.js';

export const paymentStatus = pgEnum('payment_status', ['pending', 'paid', 'failed', 'expired']);

/**
 * Fee payments of a dossier through the national payment platform. `reference` is the MaThamChieu sent with INIT;
 * the platform's answers are kept as received, for reconciliation.
 */
export const dossierPayments = pgTable(
  'dossier_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'restrict' }),
    reference: text('reference').notNull(),
    /** Whole đồng. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: paymentStatus('status').notNull().default('pending'),
    /** The procedure's fees, or a financial obligation asked for during processing (state 6). */
    purpose: text('purpose', { enum: ['fee', 'obligation'] }).notNull().default('fee'),
    /** For an obligation: the log action that asked for it, so a late payment of an older request resumes nothing. */
    obligationSeq: integer('obligation_seq'),
    paymentUrl: text('payment_url'),
    /** The platform's transaction code and last status message. */
    platformTransactionId: text('platform_transaction_id'),
    platformData: jsonb('platform_data').$type<Record<string, unknown>>().notNull().default({}),
    receiptFileId: uuid('receipt_file_id').references(() => files.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('dossier_payments_reference').on(t.reference), index('dossier_payments_dossier').on(t.dossierId), index('dossier_payments_pending').on(t.status, t.createdAt)],
);

/** The applicant's rating of a returned dossier: one per dossier. */
export const dossierRatings = pgTable(
  'dossier_ratings',
  {
    dossierId: uuid('dossier_id')
      .primaryKey()
      .references(() => dossiers.id, { onDelete: 'restrict' }),
    /** 1 very dissatisfied … 5 very satisfied. */
    level: smallint('level').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
);
