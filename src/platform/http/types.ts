import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import type { Database } from '../db/client.js';
import type { Locale, Translate } from '../i18n/index.js';
import type { LoadedSession } from '../auth/sessions.js';
import type { Secrets } from '../secrets.js';
import type { FileStorage } from '../storage/storage.js';
import type { PageCtx } from '../views/page.js';

export type AppDeps = {
  config: Config;
  database: Database;
  secrets: Secrets;
  /** Where uploaded files' bytes live. */
  storage: FileStorage;
  /** Fixed in tests; the wall clock otherwise. */
  now?: () => Date;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    ctx: Ctx;
    session: LoadedSession | null;
    /** True when the request carried a session cookie that had expired, for the "signed out for inactivity" page. */
    sessionExpired: boolean;
    locale: Locale;
    t: Translate;
    csrf: string;
    page(flash?: string | null): PageCtx;
  }
}
