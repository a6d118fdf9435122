import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { type Tx, preparedRows } from '../../platform/db/client.js';
import { Conflict } from '../../platform/errors.js';
import { scheduleStepReminders } from './deadline-jobs.js';
import { dossierActions, dossiers } from './schema.js';
import type { DossierState } from './status.js';

export type Dossier = typeof dossiers.$inferSelect;
export type DossierAction = typeof dossierActions.$inferSelect;

export type ActionInput = {
  type: string;
  /** Idempotency key: the same key on the same dossier is the same action, done once. */
  key: string;
  toState: DossierState;
  /**
   * The log head the person saw when they chose the action (a hidden field of the page): if anything happened
   * since, their choice was made on stale information and is refused as a conflict.
   */
  expectedSeq?: number;
  /** States the action may start from; a replayed action is answered before this is checked. */
  from: readonly DossierState[];
  stepCode?: string | null;
  /** Due time of the step being handed over to (the control slip judges the hand-over against it). */
  dueAt?: Date | null;
  note?: string | null;
  data?: Record<string, unknown>;
  /**
   * Work that belongs to the action's transaction (the applicant's mail, other jobs), done before the audit entry:
   * the audit chain's lock is held from its entry to the commit, so nothing else should run inside it.
   */
  effects?: (dossier: Dossier) => Promise<void>;
  /** Columns of the dossier that change with the action (the projection besides state and lastSeq). */
  changes?: Partial<Omit<Dossier, 'id' | 'state' | 'lastSeq'>>;
};

/** Fields every action form carries: its idempotency key and the log head the page was showing. */
export const actionKey = z.string({ error: 'dossier.error.submissionKey' }).min(8, { error: 'dossier.error.submissionKey' }).max(100, { error: 'dossier.error.submissionKey' });
export const expectedSeq = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(0).optional());

/** The log entry, every column given (recordAudit's values are $1–$15). */
const LOG_INSERT = `insert into dossier_actions (dossier_id, seq, type, key, from_state, to_state, step_code, actor_id, actor_name, actor_agency_id, at, due_at, note, data)
  values ($16::uuid, $17::integer, $18, $19, $20::dossier_state, $21::dossier_state, $22, $23::uuid, $24, $25::uuid, $26::timestamptz, $27::timestamptz, $28, $29::jsonb)`;

export type Appended = { dossier: Dossier; action: DossierAction; replayed: boolean };

/**
 * Appends one action to a dossier's log and moves the dossier's projection with it, in the caller's transaction.
 * The dossier row is updated only if its log has not moved since the caller read it (lastSeq), so of two officers
 * acting at once one wins and the other gets a Conflict. An action whose key is already in the log is not done
 * again: the caller gets the logged action back (a retried request, a double click).
 */
export async function appendAction(ctx: Ctx & { db: Tx }, read: Dossier, input: ActionInput): Promise<Appended> {
  // A log that was empty when the dossier was read cannot hold this action (a submission, one round trip saved);
  // if one was logged since, the conditional update below misses and the race path finds it.
  const replay = read.lastSeq === 0 ? null : await loggedAction(ctx.db, read.id, input.key);
  if (replay) return replay;
  if (input.expectedSeq !== undefined && input.expectedSeq !== read.lastSeq) throw new Conflict('dossier.conflict');
  if (!input.from.includes(read.state)) throw new Conflict('dossier.error.wrongState');
  const at = ctx.now();
  const seq = read.lastSeq + 1;
  const dossier = await moveDossier(ctx.db, read, { ...input.changes, state: input.toState, lastSeq: seq, updatedAt: at });
  if (!dossier) {
    // The row moved: either the same action won the race in another request, or a different one did.
    const raced = await loggedAction(ctx.db, read.id, input.key);
    if (raced) return raced;
    throw new Conflict('dossier.conflict');
  }
  const action: DossierAction = {
    dossierId: read.id,
    seq,
    type: input.type,
    key: input.key,
    fromState: read.state,
    toState: input.toState,
    stepCode: input.stepCode ?? dossier.stepCode,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.label ?? 'system',
    actorAgencyId: ctx.actor?.agencyId ?? null,
    at,
    dueAt: input.dueAt ?? null,
    note: input.note ?? null,
    data: input.data ?? {},
  };
  if (input.changes?.stepDueAt) await scheduleStepReminders(ctx, dossier, at);
  if (input.effects) await input.effects(dossier);
  // The log entry goes with the audit entry, one round trip for both.
  await recordAudit(
    ctx,
    {
      action: `dossier.${input.type}`,
      entityType: 'dossier',
      entityId: read.id,
      agencyId: dossier.agencyId,
      // The log row, not the applicant's personal data: who, what, when, from which state to which.
      after: { code: dossier.code, seq, fromState: read.state, toState: input.toState, stepCode: action.stepCode },
    },
    {
      name: 'dossier_action',
      text: LOG_INSERT,
      values: [action.dossierId, action.seq, action.type, action.key, action.fromState, action.toState, action.stepCode, action.actorId, action.actorName, action.actorAgencyId, action.at, action.dueAt, action.note, JSON.stringify(action.data)],
    },
  );
  return { dossier, action, replayed: false };
}

const dossierColumns = Object.entries(getTableColumns(dossiers));
const columnsByKey = new Map(dossierColumns);
type MoveStatement = { name: string; text: string; columns: (typeof dossierColumns)[number][1][] };
/** Statements by the set of columns an action changes: each kind of action has its own fixed text. */
const moveStatements = new Map<string, MoveStatement>();

/**
 * The conditional update of the projection, written out rather than built by Drizzle's query builder, as a named
 * statement per set of changed columns: every action runs it, and building it cost more Node time than the rest of
 * the action. Values and the returned row go through the columns' own mappings, as Drizzle would do.
 */
async function moveDossier(db: Tx, read: Dossier, set: Partial<Dossier>): Promise<Dossier | undefined> {
  // Drizzle's set() leaves undefined out; so does this, so that the statement's text depends on the keys alone.
  const keys = Object.keys(set).filter((k) => set[k as keyof Dossier] !== undefined) as (keyof Dossier)[];
  const signature = keys.join(',');
  let statement = moveStatements.get(signature);
  if (!statement) {
    const columns = keys.map((k) => columnsByKey.get(k)!);
    const text = `update dossiers set ${columns.map((c, i) => `"${c.name}" = $${i + 1}`).join(', ')}
      where id = $${keys.length + 1} and last_seq = $${keys.length + 2} returning *`;
    moveStatements.set(signature, (statement = { name: `dossier_move_${moveStatements.size}`, text, columns }));
  }
  const { name, text, columns } = statement;
  const values = keys.map((k, i) => (set[k] === null ? null : columns[i]!.mapToDriverValue(set[k])));
  const [row] = await preparedRows<Record<string, unknown>>(db, name, text, [...values, read.id, read.lastSeq]);
  if (!row) return undefined;
  const dossier: Record<string, unknown> = {};
  for (const [key, column] of dossierColumns) {
    const v = row[column.name];
    dossier[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
  }
  return dossier as Dossier;
}

async function loggedAction(db: Tx, dossierId: string, key: string): Promise<Appended | null> {
  const [action] = await db
    .select()
    .from(dossierActions)
    .where(and(eq(dossierActions.dossierId, dossierId), eq(dossierActions.key, key)));
  if (!action) return null;
  const [dossier] = await db.select().from(dossiers).where(eq(dossiers.id, dossierId));
  return { dossier: dossier!, action, replayed: true };
}

/** The state the log says the dossier is in: the last action's. A draft has no actions. */
export async function stateFromLog(db: Tx | Ctx['db'], dossierId: string): Promise<DossierState> {
  const [last] = await db
    .select({ toState: dossierActions.toState })
    .from(dossierActions)
    .where(eq(dossierActions.dossierId, dossierId))
    .orderBy(sql`${dossierActions.seq} desc`)
    .limit(1);
  return last?.toState ?? 'draft';
}
