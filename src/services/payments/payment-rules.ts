import { eq } from 'drizzle-orm';
import type { Config } from '../../platform/config.js';
import type { Queryable } from '../../platform/db/client.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import type { DossierState } from '../dossiers/status.js';
import { type PaymentPlatform, paymentPlatform } from './payment-platform.js';
import { dossierPayments } from './schema.js';

export type Payment = typeof dossierPayments.$inferSelect;

/** What payment use cases need: the platform (null while payments are not configured), where receipts go, and congso's address. */
export type PaymentDeps = { platform: PaymentPlatform | null; storage: FileStorage; baseUrl: string };

export function paymentDeps(config: Config, storage: FileStorage): PaymentDeps {
  return { platform: config.payment ? paymentPlatform(config.payment) : null, storage, baseUrl: config.baseUrl };
}

/** A filed dossier still being dealt with: fees may be paid. Refused, withdrawn or stopped dossiers owe nothing. */
export const PAYABLE_STATES: readonly DossierState[] = ['submitted', 'received', 'processing', 'supplement', 'financial', 'processed', 'returned'];

/** The payer may press "pay" twice or come back quickly: within this window the same transaction is offered again. */
export const REUSE_PENDING_MS = 15 * 60_000;

/** A transaction the platform still calls pending after this long is given up; the payer can start a new one. */
export const PENDING_EXPIRY_MS = 24 * 3_600_000;

/** Where the platform sends the payer back. */
export const RETURN_PATH = '/dich-vu-cong/thanh-toan/ket-qua';

export async function paymentByReference(db: Queryable, reference: string): Promise<Payment | null> {
  const [row] = await db.select().from(dossierPayments).where(eq(dossierPayments.reference, reference));
  return row ?? null;
}

/** The payment as its audit entry records it: no personal data, only what reconciles with the platform. */
export function paymentSnapshot(p: Payment) {
  return { reference: p.reference, amount: p.amount, status: p.status, platformTransactionId: p.platformTransactionId, paidAt: p.paidAt?.toISOString() ?? null };
}
