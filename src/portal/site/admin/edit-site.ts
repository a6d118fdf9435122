import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { Conflict, Invalid, NotFound, pgConstraint, pgErrorCode } from '../../../platform/errors.js';
import { checkbox, idOrNotFound, parseInput } from '../../../platform/validation.js';
import { versionField } from '../../../org/agency-rules.js';
import { sites } from '../../schema.js';
import { type Site, invalidateSiteChrome } from '../chrome.js';
import { manageableSite, siteChromeChanged, siteColumns, siteConstraintField, siteFields, siteSnapshot } from './site-rules.js';

const input = z.object({ ...siteFields, active: checkbox, version: versionField });

/** Changes a site's name, address, colours, contacts and footer; the form's version must still be current. */
export async function editSite(ctx: Ctx, id: string, raw: unknown): Promise<Site> {
  const siteId = idOrNotFound(id);
  await manageableSite(ctx, siteId);
  const data = parseInput(input, raw);
  try {
    const site = await inTransaction(ctx, async (tx) => {
      const [before] = await tx.db.select().from(sites).where(eq(sites.id, siteId)).for('update');
      if (!before) throw new NotFound();
      if (before.version !== data.version) throw new Conflict('site.admin.conflict');
      // The provincial portal cannot be switched off from its own form: "/" would have nothing to show.
      const active = before.isMain ? true : data.active;
      const [after] = await tx.db
        .update(sites)
        .set({ ...siteColumns(data), active, version: before.version + 1, updatedAt: ctx.now() })
        .where(and(eq(sites.id, siteId), eq(sites.version, data.version)))
        .returning();
      if (!after) throw new Conflict('site.admin.conflict');
      await recordAudit(tx, { action: 'site.updated', entityType: 'site', entityId: siteId, agencyId: after.agencyId, before: siteSnapshot(before), after: siteSnapshot(after) });
      await siteChromeChanged(tx.db, siteId);
      return after;
    });
    invalidateSiteChrome();
    return site;
  } catch (err) {
    const hit = pgErrorCode(err) === '23505' ? siteConstraintField[pgConstraint(err) ?? ''] : undefined;
    if (hit) throw new Invalid({ [hit[0]]: { key: hit[1] } });
    throw err;
  }
}
