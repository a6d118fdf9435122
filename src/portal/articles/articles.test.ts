import assert from 'node:assert/strict';
import { setTimeout as wait } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { auditLog } from '../../platform/schema.js';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeOfficial } from '../../../test/support/factories.js';
import { makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { articleRevisions, articles, searchEntries } from '../schema.js';
import { archiveArticle } from './archive-article.js';
import { createArticle } from './create-article.js';
import { editArticle } from './edit-article.js';
import { publishArticle } from './publish-article.js';
import { PUBLISH_SCHEDULED_JOB } from './publish-scheduled.js';
import { getRevision } from './queries.js';
import { returnToDraft } from './return-to-draft.js';
import { diffRevisions } from './revision-diff.js';
import { submitArticle } from './submit-article.js';
import { unpublishArticle } from './unpublish-article.js';

const XSS_TITLE = '<script>alert("tiêu đề")</script> Tin thử';

describe('editorial workflow', () => {
  let env: TestEnv;
  let site: Awaited<ReturnType<typeof makeSite>>;
  let editor: Actor;
  let editor2: Actor;
  let approver: Actor;
  let approver2: Actor;

  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    site = await makeSite(db);
    const official = async (role: 'editor' | 'approver', fullName: string) => actorFor(db, await makeOfficial(db, { agencyId: site.agencyId, roles: [role], fullName }));
    editor = await official('editor', 'Nguyễn Văn Biên');
    editor2 = await official('editor', 'Trần Thị Tập');
    approver = await official('approver', 'Lê Duyệt');
    approver2 = await official('approver', 'Phạm Duyệt Hai');
  });
  after(() => env.close());

  const ctx = (a: Actor) => env.ctx(a);
  const searchRow = async (id: string) => (await env.database.db.select().from(searchEntries).where(eq(searchEntries.entityId, id)))[0];
  const draft = (over: Record<string, unknown> = {}) =>
    createArticle(ctx(editor), { siteId: site.id, title: 'Khai trương cổng dịch vụ công', summary: 'Tóm tắt', body: '<p>Nội dung đầu tiên.</p>', ...over });

  test('a draft goes through submit and publish into search, stays published when edited, and leaves search when unpublished', async () => {
    const category = await makeCategory(env.database.db, site.id);
    const a = await draft({ categoryId: category.id, tags: 'chuyển đổi số, dịch vụ công, chuyển đổi số' });
    assert.equal(a.status, 'draft');
    assert.equal(a.slug, 'khai-truong-cong-dich-vu-cong');
    assert.deepEqual(a.tags, ['chuyển đổi số', 'dịch vụ công']);
    assert.equal(a.version, 1);
    const same = await draft();
    assert.equal(same.slug, 'khai-truong-cong-dich-vu-cong-2', 'the address is unique on the site');

    await assert.rejects(publishArticle(ctx(editor), a.id, { version: '1' }), Forbidden, 'an editor cannot publish');
    const submitted = await submitArticle(ctx(editor), a.id);
    assert.equal(submitted.status, 'submitted');
    assert.equal(submitted.submittedBy, editor.userId);

    const published = await publishArticle(ctx(approver), a.id, { version: '1' });
    assert.equal(published.status, 'published');
    assert.equal(published.publishedBy, approver.userId);
    const entry = await searchRow(a.id);
    assert.equal(entry?.url, '/tin-tuc/khai-truong-cong-dich-vu-cong');
    assert.equal(entry?.categoryId, category.id);

    const edited = await editArticle(ctx(editor2), a.id, { title: 'Khai trương cổng dịch vụ công mới', body: '<p>Nội dung sửa.</p>', version: '1', tags: '' });
    assert.equal(edited.status, 'published');
    assert.equal(edited.version, 2);
    assert.equal((await searchRow(a.id))?.title, 'Khai trương cổng dịch vụ công mới');

    await unpublishArticle(ctx(approver), a.id);
    assert.equal(await searchRow(a.id), undefined);
    const archived = await archiveArticle(ctx(approver), a.id);
    assert.equal(archived.status, 'archived');
    await assert.rejects(editArticle(ctx(editor), a.id, { title: 'x', version: '2' }), Conflict, 'an archived article is not edited');

    const actions = await env.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, a.id)).orderBy(auditLog.seq);
    assert.deepEqual(
      actions.map((r) => r.action),
      ['article.created', 'article.submitted', 'article.published', 'article.updated', 'article.unpublished', 'article.archived'],
    );
  });

  test('refuses to publish an article the approver wrote or last edited, and another approver may', async () => {
    const a = await createArticle(ctx(approver), { siteId: site.id, title: 'Bài của người duyệt', body: '<p>x</p>' });
    await assert.rejects(publishArticle(ctx(approver), a.id, { version: '1' }), (err: unknown) => err instanceof Forbidden && err.messageKey === 'article.ownArticle');
    const b = await draft();
    await editArticle(ctx(approver), b.id, { title: b.title, body: '<p>sửa bởi người duyệt</p>', version: '1' });
    await assert.rejects(publishArticle(ctx(approver), b.id, { version: '2' }), Forbidden, 'the approver saved the latest revision');
    assert.equal((await publishArticle(ctx(approver2), a.id, { version: '1' })).status, 'published');
    assert.equal((await env.database.db.select().from(articles).where(eq(articles.id, b.id)))[0]!.status, 'draft');
  });

  test('publishing a version other than the one on screen is refused', async () => {
    const a = await draft();
    await editArticle(ctx(editor), a.id, { title: 'Đã sửa sau khi người duyệt mở', version: '1' });
    await assert.rejects(publishArticle(ctx(approver), a.id, { version: '1' }), (err: unknown) => err instanceof Conflict && err.messageKey === 'article.versionChanged');
    assert.equal(await searchRow(a.id), undefined);
  });

  test('the second of two editors saving the same version gets a conflict naming the first, and nothing is half-saved', async () => {
    const a = await draft();
    await editArticle(ctx(editor), a.id, { title: 'Bản của người thứ nhất', body: '<p>một</p>', version: '1' });
    await assert.rejects(editArticle(ctx(editor2), a.id, { title: 'Bản của người thứ hai', body: '<p>hai</p>', version: '1' }), (err: unknown) => {
      assert.ok(err instanceof Conflict);
      assert.equal(err.messageKey, 'article.editConflict');
      assert.equal(err.params?.name, 'Nguyễn Văn Biên');
      assert.equal(err.params?.version, 2);
      return true;
    });
    const [row] = await env.database.db.select().from(articles).where(eq(articles.id, a.id));
    assert.equal(row!.title, 'Bản của người thứ nhất');
    const revs = await env.database.db.select({ n: articleRevisions.number }).from(articleRevisions).where(eq(articleRevisions.articleId, a.id));
    assert.deepEqual(revs.map((r) => r.n).sort(), [1, 2]);
  });

  test('a script in the title is stored verbatim; script, event handlers and javascript: links are stripped from the body', async () => {
    const a = await draft({
      title: XSS_TITLE,
      body: '<p onclick="x()">Chào<script>alert(1)</script></p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">liên kết</a>',
    });
    assert.equal(a.title, XSS_TITLE);
    assert.doesNotMatch(a.body, /script|onerror|onclick|javascript:/i);
    assert.match(a.body, /Chào/);
    const edited = await editArticle(ctx(editor), a.id, { title: XSS_TITLE, body: '<p>ok</p><iframe src="https://x"></iframe><svg onload="x()"></svg>', version: '1' });
    assert.doesNotMatch(edited.body, /iframe|svg|onload/i);
  });

  test('bad input is refused with field errors and writes nothing', async () => {
    const before = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(articles);
    await assert.rejects(createArticle(ctx(editor), { siteId: site.id, title: '   ', body: '' }), (err: unknown) => err instanceof Invalid && err.fields.title?.key === 'field.required');
    await assert.rejects(createArticle(ctx(editor), { siteId: site.id, title: 'x'.repeat(301) }), (err: unknown) => err instanceof Invalid && err.fields.title?.key === 'field.tooLong');
    const other = await makeSite(env.database.db);
    const foreign = await makeCategory(env.database.db, other.id);
    await assert.rejects(createArticle(ctx(editor), { siteId: site.id, title: 'Sai chuyên mục', categoryId: foreign.id }), (err: unknown) => err instanceof Invalid && err.fields.categoryId?.key === 'article.categoryOtherSite');
    const a = await draft();
    await assert.rejects(publishArticle(ctx(approver), a.id, { version: '1', scheduledAt: '31/02/2026 08:00' }), (err: unknown) => err instanceof Invalid && err.fields.scheduledAt?.key === 'article.scheduledAtInvalid');
    await assert.rejects(publishArticle(ctx(approver), a.id, { version: '1', scheduledAt: '01/03/2026 08:00' }), (err: unknown) => err instanceof Invalid && err.fields.scheduledAt?.key === 'article.scheduledAtPast');
    await assert.rejects(editArticle(ctx(editor), a.id, { title: 'x', slug: 'Không Hợp Lệ', version: '1' }), (err: unknown) => err instanceof Invalid && err.fields.slug?.key === 'field.invalid');
    const after = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(articles);
    assert.equal(after[0]!.n, before[0]!.n + 1);
  });

  test('every save writes a revision, and the diff shows words removed and added and changed fields', async () => {
    const a = await draft({ body: '<p>Ngày hội chuyển đổi số tỉnh Thử</p>' });
    await editArticle(ctx(editor), a.id, { title: a.title, body: '<p>Ngày hội <b>chuyển đổi số</b> tỉnh Mẫu năm 2026</p>', version: '1', featured: 'on', tags: 'sự kiện' });
    const r1 = (await getRevision(env.database.db, a.id, 1))!;
    const r2 = (await getRevision(env.database.db, a.id, 2))!;
    assert.equal(r2.createdBy, editor.userId);
    const d = diffRevisions(r1, r2);
    const body = d.texts.find((t) => t.field === 'body')!;
    assert.ok(body.changed);
    assert.deepEqual(body.pieces.filter((p) => p.op === 'del').map((p) => p.text.trim()), ['Thử']);
    assert.deepEqual(body.pieces.filter((p) => p.op === 'ins').map((p) => p.text.trim()), ['Mẫu năm 2026']);
    assert.equal(d.texts.find((t) => t.field === 'title')!.changed, false);
    assert.deepEqual(
      d.fields.map((f) => f.field).sort(),
      ['featured', 'tags'],
    );
  });

  test('an approver sends a submitted article back with a note, which the audit log keeps', async () => {
    const a = await draft();
    await submitArticle(ctx(editor), a.id);
    await assert.rejects(returnToDraft(ctx(approver), a.id, { note: '' }), Invalid);
    const back = await returnToDraft(ctx(approver), a.id, { note: 'Bổ sung nguồn trích dẫn' });
    assert.equal(back.status, 'draft');
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'article.returned')));
    assert.equal((entry!.after as { note: string }).note, 'Bổ sung nguồn trích dẫn');
  });

  test('an English version belongs to its original, once', async () => {
    const a = await draft();
    const en = await createArticle(ctx(editor), { translationOfId: a.id, title: 'Public service portal opens', body: '<p>Text</p>' });
    assert.equal(en.locale, 'en');
    assert.equal(en.translationOfId, a.id);
    assert.equal(en.siteId, site.id);
    await submitArticle(ctx(editor), en.id);
    await publishArticle(ctx(approver), en.id, { version: '1' });
    assert.equal((await searchRow(en.id))?.url, '/en/tin-tuc/public-service-portal-opens');
    await assert.rejects(createArticle(ctx(editor), { translationOfId: a.id, title: 'Again' }), Invalid);
  });

  async function waitForJobs(articleId: string): Promise<void> {
    // Bounded wait for the test worker, which polls every 100 ms; the job is due at once by the database clock.
    for (let i = 0; i < 100; i++) {
      const rows = await queryRows<{ state: string }>(env.database.db, sql`select state from pgboss.job where name = ${PUBLISH_SCHEDULED_JOB} and data->>'articleId' = ${articleId}`);
      if (rows.length > 0 && rows.every((r) => r.state === 'completed')) return;
      await wait(100);
    }
    assert.fail('the scheduled job did not complete');
  }

  test('a scheduled article is published by the worker at its time; one edited meanwhile is left alone', async () => {
    // The test clock stands in March 2026, earlier than the database's clock, so a time "later today" is already due for the queue.
    const a = await draft();
    await submitArticle(ctx(editor), a.id);
    const scheduled = await publishArticle(ctx(approver), a.id, { version: '1', scheduledAt: '02/03/2026 15:30' });
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.scheduledAt?.toISOString(), '2026-03-02T08:30:00.000Z');
    assert.equal(await searchRow(a.id), undefined);

    const b = await draft();
    await publishArticle(ctx(approver), b.id, { version: '1', scheduledAt: '02/03/2026 16:00' });
    const bEdited = await editArticle(ctx(editor), b.id, { title: 'Sửa khi đang hẹn giờ', version: '1' });
    assert.equal(bEdited.status, 'draft', 'an edit sends a scheduled article back for approval');

    await waitForJobs(a.id);
    await waitForJobs(b.id);
    const [pa] = await env.database.db.select().from(articles).where(eq(articles.id, a.id));
    assert.equal(pa!.status, 'published');
    assert.equal(pa!.publishedAt?.toISOString(), '2026-03-02T08:30:00.000Z');
    assert.ok(await searchRow(a.id));
    const [pb] = await env.database.db.select().from(articles).where(eq(articles.id, b.id));
    assert.equal(pb!.status, 'draft');
    assert.equal(await searchRow(b.id), undefined);
  });
});
