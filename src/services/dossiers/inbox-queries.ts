import { type SQL, and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { roleAssignments, users } from '../../accounts/schema.js';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { type Queryable, queryRows } from '../../platform/db/client.js';
import { addWorkingTime, CalendarYearMissing } from '../calendar/working-time.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { type ProcessStep, type StepRole, stepRoles } from '../procedures/definition.js';
import { procedureAgencies, procedureVersions, procedures } from '../procedures/schema.js';
import { dossiers } from './schema.js';

/** Rows per inbox page. Pages are fetched one row long to know whether there is a next: no count over the table. */
export const INBOX_PAGE_SIZE = 25;

export type InboxRow = {
  id: string;
  code: string | null;
  state: (typeof dossiers.$inferSelect)['state'];
  channel: (typeof dossiers.$inferSelect)['channel'];
  agencyId: string;
  lastSeq: number;
  applicantName: string;
  procedureName: string;
  stepCode: string | null;
  stepRole: string | null;
  stepDueAt: Date | null;
  dueAt: Date | null;
  submittedAt: Date | null;
  assigneeId: string | null;
  steps: ProcessStep[];
};

export type InboxPage = { rows: InboxRow[]; page: number; hasNext: boolean };

const columns = {
  id: dossiers.id,
  code: dossiers.code,
  state: dossiers.state,
  channel: dossiers.channel,
  agencyId: dossiers.agencyId,
  lastSeq: dossiers.lastSeq,
  applicantName: dossiers.applicantName,
  procedureName: procedures.name,
  stepCode: dossiers.stepCode,
  stepRole: dossiers.stepRole,
  stepDueAt: dossiers.stepDueAt,
  dueAt: dossiers.dueAt,
  submittedAt: dossiers.submittedAt,
  assigneeId: dossiers.assigneeId,
  // The steps only, not the whole definition: the page names the current step.
  steps: sql<ProcessStep[]>`${procedureVersions.definition} -> 'steps'`,
};

async function inboxPage(db: Queryable, where: SQL | undefined, order: SQL[], page: number): Promise<InboxPage> {
  const rows = await db
    .select(columns)
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(where)
    .orderBy(...order)
    .limit(INBOX_PAGE_SIZE + 1)
    .offset((page - 1) * INBOX_PAGE_SIZE);
  return { rows: rows.slice(0, INBOX_PAGE_SIZE) as InboxRow[], page, hasNext: rows.length > INBOX_PAGE_SIZE };
}

const byAgency = (column: typeof dossiers.agencyId | typeof dossiers.deskAgencyId | typeof procedureAgencies.deskAgencyId, ids: 'all' | string[]) => (ids === 'all' ? undefined : inArray(column, ids));

export type DeskTab = 'new' | 'return' | 'financial';

/**
 * The desk's inbox: dossiers waiting to be received (new online ones, and those whose supplement was answered
 * before reception), results waiting to be handed over, or dossiers waiting for a financial obligation the
 * applicant may pay at the counter; oldest first.
 */
export async function deskInbox(ctx: Ctx, tab: DeskTab, page: number): Promise<InboxPage> {
  const desks = await permittedAgencyIds(ctx, 'dossier.receive');
  if (desks !== 'all' && desks.length === 0) return { rows: [], page, hasNext: false };
  const state = tab === 'new' ? 'submitted' : tab === 'return' ? 'processed' : 'financial';
  const order = [asc(tab === 'new' ? dossiers.submittedAt : tab === 'return' ? dossiers.finishedAt : dossiers.pausedSince), asc(dossiers.id)];
  return inboxPage(ctx.db, and(byAgency(dossiers.deskAgencyId, desks), eq(dossiers.state, state)), order, page);
}

/** The agencies where the person holds each step role, a grant over a subtree reaching every agency under it. */
export async function roleAgencies(ctx: Ctx): Promise<Map<StepRole, string[]>> {
  const out = new Map<StepRole, string[]>();
  const grants = (ctx.actor?.kind === 'official' ? ctx.actor.grants : []).filter((g) => (stepRoles as readonly string[]).includes(g.role) && g.agencyId !== null);
  const roots = [...new Set(grants.filter((g) => g.includeDescendants).map((g) => g.agencyId!))];
  const below = new Map<string, string[]>();
  if (roots.length > 0) {
    const rows = await queryRows<{ root: string; id: string }>(ctx.db, sql`
      with recursive down(root, id, depth) as (
        select id, id, 0 from agencies where id in ${roots}
        union all
        select down.root, a.id, down.depth + 1 from agencies a join down on a.parent_id = down.id where down.depth < 50
      )
      select root, id from down`);
    for (const r of rows) below.set(r.root, [...(below.get(r.root) ?? []), r.id]);
  }
  for (const g of grants) {
    const role = g.role as StepRole;
    const ids = g.includeDescendants ? (below.get(g.agencyId!) ?? [g.agencyId!]) : [g.agencyId!];
    out.set(role, [...new Set([...(out.get(role) ?? []), ...ids])]);
  }
  return out;
}

const IN_PROCESS = sql`${dossiers.state} in ('received', 'processing')`;

/**
 * The processing inbox: dossiers whose current step is a role the person holds at the competent agency, unless
 * assigned to someone else ("mine": assigned to the person). Soonest step due first. The role filter is an OR of
 * (role, agencies) pairs, which the dossiers_inbox index answers.
 */
export async function processingInbox(ctx: Ctx, view: 'role' | 'mine', page: number): Promise<InboxPage> {
  const me = ctx.actor?.userId;
  if (!me) return { rows: [], page, hasNext: false };
  const order = [sql`${dossiers.stepDueAt} asc nulls last`, asc(dossiers.id)];
  if (view === 'mine') return inboxPage(ctx.db, and(eq(dossiers.assigneeId, me), IN_PROCESS), order, page);
  const byRole = [...(await roleAgencies(ctx))].filter(([role]) => role !== 'desk_officer').map(([role, ids]) => and(eq(dossiers.stepRole, role), inArray(dossiers.agencyId, ids)));
  if (byRole.length === 0) return { rows: [], page, hasNext: false };
  return inboxPage(ctx.db, and(or(...byRole), IN_PROCESS, or(isNull(dossiers.assigneeId), eq(dossiers.assigneeId, me))), order, page);
}

/** The leader's view: everything in progress in the agencies where the person assigns work. */
export async function assignmentInbox(ctx: Ctx, page: number): Promise<InboxPage> {
  const ids = await permittedAgencyIds(ctx, 'dossier.assign');
  if (ids !== 'all' && ids.length === 0) return { rows: [], page, hasNext: false };
  return inboxPage(ctx.db, and(byAgency(dossiers.agencyId, ids), IN_PROCESS), [sql`${dossiers.stepDueAt} asc nulls last`, asc(dossiers.id)], page);
}

export type Officer = { id: string; fullName: string; agencyId: string; role: string };

/**
 * Who can be given each row's step: active officials holding the step's role directly in the competent agency,
 * for all the page's rows in one query. (A grant over a parent agency also qualifies in assign-dossier.ts; such
 * holders are rare among step roles and are left out of the list.)
 */
export async function assignableOfficers(db: Queryable, rows: readonly Pick<InboxRow, 'agencyId'>[]): Promise<Officer[]> {
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  if (agencyIds.length === 0) return [];
  const found = await db
    .select({ id: users.id, fullName: users.fullName, agencyId: roleAssignments.agencyId, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.agencyId, agencyIds), inArray(roleAssignments.role, ['specialist', 'leader', 'clerk']), eq(users.active, true), eq(users.kind, 'official')));
  const collator = new Intl.Collator('vi');
  return (found as Officer[]).sort((a, b) => collator.compare(a.fullName, b.fullName));
}

export type DueFlag = 'late' | 'soon' | null;

/** The moment one working day from now: a step due before it is flagged "sắp đến hạn". */
export async function soonBound(db: Queryable, now: Date): Promise<Date> {
  try {
    return addWorkingTime(now, { days: 1 }, await loadWorkingCalendar(db));
  } catch (err) {
    // An unconfirmed year must not take the inbox down: a calendar day stands in for the working one.
    if (err instanceof CalendarYearMissing) return new Date(now.getTime() + 86_400_000);
    throw err;
  }
}

export function dueFlag(due: Date | null, now: Date, soon: Date): DueFlag {
  if (!due) return null;
  if (due.getTime() < now.getTime()) return 'late';
  return due.getTime() <= soon.getTime() ? 'soon' : null;
}

/** Procedures in force that the person's desks receive, for the in-person entry's first question. */
export async function deskProcedures(ctx: Ctx): Promise<{ code: string; name: string }[]> {
  const desks = await permittedAgencyIds(ctx, 'dossier.receive');
  if (desks !== 'all' && desks.length === 0) return [];
  const rows = await ctx.db
    .selectDistinct({ code: procedures.code, name: procedures.name })
    .from(procedures)
    .innerJoin(procedureAgencies, eq(procedureAgencies.procedureId, procedures.id))
    .where(and(eq(procedures.active, true), isNotNull(procedures.currentVersionId), byAgency(procedureAgencies.deskAgencyId, desks)));
  const collator = new Intl.Collator('vi');
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}
