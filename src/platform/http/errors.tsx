import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record-audit.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, Forbidden, Invalid } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { translator } from '../i18n/index.js';
import { Layout } from '../views/layout.js';
import { sendPage } from '../views/render.js';

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');
}

function ErrorPage({ req, status, message }: { req: FastifyRequest; status: number; message: string }) {
  const page = req.page ? req.page(null) : fallbackPage(req);
  const { t } = page;
  const title = status === 404 ? t('error.notFound') : status === 403 ? t('error.forbiddenTitle') : t('error.title');
  return (
    <Layout page={page} title={title} serviceName={t('app.name')} serviceHref="/">
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body" data-testid="error-message">
        {message}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          {t('error.backHome')}
        </a>
      </p>
    </Layout>
  );
}

function fallbackPage(req: FastifyRequest) {
  const t = translator('vi');
  return { t, locale: 'vi' as const, path: req.url, csrf: '', provinceName: '', user: null, sessionIdleExpiresAt: null, flash: null };
}

function reply(req: FastifyRequest, res: FastifyReply, status: number, code: string, key: MessageKey, extra: Record<string, unknown> = {}, params?: Record<string, string | number>) {
  const t = req.t ?? translator('vi');
  const message = t(key, params);
  if (wantsJson(req)) return res.status(status).send({ error: { code, message, ...extra } });
  return sendPage(res, <ErrorPage req={req} status={status} message={message} />, status);
}

/**
 * A signed-in person refused something is a security event the operator must be able to find (an official of one
 * agency probing another's records), so every refusal is audited with the route it was refused at.
 */
async function auditRefusal(req: FastifyRequest): Promise<void> {
  if (!req.ctx?.actor) return;
  try {
    await inTransaction(req.ctx, (tx) =>
      recordAudit(tx, { action: 'auth.access_denied', entityType: 'route', entityId: `${req.method} ${req.url.split('?')[0]}`, agencyId: req.ctx.actor?.agencyId ?? null }),
    );
  } catch (auditErr) {
    req.log.error({ err: auditErr }, 'could not audit a refused request');
  }
}

/** One place maps every error to a page or JSON in the person's language; nothing internal leaks. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, req, res) => {
    if (err instanceof AppError) {
      if (err instanceof Forbidden) await auditRefusal(req);
      const extra: Record<string, unknown> = {};
      if (err instanceof Invalid) {
        const t = req.t ?? translator('vi');
        extra.fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, t(v.key, v.params)]));
      }
      if (err.status >= 500) req.log.error({ err }, 'application error');
      return reply(req, res, err.status, err.code, err.messageKey, extra, err.params);
    }
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return reply(req, res, 413, 'too_large', 'error.tooLarge');
    if (status === 429) return reply(req, res, 429, 'rate_limited', 'error.rateLimited');
    if (err.validation) return reply(req, res, 400, 'bad_request', 'error.badRequest', { details: err.validation.map((v) => `${v.instancePath} ${v.message ?? ''}`.trim()) });
    if (status >= 400 && status < 500) return reply(req, res, status, 'bad_request', 'error.badRequest');
    req.log.error({ err }, 'unhandled error');
    return reply(req, res, 500, 'internal', 'error.internal', { requestId: req.id }, { requestId: req.id });
  });
  app.setNotFoundHandler((req, res) => reply(req, res, 404, 'not_found', 'error.notFound'));
}
