import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, requirePermission } from '../../platform/auth/authorize.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import { emptyForm, type FormState } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound, isUuid } from '../../platform/validation.js';
import { articleStatus } from '../schema.js';
import { archiveArticle } from './archive-article.js';
import { type Article, type ArticleStatus, lastAuthorId, loadArticle } from './article-rules.js';
import { addAttachment, removeAttachment } from './attachments.js';
import { createArticle } from './create-article.js';
import { editArticle } from './edit-article.js';
import { fileRoutes } from './file-routes.js';
import { publishArticle } from './publish-article.js';
import * as q from './queries.js';
import { returnToDraft } from './return-to-draft.js';
import { diffRevisions } from './revision-diff.js';
import { removeArticleCover, setArticleCover } from './set-article-cover.js';
import { submitArticle } from './submit-article.js';
import { unpublishArticle } from './unpublish-article.js';
import { ArticleListPage } from './views/article-list.js';
import { type ArticleDetail, ArticleEditPage, ArticleNewPage } from './views/article-form.js';
import { ARTICLES, articleHref } from './views/parts.js';
import { PreviewPage } from './views/preview.js';
import { RevisionsPage } from './views/revisions.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };
type Query = Record<string, string | undefined>;

function articleForm(a: Article): FormState {
  return {
    values: {
      title: a.title,
      slug: a.slug,
      summary: a.summary ?? '',
      body: a.body,
      categoryId: a.categoryId ?? '',
      tags: a.tags.join(', '),
      authorName: a.authorName ?? '',
      source: a.source ?? '',
      featured: a.featured ? 'on' : '',
      coverAlt: a.coverAlt ?? '',
      version: String(a.version),
    },
    errors: {},
  };
}

async function detailOf(req: FastifyRequest, id: string): Promise<{ detail: ArticleDetail; categories: { id: string; name: string; siteId: string }[] }> {
  const { article: a, site } = await loadArticle(req.ctx.db, id);
  await requirePermission(req.ctx, 'article.write', site.agencyId);
  const publish = await can(req.ctx, 'article.publish', site.agencyId);
  const isLastAuthor = (await lastAuthorId(req.ctx.db, a)) === req.ctx.actor?.userId;
  const cover = await q.coverFile(req.ctx.db, a.coverFileId);
  const original = a.translationOfId ? (await loadArticle(req.ctx.db, a.translationOfId).catch(() => null))?.article : null;
  const detail: ArticleDetail = {
    article: a,
    siteName: site.name,
    cover: cover && { id: cover.id, name: cover.name },
    attachments: await q.listAttachments(req.ctx.db, a.id),
    returnNote: await q.lastReturnNote(req.ctx.db, a.id),
    translation: await q.translationOf(req.ctx.db, a.id),
    original: original ? { id: original.id, title: original.title } : null,
    perms: { write: true, publish, isLastAuthor },
  };
  return { detail, categories: await q.siteCategories(req.ctx.db, [site.id]) };
}

async function sendEdit(req: FastifyRequest, reply: FastifyReply, id: string, form: FormState | null, status = 200) {
  const { detail, categories } = await detailOf(req, id);
  const shown = form ?? articleForm(detail.article);
  return sendPage(reply, <ArticleEditPage page={req.page()} form={shown} sites={[]} categories={categories} detail={detail} />, status);
}

/** The same edit page with what was typed and what was wrong, for the forms on it (workflow, uploads). */
async function rerenderEdit(req: FastifyRequest, reply: FastifyReply, id: string, err: Invalid, body: unknown) {
  const { detail, categories } = await detailOf(req, id);
  const form = { ...articleForm(detail.article), errors: err.fields };
  form.values = { ...form.values, ...formValues(body) };
  return sendPage(reply, <ArticleEditPage page={req.page()} form={form} sites={[]} categories={categories} detail={detail} />, 422);
}

/** The editorial back office: articles and pages of the sites the person writes for. */
export async function articleRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fileRoutes);
  const uploadDeps = () => ({ storage: app.deps.storage, maxBytes: app.deps.config.maxUploadBytes });

  app.get<{ Querystring: Query }>(ARTICLES, async (req, reply) => {
    const sites = await q.writableSites(req.ctx);
    if (sites.length === 0) await requirePermission(req.ctx, 'article.write', null);
    const status = articleStatus.enumValues.includes(req.query.status as ArticleStatus) ? (req.query.status as ArticleStatus) : undefined;
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(req.query.trang ?? '1', 10) || 1));
    const filters = {
      siteId: req.query.site && isUuid(req.query.site) ? req.query.site.toLowerCase() : undefined,
      status,
      categoryId: req.query.category && isUuid(req.query.category) ? req.query.category.toLowerCase() : undefined,
      q: (req.query.q ?? '').normalize('NFC').trim().slice(0, 100) || undefined,
      page: pageNo,
    };
    const { rows, total } = await q.listArticles(req.ctx, sites, filters);
    const categories = await q.siteCategories(req.ctx.db, filters.siteId ? [filters.siteId] : sites.map((s) => s.id));
    const pages = Math.max(1, Math.ceil(total / q.PAGE_SIZE));
    return sendPage(reply, <ArticleListPage page={req.page()} sites={sites} categories={categories} filters={filters} rows={rows} total={total} pages={pages} />);
  });

  async function newPage(req: FastifyRequest, translationOfId: string | undefined) {
    const sites = await q.writableSites(req.ctx);
    let translationOf: { id: string; title: string } | null = null;
    if (translationOfId) {
      const { article, site } = await loadArticle(req.ctx.db, translationOfId);
      await requirePermission(req.ctx, 'article.write', site.agencyId);
      translationOf = { id: article.id, title: article.title };
      return { sites, translationOf, categories: await q.siteCategories(req.ctx.db, [site.id]) };
    }
    if (sites.length === 0) await requirePermission(req.ctx, 'article.write', null);
    return { sites, translationOf, categories: await q.siteCategories(req.ctx.db, sites.map((s) => s.id)) };
  }

  app.get<{ Querystring: Query }>(`${ARTICLES}/moi`, async (req, reply) => {
    const props = await newPage(req, req.query['ban-dich-cua']);
    return sendPage(reply, <ArticleNewPage page={req.page()} form={emptyForm} {...props} detail={null} />);
  });

  app.post<{ Body: Body }>(`${ARTICLES}/moi`, async (req, reply) => {
    try {
      const a = await createArticle(req.ctx, req.body);
      setFlash(req, reply, req.t('article.created'));
      return reply.redirect(articleHref(a.id), 303);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const form = { values: formValues(req.body), errors: err.fields };
      const props = await newPage(req, req.body?.translationOfId || undefined);
      return sendPage(reply, <ArticleNewPage page={req.page()} form={form} {...props} detail={null} />, 422);
    }
  });

  app.get<IdParams>(`${ARTICLES}/:id`, async (req, reply) => sendEdit(req, reply, idOrNotFound(req.params.id), null));

  app.post<IdParams & { Body: Body }>(`${ARTICLES}/:id`, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    try {
      await editArticle(req.ctx, id, req.body);
      setFlash(req, reply, req.t('article.saved'));
      return reply.redirect(articleHref(id), 303);
    } catch (err) {
      if (err instanceof Invalid) return sendEdit(req, reply, id, { values: formValues(req.body), errors: err.fields }, 422);
      if (err instanceof Conflict && err.messageKey === 'article.editConflict') {
        // Their words stay in the form; the version moves on so that saving again, after a look, goes through.
        const values = { ...formValues(req.body), version: String(err.params?.version ?? '') };
        return sendEdit(req, reply, id, { values, errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
      }
      throw err;
    }
  });

  app.get<IdParams>(`${ARTICLES}/:id/xem-truoc`, async (req, reply) => {
    const { detail } = await detailOf(req, idOrNotFound(req.params.id));
    return sendPage(reply, <PreviewPage page={req.page()} article={detail.article} cover={detail.cover} attachments={detail.attachments} />);
  });

  app.get<IdParams & { Querystring: Query }>(`${ARTICLES}/:id/lich-su`, async (req, reply) => {
    const { article, site } = await loadArticle(req.ctx.db, idOrNotFound(req.params.id));
    await requirePermission(req.ctx, 'article.write', site.agencyId);
    const revisions = await q.listRevisions(req.ctx.db, article.id);
    const latest = revisions[0]?.number ?? 1;
    const to = Number.parseInt(req.query.den ?? '', 10) || latest;
    const from = Number.parseInt(req.query.tu ?? '', 10) || Math.max(1, to - 1);
    let diff = null;
    if (from !== to) {
      const [a, b] = await Promise.all([q.getRevision(req.ctx.db, article.id, from), q.getRevision(req.ctx.db, article.id, to)]);
      if (!a || !b) throw new NotFound();
      diff = diffRevisions(a, b);
    }
    return sendPage(reply, <RevisionsPage page={req.page()} article={article} revisions={revisions} diff={diff} from={from} to={to} />);
  });

  const steps: [string, (req: FastifyRequest<IdParams & { Body: Body }>, id: string) => Promise<unknown>, MessageKey][] = [
    ['gui-duyet', (req, id) => submitArticle(req.ctx, id), 'article.submitted'],
    ['tra-lai', (req, id) => returnToDraft(req.ctx, id, req.body), 'article.returned'],
    ['go-bai', (req, id) => unpublishArticle(req.ctx, id), 'article.unpublished'],
    ['luu-tru', (req, id) => archiveArticle(req.ctx, id), 'article.archived'],
    ['anh-dai-dien/xoa', (req, id) => removeArticleCover(req.ctx, id, req.body), 'article.coverRemoved'],
  ];
  for (const [path, work, done] of steps) {
    app.post<IdParams & { Body: Body }>(`${ARTICLES}/:id/${path}`, async (req, reply) => {
      const id = idOrNotFound(req.params.id);
      try {
        await work(req, id);
      } catch (err) {
        if (err instanceof Invalid) return rerenderEdit(req, reply, id, err, req.body);
        throw err;
      }
      setFlash(req, reply, req.t(done));
      return reply.redirect(articleHref(id), 303);
    });
  }

  app.post<IdParams & { Body: Body }>(`${ARTICLES}/:id/dang`, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    try {
      const a = await publishArticle(req.ctx, id, req.body);
      setFlash(req, reply, req.t(a.status === 'scheduled' ? 'article.scheduled' : 'article.published'));
      return reply.redirect(articleHref(id), 303);
    } catch (err) {
      if (err instanceof Invalid) return rerenderEdit(req, reply, id, err, req.body);
      throw err;
    }
  });

  app.post<IdParams & { Params: { fileId: string } }>(`${ARTICLES}/:id/dinh-kem/:fileId/xoa`, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    await removeAttachment(req.ctx, id, req.params.fileId);
    setFlash(req, reply, req.t('article.attachmentRemoved'));
    return reply.redirect(articleHref(id), 303);
  });

  // Upload forms: CSRF is checked by readMultipartForm before the file is read.
  const uploads: [string, (req: FastifyRequest, id: string, form: Awaited<ReturnType<typeof readMultipartForm>>) => Promise<unknown>, MessageKey][] = [
    ['anh-dai-dien', (req, id, f) => setArticleCover(req.ctx, uploadDeps(), id, f.file, f.fields), 'article.coverSet'],
    ['dinh-kem', (req, id, f) => addAttachment(req.ctx, uploadDeps(), id, f.file, f.fields), 'article.attachmentAdded'],
  ];
  for (const [path, work, done] of uploads) {
    app.post<IdParams>(`${ARTICLES}/:id/${path}`, { config: { csrf: false } }, async (req, reply) => {
      const id = idOrNotFound(req.params.id);
      const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
      try {
        await work(req, id, form);
      } catch (err) {
        if (err instanceof Invalid) return rerenderEdit(req, reply, id, err, form.fields);
        throw err;
      }
      setFlash(req, reply, req.t(done));
      return reply.redirect(articleHref(id), 303);
    });
  }
}
