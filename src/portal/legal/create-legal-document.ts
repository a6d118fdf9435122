import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, uuidField } from '../../platform/validation.js';
import { legalDocuments, sites } from '../schema.js';
import { type LegalDocument, checkDocument, legalFields, legalSnapshot } from './legal-rules.js';

const input = z.object({ siteId: uuidField, ...legalFields });

/** Records a document for a site, not yet published: it shows nowhere until someone publishes it. */
export async function createLegalDocument(ctx: Ctx, raw: unknown): Promise<LegalDocument> {
  // The site comes first: whether the person may write there decides before what they wrote is judged.
  const target = z.object({ siteId: uuidField }).safeParse(raw ?? {});
  const [site] = target.success ? await ctx.db.select().from(sites).where(eq(sites.id, target.data.siteId)) : [];
  if (!site) throw new Invalid({ siteId: { key: 'legal.siteRequired' } });
  await requirePermission(ctx, 'legal.manage', site.agencyId);
  const data = parseInput(input, raw);
  const { errors, values } = checkDocument(data, ctx.now());
  if (errors) throw new Invalid(errors);
  return inTransaction(ctx, async (tx) => {
    const [doc] = await tx.db
      .insert(legalDocuments)
      .values({ ...values, siteId: site.id, createdBy: tx.actor?.userId ?? null, createdAt: tx.now(), updatedAt: tx.now() })
      .returning();
    await recordAudit(tx, { action: 'legal.created', entityType: 'legal_document', entityId: doc!.id, agencyId: site.agencyId, after: legalSnapshot(doc!) });
    return doc!;
  });
}
