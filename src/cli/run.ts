import type { Logger } from 'pino';
import { loadConfig, type Config } from '../platform/config.js';
import type { Ctx } from '../platform/context.js';
import { type Database, openDatabase } from '../platform/db/client.js';
import { createLogger } from '../platform/logger.js';
import { systemCtx } from '../platform/server.js';
import { failStart } from './serve.js';

export type CliEnv = { config: Config; database: Database; log: Logger; ctx: Ctx };

/**
 * Runs a command against the configured database: migrations first, then the work; a known failure
 * (bad config, database unreachable or locked, invalid input) is one clear line and exit code 1.
 */
export async function withDatabase(work: (env: CliEnv) => Promise<void>): Promise<void> {
  let env: CliEnv;
  try {
    const config = loadConfig();
    const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
    const database = await openDatabase(config);
    await database.migrate();
    env = { config, database, log, ctx: { ...systemCtx(database, log), actor: null } };
  } catch (err) {
    failStart(err);
  }
  try {
    await work(env);
  } catch (err) {
    await env.database.close().catch(() => {});
    const { AppError, Invalid } = await import('../platform/errors.js');
    const { translate } = await import('../platform/i18n/index.js');
    if (err instanceof Invalid) {
      for (const [field, e] of Object.entries(err.fields)) console.error(`${field}: ${translate('vi', e.key, e.params)} / ${translate('en', e.key, e.params)}`);
      process.exit(1);
    }
    if (err instanceof AppError) {
      console.error(`${translate('vi', err.messageKey, err.params)} / ${translate('en', err.messageKey, err.params)}`);
      process.exit(1);
    }
    throw err;
  }
  await env.database.close();
}
