import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from '../dossiers/append-action.js';
import { ownDossier } from '../dossiers/filing-rules.js';
import { dossierActions } from '../dossiers/schema.js';
import { dossierRatings } from './schema.js';

/** 5 very satisfied … 1 very dissatisfied: the five levels of the national portal's rating (vn-publicservice.md §4). */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;

const input = z.object({
  key: actionKey,
  seq: expectedSeq,
  level: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.coerce.number({ error: 'rating.error.level' }).int({ error: 'rating.error.level' }).min(1, { error: 'rating.error.level' }).max(5, { error: 'rating.error.level' })),
  comment: optionalText(2000),
});

/**
 * The applicant rates their returned dossier, once: one overall satisfaction level and an optional comment, kept
 * in dossier_ratings and logged as the action 'rate'. A repeated request with the same key is the same rating; a
 * second rating is refused.
 */
export async function rateDossier(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const d = await ownDossier(tx, id, true);
    if (d.rating !== null) {
      const [same] = await tx.db.select({ seq: dossierActions.seq }).from(dossierActions).where(and(eq(dossierActions.dossierId, d.id), eq(dossierActions.key, data.key)));
      if (same) return d;
      throw new Conflict('rating.error.already');
    }
    if (d.state !== 'returned') throw new Conflict('rating.error.notReturned');
    const { dossier } = await appendAction(tx, d, {
      type: 'rate',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'returned',
      from: ['returned'],
      note: data.comment ?? null,
      data: { level: data.level },
      changes: { rating: data.level },
    });
    await tx.db.insert(dossierRatings).values({ dossierId: d.id, level: data.level, comment: data.comment ?? null, createdAt: tx.now() });
    return dossier;
  });
}
