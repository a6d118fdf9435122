import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { validateAnswers } from '../forms/validate-answers.js';
import type { Dossier } from './append-action.js';
import { applicantFields, ownDossier, versionOf } from './filing-rules.js';
import { dossiers } from './schema.js';

const input = z.object(applicantFields);

/**
 * Keeps what the applicant has typed so far. Formats are checked (a wrong ID number is said now, not at
 * submission) but nothing is required yet. Only a draft can be edited: once filed, the dossier is the desk's.
 */
export async function saveDraft(ctx: Ctx, id: string, raw: Record<string, unknown>): Promise<Dossier> {
  const current = await ownDossier(ctx, id);
  if (current.state !== 'draft') throw new Conflict('dossier.error.notDraft');
  const version = await versionOf(ctx.db, current);
  const errors = {};
  let applicant: z.output<typeof input> | null = null;
  let answers: Dossier['answers'] = {};
  try {
    applicant = parseInput(input, raw);
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    Object.assign(errors, err.fields);
  }
  try {
    answers = validateAnswers(version.definition.form, raw, { partial: true, now: ctx.now() }).answers;
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    Object.assign(errors, err.fields);
  }
  if (!applicant || Object.keys(errors).length > 0) throw new Invalid(errors);
  if (applicant.delivery && !version.definition.deliveries.includes(applicant.delivery)) throw new Invalid({ delivery: { key: 'field.invalid' } });
  return inTransaction(ctx, async (tx) => {
    const locked = await ownDossier(tx, id, true);
    if (locked.state !== 'draft') throw new Conflict('dossier.error.notDraft');
    const [row] = await tx.db
      .update(dossiers)
      .set({
        applicantName: applicant.applicantName,
        applicantIdNumber: applicant.applicantIdNumber ?? null,
        applicantEmail: applicant.applicantEmail ?? null,
        applicantPhone: applicant.applicantPhone ?? null,
        applicantAddress: applicant.applicantAddress ?? null,
        applicantKind: version.definition.applicants.includes(applicant.applicantKind) ? applicant.applicantKind : locked.applicantKind,
        delivery: applicant.delivery ?? locked.delivery,
        summary: applicant.summary ?? null,
        answers,
        updatedAt: ctx.now(),
      })
      .where(eq(dossiers.id, id))
      .returning();
    return row!;
  });
}
