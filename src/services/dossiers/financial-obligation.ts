import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import type { Dossier } from './append-action.js';
import { dueDate, stepDueDates } from './deadlines.js';
import type { DossierState } from './status.js';
import { calendarRefusal, logOf, pausesFromLog, stepIndex, stepsOf } from './workflow-rules.js';

/** The largest single amount accepted, in đồng: far above any fee or tax a dossier carries, far below bigint. */
export const MAX_OBLIGATION_DONG = 1_000_000_000_000;

export type ObligationItem = { name: string; amount: number };

/**
 * "Lệ phí trước bạ: 1.500.000" — one item a line, a name and an amount in whole đồng (thousands separated by dots
 * or not at all). Returns the items, or null naming nothing when any line is not of that shape.
 */
export function parseObligationItems(textIn: string): ObligationItem[] | null {
  const lines = textIn.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0 || lines.length > 20) return null;
  const items: ObligationItem[] = [];
  for (const line of lines) {
    const m = /^(.{2,200}?)\s*:\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đ|đồng|vnđ|vnd)?$/iu.exec(line);
    if (!m) return null;
    const amount = Number(m[2]!.replace(/\./g, ''));
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_OBLIGATION_DONG) return null;
    items.push({ name: m[1]!.trim(), amount });
  }
  return items;
}

/** The request that put the dossier into 'financial', the last such action in the log. */
export function obligationRequest<T extends { type: string; toState: DossierState; fromState: DossierState | null }>(log: readonly T[]): T | null {
  return [...log].reverse().find((a) => a.toState === 'financial' && a.fromState !== 'financial') ?? null;
}

/**
 * Where a dossier waiting for its financial obligation goes once it is met: back to the state and step it was in,
 * its due date and its step's due date moved by the working time the clock stood still.
 */
export async function resumeFromFinancial(tx: Ctx & { db: Tx }, d: Dossier): Promise<{ toState: DossierState; changes: Partial<Dossier>; requestSeq: number | null }> {
  const log = await logOf(tx.db, d.id);
  const request = obligationRequest(log);
  const toState = ((request?.data as { resume?: DossierState } | undefined)?.resume ?? request?.fromState ?? 'processing') as DossierState;
  let changes: Partial<Dossier> = { pausedSince: null, obligationAmount: 0 };
  if (d.receivedAt) {
    try {
      const cal = await loadWorkingCalendar(tx.db);
      const { definition, steps } = await stepsOf(tx.db, d);
      const pauses = pausesFromLog([...log, { at: tx.now(), fromState: 'financial', toState }]);
      const due = dueDate(d.receivedAt, definition.timeLimit, d.channel, cal, pauses)!;
      const stepDue = d.stepCode ? stepDueDates(d.receivedAt, due, steps, definition.timeLimit.unit, cal)[stepIndex(steps, d.stepCode)]! : null;
      changes = { ...changes, dueAt: due, stepDueAt: stepDue };
    } catch (err) {
      calendarRefusal(err);
    }
  }
  return { toState, changes, requestSeq: request?.seq ?? null };
}
