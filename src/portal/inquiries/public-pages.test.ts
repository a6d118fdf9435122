import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeInquiry, makeSite } from '../../../test/support/portal-factories.js';
import { inquiries } from '../schema.js';

const stampOf = (html: string) => /name="stamp" value="([^"]+)"/.exec(html)![1]!;

describe('questions and feedback on a site', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());
  const db = () => env.database.db;

  test('a visitor sends a question without an account and follows it by its code', async () => {
    const site = await makeSite(db());
    const visitor = new TestClient(env);
    const form = await visitor.get(`/${site.slug}/hoi-dap/gui`);
    assert.equal(form.statusCode, 200);
    env.clock.advance(20_000);
    const subject = `Thủ tục cấp đổi giấy phép lái xe ${Math.random()}`;
    const sent = await visitor.post(`/${site.slug}/hoi-dap/gui`, {
      stamp: stampOf(form.body),
      website: '',
      askerName: 'Hoàng Văn Đức',
      askerEmail: 'duc@example.vn',
      subject,
      body: 'Tôi muốn hỏi thủ tục.\n\nXin cảm ơn.',
      publicConsent: 'on',
    });
    assert.equal(sent.statusCode, 303);
    const [row] = await db().select().from(inquiries).where(eq(inquiries.subject, subject));
    assert.equal(sent.headers.location, `/${site.slug}/hoi-dap/tra-cuu?ma=${row!.code}&moi=1`);
    const followed = await visitor.get(sent.headers.location as string);
    assert.equal(followed.statusCode, 200);
    assert.match(followed.body, new RegExp(`Mã tra cứu của bạn là ${row!.code}`));
    assert.match(followed.body, /Mới tiếp nhận/);
    assert.doesNotMatch(followed.body, /duc@example\.vn/);
    const unknown = await visitor.get(`/${site.slug}/hoi-dap/tra-cuu?ma=HD-2026-ZZZZZZZZ`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Không tìm thấy mã tra cứu/);
  });

  test('refuses a form sent at once, a filled honeypot and a missing contact, and saves nothing', async () => {
    const site = await makeSite(db());
    const visitor = new TestClient(env);
    const subject = `Phản ánh thử ${Math.random()}`;
    const fields = { askerName: 'Lò Thị Mai', askerEmail: 'mai@example.vn', subject, body: 'Đường hỏng' };
    const form = await visitor.get(`/${site.slug}/phan-anh/gui`);
    const tooFast = await visitor.post(`/${site.slug}/phan-anh/gui`, { stamp: stampOf(form.body), ...fields });
    assert.equal(tooFast.statusCode, 422);
    assert.match(tooFast.body, /Bạn gửi quá nhanh/);
    env.clock.advance(10_000);
    const robot = await visitor.post(`/${site.slug}/phan-anh/gui`, { stamp: stampOf(form.body), website: 'http://spam.example', ...fields });
    assert.equal(robot.statusCode, 422);
    const forged = await visitor.post(`/${site.slug}/phan-anh/gui`, { stamp: 'x', ...fields });
    assert.equal(forged.statusCode, 422);
    const noContact = await visitor.post(`/${site.slug}/phan-anh/gui`, { stamp: stampOf(form.body), ...fields, askerEmail: '' });
    assert.equal(noContact.statusCode, 422);
    assert.match(noContact.body, /Cần thư điện tử hoặc số điện thoại/);
    assert.match(noContact.body, /value="Lò Thị Mai"/, 'what was typed is shown again');
    const noToken = await visitor.post(`/${site.slug}/phan-anh/gui`, { stamp: stampOf(form.body), ...fields }, { csrf: null });
    assert.equal(noToken.statusCode, 403);
    assert.deepEqual(await db().select().from(inquiries).where(eq(inquiries.subject, subject)), []);
  });

  test('lists released answers the senders agreed to show, never who sent them', async () => {
    const site = await makeSite(db());
    const shown = await makeInquiry(db(), { siteId: site.id, status: 'published', publishedAt: new Date('2026-03-01T02:00:00Z'), answer: 'Trả lời công khai', askerName: 'Người Rất Riêng Tư', subject: 'Hỏi <b>công khai</b>' });
    await makeInquiry(db(), { siteId: site.id, status: 'published', publicConsent: false, answer: 'Riêng', subject: 'Không đồng ý công khai' });
    await makeInquiry(db(), { siteId: site.id, status: 'answered', answer: 'Chưa duyệt', subject: 'Chưa được duyệt' });
    const feedback = await makeInquiry(db(), { siteId: site.id, kind: 'feedback', status: 'published', answer: 'Đã sửa đường', subject: 'Đường liên xã bị hỏng' });
    const list = await env.app.inject({ method: 'GET', url: `/${site.slug}/hoi-dap` });
    assert.match(list.body, /Hỏi &lt;b>công khai&lt;\/b>/);
    assert.doesNotMatch(list.body, /Không đồng ý công khai|Chưa được duyệt|Đường liên xã/);
    const page = await env.app.inject({ method: 'GET', url: `/${site.slug}/hoi-dap/${shown.id}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Trả lời công khai/);
    assert.doesNotMatch(page.body, /Người Rất Riêng Tư/);
    assert.equal((await env.app.inject({ method: 'GET', url: `/${site.slug}/hoi-dap/${feedback.id}` })).statusCode, 404, 'feedback is not a question');
    const feedbackPage = await env.app.inject({ method: 'GET', url: `/${site.slug}/phan-anh/${feedback.id}` });
    assert.match(feedbackPage.body, /Đã sửa đường/);
  });
});
