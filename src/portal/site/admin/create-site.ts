import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { hasSystemWideGrant, requirePermission } from '../../../platform/auth/authorize.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { Forbidden, Invalid, pgConstraint, pgErrorCode } from '../../../platform/errors.js';
import { checkbox, parseInput, uuidField } from '../../../platform/validation.js';
import { sites } from '../../schema.js';
import { type Site, invalidateSiteChrome } from '../chrome.js';
import { siteChromeChanged, siteColumns, siteConstraintField, siteFields, siteSnapshot } from './site-rules.js';

const input = z.object({ ...siteFields, agencyId: uuidField, isMain: checkbox });

/**
 * Opens a portal site for an agency, for whoever manages sites in that agency (a system administrator for any).
 * Only a province-wide administrator may make the provincial portal itself.
 */
export async function createSite(ctx: Ctx, raw: unknown): Promise<Site> {
  const data = parseInput(input, raw);
  await requirePermission(ctx, 'site.manage', data.agencyId);
  if (data.isMain && !hasSystemWideGrant(ctx.actor, 'site.manage')) throw new Forbidden();
  try {
    const site = await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(sites)
        .values({ ...siteColumns(data), agencyId: data.agencyId, isMain: data.isMain, createdAt: ctx.now(), updatedAt: ctx.now() })
        .returning();
      await recordAudit(tx, { action: 'site.created', entityType: 'site', entityId: row!.id, agencyId: row!.agencyId, after: siteSnapshot(row!) });
      await siteChromeChanged(tx.db, row!.id);
      return row!;
    });
    invalidateSiteChrome();
    return site;
  } catch (err) {
    const hit = pgErrorCode(err) === '23505' ? siteConstraintField[pgConstraint(err) ?? ''] : undefined;
    if (hit) throw new Invalid({ [hit[0]]: { key: hit[1] } });
    if (pgErrorCode(err) === '23503') throw new Invalid({ agencyId: { key: 'site.admin.agencyNotFound' } });
    throw err;
  }
}
