import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { formatVnDateTime, parseVnDateTime } from '../../platform/dates.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { parseInput, text } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossierForAction, holdsRole, logOf, stepIndex, stepsOf } from './workflow-rules.js';

/** A dossier may be apologised for once it is due within this long (the letter goes out before the date passes). */
const BEFORE_DUE_MS = 24 * 3_600_000;

const draftInput = z.object({ key: actionKey, seq: expectedSeq, reason: text(2000), newDueAt: text(20) });
const approveInput = z.object({ key: actionKey, seq: expectedSeq });

/** The apology drafted and not yet approved, if any: the last draft after the last approval. */
export function pendingApology<T extends { type: string; seq: number }>(log: readonly T[]): T | null {
  for (let i = log.length - 1; i >= 0; i--) {
    if (log[i]!.type === 'apology') return null;
    if (log[i]!.type === 'draft_apology') return log[i]!;
  }
  return null;
}

/** Whether the dossier is late, or due within a day, and still being processed: when an apology is in order. */
export function apologyDue(d: Dossier, now: Date): boolean {
  return (d.state === 'received' || d.state === 'processing') && d.dueAt !== null && d.dueAt.getTime() - now.getTime() < BEFORE_DUE_MS;
}

/**
 * Whoever holds the dossier's current step drafts the apology letter (Phiếu xin lỗi và hẹn lại ngày trả kết quả)
 * with the reason and a new appointment; it waits for a leader. Nothing changes for the applicant yet.
 */
export async function draftApology(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(draftInput, raw);
  const newDue = parseVnDateTime(data.newDueAt);
  if (!newDue) throw new Invalid({ newDueAt: { key: 'dossier.error.dateTime' } });
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (replayed) return d;
    const { steps } = await stepsOf(tx.db, d);
    const step = d.state === 'received' || d.state === 'processing' ? steps[stepIndex(steps, d.stepCode)] : undefined;
    if (!step || !((await holdsRole(tx, step.role, d.agencyId)) || (await holdsRole(tx, 'leader', d.agencyId)))) throw new Forbidden('dossier.error.notYourStep');
    if (!apologyDue(d, ctx.now())) throw new Conflict('dossier.error.notLate');
    if (!d.dueAt || newDue <= d.dueAt || newDue <= ctx.now()) throw new Invalid({ newDueAt: { key: 'dossier.error.newDueAfter', params: { due: d.dueAt ? formatVnDateTime(d.dueAt) : '' } } });
    const { dossier } = await appendAction(tx, d, {
      type: 'draft_apology',
      key: data.key,
      toState: d.state,
      from: ['received', 'processing'],
      note: data.reason,
      data: { reason: data.reason, newDueAt: newDue.toISOString() },
    });
    return dossier;
  });
}

/**
 * A leader approves the drafted apology: the appointment moves to the new date, the letter goes to the applicant
 * (by email and SMS here; printed for the desk from the slip), and the log keeps both dates.
 */
export async function approveApology(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(approveInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.approve', 'agency', data);
    if (replayed) return d;
    const draft = pendingApology(await logOf(tx.db, d.id));
    if (!draft) throw new Conflict('dossier.error.noApologyDraft');
    const { reason, newDueAt } = draft.data as { reason: string; newDueAt: string };
    const newDue = new Date(newDueAt);
    const { dossier } = await appendAction(tx, d, {
      type: 'apology',
      key: data.key,
      toState: d.state,
      from: ['received', 'processing'],
      note: reason,
      data: { reason, newDueAt, previousDueAt: d.dueAt?.toISOString() ?? null, draftSeq: draft.seq },
      effects: (changed) => notifyApplicant(tx, deps, changed, 'apology', { reason }),
      changes: { dueAt: newDue, stepDueAt: d.stepDueAt && d.stepDueAt < newDue ? newDue : d.stepDueAt },
    });
    return dossier;
  });
}
