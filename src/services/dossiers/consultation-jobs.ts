import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { agencies } from '../../org/schema.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type JobRef, defineJob } from '../../platform/jobs/define-job.js';
import { enqueue } from '../../platform/jobs/enqueue.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import { type ReminderDeps, holdersOf } from './deadline-jobs.js';
import { consultationAnswers, dossierConsultations } from './consultation-schema.js';
import { dossiers } from './schema.js';

export const CONSULTATION_REMINDER_JOB = 'dossier.consultation-reminder';
const HOUR = 3_600_000;

const payload = z.object({ consultationId: z.uuid() });
type Payload = z.infer<typeof payload>;
const reminderRef: JobRef<typeof payload> = { name: CONSULTATION_REMINDER_JOB, schema: payload, options: { dedupe: false } };

/**
 * Filed with the consultation, in its transaction: a day before the answer-by time (halfway for a shorter one) the
 * agencies that have not answered are reminded. A consultation answered or closed by then reminds nobody.
 */
export async function scheduleConsultationReminder(tx: { db: Tx }, c: { id: string; answerBy: Date }, now: Date): Promise<void> {
  if (c.answerBy <= now) return;
  const lead = Math.min(24 * HOUR, (c.answerBy.getTime() - now.getTime()) / 2);
  await enqueue(tx, reminderRef, { consultationId: c.id }, { runAt: new Date(c.answerBy.getTime() - lead) });
}

/** Mails the leaders and specialists of each consulted agency still silent; returns how many were written to. */
export async function runConsultationReminder(ctx: Ctx, deps: ReminderDeps, p: Payload): Promise<{ sent: number }> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ c: dossierConsultations, code: dossiers.code, agencyId: dossiers.agencyId })
      .from(dossierConsultations)
      .innerJoin(dossiers, eq(dossiers.id, dossierConsultations.dossierId))
      .where(eq(dossierConsultations.id, p.consultationId));
    if (!row || row.c.closedAt) return { sent: 0 };
    const silent = await tx.db
      .select({ agencyId: consultationAnswers.agencyId, name: agencies.name })
      .from(consultationAnswers)
      .innerJoin(agencies, eq(agencies.id, consultationAnswers.agencyId))
      .where(and(eq(consultationAnswers.consultationId, row.c.id), isNull(consultationAnswers.answeredAt)));
    const people = new Map<string, { email: string; fullName: string }>();
    for (const a of silent) {
      for (const role of ['leader', 'specialist']) for (const h of await holdersOf(tx.db, role, a.agencyId)) people.set(h.id, h);
    }
    for (const person of people.values()) {
      await enqueueMail(
        tx,
        deps.secrets,
        composeMail(person.email, {
          subject: 'consultation.remind.subject',
          body: [{ text: 'consultation.remind.body' }, { link: 'dossier.remind.open', url: `${deps.baseUrl}/quan-tri/ho-so/xin-y-kien/${row.c.id}` }],
          params: { name: person.fullName, code: row.code ?? '', due: formatVnDateTime(row.c.answerBy) },
        }),
      );
    }
    await recordAudit(tx, {
      action: 'dossier.consultation_reminder_sent',
      actorLabel: 'system',
      entityType: 'dossier',
      entityId: row.c.dossierId,
      agencyId: row.agencyId,
      after: { consultationId: row.c.id, agencies: silent.map((s) => s.agencyId), recipients: people.size },
    });
    return { sent: people.size };
  });
}

export const consultationReminderJob = (deps: ReminderDeps) =>
  defineJob(CONSULTATION_REMINDER_JOB, payload, async (p, run) => {
    await runConsultationReminder(run.ctx, deps, p);
  }, { retryLimit: 5, retryDelaySeconds: 60 });
