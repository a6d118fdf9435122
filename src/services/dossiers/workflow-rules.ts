import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { agencyAncestry, requirePermission } from '../../platform/auth/authorize.js';
import type { Permission } from '../../platform/auth/permissions.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../platform/errors.js';
import { CalendarYearMissing, type Pause } from '../calendar/working-time.js';
import type { ProcessStep, StepRole } from '../procedures/definition.js';
import type { Dossier, DossierAction } from './append-action.js';
import { versionOf } from './filing-rules.js';
import { dossierActions, dossiers } from './schema.js';

/**
 * A dossier read for an official's action, locked until the transaction ends so the checks that follow hold when
 * the action is written. Which agency the permission is checked against depends on the action: reception and
 * return belong to the desk agency, processing to the competent agency. An action already in the log under the
 * same key (a retried request) comes back as `replayed`, before any check that its own effect would now fail.
 */
export async function dossierForAction(tx: Ctx & { db: Tx }, id: string, permission: Permission, side: 'desk' | 'agency', form: { key: string; seq?: number }): Promise<{ dossier: Dossier; replayed: boolean }> {
  const [row] = await tx.db.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
  if (!row || row.state === 'draft') throw new NotFound();
  await requirePermission(tx, permission, side === 'desk' ? row.deskAgencyId : row.agencyId);
  const [mine] = await tx.db.select({ seq: dossierActions.seq }).from(dossierActions).where(and(eq(dossierActions.dossierId, id), eq(dossierActions.key, form.key)));
  if (mine) return { dossier: row, replayed: true };
  // Before the step and state checks: someone acted since the page was shown, so say that, not "not your step".
  if (form.seq !== undefined && form.seq !== row.lastSeq) throw new Conflict('dossier.conflict');
  return { dossier: row, replayed: false };
}

/** Whether the actor holds the role in the agency, directly or through a grant over one of its ancestors. */
export async function holdsRole(ctx: Ctx, role: StepRole, agencyId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'official') return false;
  const grants = actor.grants.filter((g) => g.role === role);
  if (grants.some((g) => g.agencyId === agencyId)) return true;
  const inherited = grants.filter((g) => g.includeDescendants && g.agencyId !== null);
  if (inherited.length === 0) return false;
  const ancestry = await agencyAncestry(ctx.db, agencyId);
  return inherited.some((g) => ancestry.includes(g.agencyId!));
}

/** The step acting now: the officer must hold its role in the competent agency and, once assigned, be the assignee. */
export async function requireStepActor(ctx: Ctx, d: Dossier, step: ProcessStep): Promise<void> {
  if (!ctx.actor) throw new Unauthenticated();
  if (!(await holdsRole(ctx, step.role, d.agencyId))) throw new Forbidden('dossier.error.notYourStep');
  if (d.assigneeId && d.assigneeId !== ctx.actor.userId) throw new Forbidden('dossier.error.assignedToOther');
}

export async function stepsOf(db: Queryable, d: Dossier) {
  const version = await versionOf(db, d);
  return { definition: version.definition, steps: version.definition.steps };
}

export function stepIndex(steps: readonly ProcessStep[], code: string | null): number {
  const i = steps.findIndex((s) => s.code === code);
  if (i < 0) throw new Conflict('dossier.error.wrongState');
  return i;
}

/** A deadline through a year nobody confirmed is refused in words the officer can act on. */
export function calendarRefusal(err: unknown): never {
  if (err instanceof CalendarYearMissing) throw new Conflict('dossier.error.calendarYear', { year: err.year });
  throw err;
}

/** The pauses of the clock, from the log: each supplement or payment request until its answer. */
export function pausesFromLog(actions: readonly Pick<DossierAction, 'at' | 'toState' | 'fromState'>[]): Pause[] {
  const pauses: Pause[] = [];
  for (const a of actions) {
    const pausing = a.toState === 'supplement' || a.toState === 'financial' || a.toState === 'stopped';
    const wasPaused = a.fromState === 'supplement' || a.fromState === 'financial' || a.fromState === 'stopped';
    if (wasPaused && !pausing && pauses.length > 0 && pauses[pauses.length - 1]!.to === null) pauses[pauses.length - 1]!.to = a.at;
    if (pausing && !wasPaused) pauses.push({ from: a.at, to: null });
  }
  return pauses;
}

export async function logOf(db: Queryable, dossierId: string) {
  return db.select().from(dossierActions).where(eq(dossierActions.dossierId, dossierId)).orderBy(dossierActions.seq);
}
