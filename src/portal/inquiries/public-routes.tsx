import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFound } from '../../platform/errors.js';
import { submitForm, formValues } from '../../platform/http/forms.js';
import { isUuid } from '../../platform/validation.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { type FormState, emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { pageTags } from '../cache/invalidate-pages.js';
import { type SiteRequest, type SiteScope, siteGet, sitePost, tagPage } from '../site/site-routes.js';
import { pageNumber } from '../site/views/parts.js';
import { siteHref } from '../site/views/site-layout.js';
import { checkSubmission, issueFormStamp, type SpamVerdict } from './anti-spam.js';
import { lookupInquiry, publishedInquiries, publishedInquiry } from './queries.js';
import type { InquiryKind } from './rules.js';
import { submitInquiry } from './submit-inquiry.js';
import { InquiryFormPage, InquiryListPage, InquiryLookupPage, InquiryPublicPage, formPath, kindPages, lookupPath } from './views/public.js';

const PAGE_SIZE = 20;

const spamMessages: Record<Exclude<SpamVerdict, 'ok'>, MessageKey> = {
  too_fast: 'inquiry.spam.tooFast',
  expired: 'inquiry.spam.expired',
  bot: 'inquiry.spam.bot',
};

/**
 * The public side of questions and feedback on every site: the released answers, the form to send one (no
 * account, anti-spam, rate-limited) and the lookup by tracking code. Forms and lookups carry per-visitor content
 * (a form token, a code), so only the lists and answers are cached.
 */
export async function inquiryPublicRoutes(app: FastifyInstance): Promise<void> {
  const { secrets } = app.deps;
  const now = () => (app.deps.now ?? (() => new Date()))();

  for (const kind of ['question', 'feedback'] as const satisfies InquiryKind[]) {
    const base = kindPages[kind].base;

    siteGet(app, base, async (req, reply, scope) => {
      const pageNo = pageNumber(req.query.trang);
      const data = await publishedInquiries(req.ctx.db, scope.site.id, kind, pageNo, PAGE_SIZE);
      if (pageNo > 1 && data.rows.length === 0) throw new NotFound();
      tagPage(reply, scope, pageTags.questions(scope.site.id));
      return sendPage(reply, <InquiryListPage page={req.page()} scope={scope} kind={kind} rows={data.rows} total={data.total} pageNo={pageNo} pageSize={PAGE_SIZE} />);
    });

    const showForm = (req: SiteRequest, reply: FastifyReply, scope: SiteScope, form: FormState, status = 200) =>
      sendPage(reply, <InquiryFormPage page={req.page()} scope={scope} kind={kind} form={form} stamp={issueFormStamp(secrets, now())} />, status);

    siteGet(app, formPath(kind), async (req, reply, scope) => showForm(req, reply, scope, emptyForm));

    sitePost(
      app,
      formPath(kind),
      async (req, reply, scope) => {
        const verdict = checkSubmission(secrets, req.body as Record<string, unknown>, now());
        if (verdict !== 'ok') return showForm(req, reply, scope, { values: formValues(req.body), errors: { _form: { key: spamMessages[verdict] } } }, 422);
        return submitForm(
          reply,
          req.body,
          async () => {
            const created = await submitInquiry(req.ctx, scope.site, kind, req.body, { baseUrl: app.deps.config.baseUrl, secrets });
            return reply.redirect(`${siteHref(scope, lookupPath(kind))}?ma=${encodeURIComponent(created.code)}&moi=1`, 303);
          },
          (form) => <InquiryFormPage page={req.page()} scope={scope} kind={kind} form={form} stamp={issueFormStamp(secrets, now())} />,
        );
      },
      // A person sends a few questions a day; more from one address is a script.
      { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    );

    siteGet(app, lookupPath(kind), async (req, reply, scope) => {
      const code = typeof req.query.ma === 'string' ? req.query.ma.trim().slice(0, 40) : '';
      const found = code ? await lookupInquiry(req.ctx.db, code) : null;
      // Private to whoever holds the code: never cached, never indexed.
      reply.header('x-robots-tag', 'noindex');
      return sendPage(reply, <InquiryLookupPage page={req.page()} scope={scope} kind={kind} code={code} found={found} justSent={req.query.moi === '1'} />, code && !found ? 404 : 200);
    });

    siteGet<{ id: string }>(app, `${base}/:id`, async (req, reply, scope) => {
      if (!isUuid(req.params.id)) throw new NotFound();
      const q = await publishedInquiry(req.ctx.db, scope.site.id, kind, req.params.id.toLowerCase());
      if (!q) throw new NotFound();
      tagPage(reply, scope, pageTags.questions(scope.site.id));
      return sendPage(reply, <InquiryPublicPage page={req.page()} scope={scope} kind={kind} q={q} />);
    });
  }
}
