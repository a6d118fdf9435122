import { freshStore } from './engines.js';
import { type RunningServer, startServer } from './server.js';
import type { BenchContext, Engine } from './types.js';

/**
 * Runs `fn` against a production server on a fresh store of the engine (first start: migrations + demo seed),
 * then stops the server and removes the store, also when `fn` fails.
 */
export async function withServer<T>(
  ctx: BenchContext,
  engine: Engine,
  env: Record<string, string>,
  fn: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const store = await freshStore(engine, ctx);
  try {
    const server = await startServer({ root: ctx.root, env: { ...store.env, ...env }, cleanup: ctx.cleanup, logDir: ctx.workDir });
    try {
      return await fn(server);
    } finally {
      await server.stop();
    }
  } finally {
    await store.dispose();
  }
}
