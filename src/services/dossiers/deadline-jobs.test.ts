import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import { users } from '../../accounts/schema.js';
import { queryRows } from '../../platform/db/client.js';
import { auditLog } from '../../platform/schema.js';
import { attachDocument } from './attach-document.js';
import { completeStep } from './complete-step.js';
import { STEP_REMINDER_JOB, runStepReminder } from './deadline-jobs.js';
import { receiveDossier } from './receive-dossier.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('deadline reminders and escalations', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
    await confirmCalendarYears(env.database.db);
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });

  async function received() {
    const agency = await makeAgency(db());
    const desk = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId: agency.id, roles: ['desk_officer'] })));
    const specialist = await makeOfficial(db(), { agencyId: agency.id, roles: ['specialist'], fullName: 'Chuyên viên Nhắc' });
    const leader = await makeOfficial(db(), { agencyId: agency.id, roles: ['leader'], fullName: 'Lãnh đạo Sở' });
    await db().update(users).set({ email: `cv-${randomUUID().slice(0, 8)}@so.gov.vn` }).where(eq(users.id, specialist.id));
    await db().update(users).set({ email: `ld-${randomUUID().slice(0, 8)}@so.gov.vn` }).where(eq(users.id, leader.id));
    const citizen = env.ctx(await actorFor(db(), await makeCitizen(db())));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agency.id });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Đỗ Thị Lan', applicantIdNumber: '001190012345', applicantEmail: 'lan@example.vn', f_noi_dung: 'Xin', f_so_ban: '1', submissionKey: randomUUID() });
    const dossier = await receiveDossier(desk, deps(), filed.id, { key: randomUUID() });
    return { dossier, specialist: env.ctx(await actorFor(db(), specialist)) };
  }

  async function jobsDone(dossierId: string): Promise<void> {
    // The test clock stands months before the database's, so both jobs are due at once for the worker (polling every 100 ms).
    for (let i = 0; i < 100; i++) {
      const rows = await queryRows<{ state: string }>(db(), sql`select state from pgboss.job where name = ${STEP_REMINDER_JOB} and data->>'dossierId' = ${dossierId}`);
      if (rows.length >= 2 && rows.every((r) => r.state === 'completed')) return;
      await wait(100);
    }
    assert.fail('the reminder jobs did not complete');
  }

  test('handing a step over files a reminder and an escalation that the worker actually runs', async () => {
    const mails = await env.mailJobsFiled();
    const { dossier } = await received();
    await jobsDone(dossier.id);
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityId, dossier.id));
    const reminder = entries.find((e) => e.action === 'dossier.reminder_sent');
    const escalation = entries.find((e) => e.action === 'dossier.escalated');
    assert.ok(reminder, 'the reminder ran');
    assert.ok(escalation, 'the escalation ran');
    assert.equal((reminder!.after as { recipients: number }).recipients, 1, 'the specialist holding the step');
    assert.equal((escalation!.after as { recipients: number }).recipients, 2, 'the specialist and the leader');
    // The applicant's two notices (filed, received) and three reminders.
    assert.equal(await env.mailJobsFiled(), mails + 5);
  });

  test('a reminder filed for a step that has moved on does nothing', async () => {
    const { dossier, specialist } = await received();
    await jobsDone(dossier.id);
    await completeStep(specialist, deps(), dossier.id, { key: randomUUID() });
    const mails = await env.mailJobsFiled();
    assert.deepEqual(await runStepReminder(env.ctx(), deps(), { dossierId: dossier.id, seq: dossier.lastSeq, kind: 'soon' }), { sent: 0 });
    assert.equal(await env.mailJobsFiled(), mails, 'no mail for a step already handed on');
  });
});
