import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/schema.js';
import { agencies } from '../../org/schema.js';
import { files } from '../../platform/schema.js';
import type { FormAnswers } from '../forms/definition.js';
import { procedures, procedureVersions } from '../procedures/schema.js';

/**
 * Where a dossier stands. Apart from draft, each maps to one status of the national portal's set (status.ts):
 * submitted 1, received 2, refused 3, processing 4, supplement 5, financial 6, withdrawn 7, stopped 8, processed 9,
 * returned 10. The state is a projection of the action log, written in the same transaction as the action.
 */
export const dossierState = pgEnum('dossier_state', [
  'draft',
  'submitted',
  'received',
  'refused',
  'processing',
  'supplement',
  'financial',
  'withdrawn',
  'stopped',
  'processed',
  'returned',
]);
export const dossierChannel = pgEnum('dossier_channel', ['online', 'in_person', 'post']);
export const applicantKind = pgEnum('applicant_kind', ['citizen', 'enterprise', 'organisation']);
export const resultDelivery = pgEnum('result_delivery', ['counter', 'post', 'electronic']);

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** {agency code}-{yyMMdd}-{NNNN}, given at submission (codes.ts); drafts have none. */
    code: text('code'),
    /** The competent agency, which processes it. */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    /** The one-stop desk that receives and returns it. */
    deskAgencyId: uuid('desk_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'restrict' }),
    procedureVersionId: uuid('procedure_version_id')
      .notNull()
      .references(() => procedureVersions.id, { onDelete: 'restrict' }),
    /** Copied at filing: the statistics count the level the dossier was filed at. */
    level: text('level', { enum: ['full_online', 'partial', 'offline'] }).notNull(),
    channel: dossierChannel('channel').notNull(),
    state: dossierState('state').notNull().default('draft'),
    /** The citizen's account for online dossiers; none for dossiers entered at the desk. */
    applicantId: uuid('applicant_id').references(() => users.id, { onDelete: 'restrict' }),
    applicantKind: applicantKind('applicant_kind').notNull().default('citizen'),
    applicantName: text('applicant_name').notNull(),
    /**
     * CCCD (12 digits), old CMND (9), or a tax code for enterprises: with the code, the key to the public lookup.
     * Required from submission on; a draft may not have it yet.
     */
    applicantIdNumber: text('applicant_id_number'),
    applicantEmail: text('applicant_email'),
    applicantPhone: text('applicant_phone'),
    applicantAddress: text('applicant_address'),
    summary: text('summary'),
    answers: jsonb('answers').$type<FormAnswers>().notNull().default({}),
    delivery: resultDelivery('delivery').notNull().default('counter'),
    /** The key a citizen's browser sends with the submission: a retried or doubled submit finds this dossier. */
    submissionKey: uuid('submission_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    /** The appointment: when the result is due, moved by pauses and apologies. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Set while the clock is stopped (supplement requested, financial obligation). */
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    /** Processing ended (processed, refused, withdrawn or stopped). */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    /** The process step now acting, the role that acts there, and who holds it when assigned. */
    stepCode: text('step_code'),
    stepRole: text('step_role'),
    stepDueAt: timestamp('step_due_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    feeTotal: bigint('fee_total', { mode: 'number' }).notNull().default(0),
    /** The financial obligation (taxes, registration fees) the applicant was asked to pay, in đồng; 0 when none is open. */
    obligationAmount: bigint('obligation_amount', { mode: 'number' }).notNull().default(0),
    /**
     * A financial obligation was asked for at some time, met or not: with fees, what makes the dossier one that has
     * something to pay, the base of Decision 766's online payment share (obligationAmount goes back to 0 once paid).
     */
    obligationRequested: boolean('obligation_requested').notNull().default(false),
    /** Fees or a financial obligation were paid through the payment platform; never set by a payment the desk records. */
    paidOnline: boolean('paid_online').notNull().default(false),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** Received with documents in electronic form / returned with an electronic result (Decision 766). */
    digitised: boolean('digitised').notNull().default(false),
    electronicResult: boolean('electronic_result').notNull().default(false),
    /** 1 very dissatisfied … 5 very satisfied. */
    rating: smallint('rating'),
    /** Number of the last action in the log: an action is appended as lastSeq + 1, so racing actions conflict. */
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [
    uniqueIndex('dossiers_code').on(t.code),
    uniqueIndex('dossiers_submission').on(t.applicantId, t.submissionKey),
    index('dossiers_applicant').on(t.applicantId, t.createdAt),
    index('dossiers_agency_state').on(t.agencyId, t.state),
    index('dossiers_desk_state').on(t.deskAgencyId, t.state),
    index('dossiers_assignee').on(t.assigneeId, t.stepDueAt).where(sql`${t.assigneeId} is not null`),
    index('dossiers_inbox').on(t.agencyId, t.stepRole, t.stepDueAt).where(sql`${t.state} in ('submitted', 'received', 'processing', 'processed')`),
    index('dossiers_submitted').on(t.submittedAt),
    index('dossiers_id_number').on(t.applicantIdNumber),
    // The statistics' in-progress columns at the present: received and not finished, read from the index alone.
    index('dossiers_open').on(t.agencyId, t.receivedAt, t.dueAt, t.pausedSince).where(sql`${t.finishedAt} is null and ${t.receivedAt} is not null`),
    index('dossiers_paused').on(t.agencyId).where(sql`${t.pausedSince} is not null`),
  ],
);

/**
 * The dossier's history, append-only (a trigger refuses UPDATE and DELETE). Each action names the state before and
 * after; folding the log gives the dossier's state (status.ts). `key` makes a retried action a no-op.
 */
export const dossierActions = pgTable(
  'dossier_actions',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'restrict' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    key: text('key').notNull(),
    fromState: dossierState('from_state'),
    toState: dossierState('to_state').notNull(),
    stepCode: text('step_code'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name').notNull(),
    /** The agency the actor acted for (the control slip names the hand-over between units). */
    actorAgencyId: uuid('actor_agency_id').references(() => agencies.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The step's due time when it was handed over, to judge it early, on time or late. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.seq] }), uniqueIndex('dossier_actions_key').on(t.dossierId, t.key), index('dossier_actions_actor').on(t.actorId, t.at)],
);

/** Per-agency daily counters behind dossier codes: one row per agency and day, incremented under its row lock. */
export const dossierCounters = pgTable(
  'dossier_counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

export const dossierFilePurpose = pgEnum('dossier_file_purpose', ['document', 'supplement', 'result', 'slip', 'other']);

/** Files of a dossier: the documents the applicant submitted (by required-document code), supplements, results, slips. */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    purpose: dossierFilePurpose('purpose').notNull(),
    documentCode: text('document_code'),
    /** The action that brought it (a supplement answer, a result), if any. */
    actionSeq: integer('action_seq'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_files_dossier').on(t.dossierId, t.purpose)],
);
