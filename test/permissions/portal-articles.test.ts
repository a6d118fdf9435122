import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import type { Actor } from '../../src/platform/context.js';
import { Forbidden } from '../../src/platform/errors.js';
import { addAttachment } from '../../src/portal/articles/attachments.js';
import { archiveArticle } from '../../src/portal/articles/archive-article.js';
import { createArticle } from '../../src/portal/articles/create-article.js';
import { editArticle } from '../../src/portal/articles/edit-article.js';
import { publishArticle } from '../../src/portal/articles/publish-article.js';
import { returnToDraft } from '../../src/portal/articles/return-to-draft.js';
import { submitArticle } from '../../src/portal/articles/submit-article.js';
import { unpublishArticle } from '../../src/portal/articles/unpublish-article.js';
import { articleAttachments, articles } from '../../src/portal/schema.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { actorFor, makeOfficial } from '../support/factories.js';
import { makeArticle, makeSite } from '../support/portal-factories.js';
import { type Action, type Attempt, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: article.write belongs to system_admin, editor and approver;
// article.publish to system_admin and approver; both are checked against the agency of the article's site. Grants
// of the editor and approver of A do not reach A's sub-agencies. Nobody publishes a revision they saved.

describe('permission matrix: portal articles', () => {
  let env: TestEnv;
  let w: World;
  let sites: Record<'A' | 'A1' | 'B', { id: string }>;
  /** Writes the articles the approvers review, so no actor of the table is the author of the latest revision. */
  let writer: Actor;

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    const db = env.database.db;
    sites = {
      A: await makeSite(db, { agencyId: w.tree.A.id }),
      A1: await makeSite(db, { agencyId: w.tree.A1.id }),
      B: await makeSite(db, { agencyId: w.tree.B.id }),
    };
    writer = await actorFor(db, await makeOfficial(db, { roles: ['system_admin'] }));
  });
  after(() => env.close());

  const db = () => env.database.db;
  const articleRow = (id: string) => () => db().select().from(articles).where(eq(articles.id, id));
  const withTitle = (title: string) => async () => (await db().select({ n: count() }).from(articles).where(eq(articles.title, title)))[0]!.n;
  let n = 0;

  type Run = Attempt['run'];
  type Status = 'draft' | 'submitted' | 'published' | 'scheduled';

  /** A fresh article on the site, taken to the status through the use cases so it has revisions like a real one. */
  async function article(site: () => { id: string }, status: Status) {
    const ctx = env.ctx(writer);
    if (status === 'published') return makeArticle(db(), { siteId: site().id, status: 'published' });
    const a = await createArticle(ctx, { siteId: site().id, title: `Bài kiểm tra quyền ${++n}`, body: '<p>x</p>' });
    if (status === 'submitted' || status === 'scheduled') await submitArticle(ctx, a.id);
    if (status === 'scheduled') await db().update(articles).set({ status: 'scheduled', scheduledAt: new Date('2026-12-01T01:00:00Z') }).where(eq(articles.id, a.id));
    return (await articleRow(a.id)())[0]!;
  }

  const onArticle = (expect: string, name: string, site: () => { id: string }, status: Status, run: (a: { id: string; version: number; title: string }) => Run, state?: (id: string) => () => Promise<unknown>): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const a = await article(site, status);
      return { run: run(a), state: (state ?? articleRow)(a.id) };
    },
  });

  const createOn = (expect: string, label: string, site: () => { id: string }): Action => ({
    name: `create an article on ${label}`,
    expect,
    effect: 'change',
    setup: async () => {
      const title = `Bài mới kiểm tra quyền ${++n}`;
      return { run: (ctx) => createArticle(ctx, { siteId: site().id, title, body: '<p>x</p>' }), state: withTitle(title) };
    },
  });

  const s = () => sites;
  const edit = (a: { id: string; version: number; title: string }): Run => (ctx) => editArticle(ctx, a.id, { title: `${a.title} (đã sửa)`, version: String(a.version) });
  const publish = (a: { id: string; version: number }): Run => (ctx) => publishArticle(ctx, a.id, { version: String(a.version) });
  const attachments = (id: string) => () => db().select().from(articleAttachments).where(eq(articleAttachments.articleId, id));
  const pdf = () => ({ name: 'ke-hoach.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });

  // One row per action, one column per actor (see actorKeys in world.ts).
  //   sys adA ad1 edi app dsk spe lea clk cit ano
  matrixTests(() => w, [
    createOn(
      'Y   N   N   Y   Y   N   N   N   N   N   N', "A's site", () => s().A),
    createOn(
      'Y   N   N   N   N   N   N   N   N   N   N', "A1's site", () => s().A1),
    createOn(
      'Y   N   N   N   N   N   N   N   N   N   N', "B's site", () => s().B),
    onArticle(
      'Y   N   N   Y   Y   N   N   N   N   N   N', "edit a draft on A's site", () => s().A, 'draft', edit),
    onArticle(
      'Y   N   N   N   N   N   N   N   N   N   N', "edit a draft on B's site", () => s().B, 'draft', edit),
    onArticle(
      'Y   N   N   Y   Y   N   N   N   N   N   N', "edit a published article on A's site", () => s().A, 'published', edit),
    onArticle(
      'Y   N   N   Y   Y   N   N   N   N   N   N', "submit a draft on A's site", () => s().A, 'draft', (a) => (ctx) => submitArticle(ctx, a.id)),
    onArticle(
      'Y   N   N   N   Y   N   N   N   N   N   N', "publish a submitted article on A's site", () => s().A, 'submitted', publish),
    onArticle(
      'Y   N   N   N   N   N   N   N   N   N   N', "publish a submitted article on B's site", () => s().B, 'submitted', publish),
    onArticle(
      'Y   N   N   N   Y   N   N   N   N   N   N', "schedule a submitted article on A's site", () => s().A, 'submitted',
      (a) => (ctx) => publishArticle(ctx, a.id, { version: String(a.version), scheduledAt: '01/12/2026 08:00' })),
    onArticle(
      'Y   N   N   N   Y   N   N   N   N   N   N', "send back a submitted article on A's site", () => s().A, 'submitted',
      (a) => (ctx) => returnToDraft(ctx, a.id, { note: 'Sửa lại phần mở đầu' })),
    onArticle(
      'Y   N   N   N   Y   N   N   N   N   N   N', "unpublish an article on A's site", () => s().A, 'published', (a) => (ctx) => unpublishArticle(ctx, a.id)),
    onArticle(
      'Y   N   N   N   N   N   N   N   N   N   N', "unpublish an article on B's site", () => s().B, 'published', (a) => (ctx) => unpublishArticle(ctx, a.id)),
    onArticle(
      'Y   N   N   N   Y   N   N   N   N   N   N', "archive an article on A's site", () => s().A, 'published', (a) => (ctx) => archiveArticle(ctx, a.id)),
    onArticle(
      'Y   N   N   Y   Y   N   N   N   N   N   N', "attach a file to an article on A's site", () => s().A, 'draft',
      (a) => (ctx) => addAttachment(ctx, { storage: env.storage, maxBytes: env.config.maxUploadBytes }, a.id, pdf(), {}), attachments),
    onArticle(
      'Y   N   N   N   N   N   N   N   N   N   N', "attach a file to an article on B's site", () => s().B, 'draft',
      (a) => (ctx) => addAttachment(ctx, { storage: env.storage, maxBytes: env.config.maxUploadBytes }, a.id, pdf(), {}), attachments),
  ]);

  test('the approver of A may not publish an article they saved last, even after submitting it', async () => {
    const ctx = w.ctx('approver');
    const a = await createArticle(ctx, { siteId: sites.A.id, title: 'Bài người duyệt tự viết', body: '<p>x</p>' });
    await submitArticle(ctx, a.id);
    const before = await articleRow(a.id)();
    await assert.rejects(publishArticle(ctx, a.id, { version: '1' }), (err: unknown) => err instanceof Forbidden && err.messageKey === 'article.ownArticle');
    assert.deepEqual(await articleRow(a.id)(), before);
  });
});
