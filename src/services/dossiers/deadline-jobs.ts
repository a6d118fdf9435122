import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { roleAssignments, users } from '../../accounts/schema.js';
import { agencyAncestry } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { type JobDefinition, type JobRef, defineJob } from '../../platform/jobs/define-job.js';
import { enqueue } from '../../platform/jobs/enqueue.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { Secrets } from '../../platform/secrets.js';
import type { Dossier } from './append-action.js';
import { consultationReminderJob } from './consultation-jobs.js';
import { dossiers } from './schema.js';

export const STEP_REMINDER_JOB = 'dossier.step-reminder';
const HOUR = 3_600_000;

const payload = z.object({ dossierId: z.uuid(), seq: z.number().int().min(0), kind: z.enum(['soon', 'late']) });
type Payload = z.infer<typeof payload>;

/** What the reminder job needs besides the database: where links point, and the key that seals mail. */
export type ReminderDeps = { baseUrl: string; secrets: Secrets };

/**
 * When a step is handed over with a due time, two jobs are filed in the same transaction: a reminder a day
 * before it (halfway for a step shorter than two days) to whoever holds the step, and an escalation at the due
 * time to them and the agency's leaders. Each names the log head it was filed at: if the dossier moved on since,
 * the job finds a different head and does nothing, so a finished step never reminds anyone.
 */
export async function scheduleStepReminders(tx: { db: Tx }, d: Pick<Dossier, 'id' | 'lastSeq' | 'stepDueAt'>, now: Date): Promise<void> {
  if (!d.stepDueAt || d.stepDueAt <= now) return;
  const lead = Math.min(24 * HOUR, (d.stepDueAt.getTime() - now.getTime()) / 2);
  await enqueue(tx, stepReminderRef, { dossierId: d.id, seq: d.lastSeq, kind: 'soon' }, { runAt: new Date(d.stepDueAt.getTime() - lead) });
  await enqueue(tx, stepReminderRef, { dossierId: d.id, seq: d.lastSeq, kind: 'late' }, { runAt: d.stepDueAt });
}

const stepReminderRef: JobRef<typeof payload> = { name: STEP_REMINDER_JOB, schema: payload, options: { dedupe: false } };

/** Officials with an email address who hold the role at the agency, directly or over one of its ancestors. */
export async function holdersOf(db: Queryable, role: string, agencyId: string): Promise<{ id: string; email: string; fullName: string }[]> {
  const ancestry = await agencyAncestry(db, agencyId);
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email, fullName: users.fullName })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.role, role as never),
        eq(users.active, true),
        isNotNull(users.email),
        or(eq(roleAssignments.agencyId, agencyId), and(inArray(roleAssignments.agencyId, ancestry), eq(roleAssignments.includeDescendants, true))),
      ),
    );
  return rows.map((r) => ({ ...r, email: r.email! }));
}

export async function runStepReminder(ctx: Ctx, deps: ReminderDeps, p: Payload): Promise<{ sent: number }> {
  return inTransaction(ctx, async (tx) => {
    const [d] = await tx.db.select().from(dossiers).where(eq(dossiers.id, p.dossierId)).for('update');
    if (!d || d.lastSeq !== p.seq || !d.stepRole || !d.stepDueAt || !['received', 'processing'].includes(d.state)) return { sent: 0 };
    let people = d.assigneeId
      ? await tx.db.select({ id: users.id, email: users.email, fullName: users.fullName }).from(users).where(and(eq(users.id, d.assigneeId), isNotNull(users.email)))
      : await holdersOf(tx.db, d.stepRole, d.agencyId);
    if (p.kind === 'late') people = [...people, ...(await holdersOf(tx.db, 'leader', d.agencyId))];
    const unique = [...new Map(people.map((x) => [x.id, x])).values()];
    for (const person of unique) {
      await enqueueMail(
        tx,
        deps.secrets,
        composeMail(person.email!, {
          subject: p.kind === 'soon' ? 'dossier.remind.soonSubject' : 'dossier.remind.lateSubject',
          body: [{ text: p.kind === 'soon' ? 'dossier.remind.soonBody' : 'dossier.remind.lateBody' }, { link: 'dossier.remind.open', url: `${deps.baseUrl}/quan-tri/ho-so/${d.id}` }],
          params: { name: person.fullName, code: d.code ?? '', due: formatVnDateTime(d.stepDueAt) },
        }),
      );
    }
    await recordAudit(tx, {
      action: p.kind === 'soon' ? 'dossier.reminder_sent' : 'dossier.escalated',
      actorLabel: 'system',
      entityType: 'dossier',
      entityId: d.id,
      agencyId: d.agencyId,
      after: { seq: d.lastSeq, stepCode: d.stepCode, stepDueAt: d.stepDueAt.toISOString(), recipients: unique.length },
    });
    return { sent: unique.length };
  });
}

export function dossierJobs(deps: ReminderDeps): JobDefinition[] {
  return [
    defineJob(STEP_REMINDER_JOB, payload, async (p, run) => {
      await runStepReminder(run.ctx, deps, p);
    }, { retryLimit: 5, retryDelaySeconds: 60 }),
    consultationReminderJob(deps),
  ];
}
