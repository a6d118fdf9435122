import { after, before, describe } from 'node:test';
import { eq } from 'drizzle-orm';
import { answerInquiry } from '../../src/portal/inquiries/answer-inquiry.js';
import { assignInquiry } from '../../src/portal/inquiries/assign-inquiry.js';
import { publishInquiry } from '../../src/portal/inquiries/publish-inquiry.js';
import { listInbox } from '../../src/portal/inquiries/queries.js';
import { readInquiry } from '../../src/portal/inquiries/read-inquiry.js';
import { rejectInquiry } from '../../src/portal/inquiries/reject-inquiry.js';
import { submitInquiry } from '../../src/portal/inquiries/submit-inquiry.js';
import type { Ctx } from '../../src/platform/context.js';
import { inquiries } from '../../src/portal/schema.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeOfficial } from '../support/factories.js';
import { makeInquiry, makeSite } from '../support/portal-factories.js';
import { type Action, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: inquiry.handle belongs to editors, approvers and specialists,
// inquiry.publish to approvers; both are checked against the site's agency (A here), the handling unit's too.

describe('permission matrix: questions and feedback', () => {
  let env: TestEnv;
  let w: World;
  let site: Awaited<ReturnType<typeof makeSite>>;
  let answerer: string;

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    site = await makeSite(w.db, { agencyId: w.tree.A.id });
    answerer = (await makeOfficial(w.db, { agencyId: w.tree.A.id, roles: ['specialist'] })).id;
  });
  after(() => env.close());

  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const row = (id: string) => () => w.db.select().from(inquiries).where(eq(inquiries.id, id));
  const on = (expect: string, name: string, effect: Action['effect'], status: 'received' | 'answered', run: (id: string, version: number) => (ctx: Ctx) => Promise<unknown>): Action => ({
    name,
    expect,
    effect,
    setup: async () => {
      const i = await makeInquiry(w.db, { siteId: site.id, status, ...(status === 'answered' ? { answer: 'Trả lời', answeredBy: answerer, assignedAgencyId: w.tree.A.id } : {}) });
      return { run: run(i.id, i.version), state: row(i.id) };
    },
  });

  matrixTests(() => w, [
    {
      name: 'send a question to a site',
      expect: 'Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y',
      effect: 'change',
      setup: async () => {
        const subject = `Câu hỏi ${Math.random()}`;
        return {
          run: (ctx) => submitInquiry(ctx, site, 'question', { askerName: 'Nguyễn Văn A', askerEmail: 'a@example.vn', subject, body: 'Xin hỏi thủ tục.' }, deps()),
          state: () => w.db.select().from(inquiries).where(eq(inquiries.subject, subject)),
        };
      },
    },
    on('Y   N   N   Y   Y   N   Y   N   N   N   N', 'route a question of A’s site to A1', 'change', 'received', (id, version) => (ctx) => assignInquiry(ctx, id, { agencyId: w.tree.A1.id, version: String(version) })),
    on('Y   N   N   Y   Y   N   Y   N   N   N   N', 'answer a question of A’s site', 'change', 'received', (id, version) => (ctx) => answerInquiry(ctx, id, { answer: 'Kính gửi ông/bà…', version: String(version) })),
    on('Y   N   N   N   Y   N   N   N   N   N   N', 'release an answer someone else wrote', 'change', 'answered', (id, version) => (ctx) => publishInquiry(ctx, id, { version: String(version) }, deps())),
    on('Y   N   N   N   Y   N   N   N   N   N   N', 'decline a question', 'change', 'received', (id, version) => (ctx) => rejectInquiry(ctx, id, { reason: 'Không thuộc thẩm quyền', version: String(version) }, deps())),
    on('Y   N   N   Y   Y   N   Y   N   N   N   N', 'read a question with the sender’s contact details', 'audit', 'received', (id) => (ctx) => readInquiry(ctx, id)),
    {
      name: 'see a question of A’s site in the inbox',
      expect: 'Y   h   h   Y   Y   h   Y   h   h   h   h',
      effect: 'none',
      setup: async () => {
        const i = await makeInquiry(w.db, { siteId: site.id });
        return {
          run: (ctx) => listInbox(ctx, { page: 1 }),
          state: row(i.id),
          shows: (r) => (r as Awaited<ReturnType<typeof listInbox>>).rows.some((x) => x.id === i.id),
        };
      },
    },
  ]);
});
