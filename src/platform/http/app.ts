import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { assetsDir } from '../paths.js';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import { installErrorHandlers } from './errors.js';
import { securityHeaders } from './security-headers.js';
import { requestContext } from './request-context.js';
import { backOfficeGuard } from './back-office-guard.js';
import type { AppDeps } from './types.js';
import { platformRoutes } from './platform-routes.js';
import { accountsRoutes } from '../../accounts/routes.js';
import { usersRoutes } from '../../accounts/users/routes.js';
import { citizenRoutes } from '../../accounts/citizen/routes.js';
import { orgRoutes } from '../../org/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { homeRoutes } from '../../home/routes.js';
import { sitePublicRoutes } from '../../portal/site/public-routes.js';
import { siteAdminRoutes } from '../../portal/site/admin-routes.js';
import { calendarRoutes } from '../../services/calendar/routes.js';
import { articleRoutes } from '../../portal/articles/routes.js';
import { legalRoutes } from '../../portal/legal/routes.js';
import { procedureAdminRoutes } from '../../services/procedures/routes.js';
import pageCache from '../../portal/cache/cache-plugin.js';
import visitStats from '../../portal/stats/stats-plugin.js';
import { statsRoutes } from '../../portal/stats/routes.js';
import { inquiryRoutes } from '../../portal/inquiries/routes.js';
import { inquiryPublicRoutes } from '../../portal/inquiries/public-routes.js';
import { citizenDossierRoutes } from '../../services/dossiers/citizen-routes.js';
import { dossierDeskRoutes } from '../../services/dossiers/desk-routes.js';
import { citizenSupplementRoutes } from '../../services/dossiers/supplement-routes.js';
import { dossierProcessingRoutes } from '../../services/dossiers/processing-routes.js';
import { consultationRoutes } from '../../services/dossiers/consultation-routes.js';
import { statisticsRoutes } from '../../services/statistics/routes.js';
import { searchRoutes } from '../../portal/search/routes.js';
import { procedurePublicRoutes } from '../../services/procedures/public-routes.js';
import { paymentRoutes } from '../../services/payments/routes.js';

/**
 * One line per read, written when it is answered and naming what was asked, instead of Fastify's two: at thousands of
 * page views a second the log is a large share of the work. A change is also logged when it arrives, so an operator
 * sees what was in flight when something stopped.
 */
class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') super.incomingRequest(request, reply);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(deps: AppDeps, logger: Logger): Promise<FastifyInstance> {
  // Known once the page cache is registered; until then (and in inject(), which bypasses the server) Fastify answers.
  let answerFromCache: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
  const app = Fastify({
    serverFactory: (handler) => {
      const server = http.createServer((req, res) => {
        if (!answerFromCache?.(req, res)) handler(req, res);
      });
      // Fastify's defaults for a server it makes itself.
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      server.setTimeout(0);
      return server;
    },
    logController: new RequestLog(),
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('deps', deps);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('t', null as never);
  app.decorateRequest('csrf', '');
  app.decorateRequest('page', null as never);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // First, so a cached public page is answered before security headers are built, cookies parsed or a session
  // looked up (it carries the headers it was first sent with).
  await app.register(visitStats);
  await app.register(pageCache, { maxBytes: deps.config.pageCacheBytes });
  answerFromCache = app.answerFromCache;
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.baseUrl.startsWith('https://'),
  });
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(security);
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  // Upload forms read their parts in the handler (platform/storage/multipart-form.ts), which also checks CSRF.
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 } });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', maxAge: '1h', decorateReply: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'congso API', version: '1' },
      servers: [{ url: deps.config.baseUrl }],
    },
    // Only the JSON API is documented; pages are for people, not clients.
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/v1/') ? schema : { ...schema, hide: true }, url }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { validatorUrl: null } });

  installErrorHandlers(app);
  await app.register(requestContext);
  await app.register(backOfficeGuard);
  await app.register(platformRoutes);
  await app.register(homeRoutes);
  await app.register(sitePublicRoutes);
  await app.register(siteAdminRoutes);
  await app.register(searchRoutes);
  await app.register(accountsRoutes);
  await app.register(usersRoutes);
  await app.register(citizenRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(statsRoutes);
  await app.register(inquiryRoutes);
  await app.register(inquiryPublicRoutes);
  await app.register(articleRoutes);
  await app.register(legalRoutes);
  await app.register(procedureAdminRoutes);
  await app.register(procedurePublicRoutes);
  await app.register(citizenDossierRoutes);
  await app.register(paymentRoutes);
  await app.register(dossierDeskRoutes);
  await app.register(citizenSupplementRoutes);
  await app.register(dossierProcessingRoutes);
  await app.register(consultationRoutes);
  await app.register(statisticsRoutes);
  return app;
}
