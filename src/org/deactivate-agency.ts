import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import { Invalid } from '../platform/errors.js';
import type { Agency } from './agency-rules.js';
import { agencies } from './schema.js';
import { setAgencyActive } from './set-agency-active.js';

/**
 * Stops an agency (a merged or dissolved department). Refused while subordinate agencies are still active,
 * so the active agencies always form a tree.
 */
export function deactivateAgency(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  return setAgencyActive(ctx, id, raw, {
    active: false,
    action: 'agency.deactivated',
    rule: async (tx, before) => {
      const [row] = await tx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(agencies)
        .where(and(eq(agencies.parentId, before.id), eq(agencies.active, true)));
      const count = Number(row?.n ?? 0);
      if (count > 0) throw new Invalid({ _form: { key: 'agency.hasActiveChildren', params: { count } } });
    },
  });
}
