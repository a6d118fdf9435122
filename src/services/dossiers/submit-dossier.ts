import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, NotFound } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { validateAnswers } from '../forms/validate-answers.js';
import { type Dossier, appendAction } from './append-action.js';
import { nextDossierCode } from './codes.js';
import { procedureVersions } from '../procedures/schema.js';
import { applicantFields, draftAsForm, feeTotal, idNumberField, requireCitizen } from './filing-rules.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossierFiles, dossiers } from './schema.js';

const input = z.object({
  ...applicantFields,
  applicantIdNumber: idNumberField,
  submissionKey: z.uuid({ error: 'dossier.error.submissionKey' }),
});

/**
 * Files the applicant's draft: everything the form and the procedure require must be there. The dossier gets its
 * code and goes to the desk in one transaction, with its first log entry and the applicant's email; the answer
 * is given only after commit, so an acknowledged submission is durable. The submission key (a hidden field made
 * with the form) makes a double click or a retried request return the same dossier instead of an error.
 */
export async function submitDossier(ctx: Ctx, deps: NotifyDeps, id: string, body: Record<string, unknown>): Promise<Dossier> {
  const { current, definition, uploaded } = await draftToFile(ctx, id);
  const key = typeof body.submissionKey === 'string' ? body.submissionKey.toLowerCase() : null;
  if (current.state !== 'draft') {
    if (key && current.submissionKey === key) return current;
    throw new Conflict('dossier.error.notDraft');
  }
  // What the draft holds, overridden by anything sent with the submission: the last page of the web flow sends only
  // the key and the delivery; an API client may send everything at once.
  const raw = { ...draftAsForm(current, definition), ...body };
  const errors: FieldErrors = {};
  let data: z.output<typeof input> | null = null;
  let answers: Dossier['answers'] = {};
  try {
    data = parseInput(input, raw);
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    Object.assign(errors, err.fields);
  }
  try {
    answers = validateAnswers(definition.form, raw, { now: ctx.now() }).answers;
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    Object.assign(errors, err.fields);
  }
  if (data && !data.applicantEmail && !data.applicantPhone) errors.applicantEmail = { key: 'dossier.error.contactRequired' };
  if (data?.delivery && !definition.deliveries.includes(data.delivery)) errors.delivery = { key: 'field.invalid' };
  const present = new Set(uploaded);
  // A paper original that cannot be sent online is brought to the desk; everything else required must be attached.
  for (const doc of definition.documents) {
    if (doc.required && doc.electronicCopyAccepted && !present.has(doc.code)) errors[`doc_${doc.code}`] = { key: 'dossier.error.documentMissing', params: { name: doc.name } };
  }
  if (!data || Object.keys(errors).length > 0) throw new Invalid(errors);
  const submissionKey = data.submissionKey.toLowerCase();

  // The number is taken in its own short transaction, so the agency's counter row is locked for one statement
  // instead of the whole submission: a submission that then fails leaves a gap in the day's numbers, never a
  // duplicate.
  const at = ctx.now();
  const code = await nextDossierCode(ctx.db, current.agencyId, at);

  // No locking read first: the action is appended only if the draft's log has not moved since it was read, so a
  // twin request that filed it meanwhile is found by its key (same dossier back), and anything else is a Conflict.
  const submitted = await inTransaction(ctx, async (tx) => {
    const { dossier } = await appendAction(tx, current, {
      type: 'submit',
      key: `submit:${submissionKey}`,
      toState: 'submitted',
      from: ['draft'],
      changes: {
        code,
        submissionKey,
        submittedAt: at,
        applicantName: data.applicantName,
        applicantIdNumber: data.applicantIdNumber,
        applicantEmail: data.applicantEmail ?? null,
        applicantPhone: data.applicantPhone ?? null,
        applicantAddress: data.applicantAddress ?? null,
        applicantKind: definition.applicants.includes(data.applicantKind) ? data.applicantKind : current.applicantKind,
        delivery: data.delivery ?? current.delivery,
        summary: data.summary ?? null,
        answers,
        feeTotal: feeTotal(definition),
        digitised: uploaded.length > 0,
        stepRole: 'desk_officer',
      },
      effects: (d) => notifyApplicant(tx, deps, d, 'submitted'),
    });
    return dossier;
  });
  return submitted;
}

/** The applicant's own dossier, its procedure version's definition and the codes of its uploaded documents, in one read. */
async function draftToFile(ctx: Ctx, id: string): Promise<{ current: Dossier; definition: Definition; uploaded: (string | null)[] }> {
  const { userId } = requireCitizen(ctx);
  let statement = draftStatements.get(ctx.db);
  if (!statement) draftStatements.set(ctx.db, (statement = draftStatement(ctx.db)));
  const [row] = await statement.execute({ id, userId });
  if (!row) throw new NotFound();
  return row;
}

type Definition = (typeof procedureVersions.$inferSelect)['definition'];

/** Built once per database and prepared (a named statement on PostgreSQL): every submission reads its draft so. */
function draftStatement(db: Ctx['db']) {
  return db
    .select({
      current: dossiers,
      definition: procedureVersions.definition,
      uploaded: sql<(string | null)[]>`array(select ${dossierFiles.documentCode} from ${dossierFiles} where ${dossierFiles.dossierId} = ${dossiers.id})`,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(and(eq(dossiers.id, sql.placeholder('id')), eq(dossiers.applicantId, sql.placeholder('userId'))))
    .prepare('submit_draft');
}

const draftStatements = new WeakMap<Ctx['db'], ReturnType<typeof draftStatement>>();
