import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { makeFiledDossier } from '../../../test/support/payment-factories.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { attachResult } from './attach-result.js';
import { dossierActions, dossierFiles, dossiers } from './schema.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('attaching the result of a dossier', () => {
  let env: TestEnv;
  let agencyId: string;
  before(async () => {
    env = await makeTestEnv();
    agencyId = (await makeAgency(env.database.db)).id;
  });
  after(() => env.close());
  const db = () => env.database.db;
  const as = async (role: 'clerk' | 'specialist' | 'desk_officer', agency = agencyId) => env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId: agency, roles: [role] })));
  const dossierIn = async (state: 'processed' | 'processing', stepCode: string | null = null) => (await makeFiledDossier(db(), { applicantId: (await makeCitizen(db())).id, agencyId, state, stepCode, fees: 0 })).dossier;
  const attach = (ctx: Awaited<ReturnType<typeof as>>, id: string, content = PDF) => attachResult(ctx, env.storage, env.config.maxUploadBytes, id, { name: 'Giấy xác nhận.pdf', content }, { key: randomUUID() });
  const results = async (id: string) => db().select().from(dossierFiles).where(eq(dossierFiles.dossierId, id));

  test('a clerk of the competent agency attaches a PDF result to a processed dossier, through its log', async () => {
    const d = await dossierIn('processed');
    const row = await attach(await as('clerk'), d.id);
    assert.equal(row.purpose, 'result');
    assert.equal(row.file.name, 'Giấy xác nhận.pdf');
    const [after] = await db().select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.equal(after!.electronicResult, true);
    assert.equal(after!.state, 'processed');
    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, d.id)).orderBy(dossierActions.seq);
    assert.equal(log.at(-1)!.type, 'attach_result');
    assert.equal(row.actionSeq, log.at(-1)!.seq);
  });

  test('the officer holding the last step attaches it there; earlier steps are too soon', async () => {
    const atLast = await dossierIn('processing', 'PH');
    assert.equal((await attach(await as('clerk'), atLast.id)).purpose, 'result');
    const early = await dossierIn('processing', 'XL');
    await assert.rejects(attach(await as('clerk'), early.id), (e: unknown) => e instanceof Conflict && e.messageKey === 'result.error.notYet');
    assert.equal((await results(early.id)).length, 0);
  });

  test('anything but a PDF is refused, and other officers are refused, with nothing stored', async () => {
    const d = await dossierIn('processed');
    await assert.rejects(attach(await as('clerk'), d.id, PNG), Invalid);
    await assert.rejects(attach(await as('specialist'), d.id), Forbidden);
    await assert.rejects(attach(await as('desk_officer'), d.id), Forbidden);
    await assert.rejects(attach(await as('clerk', (await makeAgency(db())).id), d.id), Forbidden);
    assert.equal((await results(d.id)).length, 0);
  });
});
