import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/define-job.js';
import type { Schedule } from '../../platform/jobs/worker.js';
import { checkPayment } from './check-payment.js';
import { PaymentPlatformError } from './payment-platform.js';
import type { PaymentDeps } from './payment-rules.js';
import { dossierPayments } from './schema.js';

/** A payer usually comes back through the return page within a minute; the poll is for those who never do. */
const GRACE_MS = 60_000;
/** Receipts the platform could not give at once are asked for again for a week. */
const RECEIPT_WINDOW_MS = 7 * 86_400_000;
const BATCH = 200;

/**
 * Settles payments the return page did not: the payer closed the tab, lost the connection, or the platform is
 * slow to confirm. Each payment is checked on its own, so one the platform cannot answer leaves the others settled.
 */
export async function pollPendingPayments(ctx: Ctx, deps: PaymentDeps): Promise<{ checked: number; failed: number }> {
  if (!deps.platform) return { checked: 0, failed: 0 };
  const now = ctx.now().getTime();
  const due = await ctx.db
    .select({ id: dossierPayments.id })
    .from(dossierPayments)
    .where(
      or(
        and(eq(dossierPayments.status, 'pending'), lte(dossierPayments.createdAt, new Date(now - GRACE_MS))),
        and(eq(dossierPayments.status, 'paid'), isNull(dossierPayments.receiptFileId), gte(dossierPayments.paidAt, new Date(now - RECEIPT_WINDOW_MS))),
      ),
    )
    .orderBy(asc(dossierPayments.createdAt))
    .limit(BATCH);
  let failed = 0;
  for (const { id } of due) {
    try {
      await checkPayment(ctx, deps, id);
    } catch (err) {
      if (!(err instanceof PaymentPlatformError)) throw err;
      failed++;
      ctx.log.warn({ err, paymentId: id }, 'payment status check failed; the next poll tries again');
    }
  }
  return { checked: due.length, failed };
}

export const POLL_PAYMENTS_JOB = 'payments.poll-pending';

/** The polling job and its schedule, every five minutes; nothing runs while payments are not configured. */
export function paymentJobs(deps: PaymentDeps) {
  const job = defineJob(
    POLL_PAYMENTS_JOB,
    z.object({}),
    async (_payload, { ctx }) => {
      await pollPendingPayments(ctx, deps);
    },
    { retryLimit: 1, retryDelaySeconds: 60, timeoutSeconds: 600, dedupe: true },
  );
  const schedules: Schedule[] = [{ job, cron: '*/5 * * * *' }];
  return { jobs: [job], schedules };
}
