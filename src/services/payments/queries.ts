import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import type { Dossier } from '../dossiers/append-action.js';
import type { Payment } from './payment-rules.js';
import { dossierPayments, dossierRatings } from './schema.js';

export type PaymentPanel = {
  /** Whether online payment is configured at all. */
  enabled: boolean;
  /** The latest attempt, to say whether one is waiting for the platform or did not go through. */
  latest: Payment | null;
  /** The paid payment whose receipt can be downloaded. */
  receipt: Payment | null;
  rating: typeof dossierRatings.$inferSelect | null;
};

/** What the applicant's dossier page shows about fees and rating, in three small queries. */
export async function paymentPanel(db: Queryable, dossier: Dossier, enabled: boolean): Promise<PaymentPanel> {
  const [[latest], [receipt], [rating]] = await Promise.all([
    db.select().from(dossierPayments).where(eq(dossierPayments.dossierId, dossier.id)).orderBy(desc(dossierPayments.createdAt)).limit(1),
    db
      .select()
      .from(dossierPayments)
      .where(and(eq(dossierPayments.dossierId, dossier.id), eq(dossierPayments.status, 'paid'), isNotNull(dossierPayments.receiptFileId)))
      .orderBy(desc(dossierPayments.paidAt))
      .limit(1),
    db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossier.id)),
  ]);
  return { enabled, latest: latest ?? null, receipt: receipt ?? null, rating: rating ?? null };
}
