import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { makeInquiry, makeSite } from '../../../test/support/portal-factories.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { auditLog } from '../../platform/schema.js';
import { inquiries, searchEntries } from '../schema.js';
import { answerInquiry } from './answer-inquiry.js';
import { checkSubmission, issueFormStamp, MIN_FILL_MS } from './anti-spam.js';
import { assignInquiry } from './assign-inquiry.js';
import { publishInquiry } from './publish-inquiry.js';
import { lookupInquiry } from './queries.js';
import { rejectInquiry } from './reject-inquiry.js';
import { submitInquiry } from './submit-inquiry.js';

describe('questions and feedback', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });

  /** A site of a department with a division under it, and the officials who act on its questions. */
  async function setting() {
    const dept = await makeAgency(db(), { name: 'Sở Thử' });
    const division = await makeAgency(db(), { name: 'Phòng Thử', parentId: dept.id, type: 'division' });
    const site = await makeSite(db(), { agencyId: dept.id });
    const ctxOf = async (agencyId: string, role: 'editor' | 'approver' | 'specialist') => env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId, roles: [role] })));
    return {
      dept,
      division,
      site,
      editor: await ctxOf(dept.id, 'editor'),
      approver: await ctxOf(dept.id, 'approver'),
      divisionSpecialist: await ctxOf(division.id, 'specialist'),
      outsider: await ctxOf((await makeAgency(db())).id, 'approver'),
    };
  }

  test('a visitor sends a question and gets a tracking code and a message; contact details stay out of the audit log', async () => {
    const { site } = await setting();
    const before = await env.mailJobsFiled();
    const q = await submitInquiry(env.ctx(), site, 'question', { askerName: 'Trần Thị <b>B</b>', askerEmail: 'B@Example.vn', askerPhone: '0912345678', subject: 'Hỏi về <script>alert(1)</script> cấp phép', body: 'Xin hỏi…', publicConsent: 'on' }, deps());
    assert.match(q.code, /^HD-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
    assert.equal(q.subject, 'Hỏi về <script>alert(1)</script> cấp phép', 'stored as typed; escaped when shown');
    assert.equal(q.askerEmail, 'b@example.vn');
    assert.equal(q.status, 'received');
    assert.equal(await env.mailJobsFiled(), before + 1);
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'inquiry.submitted'), eq(auditLog.entityId, q.id)));
    assert.equal(entry!.actorLabel, 'anonymous');
    assert.doesNotMatch(JSON.stringify(entry!.after), /example\.vn|0912345678|Trần/);
  });

  test('refuses a question without any way to answer it, and saves nothing', async () => {
    const { site } = await setting();
    const subject = `Không liên hệ ${Math.random()}`;
    await assert.rejects(submitInquiry(env.ctx(), site, 'feedback', { askerName: 'C', subject, body: 'Nội dung' }, deps()), (err) => err instanceof Invalid && err.fields.askerEmail?.key === 'inquiry.error.contactRequired');
    await assert.rejects(submitInquiry(env.ctx(), site, 'feedback', { askerName: '', askerPhone: '12345', subject: '', body: '' }, deps()), (err) => {
      assert.ok(err instanceof Invalid);
      assert.deepEqual(Object.keys(err.fields).sort(), ['askerName', 'askerPhone', 'body', 'subject']);
      return true;
    });
    assert.deepEqual(await db().select().from(inquiries).where(eq(inquiries.subject, subject)), []);
  });

  test('is routed to a unit of the site’s agency, answered there and released by an approver', async () => {
    const s = await setting();
    const q = await makeInquiry(db(), { siteId: s.site.id, publicConsent: true });
    await assert.rejects(assignInquiry(s.editor, q.id, { agencyId: (await makeAgency(db())).id, version: '1' }), (e) => e instanceof Invalid && e.fields.agencyId?.key === 'inquiry.error.unitOutside');
    const assigned = await assignInquiry(s.editor, q.id, { agencyId: s.division.id, version: '1' });
    assert.equal(assigned.status, 'assigned');
    // The division's specialist holds no role in the department, but the item is now theirs.
    const answered = await answerInquiry(s.divisionSpecialist, q.id, { answer: 'Trả lời: cần nộp hồ sơ tại Trung tâm Phục vụ hành chính công.', version: String(assigned.version) });
    assert.equal(answered.status, 'answered');
    await assert.rejects(publishInquiry(s.outsider, q.id, { version: String(answered.version) }, deps()), Forbidden);
    const before = await env.mailJobsFiled();
    const published = await publishInquiry(s.approver, q.id, { version: String(answered.version) }, deps());
    assert.equal(published.status, 'published');
    assert.equal(await env.mailJobsFiled(), before + 1);
    const [indexed] = await db().select().from(searchEntries).where(eq(searchEntries.entityId, q.id));
    assert.equal(indexed!.entityType, 'question');
    assert.equal(indexed!.url, `/hoi-dap/${q.id}`);
    const seen = await lookupInquiry(db(), q.code.toLowerCase());
    assert.equal(seen!.answer, answered.answer);
    assert.equal(seen!.status, 'published');
  });

  test('an answer is not shown to the sender, nor searchable, before it is released; without consent it never is public', async () => {
    const s = await setting();
    const q = await makeInquiry(db(), { siteId: s.site.id, publicConsent: false });
    const answered = await answerInquiry(s.editor, q.id, { answer: 'Bản nháp trả lời', version: '1' });
    assert.equal(answered.assignedAgencyId, s.dept.id, 'answered without routing: the site’s agency answered');
    const pending = await lookupInquiry(db(), ` ${q.code} `);
    assert.equal(pending!.answer, null);
    assert.equal(pending!.status, 'answered');
    assert.equal(Object.keys(pending!).some((k) => /asker/.test(k)), false, 'no contact details in the public view');
    await publishInquiry(s.approver, q.id, { version: String(answered.version) }, deps());
    assert.deepEqual(await db().select().from(searchEntries).where(eq(searchEntries.entityId, q.id)), []);
    assert.equal((await lookupInquiry(db(), q.code))!.answer, 'Bản nháp trả lời');
  });

  test('the one who answered cannot also release the answer', async () => {
    const s = await setting();
    const q = await makeInquiry(db(), { siteId: s.site.id });
    const answered = await answerInquiry(s.approver, q.id, { answer: 'Tự trả lời', version: '1' });
    await assert.rejects(publishInquiry(s.approver, q.id, { version: String(answered.version) }, deps()), (e) => e instanceof Conflict && e.messageKey === 'inquiry.error.ownAnswer');
    const [row] = await db().select().from(inquiries).where(eq(inquiries.id, q.id));
    assert.equal(row!.status, 'answered');
  });

  test('two officials answering the same version: the second is told, the first answer stays', async () => {
    const s = await setting();
    const q = await makeInquiry(db(), { siteId: s.site.id });
    const results = await Promise.allSettled([
      answerInquiry(s.editor, q.id, { answer: 'Trả lời thứ nhất', version: '1' }),
      answerInquiry(s.approver, q.id, { answer: 'Trả lời thứ hai', version: '1' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(failed.reason instanceof Conflict);
    const [row] = await db().select().from(inquiries).where(eq(inquiries.id, q.id));
    assert.equal(row!.version, 2);
    assert.equal(row!.answer, (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ answer: string }>).value.answer);
  });

  test('a declined item tells the sender why and can no longer be answered', async () => {
    const s = await setting();
    const q = await makeInquiry(db(), { siteId: s.site.id });
    const rejected = await rejectInquiry(s.approver, q.id, { reason: 'Nội dung không thuộc thẩm quyền của Sở.', version: '1' }, deps());
    assert.equal((await lookupInquiry(db(), q.code))!.rejectReason, 'Nội dung không thuộc thẩm quyền của Sở.');
    await assert.rejects(answerInquiry(s.editor, q.id, { answer: 'Muộn', version: String(rejected.version) }), (e) => e instanceof Conflict && e.messageKey === 'inquiry.error.wrongStatus');
  });

  test('lookup ignores malformed codes and never finds by a guess of another shape', async () => {
    assert.equal(await lookupInquiry(db(), "HD-2026-' or 1=1 --"), null);
    assert.equal(await lookupInquiry(db(), ''), null);
    assert.equal(await lookupInquiry(db(), 'HD-2026-ZZZZZZZZ'), null);
  });

  test('anti-spam: a filled honeypot, a forged or missing stamp and a form sent at once are refused', () => {
    const shown = new Date('2026-03-02T02:00:00Z');
    const stamp = issueFormStamp(env.secrets, shown);
    const later = new Date(shown.getTime() + MIN_FILL_MS + 1000);
    assert.equal(checkSubmission(env.secrets, { stamp }, later), 'ok');
    assert.equal(checkSubmission(env.secrets, { stamp, website: 'http://spam.example' }, later), 'bot');
    assert.equal(checkSubmission(env.secrets, { stamp: 'forged' }, later), 'bot');
    assert.equal(checkSubmission(env.secrets, {}, later), 'bot');
    assert.equal(checkSubmission(env.secrets, { stamp }, new Date(shown.getTime() + 500)), 'too_fast');
    assert.equal(checkSubmission(env.secrets, { stamp }, new Date(shown.getTime() + 25 * 3600_000)), 'expired');
  });

  describe('back-office pages', () => {
    test('an editor routes and answers from the item page; a blank answer comes back with the error and nothing changes', async () => {
      const s = await setting();
      const q = await makeInquiry(db(), { siteId: s.site.id, subject: 'Hỏi <i>đất đai</i>' });
      const editor = await makeOfficial(db(), { agencyId: s.dept.id, roles: ['editor'] });
      const client = await new TestClient(env).signInAs(editor.id);
      const list = await client.get('/quan-tri/cong-thong-tin/hoi-dap?loai=question');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Hỏi &lt;i>đất đai&lt;\/i>/);
      const page = await client.get(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(q.askerEmail!.replace('.', '\\.')));
      const reads = await db().select().from(auditLog).where(and(eq(auditLog.action, 'personal_data.read'), eq(auditLog.entityId, q.id)));
      assert.equal(reads.length, 1);
      const blank = await client.post(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}/tra-loi`, { answer: '  ', version: '1' });
      assert.equal(blank.statusCode, 422);
      assert.match(blank.body, /govuk-error-summary/);
      const moved = await client.post(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}/chuyen`, { agencyId: s.division.id, version: '1' });
      assert.equal(moved.statusCode, 303);
      const stale = await client.post(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}/tra-loi`, { answer: 'Trả lời', version: '1' });
      assert.equal(stale.statusCode, 409);
      const ok = await client.post(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}/tra-loi`, { answer: 'Trả lời', version: '2' });
      assert.equal(ok.statusCode, 303);
      const forged = await client.post(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}/tra-loi`, { answer: 'Giả mạo', version: '3' }, { csrf: 'sai' });
      assert.equal(forged.statusCode, 403);
      const [row] = await db().select().from(inquiries).where(eq(inquiries.id, q.id));
      assert.deepEqual([row!.status, row!.answer, row!.version], ['answered', 'Trả lời', 3]);
    });

    test('an official of another agency is refused the item page', async () => {
      const s = await setting();
      const q = await makeInquiry(db(), { siteId: s.site.id });
      const other = await makeOfficial(db(), { agencyId: (await makeAgency(db())).id, roles: ['editor'] });
      const res = await (await new TestClient(env).signInAs(other.id)).get(`/quan-tri/cong-thong-tin/hoi-dap/${q.id}`);
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch(res.body, new RegExp(q.askerEmail!.replace('.', '\\.')));
    });
  });
});
