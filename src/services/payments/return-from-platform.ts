import type { Ctx } from '../../platform/context.js';
import { NotFound } from '../../platform/errors.js';
import { ownDossier } from '../dossiers/filing-rules.js';
import { checkPayment } from './check-payment.js';
import { PaymentPlatformError } from './payment-platform.js';
import { type Payment, type PaymentDeps, paymentByReference } from './payment-rules.js';

/**
 * The payer is back from the platform's page. The address they came back by only names the reference: whatever it
 * says about the outcome could have been typed by anyone, so the outcome is asked of the platform (checkPayment).
 * The payment must belong to a dossier of the signed-in applicant. A platform that does not answer now leaves the
 * payment pending; the polling job settles it later and the page says so.
 */
export async function returnFromPlatform(ctx: Ctx, deps: PaymentDeps, query: Record<string, unknown>): Promise<{ payment: Payment; checked: boolean }> {
  const reference = typeof query.MaThamChieu === 'string' ? query.MaThamChieu : '';
  if (!/^dvc\w{1,80}$/.test(reference)) throw new NotFound();
  const payment = await paymentByReference(ctx.db, reference);
  if (!payment) throw new NotFound();
  await ownDossier(ctx, payment.dossierId);
  try {
    return { payment: await checkPayment(ctx, deps, payment.id), checked: true };
  } catch (err) {
    if (!(err instanceof PaymentPlatformError)) throw err;
    ctx.log.warn({ err, reference }, 'payment status check failed on return; the polling job will settle it');
    return { payment, checked: false };
  }
}
