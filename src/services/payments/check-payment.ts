import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { saveUpload } from '../../platform/storage/save-upload.js';
import { dossiers } from '../dossiers/schema.js';
import { markDossierPaid } from './mark-dossier-paid.js';
import { PaymentPlatformError } from './payment-platform.js';
import { PENDING_EXPIRY_MS, type Payment, type PaymentDeps, paymentSnapshot } from './payment-rules.js';
import { dossierPayments } from './schema.js';

/**
 * Asks the platform where a pending payment stands and records the answer: paid (the dossier with it), failed, or
 * expired when it stayed pending too long. The platform's signed status answer is the only thing believed: never
 * the payer's browser. The answer is fetched before the transaction, and applied only if the payment is still
 * pending when its row is locked, so the return page and the polling job may race harmlessly.
 */
export async function checkPayment(ctx: Ctx, deps: PaymentDeps, paymentId: string): Promise<Payment> {
  const [current] = await ctx.db.select().from(dossierPayments).where(eq(dossierPayments.id, paymentId));
  if (!current) throw new Error(`no payment ${paymentId}`);
  if (current.status !== 'pending' || !deps.platform) return fetchReceipt(ctx, deps, current);
  const answer = await deps.platform.status(current.reference, ctx.now());
  const settled = await inTransaction(ctx, async (tx) => {
    const [p] = await tx.db.select().from(dossierPayments).where(eq(dossierPayments.id, paymentId)).for('update');
    if (!p || p.status !== 'pending') return p!;
    const at = tx.now();
    const expired = answer.status === 'pending' && at.getTime() - p.createdAt.getTime() > PENDING_EXPIRY_MS;
    if (answer.status === 'pending' && !expired) return p;
    // Paid for another sum is not this payment: keep it pending for a person to look at, loudly.
    if (answer.status === 'paid' && answer.amount !== null && answer.amount !== p.amount) {
      ctx.log.error({ reference: p.reference, amount: p.amount, platformAmount: answer.amount }, 'payment platform reports another amount');
      return p;
    }
    const status = answer.status === 'paid' ? 'paid' : expired ? 'expired' : 'failed';
    const [after] = await tx.db
      .update(dossierPayments)
      .set({ status, platformTransactionId: answer.transactionId, platformData: { ...p.platformData, status: answer.raw }, paidAt: status === 'paid' ? at : null, updatedAt: at })
      .where(eq(dossierPayments.id, p.id))
      .returning();
    const [d] = await tx.db.select({ agencyId: dossiers.agencyId }).from(dossiers).where(eq(dossiers.id, p.dossierId));
    await recordAudit(tx, { action: `payment.${status === 'paid' ? 'pay' : status === 'expired' ? 'expire' : 'fail'}`, entityType: 'dossier_payment', entityId: p.id, agencyId: d?.agencyId ?? null, before: paymentSnapshot(p), after: paymentSnapshot(after!) });
    if (status === 'paid') await markDossierPaid(tx, after!, at);
    return after!;
  });
  return fetchReceipt(ctx, deps, settled);
}

/**
 * The receipt (biên lai) of a paid payment, fetched once and kept as a file. A platform that cannot give it now is
 * asked again by the next poll; the payment stays paid either way.
 */
async function fetchReceipt(ctx: Ctx, deps: PaymentDeps, p: Payment): Promise<Payment> {
  if (p.status !== 'paid' || p.receiptFileId || !deps.platform) return p;
  let pdf: Buffer;
  try {
    pdf = await deps.platform.bill(p.reference, ctx.now());
  } catch (err) {
    if (!(err instanceof PaymentPlatformError)) throw err;
    ctx.log.warn({ err, reference: p.reference }, 'payment receipt not available yet');
    return p;
  }
  return saveUpload(ctx, deps.storage, { name: `bien-lai-${p.reference}.pdf`, content: pdf }, { allow: ['application/pdf'], maxBytes: 10 * 1_048_576 }, async (tx, file) => {
    const [after] = await tx.db.update(dossierPayments).set({ receiptFileId: file.id, updatedAt: tx.now() }).where(eq(dossierPayments.id, p.id)).returning();
    return after!;
  });
}
