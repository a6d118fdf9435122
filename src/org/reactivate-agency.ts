import { eq } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import { Invalid } from '../platform/errors.js';
import type { Agency } from './agency-rules.js';
import { agencies } from './schema.js';
import { setAgencyActive } from './set-agency-active.js';

/** Brings an inactive agency back; its parent must be active, as an active agency never sits under an inactive one. */
export function reactivateAgency(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  return setAgencyActive(ctx, id, raw, {
    active: true,
    action: 'agency.reactivated',
    rule: async (tx, before) => {
      if (!before.parentId) return;
      const [parent] = await tx.db.select({ active: agencies.active }).from(agencies).where(eq(agencies.id, before.parentId));
      if (!parent?.active) throw new Invalid({ _form: { key: 'agency.parentInactive' } });
    },
  });
}
