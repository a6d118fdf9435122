import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../src/platform/db/client.js';
import { dossierActions, dossiers } from '../../src/services/dossiers/schema.js';
import type { DossierState } from '../../src/services/dossiers/status.js';
import { aDefinition, makeProcedure } from './service-factories.js';

type FiledOpts = { applicantId: string; agencyId?: string; state?: DossierState; fees?: number; phone?: string | null; stepCode?: string | null; receivedAt?: Date | null };

/**
 * A dossier already filed by the applicant and standing in a given state, written directly (its log holds the
 * submission and one action into that state), for tests of what happens after processing: paying, rating, results.
 */
export async function makeFiledDossier(db: Queryable, opts: FiledOpts) {
  const fees = opts.fees ?? 50_000;
  const procedure = await makeProcedure(db, { ...(opts.agencyId ? { ownerAgencyId: opts.agencyId } : {}), definition: aDefinition({ fees: fees > 0 ? [{ name: 'Lệ phí cấp bản sao', amount: fees }] : [] }) });
  const state = opts.state ?? 'received';
  const at = new Date('2026-03-02T02:00:00Z');
  const [d] = await db
    .insert(dossiers)
    .values({
      code: `H99-260302-${randomBytes(3).toString('hex').toUpperCase()}`,
      agencyId: procedure.ownerAgencyId,
      deskAgencyId: procedure.ownerAgencyId,
      procedureId: procedure.id,
      procedureVersionId: procedure.currentVersion.id,
      level: 'full_online',
      channel: 'online',
      state,
      applicantId: opts.applicantId,
      applicantName: 'Lê Thị Mai',
      applicantIdNumber: '001190012345',
      applicantEmail: 'mai@example.vn',
      applicantPhone: opts.phone ?? null,
      feeTotal: fees,
      // A dossier waiting for its financial obligation owes the amount its request asked for.
      obligationAmount: state === 'financial' ? 120_000 : 0,
      obligationRequested: state === 'financial',
      submittedAt: at,
      receivedAt: opts.receivedAt === undefined ? at : opts.receivedAt,
      dueAt: new Date('2026-03-09T02:00:00Z'),
      stepCode: opts.stepCode ?? null,
      pausedSince: state === 'financial' ? at : null,
      returnedAt: state === 'returned' ? at : null,
      lastSeq: 2,
    })
    .returning();
  await db.insert(dossierActions).values([
    { dossierId: d!.id, seq: 1, type: 'submit', key: `submit:${d!.id}`, fromState: 'draft', toState: 'submitted', actorName: 'Lê Thị Mai', at },
    { dossierId: d!.id, seq: 2, type: 'setup', key: `setup:${d!.id}`, fromState: 'submitted', toState: state, actorName: 'test', at, data: state === 'financial' ? { resume: 'processing', items: [{ name: 'Lệ phí trước bạ', amount: 120_000 }], total: 120_000 } : {} },
  ]);
  return { dossier: d!, procedure };
}
