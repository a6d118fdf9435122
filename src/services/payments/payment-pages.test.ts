import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeCitizen } from '../../../test/support/factories.js';
import { makeFiledDossier } from '../../../test/support/payment-factories.js';
import { PaymentPeer, RECEIPT_PDF } from '../../../test/support/payment-peer.js';
import { files } from '../../platform/schema.js';
import { dossierFiles, dossiers } from '../dossiers/schema.js';
import type { DossierState } from '../dossiers/status.js';
import { dossierRatings } from './schema.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('fees, result and rating on the applicant’s dossier page', () => {
  const peer = new PaymentPeer();
  let env: TestEnv;
  before(async () => {
    await peer.start();
    env = await makeTestEnv(peer.env());
  });
  after(async () => {
    await env.close();
    await peer.close();
  });
  const db = () => env.database.db;

  async function applicantWith(state: DossierState, fees = 50_000) {
    const user = await makeCitizen(db());
    const client = await new TestClient(env).signInAs(user.id);
    const { dossier } = await makeFiledDossier(db(), { applicantId: user.id, state, fees });
    return { client, dossier, page: `/dich-vu-cong/ho-so/${dossier.id}` };
  }
  const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!;

  test('the whole payment: the page offers it, the platform page pays, the return shows it paid with a receipt', async () => {
    const { client, dossier, page } = await applicantWith('received');
    const before = await client.get(page);
    assert.match(before.body, /Phí, lệ phí/);
    assert.match(before.body, /Số tiền phải nộp: 50\.000 đồng/);
    const start = await client.post(`${page}/thanh-toan`, { key: field(before.body, 'key') });
    assert.equal(start.statusCode, 200, start.body);
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/thanh-toan\/[^"]+)"/.exec(start.body)![1]!;
    assert.match(start.body, /Đến trang thanh toán/);

    // The payer on the platform's own page: it pays and sends the browser back to congso.
    const paid = await fetch(`${link}/tra`, { method: 'POST', redirect: 'manual' });
    assert.equal(paid.status, 303);
    const back = new URL(paid.headers.get('location')!);
    assert.equal(back.pathname, '/dich-vu-cong/thanh-toan/ket-qua');
    const landed = await client.get(`${back.pathname}${back.search}`);
    assert.equal(landed.statusCode, 303);
    assert.equal(landed.headers.location, `${page}#fees-heading`);
    const after = await client.get(page);
    assert.match(after.body, /Đã thanh toán phí, lệ phí thành công/);
    assert.match(after.body, /Đã thanh toán trực tuyến lúc/);
    assert.match(after.body, /Nộp phí, lệ phí trực tuyến/, 'the history names the payment');
    const receipt = /href="([^"]+\/bien-lai\/[^"]+)"/.exec(after.body)![1]!;
    const pdf = await client.get(receipt);
    assert.equal(pdf.statusCode, 200);
    assert.deepEqual(pdf.rawPayload, RECEIPT_PDF);
    assert.doesNotMatch(after.body, /name="key"/, 'no second payment is offered');
    const stranger = await new TestClient(env).signInAs((await makeCitizen(db())).id);
    assert.equal((await stranger.get(receipt)).statusCode, 404);
    assert.equal((await stranger.get(`${back.pathname}${back.search}`)).statusCode, 404);
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, dossier.id));
    assert.equal(row!.paidOnline, true);
  });

  test('a cancelled payment says so and offers to pay again; a dossier without fees shows no fee section', async () => {
    const { client, page } = await applicantWith('processing');
    const start = await client.post(`${page}/thanh-toan`, { key: field((await client.get(page)).body, 'key') });
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/thanh-toan\/[^"]+)"/.exec(start.body)![1]!;
    const cancelled = await fetch(`${link}/huy`, { method: 'POST', redirect: 'manual' });
    const back = new URL(cancelled.headers.get('location')!);
    await client.get(`${back.pathname}${back.search}`);
    const after = await client.get(page);
    assert.match(after.body, /Lần thanh toán gần nhất không thành công/);
    assert.match(after.body, /Thanh toán trực tuyến/);
    const free = await applicantWith('processing', 0);
    assert.doesNotMatch((await free.client.get(free.page)).body, /Phí, lệ phí/);
  });

  test('without the platform configured the page says online payment is not available', async () => {
    const plain = await makeTestEnv();
    try {
      const user = await makeCitizen(plain.database.db);
      const { dossier } = await makeFiledDossier(plain.database.db, { applicantId: user.id, state: 'received' });
      const client = await new TestClient(plain).signInAs(user.id);
      const page = await client.get(`/dich-vu-cong/ho-so/${dossier.id}`);
      assert.match(page.body, /Chưa hỗ trợ thanh toán trực tuyến/);
      assert.doesNotMatch(page.body, /\/thanh-toan"/);
      const forced = await client.post(`/dich-vu-cong/ho-so/${dossier.id}/thanh-toan`, { key: crypto.randomUUID() });
      assert.equal(forced.statusCode, 303);
    } finally {
      await plain.close();
    }
  });

  test('rating from the page: a missing level is named in Vietnamese and nothing is saved; then rated once', async () => {
    const { client, dossier, page } = await applicantWith('returned', 0);
    const shown = await client.get(page);
    assert.match(shown.body, /Đánh giá mức độ hài lòng/);
    for (const level of ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng']) assert.match(shown.body, new RegExp(`>${level}<`));
    const key = field(shown.body, 'key');
    const bad = await client.post(`${page}/danh-gia`, { key, seq: field(shown.body, 'seq'), comment: 'Nhanh' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Chọn mức độ hài lòng/);
    assert.match(bad.body, />Nhanh</, 'the comment comes back');
    assert.equal((await db().select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossier.id))).length, 0);
    const ok = await client.post(`${page}/danh-gia`, { key, seq: field(shown.body, 'seq'), level: '5', comment: 'Nhanh' });
    assert.equal(ok.statusCode, 303);
    const after = await client.get(page);
    assert.match(after.body, /Bạn đã đánh giá: Rất hài lòng/);
    assert.equal((await client.post(`${page}/danh-gia`, { key: crypto.randomUUID(), level: '1' })).statusCode, 409);
    const other = await applicantWith('processing', 0);
    assert.doesNotMatch((await other.client.get(other.page)).body, /name="level"/, 'only a returned dossier is rated');
  });

  test('result files appear on the page and download once the dossier is processed, not before', async () => {
    const { client, dossier, page } = await applicantWith('processing', 0);
    const stored = await env.storage.put('2026/03/result-test.pdf', PDF, { contentType: 'application/pdf' });
    const [file] = await db().insert(files).values({ key: '2026/03/result-test.pdf', name: 'Giay-xac-nhan.pdf', contentType: 'application/pdf', size: stored.size, sha256: stored.sha256 }).returning();
    const [df] = await db().insert(dossierFiles).values({ dossierId: dossier.id, fileId: file!.id, purpose: 'result' }).returning();
    assert.doesNotMatch((await client.get(page)).body, /Giay-xac-nhan\.pdf/);
    assert.equal((await client.get(`${page}/tep/${df!.id}`)).statusCode, 404);
    await db().update(dossiers).set({ state: 'processed' }).where(eq(dossiers.id, dossier.id));
    const shown = await client.get(page);
    assert.match(shown.body, /Kết quả giải quyết/);
    assert.match(shown.body, /Giay-xac-nhan\.pdf/);
    const got = await client.get(`${page}/tep/${df!.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.rawPayload.toString(), PDF.toString());
  });
});
