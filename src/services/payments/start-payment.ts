import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { agencies } from '../../org/schema.js';
import { actionKey } from '../dossiers/append-action.js';
import { obligationRequest } from '../dossiers/financial-obligation.js';
import { ownDossier, versionOf } from '../dossiers/filing-rules.js';
import { logOf } from '../dossiers/workflow-rules.js';
import { procedures } from '../procedures/schema.js';
import { MAX_PAYMENT_ATTEMPTS, PaymentPlatformError, paymentReference } from './payment-platform.js';
import { PAYABLE_STATES, type Payment, type PaymentDeps, REUSE_PENDING_MS, RETURN_PATH, paymentSnapshot } from './payment-rules.js';
import { dossierPayments } from './schema.js';

const input = z.object({ key: actionKey });

/**
 * The applicant starts paying their dossier's fees online: a pending payment is recorded, the platform is asked to
 * open the transaction (INIT), and the answer is where to send the payer. The platform is called between two
 * transactions, so no lock waits on it; if it fails, the payment is marked failed and the person is told to try
 * again later or pay at the desk.
 */
export async function startPayment(ctx: Ctx, deps: PaymentDeps, id: string, raw: unknown): Promise<{ payment: Payment; paymentUrl: string }> {
  parseInput(input, raw);
  const platform = deps.platform;
  if (!platform) throw new Conflict('payment.error.disabled');
  const opened = await inTransaction(ctx, async (tx) => {
    const d = await ownDossier(tx, id, true);
    // While the dossier waits for a financial obligation, that is what is paid; otherwise the procedure's fees.
    const request = d.state === 'financial' && d.obligationAmount > 0 ? obligationRequest(await logOf(tx.db, d.id)) : null;
    const purpose = request ? ('obligation' as const) : ('fee' as const);
    if (!PAYABLE_STATES.includes(d.state) || (!request && d.feeTotal <= 0) || !d.code) throw new Conflict('payment.error.notPayable');
    if (!request && d.paidAt) throw new Conflict('payment.error.alreadyPaid');
    const [recent] = await tx.db
      .select()
      .from(dossierPayments)
      .where(and(eq(dossierPayments.dossierId, d.id), eq(dossierPayments.status, 'pending'), eq(dossierPayments.purpose, purpose)))
      .orderBy(desc(dossierPayments.createdAt))
      .limit(1);
    if (recent && ctx.now().getTime() - recent.createdAt.getTime() < REUSE_PENDING_MS) {
      if (!recent.paymentUrl) throw new Conflict('payment.error.inProgress');
      return { payment: recent, reused: true as const };
    }
    // Counted under the dossier's row lock (ownDossier above), so two starts on one dossier get different numbers.
    const [opened] = await tx.db.select({ n: count() }).from(dossierPayments).where(eq(dossierPayments.dossierId, d.id));
    const attempt = opened!.n + 1;
    if (attempt > MAX_PAYMENT_ATTEMPTS) throw new Conflict('payment.error.tooManyAttempts');
    const at = ctx.now();
    const [payment] = await tx.db
      .insert(dossierPayments)
      .values({ dossierId: d.id, reference: paymentReference(d.code, at, attempt), amount: request ? d.obligationAmount : d.feeTotal, purpose, obligationSeq: request?.seq ?? null, createdAt: at, updatedAt: at })
      .returning();
    await recordAudit(tx, { action: 'payment.start', entityType: 'dossier_payment', entityId: payment!.id, agencyId: d.agencyId, after: { ...paymentSnapshot(payment!), dossierCode: d.code } });
    const [meta] = await tx.db
      .select({ procedureCode: procedures.code, agencyCode: agencies.code })
      .from(procedures)
      .innerJoin(agencies, eq(agencies.id, d.agencyId))
      .where(eq(procedures.id, d.procedureId));
    const { definition } = await versionOf(tx.db, d);
    const owed = request ? ((request.data as { items?: { name: string; amount: number }[] }).items ?? []) : definition.fees;
    const receipt = { MaHoSo: d.code, MaTTHC: meta?.procedureCode ?? '', MaDonVi: meta?.agencyCode ?? '', PhiLePhi: owed.map((f) => ({ TenPhiLePhi: f.name, SoTien: f.amount })) };
    return { payment: payment!, reused: false as const, receipt };
  });
  if (opened.reused) return { payment: opened.payment, paymentUrl: opened.payment.paymentUrl! };

  const p = opened.payment;
  try {
    const { paymentUrl, raw: answer } = await platform.init({
      reference: p.reference,
      amount: p.amount,
      description: `Nop phi, le phi ho so ${opened.receipt.MaHoSo}`,
      ip: ctx.ip ?? '127.0.0.1',
      returnUrl: `${deps.baseUrl}${RETURN_PATH}`,
      receipt: opened.receipt,
      at: p.createdAt,
    });
    const [updated] = await ctx.db.update(dossierPayments).set({ paymentUrl, platformData: { init: answer }, updatedAt: ctx.now() }).where(eq(dossierPayments.id, p.id)).returning();
    return { payment: updated!, paymentUrl };
  } catch (err) {
    if (!(err instanceof PaymentPlatformError)) throw err;
    ctx.log.warn({ err, reference: p.reference }, 'payment platform refused or failed INIT');
    await inTransaction(ctx, async (tx) => {
      const [failed] = await tx.db
        .update(dossierPayments)
        .set({ status: 'failed', platformData: { error: err.kind, platformCode: err.platformCode }, updatedAt: ctx.now() })
        .where(eq(dossierPayments.id, p.id))
        .returning();
      await recordAudit(tx, { action: 'payment.fail', entityType: 'dossier_payment', entityId: p.id, before: paymentSnapshot(p), after: { ...paymentSnapshot(failed!), error: err.kind } });
    });
    throw new Conflict('payment.error.platform');
  }
}
