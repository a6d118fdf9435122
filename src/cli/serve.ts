import cluster from 'node:cluster';
import { ConfigError, loadConfig } from '../platform/config.js';
import { DatabaseUnavailableError } from '../platform/db/client.js';
import { createLogger } from '../platform/logger.js';
import { startServer } from '../platform/server.js';
import { runPrimary, runWebProcess } from './web-processes.js';

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

/** Exits 0 once stop() has finished, 1 if it fails or takes longer than 15 s. */
export function exitAfter(stop: () => Promise<void>): void {
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  stop().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

export async function runServe(): Promise<void> {
  let config;
  let log;
  try {
    config = loadConfig();
    log = createLogger(config.logLevel);
  } catch (err) {
    failStart(err);
  }
  if (config.webProcesses > 1) {
    if (cluster.isPrimary) await runPrimary(config, log, failStart, (line) => process.stderr.write(`${line}\n`));
    else await runWebProcess(config, log, failStart);
    return;
  }
  let running;
  try {
    running = await startServer(config, log);
  } catch (err) {
    failStart(err);
  }
  const stop = (signal: string) => {
    running.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    exitAfter(running.stop);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
