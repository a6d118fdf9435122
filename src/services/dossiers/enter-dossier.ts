import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agencies } from '../../org/schema.js';
import { can, requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type FieldErrors, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { validateAnswers } from '../forms/validate-answers.js';
import { procedureAgencies, procedureVersions, procedures } from '../procedures/schema.js';
import { type Dossier, actionKey, appendAction } from './append-action.js';
import { nextDossierCode } from './codes.js';
import { dueDate, stepDueDates } from './deadlines.js';
import { applicantFields, feeTotal, idNumberField } from './filing-rules.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossiers } from './schema.js';
import { calendarRefusal } from './workflow-rules.js';

const input = z.object({
  ...applicantFields,
  applicantIdNumber: idNumberField,
  key: actionKey,
});

/** A procedure in force under its national code, whatever its level: every procedure can be filed at the desk. */
export async function procedureForDesk(ctx: Ctx, code: string) {
  const [row] = await ctx.db
    .select({ procedure: procedures, version: procedureVersions })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .where(and(eq(procedures.code, code), eq(procedures.active, true)));
  if (!row) throw new NotFound();
  return row;
}

/** The competent agencies of a procedure whose desk the person works at: where they may enter a dossier. */
export async function deskChoices(ctx: Ctx, procedureId: string) {
  const rows = await ctx.db
    .select({ agencyId: procedureAgencies.agencyId, deskAgencyId: procedureAgencies.deskAgencyId, name: agencies.name })
    .from(procedureAgencies)
    .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
    .where(eq(procedureAgencies.procedureId, procedureId));
  const mine: typeof rows = [];
  for (const r of rows) if (await can(ctx, 'dossier.receive', r.deskAgencyId)) mine.push(r);
  return mine;
}

/**
 * A dossier brought to the desk on paper: the officer types the applicant's details and the e-form, ticks the
 * documents received, and the dossier is created, numbered and received in one transaction, its clock started
 * like any reception (receive-dossier.ts). The form's key makes a double click find the dossier already made.
 */
export async function enterDossier(ctx: Ctx, deps: NotifyDeps, procedureCode: string, raw: Record<string, unknown>): Promise<Dossier> {
  const { procedure, version } = await procedureForDesk(ctx, procedureCode);
  const choices = await deskChoices(ctx, procedure.id);
  if (choices.length === 0) {
    await requirePermission(ctx, 'dossier.receive', null);
    throw new Forbidden();
  }
  const definition = version.definition;
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
  const chosen = choices.length === 1 ? choices[0] : choices.find((c) => c.agencyId === raw.agencyId);
  if (!chosen) errors.agencyId = { key: 'dossier.error.chooseAgency' };
  if (data?.delivery && !definition.deliveries.includes(data.delivery)) errors.delivery = { key: 'field.invalid' };
  const ticked = (code: string) => ['on', 'true', '1'].includes(String(raw[`doc_${code}`] ?? ''));
  for (const doc of definition.documents) {
    if (doc.required && !ticked(doc.code)) errors[`doc_${doc.code}`] = { key: 'dossier.error.documentNotReceived', params: { name: doc.name } };
  }
  if (!data || !chosen || Object.keys(errors).length > 0) throw new Invalid(errors);
  const paper = definition.documents.filter((d) => ticked(d.code)).map((d) => d.code);
  const key = data.key.toLowerCase();

  return inTransaction(ctx, async (tx) => {
    // Twin requests of one form queue here; the second finds the dossier the first made.
    await queryRows(tx.db, sql`select pg_advisory_xact_lock(hashtext(${`enter:${key}`}))`);
    const [twin] = await tx.db
      .select()
      .from(dossiers)
      .where(and(isNull(dossiers.applicantId), eq(dossiers.submissionKey, key), eq(dossiers.deskAgencyId, chosen.deskAgencyId)));
    if (twin) return twin;
    const at = ctx.now();
    const steps = definition.steps;
    let due: Date;
    let firstStepDue: Date;
    try {
      const cal = await loadWorkingCalendar(tx.db);
      due = dueDate(at, definition.timeLimit, 'in_person', cal)!;
      firstStepDue = stepDueDates(at, due, steps, definition.timeLimit.unit, cal)[0]!;
    } catch (err) {
      calendarRefusal(err);
    }
    const code = await nextDossierCode(tx.db, chosen.agencyId, at);
    const [draft] = await tx.db
      .insert(dossiers)
      .values({
        agencyId: chosen.agencyId,
        deskAgencyId: chosen.deskAgencyId,
        procedureId: procedure.id,
        procedureVersionId: version.id,
        level: procedure.level,
        channel: 'in_person',
        state: 'draft',
        applicantKind: definition.applicants.includes(data.applicantKind) ? data.applicantKind : (definition.applicants[0] ?? 'citizen'),
        applicantName: data.applicantName,
        applicantIdNumber: data.applicantIdNumber,
        applicantEmail: data.applicantEmail ?? null,
        applicantPhone: data.applicantPhone ?? null,
        applicantAddress: data.applicantAddress ?? null,
        summary: data.summary ?? null,
        answers,
        delivery: data.delivery ?? definition.deliveries[0]!,
        submissionKey: key,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    const { dossier: submitted } = await appendAction(tx, draft!, {
      type: 'submit',
      key: `submit:${key}`,
      toState: 'submitted',
      from: ['draft'],
      data: { channel: 'in_person', paperDocuments: paper },
      changes: { code, submittedAt: at, feeTotal: feeTotal(definition), stepRole: 'desk_officer' },
    });
    const first = steps[0]!;
    const { dossier } = await appendAction(tx, submitted, {
      type: 'receive',
      key: `receive:${key}`,
      toState: 'received',
      from: ['submitted'],
      stepCode: first.code,
      dueAt: firstStepDue,
      data: { dueAt: due.toISOString() },
      changes: { receivedAt: at, dueAt: due, stepCode: first.code, stepRole: first.role, stepDueAt: firstStepDue, assigneeId: null },
    });
    await notifyApplicant(tx, deps, dossier, 'received');
    return dossier;
  });
}
