import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/schema.js';
import { agencies } from '../../org/schema.js';
import { files } from '../../platform/schema.js';
import { dossiers } from './schema.js';

/**
 * A question the holder of a dossier's step sends to other agencies (xin ý kiến, liên thông), with an answer-by
 * time in working time. The dossier stays with the step and its clock keeps running; while the consultation is
 * open (not closed, some agency not answered) the step cannot be completed. `seq` is the log action that opened it.
 */
export const dossierConsultations = pgTable(
  'dossier_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'restrict' }),
    seq: integer('seq').notNull(),
    stepCode: text('step_code'),
    question: text('question').notNull(),
    /** The question's attachment, if any. */
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'restrict' }),
    askedBy: uuid('asked_by').references(() => users.id, { onDelete: 'set null' }),
    askedByName: text('asked_by_name').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    answerBy: timestamp('answer_by', { withTimezone: true }).notNull(),
    /** Closed when the last agency answers, or by the asker who will not wait any longer. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('dossier_consultations_dossier').on(t.dossierId, t.askedAt)],
);

/** One consulted agency's part of a consultation: it answers once. */
export const consultationAnswers = pgTable(
  'consultation_answers',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => dossierConsultations.id, { onDelete: 'restrict' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    answer: text('answer'),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'restrict' }),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  // The consulted agency's inbox: its questions not yet answered.
  (t) => [primaryKey({ columns: [t.consultationId, t.agencyId] }), index('consultation_answers_agency').on(t.agencyId, t.answeredAt)],
);
