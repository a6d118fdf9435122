import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { optionalUuid, parseInput } from '../../platform/validation.js';
import type { Dossier } from './append-action.js';
import { accountContacts, competentAgencies, procedureForFiling, requireCitizen } from './filing-rules.js';
import { dossiers } from './schema.js';

const input = z.object({ agencyId: optionalUuid });

/**
 * Opens a draft dossier for a signed-in applicant under the procedure's version in force. A procedure resolved by
 * several agencies (a commune-level one, by every commune) needs the applicant's choice; the dossier then goes to
 * that agency and its desk wherever the applicant lives.
 */
export async function startDossier(ctx: Ctx, procedureCode: string, raw: unknown): Promise<Dossier> {
  const { userId } = requireCitizen(ctx);
  const data = parseInput(input, raw);
  const { procedure, version } = await procedureForFiling(ctx.db, procedureCode);
  const agencies = await competentAgencies(ctx.db, procedure.id);
  const chosen = data.agencyId ? agencies.find((a) => a.agencyId === data.agencyId) : agencies.length === 1 ? agencies[0] : undefined;
  if (!chosen) throw new Invalid({ agencyId: { key: agencies.length === 0 ? 'dossier.error.noAgency' : 'dossier.error.chooseAgency' } });
  const me = await accountContacts(ctx.db, userId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(dossiers)
      .values({
        agencyId: chosen.agencyId,
        deskAgencyId: chosen.deskAgencyId,
        procedureId: procedure.id,
        procedureVersionId: version.id,
        level: procedure.level,
        channel: 'online',
        state: 'draft',
        applicantId: userId,
        applicantKind: version.definition.applicants[0] ?? 'citizen',
        applicantName: me.fullName,
        applicantEmail: me.email,
        applicantPhone: me.phone,
        delivery: version.definition.deliveries.includes('electronic') ? 'electronic' : version.definition.deliveries[0]!,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, { action: 'dossier.draft_started', entityType: 'dossier', entityId: row!.id, agencyId: row!.agencyId, after: { procedure: procedure.code } });
    return row!;
  });
}
