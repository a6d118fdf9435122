import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { agencies } from '../../org/schema.js';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { files } from '../../platform/schema.js';
import { type FileRow, type Upload, type UploadOptions, DOCUMENT_TYPES, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { procedures } from '../procedures/schema.js';
import type { Dossier } from './append-action.js';
import { consultationAnswers, dossierConsultations } from './consultation-schema.js';
import { INBOX_PAGE_SIZE } from './inbox-queries.js';
import { dossiers } from './schema.js';

export type Consultation = typeof dossierConsultations.$inferSelect;
export type ConsultationAnswer = typeof consultationAnswers.$inferSelect & { agencyName: string; fileName: string | null };
export type ConsultationView = Consultation & { fileName: string | null; answers: ConsultationAnswer[] };

/** What a question or an answer may carry: a PDF or an office document, judged from its bytes. */
export const ATTACHMENT_TYPES: readonly string[] = DOCUMENT_TYPES;

/** States in which a consultation can still be answered: the dossier is with its process, paused or not. */
export const CONSULTABLE_STATES = ['received', 'processing', 'supplement', 'financial'] as const;

/** The step cannot be handed on while an agency's answer is awaited: the asker waits, or closes the question. */
export async function requireNoOpenConsultation(db: Queryable, dossierId: string): Promise<void> {
  const [open] = await db
    .select({ id: dossierConsultations.id })
    .from(dossierConsultations)
    .where(and(eq(dossierConsultations.dossierId, dossierId), isNull(dossierConsultations.closedAt)))
    .limit(1);
  if (open) throw new Conflict('consultation.error.open');
}

/** A dossier's consultations, newest first, with every consulted agency's answer (or its absence): two queries. */
export async function consultationsOf(db: Queryable, dossierId: string): Promise<ConsultationView[]> {
  const rows = await db
    .select({ c: dossierConsultations, fileName: files.name })
    .from(dossierConsultations)
    .leftJoin(files, eq(files.id, dossierConsultations.fileId))
    .where(eq(dossierConsultations.dossierId, dossierId))
    .orderBy(sql`${dossierConsultations.askedAt} desc`);
  if (rows.length === 0) return [];
  const answers = await answersOf(db, rows.map((r) => r.c.id));
  return rows.map((r) => ({ ...r.c, fileName: r.fileName, answers: answers.filter((a) => a.consultationId === r.c.id) }));
}

async function answersOf(db: Queryable, ids: string[]): Promise<ConsultationAnswer[]> {
  const rows = await db
    .select({ a: consultationAnswers, agencyName: agencies.name, fileName: files.name })
    .from(consultationAnswers)
    .innerJoin(agencies, eq(agencies.id, consultationAnswers.agencyId))
    .leftJoin(files, eq(files.id, consultationAnswers.fileId))
    .where(inArray(consultationAnswers.consultationId, ids));
  const collator = new Intl.Collator('vi');
  return rows.map((r) => ({ ...r.a, agencyName: r.agencyName, fileName: r.fileName })).sort((x, y) => collator.compare(x.agencyName, y.agencyName));
}

/** Agencies a dossier's step holder may consult: every active agency but the dossier's own, by Vietnamese name. */
export async function consultableAgencies(db: Queryable, d: Pick<Dossier, 'agencyId'>): Promise<{ id: string; name: string }[]> {
  const rows = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(and(eq(agencies.active, true), ne(agencies.id, d.agencyId)));
  const collator = new Intl.Collator('vi');
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export type ConsultationInboxRow = {
  consultationId: string;
  agencyId: string;
  agencyName: string;
  dossierId: string;
  code: string | null;
  procedureName: string;
  askedAt: Date;
  answerBy: Date;
};

/**
 * The consulted side's inbox ("Xin ý kiến"): questions to the agencies where the person processes dossiers, not
 * yet answered and not closed by the asker, the soonest answer-by first.
 */
export async function consultationInbox(ctx: Ctx, page: number): Promise<{ rows: ConsultationInboxRow[]; page: number; hasNext: boolean }> {
  const ids = await permittedAgencyIds(ctx, 'dossier.process');
  if (ids !== 'all' && ids.length === 0) return { rows: [], page, hasNext: false };
  const rows = await ctx.db
    .select({
      consultationId: dossierConsultations.id,
      agencyId: consultationAnswers.agencyId,
      agencyName: agencies.name,
      dossierId: dossiers.id,
      code: dossiers.code,
      procedureName: procedures.name,
      askedAt: dossierConsultations.askedAt,
      answerBy: dossierConsultations.answerBy,
    })
    .from(consultationAnswers)
    .innerJoin(dossierConsultations, eq(dossierConsultations.id, consultationAnswers.consultationId))
    .innerJoin(agencies, eq(agencies.id, consultationAnswers.agencyId))
    .innerJoin(dossiers, eq(dossiers.id, dossierConsultations.dossierId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(isNull(consultationAnswers.answeredAt), isNull(dossierConsultations.closedAt), ids === 'all' ? undefined : inArray(consultationAnswers.agencyId, ids)))
    .orderBy(asc(dossierConsultations.answerBy), asc(dossierConsultations.id))
    .limit(INBOX_PAGE_SIZE + 1)
    .offset((page - 1) * INBOX_PAGE_SIZE);
  return { rows: rows.slice(0, INBOX_PAGE_SIZE), page, hasNext: rows.length > INBOX_PAGE_SIZE };
}

/** Runs the work in one transaction with the uploaded file stored and recorded, or without one when none was sent. */
export async function withOptionalUpload<T>(ctx: Ctx, storage: FileStorage, upload: Upload | null, opts: UploadOptions, work: (tx: Ctx & { db: Tx }, file: FileRow | null) => Promise<T>): Promise<T> {
  if (!upload) return inTransaction(ctx, (tx) => work(tx, null));
  return saveUpload(ctx, storage, upload, opts, work);
}
