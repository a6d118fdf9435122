import { eq } from 'drizzle-orm';
import { can } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.js';
import { files } from '../../platform/schema.js';
import { dossierConsultations } from './consultation-schema.js';
import { type ConsultationView, consultationsOf } from './consultations.js';
import { type DossierView, dossierView } from './queries.js';
import { auditDossierRead } from './read-dossier.js';
import { dossiers } from './schema.js';

export type ConsultationRead = {
  consultation: ConsultationView;
  /** The dossier as far as an opinion needs it: no contact details or ID number of the applicant. */
  view: DossierView;
  /** The consulted agencies this person may answer for and that have not answered yet. */
  answerable: { agencyId: string; agencyName: string }[];
};

/**
 * A consultation as a consulted agency's official opens it: they may read it if they process dossiers at one of
 * the consulted agencies (read access scoped to the question), or if they may read the dossier anyway (the asker's
 * side). The read is audited like any read of the dossier, naming the consultation.
 */
export async function readConsultation(ctx: Ctx, consultationId: string): Promise<ConsultationRead> {
  if (!ctx.actor) throw new Unauthenticated();
  const [c] = await ctx.db.select().from(dossierConsultations).where(eq(dossierConsultations.id, consultationId));
  if (!c) throw new NotFound();
  const [d] = await ctx.db.select().from(dossiers).where(eq(dossiers.id, c.dossierId));
  if (!d) throw new NotFound();
  const consultation = (await consultationsOf(ctx.db, d.id)).find((x) => x.id === c.id)!;
  const mine: { agencyId: string; agencyName: string; answered: boolean }[] = [];
  for (const a of consultation.answers) if (await can(ctx, 'dossier.process', a.agencyId)) mine.push({ agencyId: a.agencyId, agencyName: a.agencyName, answered: a.answeredAt !== null });
  const dossierReader = (await can(ctx, 'dossier.read', d.agencyId)) || (await can(ctx, 'dossier.read', d.deskAgencyId));
  if (mine.length === 0 && !dossierReader) throw new Forbidden();
  await auditDossierRead(ctx, d, ['answers', 'files', `consultation:${c.id}`]);
  const full = await dossierView(ctx.db, d);
  // Only what an opinion needs: the form and the documents, not how to reach the applicant.
  const view: DossierView = {
    ...full,
    dossier: { ...d, applicantIdNumber: null, applicantEmail: null, applicantPhone: null, applicantAddress: null },
    files: full.files.filter((f) => f.purpose === 'document' || f.purpose === 'supplement'),
  };
  return { consultation, view, answerable: c.closedAt ? [] : mine.filter((m) => !m.answered).map(({ agencyId, agencyName }) => ({ agencyId, agencyName })) };
}

/** A file of a consultation (the question's or an answer's) or a document of its dossier, for whoever may read it. */
export async function consultationFile(ctx: Ctx, consultationId: string, fileId: string) {
  const { consultation, view } = await readConsultation(ctx, consultationId);
  const own = [consultation.fileId, ...consultation.answers.map((a) => a.fileId)].includes(fileId);
  const doc = view.files.find((f) => f.id === fileId);
  const id = own ? fileId : doc?.fileId;
  if (!id) throw new NotFound();
  const [row] = await ctx.db.select().from(files).where(eq(files.id, id));
  if (!row) throw new NotFound();
  return row;
}
