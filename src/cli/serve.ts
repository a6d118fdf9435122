import { ConfigError, loadConfig } from '../platform/config.js';
import { DatabaseUnavailableError } from '../platform/db/client.js';
import { createLogger } from '../platform/logger.js';
import { startServer } from '../platform/server.js';

/** Start-up failures an operator can fix are one clear line, never a stack trace. */
export function failStart(err: unknown): never {
  if (err instanceof ConfigError) {
    for (const p of err.problems) console.error(`Cấu hình sai (invalid configuration): ${p}`);
  } else if (err instanceof DatabaseUnavailableError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
}

export async function runServe(): Promise<void> {
  let running;
  try {
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    running = await startServer(config, log);
  } catch (err) {
    failStart(err);
  }
  const stop = (signal: string) => {
    running.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
