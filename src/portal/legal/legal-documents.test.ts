import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { auditLog, files } from '../../platform/schema.js';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeOfficial } from '../../../test/support/factories.js';
import { makeSite } from '../../../test/support/portal-factories.js';
import { legalDocuments, searchEntries } from '../schema.js';
import { attachLegalPdf } from './attach-legal-pdf.js';
import { createLegalDocument } from './create-legal-document.js';
import { editLegalDocument } from './edit-legal-document.js';
import { documentFormValues, isDocumentNumber, normaliseNumber, suggestStatus } from './legal-rules.js';
import { publishLegalDocument } from './publish-legal-document.js';
import { unpublishLegalDocument } from './unpublish-legal-document.js';

const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Waits, within a bound, for what a NOTIFY delivered after a commit does; fails the test if it never happens. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`never happened: ${what}`);
}

function invalidFields(err: unknown): Record<string, string> {
  assert.ok(err instanceof Invalid, `expected Invalid, got ${String(err)}`);
  return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]));
}

describe('legal documents: use cases', () => {
  let env: TestEnv;
  let site: Awaited<ReturnType<typeof makeSite>>;
  let editor: Ctx;
  const db = () => env.database.db;
  const get = (url: string) => env.app.inject({ method: 'GET', url, headers: browser });

  before(async () => {
    env = await makeTestEnv({ CONGSO_MAX_UPLOAD_MB: '1' });
    site = await makeSite(db());
    editor = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId: site.agencyId, roles: ['editor'] })));
  });
  after(() => env.close());

  let n = 0;
  const valid = (over: Record<string, string> = {}) => ({
    siteId: site.id,
    docType: 'Quyết định',
    number: `${++n}/2025/QĐ-UBND`,
    title: 'Ban hành Quy chế quản lý Cổng Thông tin điện tử tỉnh',
    issuingBody: 'Ủy ban nhân dân tỉnh Cao Bằng',
    signer: 'Lý Văn Quân',
    field: 'Công nghệ thông tin',
    issuedOn: '18/04/2025',
    effectiveOn: '01/05/2025',
    summary: 'Quy định trách nhiệm cung cấp và đăng tải thông tin.',
    ...over,
  });
  const docCount = async () => (await db().select({ n: count() }).from(legalDocuments))[0]!.n;
  const rowOf = async (id: string) => (await db().select().from(legalDocuments).where(eq(legalDocuments.id, id)))[0]!;
  const searchOf = async (id: string) => db().select().from(searchEntries).where(and(eq(searchEntries.entityType, 'legal'), eq(searchEntries.entityId, id)));

  test('records a document unpublished, with a tidy number, the status its dates give, and an audit entry', async () => {
    const doc = await createLegalDocument(editor, valid({ number: ' 15 / 2025 / qđ-ubnd ', title: 'Quy che\u0302\u0301 va\u0323\u0302n ha\u0300nh' }));
    assert.equal(doc.number, '15/2025/QĐ-UBND');
    assert.equal(doc.title, 'Quy chế vận hành', 'stored in NFC');
    assert.equal(doc.issuedOn, '2025-04-18');
    assert.equal(doc.effectiveOn, '2025-05-01');
    assert.equal(doc.status, 'in_force');
    assert.equal(doc.published, false);
    assert.equal(doc.version, 1);
    assert.deepEqual(await searchOf(doc.id), [], 'not searchable before it is published');
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'legal.created'), eq(auditLog.entityId, doc.id)));
    assert.equal(audit?.agencyId, site.agencyId);
  });

  test('suggests the status from the dates, and keeps the one the person chose', async () => {
    const today = '2026-03-02';
    assert.equal(suggestStatus({ isDraft: false, effectiveOn: '2026-04-01' }, today), 'not_yet_in_force');
    assert.equal(suggestStatus({ isDraft: false, effectiveOn: '2020-01-01', expiresOn: '2026-03-02' }, today), 'expired');
    assert.equal(suggestStatus({ isDraft: false, effectiveOn: '2020-01-01', expiresOn: '2027-01-01' }, today), 'in_force');
    assert.equal(suggestStatus({ isDraft: true }, today), 'not_yet_in_force');
    const future = await createLegalDocument(editor, valid({ issuedOn: '20/02/2026', effectiveOn: '01/04/2026' }));
    assert.equal(future.status, 'not_yet_in_force');
    const chosen = await createLegalDocument(editor, valid({ status: 'partly_expired' }));
    assert.equal(chosen.status, 'partly_expired');
  });

  test('accepts numbers shaped as Decree 30/2020 writes them and refuses others', () => {
    for (const ok of ['15/2025/QĐ-UBND', '123/UBND-VP', '59/2020/QH14', '08/2025/NQ-HĐND', '1455/SNV-CCHC', '01/2025/TT-BNV']) assert.ok(isDocumentNumber(ok), ok);
    for (const bad of ['QĐ-UBND', '15/2025', '15/25/QĐ-UBND', '15/2025/QĐ--UBND', 'abc/UBND', '15/2025/QĐ-UBND/', '15/2025/QĐ UBND']) assert.ok(!isDocumentNumber(normaliseNumber(bad)) || bad.includes(' '), bad);
    assert.equal(normaliseNumber('15/2025/QĐ UBND'), '15/2025/QĐUBND', 'spaces go; the result is still judged by shape');
  });

  test('refuses a badly shaped number with a clear message, saving nothing', async () => {
    const before = await docCount();
    for (const number of ['QĐ-UBND', '15/2025', '15/25/QĐ-UBND', 'số 15']) {
      const err = await createLegalDocument(editor, valid({ number })).catch((e: unknown) => e);
      assert.deepEqual(invalidFields(err), { number: 'legal.numberInvalid' }, number);
    }
    const missing = await createLegalDocument(editor, valid({ number: '' })).catch((e: unknown) => e);
    assert.deepEqual(invalidFields(missing), { number: 'field.required' });
    assert.equal(await docCount(), before);
  });

  test('refuses dates that contradict each other, naming the field, saving nothing', async () => {
    const before = await docCount();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ effectiveOn: '17/04/2025' }, { effectiveOn: 'legal.effectiveBeforeIssued' }],
      [{ expiresOn: '01/05/2025' }, { expiresOn: 'legal.expiryNotAfterEffective' }],
      [{ effectiveOn: '', expiresOn: '18/04/2025' }, { expiresOn: 'legal.expiryNotAfterIssued' }],
      [{ issuedOn: '31/02/2025' }, { issuedOn: 'field.date' }],
      [{ issuedOn: '' }, { issuedOn: 'field.required' }],
      [{ effectiveOn: 'mai' }, { effectiveOn: 'field.date' }],
      [{ isDraft: 'on', number: '' }, { commentUntil: 'legal.commentUntilRequired' }],
      [{ isDraft: 'on', number: '', commentUntil: '01/04/2025' }, { commentUntil: 'legal.commentBeforeIssued' }],
      [{ docType: 'Tờ trình' }, { docType: 'legal.typeInvalid' }],
    ];
    for (const [over, expected] of cases) {
      const err = await createLegalDocument(editor, valid(over)).catch((e: unknown) => e);
      assert.deepEqual(invalidFields(err), expected, JSON.stringify(over));
    }
    const sameDay = await createLegalDocument(editor, valid({ effectiveOn: '18/04/2025', expiresOn: '19/04/2025' }));
    assert.equal(sameDay.effectiveOn, '2025-04-18', 'taking effect on the day of issue is fine');
    assert.equal(await docCount(), before + 1);
  });

  test('a draft for comment needs no number yet and is searched by its title alone', async () => {
    const draft = await createLegalDocument(editor, valid({ number: '', isDraft: 'on', commentUntil: '15/12/2025', title: 'Dự thảo Quyết định bảng giá đất' }));
    assert.equal(draft.number, 'Dự thảo');
    assert.equal(draft.status, 'not_yet_in_force');
    assert.equal(draft.commentUntil, '2025-12-15');
    await publishLegalDocument(editor, draft.id, { version: '1' });
    const [entry] = await searchOf(draft.id);
    assert.equal(entry?.title, 'Dự thảo Quyết định bảng giá đất');
  });

  test('refuses an official of another agency, writing nothing', async () => {
    const other = env.ctx(await actorFor(db(), await makeOfficial(db(), { roles: ['editor'] })));
    const before = await docCount();
    await assert.rejects(createLegalDocument(other, valid()), Forbidden);
    assert.equal(await docCount(), before);
  });

  test('the second of two people editing the same version gets a Conflict, and the first one’s words stay', async () => {
    const doc = await createLegalDocument(editor, valid());
    const form = { ...documentFormValues(doc), siteId: site.id };
    const first = await editLegalDocument(editor, doc.id, { ...form, title: 'Trích yếu của người thứ nhất' });
    assert.equal(first.version, 2);
    const err = await editLegalDocument(editor, doc.id, { ...form, title: 'Trích yếu của người thứ hai' }).catch((e: unknown) => e);
    assert.ok(err instanceof Conflict);
    assert.equal(err.messageKey, 'legal.editConflict');
    assert.equal(err.params?.version, 2);
    const row = await rowOf(doc.id);
    assert.equal(row.title, 'Trích yếu của người thứ nhất');
    assert.equal(row.version, 2);
  });

  test('publishing indexes the document with its number and drops the cached pages listing it, all on commit', async () => {
    const doc = await createLegalDocument(editor, valid({ number: '22/2025/QĐ-UBND', title: 'Quy định quản lý du lịch cộng đồng' }));
    const list = `/${site.slug}/van-ban`;
    const first = await get(list);
    assert.equal(first.statusCode, 200);
    assert.doesNotMatch(first.body, /du lịch cộng đồng/);
    // A notification of an earlier test may still arrive and veto the first store; a later request is stored.
    const hits = () => env.app.pageCache.stats.hits;
    let before = hits();
    for (let i = 0; i < 50 && hits() === before; i++) {
      before = hits();
      await get(list);
    }
    assert.ok(hits() > before, 'the list is served from the cache');

    const published = await publishLegalDocument(editor, doc.id, { version: String(doc.version) });
    assert.equal(published.published, true);
    assert.equal(published.publishedAt?.getTime(), env.clock.now().getTime());
    assert.equal(published.version, doc.version, 'publishing is not a save');
    const [entry] = await searchOf(doc.id);
    assert.equal(entry?.title, 'Quyết định 22/2025/QĐ-UBND: Quy định quản lý du lịch cộng đồng');
    assert.equal(entry?.url, `/van-ban/${doc.id}`);
    assert.equal(entry?.siteId, site.id);
    await eventually(async () => /du lịch cộng đồng/.test((await get(list)).body), 'the cached list is dropped and shows the document');
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'legal.published'), eq(auditLog.entityId, doc.id)));
    assert.ok(audit);

    await assert.rejects(publishLegalDocument(editor, doc.id, { version: String(doc.version) }), (e: unknown) => e instanceof Conflict && e.messageKey === 'legal.alreadyPublished');

    // Editing a published document keeps it published, and search follows the new words.
    const edited = await editLegalDocument(editor, doc.id, { ...documentFormValues(published), title: 'Quy định quản lý du lịch cộng đồng (sửa đổi)' });
    assert.equal(edited.published, true);
    assert.equal((await searchOf(doc.id))[0]?.title, 'Quyết định 22/2025/QĐ-UBND: Quy định quản lý du lịch cộng đồng (sửa đổi)');
  });

  test('publishing refuses a version the person has not seen', async () => {
    const doc = await createLegalDocument(editor, valid());
    await editLegalDocument(editor, doc.id, { ...documentFormValues(doc), summary: 'Nội dung mới' });
    await assert.rejects(publishLegalDocument(editor, doc.id, { version: '1' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'legal.editConflict');
    assert.equal((await rowOf(doc.id)).published, false);
  });

  test('unpublishing takes the document out of search; its page and its PDF then answer 404', async () => {
    const doc = await createLegalDocument(editor, valid({ title: 'Kế hoạch phòng chống rét' }));
    const withPdf = await attachLegalPdf(editor, { storage: env.storage, maxBytes: env.config.maxUploadBytes }, doc.id, { name: 'ke-hoach.pdf', content: PDF }, { version: '1' });
    const file = (await db().select().from(files).where(eq(files.id, withPdf.fileId!)))[0]!;
    const fileUrl = `/tep/${file.id}/${file.name}`;
    assert.equal((await env.app.inject({ method: 'GET', url: fileUrl })).statusCode, 404, 'not public before publishing');
    await publishLegalDocument(editor, doc.id, { version: String(withPdf.version) });
    const page = `/${site.slug}/van-ban/${doc.id}`;
    assert.equal((await get(page)).statusCode, 200);
    const dl = await env.app.inject({ method: 'GET', url: fileUrl });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');

    const withdrawn = await unpublishLegalDocument(editor, doc.id, { version: String(withPdf.version) });
    assert.equal(withdrawn.published, false);
    assert.equal(withdrawn.publishedAt, null);
    assert.deepEqual(await searchOf(doc.id), []);
    await eventually(async () => (await get(page)).statusCode === 404, 'the cached page is dropped');
    assert.equal((await env.app.inject({ method: 'GET', url: fileUrl })).statusCode, 404);
    await assert.rejects(unpublishLegalDocument(editor, doc.id, { version: String(withPdf.version) }), (e: unknown) => e instanceof Conflict && e.messageKey === 'legal.notPublished');
  });

  test('refuses a file that only claims to be a PDF, leaving neither a row nor a stored file', async () => {
    const doc = await createLegalDocument(editor, valid());
    const deps = { storage: env.storage, maxBytes: env.config.maxUploadBytes };
    const stored = () => {
      const out: string[] = [];
      const walk = (d: string) => {
        if (!fs.existsSync(d)) return;
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(d, e.name));
          else out.push(e.name);
        }
      };
      walk(env.config.filesDir);
      return out.sort();
    };
    const fileRows = async () => (await db().select({ n: count() }).from(files))[0]!.n;
    const [rowsBefore, storedBefore] = [await fileRows(), stored()];
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 0, g: 0, b: 0 } } }).jpeg().toBuffer();
    for (const content of [jpeg, Buffer.from('Không phải PDF, chỉ là văn bản thường.')]) {
      const err = await attachLegalPdf(editor, deps, doc.id, { name: 'quyet-dinh.pdf', content }, { version: '1' }).catch((e: unknown) => e);
      assert.deepEqual(invalidFields(err), { pdf: 'upload.type' });
    }
    const none = await attachLegalPdf(editor, deps, doc.id, null, { version: '1' }).catch((e: unknown) => e);
    assert.deepEqual(invalidFields(none), { pdf: 'legal.pdfRequired' });
    assert.equal(await fileRows(), rowsBefore);
    assert.deepEqual(stored(), storedBefore);
    const row = await rowOf(doc.id);
    assert.equal(row.fileId, null);
    assert.equal(row.version, 1);
  });

  test('replacing the PDF is a save under the optimistic lock; a stale one stores nothing', async () => {
    const doc = await createLegalDocument(editor, valid());
    const deps = { storage: env.storage, maxBytes: env.config.maxUploadBytes };
    const first = await attachLegalPdf(editor, deps, doc.id, { name: 'ban-dau.pdf', content: PDF }, { version: '1' });
    assert.equal(first.version, 2);
    const fileRows = async () => (await db().select({ n: count() }).from(files))[0]!.n;
    const rowsBefore = await fileRows();
    await assert.rejects(attachLegalPdf(editor, deps, doc.id, { name: 'cu.pdf', content: PDF }, { version: '1' }), Conflict);
    assert.equal(await fileRows(), rowsBefore);
    const second = await attachLegalPdf(editor, deps, doc.id, { name: 'thay-the.pdf', content: PDF }, { version: '2' });
    assert.notEqual(second.fileId, first.fileId);
    assert.equal(second.version, 3);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'legal.pdf_replaced'), eq(auditLog.entityId, doc.id)));
    assert.ok(audit);
  });
});
