import { randomUUID } from 'node:crypto';
import { after, before, describe } from 'node:test';
import { eq } from 'drizzle-orm';
import { attachResult } from '../../src/services/dossiers/attach-result.js';
import { dossierFiles } from '../../src/services/dossiers/schema.js';
import type { DossierState } from '../../src/services/dossiers/status.js';
import { paymentDeps } from '../../src/services/payments/payment-rules.js';
import { rateDossier } from '../../src/services/payments/rate-dossier.js';
import { dossierPayments, dossierRatings } from '../../src/services/payments/schema.js';
import { startPayment } from '../../src/services/payments/start-payment.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeFiledDossier } from '../support/payment-factories.js';
import { PaymentPeer } from '../support/payment-peer.js';
import { type World, makeWorld, matrixTests } from './world.js';

// Paying and rating are the applicant's own acts (ownDossier): officials are refused whatever their roles, the
// anonymous visitor must sign in. Attaching a result needs dossier.process on the competent agency and either the
// clerk role there or the last step in hand; at a processed dossier that leaves the clerk of A.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('permission matrix: fees, rating, results', () => {
  const peer = new PaymentPeer();
  let env: TestEnv;
  let w: World;
  before(async () => {
    await peer.start();
    env = await makeTestEnv(peer.env());
    w = await makeWorld(env);
  });
  after(async () => {
    await env.close();
    await peer.close();
  });

  const dossier = async (state: DossierState, fees = 50_000) => (await makeFiledDossier(w.db, { applicantId: w.actors.citizen!.userId, agencyId: w.tree.A.id, state, fees })).dossier;

  matrixTests(() => w, [
    {
      name: 'pay the fees of the citizen’s dossier online',
      expect: 'N   N   N   N   N   N   N   N   N   Y   N',
      effect: 'change',
      setup: async () => {
        const d = await dossier('received');
        return {
          run: (ctx) => startPayment(ctx, paymentDeps(env.config, env.storage), d.id, { key: randomUUID() }),
          state: () => w.db.select({ id: dossierPayments.id }).from(dossierPayments).where(eq(dossierPayments.dossierId, d.id)),
        };
      },
    },
    {
      name: 'rate the citizen’s returned dossier',
      expect: 'N   N   N   N   N   N   N   N   N   Y   N',
      effect: 'change',
      setup: async () => {
        const d = await dossier('returned', 0);
        return { run: (ctx) => rateDossier(ctx, d.id, { key: randomUUID(), level: '5' }), state: () => w.db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, d.id)) };
      },
    },
    {
      name: 'attach the result of a processed dossier of A',
      expect: 'N   N   N   N   N   N   N   N   Y   N   N',
      effect: 'change',
      setup: async () => {
        const d = await dossier('processed', 0);
        return {
          run: (ctx) => attachResult(ctx, env.storage, env.config.maxUploadBytes, d.id, { name: 'ket-qua.pdf', content: PDF }, { key: randomUUID() }),
          state: () => w.db.select({ id: dossierFiles.id }).from(dossierFiles).where(eq(dossierFiles.dossierId, d.id)),
        };
      },
    },
  ]);
});
