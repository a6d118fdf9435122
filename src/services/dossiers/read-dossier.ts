import { and, eq, gt } from 'drizzle-orm';
import { can } from '../../platform/auth/authorize.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.js';
import { auditLog } from '../../platform/schema.js';
import type { StepRole } from '../procedures/definition.js';
import type { Dossier } from './append-action.js';
import { dossierView } from './queries.js';
import { dossiers } from './schema.js';
import { holdsRole } from './workflow-rules.js';
import { apologyDue, pendingApology } from './apologise.js';

/** An official's reads of one dossier are logged at most this often: the log shows who looked, not every reload. */
export const READ_AUDIT_WINDOW_MS = 3_600_000;

/**
 * A dossier as an official opens it: they must hold dossier.read at its competent agency or at its desk. The read
 * of the applicant's personal data is audited once per person, dossier and hour (a reload, a file, a printed slip
 * within the hour add nothing). Drafts are the applicant's alone.
 */
export async function readDossier(ctx: Ctx, id: string): Promise<Dossier> {
  if (!ctx.actor) throw new Unauthenticated();
  const [row] = await ctx.db.select().from(dossiers).where(eq(dossiers.id, id));
  if (!row || row.state === 'draft') throw new NotFound();
  if (!(await can(ctx, 'dossier.read', row.agencyId)) && !(await can(ctx, 'dossier.read', row.deskAgencyId))) throw new Forbidden();
  await auditDossierRead(ctx, row, ['applicant', 'answers', 'files']);
  return row;
}

/** Records an official's read of a dossier's data, at most once per person, dossier and hour. */
export async function auditDossierRead(ctx: Ctx, row: Pick<Dossier, 'id' | 'agencyId' | 'code'>, fields: string[]): Promise<void> {
  const actorId = ctx.actor!.userId;
  const since = new Date(ctx.now().getTime() - READ_AUDIT_WINDOW_MS);
  const [recent] = await ctx.db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'dossier'), eq(auditLog.entityId, row.id), eq(auditLog.action, 'dossier.read'), eq(auditLog.actorId, actorId), gt(auditLog.at, since)))
    .limit(1);
  if (!recent) {
    await inTransaction(ctx, (tx) =>
      recordAudit(tx, { action: 'dossier.read', entityType: 'dossier', entityId: row.id, agencyId: row.agencyId, after: { code: row.code, fields } }),
    );
  }
}

export type OfficialActions = {
  receive: boolean;
  deskSupplement: boolean;
  refuse: boolean;
  complete: 'complete' | 'approve' | null;
  returnStep: boolean;
  stepSupplement: boolean;
  assign: boolean;
  returnResult: boolean;
  attachResult: boolean;
  draftApology: boolean;
  approveApology: boolean;
  /** Ask other agencies, or stop waiting for them: the step holder's. */
  consult: boolean;
  requestFinancial: boolean;
  /** The desk records an obligation paid at the counter or a bank. */
  recordPayment: boolean;
  stop: boolean;
};

/**
 * The action forms the page offers this person in the dossier's state: the same rules the use cases enforce
 * (workflow-rules.ts), asked beforehand so nobody is shown a button that can only be refused.
 */
export async function officialActions(ctx: Ctx, d: Dossier, steps: readonly { code: string; role: StepRole }[], log: readonly { type: string; seq: number }[]): Promise<OfficialActions> {
  const desk = await can(ctx, 'dossier.receive', d.deskAgencyId);
  const inProcess = d.state === 'received' || d.state === 'processing';
  const i = inProcess ? steps.findIndex((s) => s.code === d.stepCode) : -1;
  const step = steps[i];
  const free = !d.assigneeId || d.assigneeId === ctx.actor?.userId;
  const mayProcess = !!step && free && (await can(ctx, 'dossier.process', d.agencyId)) && (await holdsRole(ctx, step.role, d.agencyId));
  const atLastStep = d.state === 'processing' && i === steps.length - 1;
  const mayApprove = step?.role !== 'leader' || (await can(ctx, 'dossier.approve', d.agencyId));
  return {
    receive: desk && d.state === 'submitted',
    deskSupplement: desk && d.state === 'submitted',
    refuse: desk && (d.state === 'submitted' || d.state === 'supplement'),
    complete: mayProcess && mayApprove ? (step!.role === 'leader' ? 'approve' : 'complete') : null,
    returnStep: mayProcess && i > 0,
    stepSupplement: mayProcess,
    assign: inProcess && (await can(ctx, 'dossier.assign', d.agencyId)),
    returnResult: desk && d.state === 'processed',
    // As attach-result.ts: the officer of the last step, or a clerk of the competent agency, until it is returned.
    draftApology: apologyDue(d, ctx.now()) && !pendingApology(log) && (mayProcess || (inProcess && (await holdsRole(ctx, 'leader', d.agencyId)))),
    approveApology: inProcess && !!pendingApology(log) && (await can(ctx, 'dossier.approve', d.agencyId)),
    consult: mayProcess,
    requestFinancial: mayProcess,
    recordPayment: desk && d.state === 'financial',
    stop: ['received', 'processing', 'supplement', 'financial'].includes(d.state) && (await can(ctx, 'dossier.approve', d.agencyId)) && (await holdsRole(ctx, 'leader', d.agencyId)),
    attachResult: (atLastStep && mayProcess) || ((atLastStep || d.state === 'processed') && (await holdsRole(ctx, 'clerk', d.agencyId))),
  };
}

/** The dossier page's data: the view the slips also print from. */
export async function officialDossierView(ctx: Ctx, d: Dossier) {
  const view = await dossierView(ctx.db, d);
  return { view, actions: await officialActions(ctx, d, view.definition.steps, view.actions) };
}
