import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import { printListening, startProcess } from '../platform/server.js';
import { exitAfter } from './serve.js';
import { VISIT_SECRET_ENV, VisitHub } from '../portal/stats/visit-relay.js';

type Ready = { type: 'congso:listening'; url: string };
const isReady = (m: unknown): m is Ready => typeof m === 'object' && m !== null && (m as Ready).type === 'congso:listening';

const STOP_TIMEOUT_MS = 20_000;
/** A web process that exits this soon after it was ready is crashing, not finishing: restarting it in a loop helps nobody. */
const CRASH_LOOP_MS = 10_000;
const MAX_QUICK_RESTARTS = 5;

/**
 * A web process (cluster worker): HTTP only, on the port the primary shares. It files jobs in the requests'
 * transactions but never runs them, and leaves when the primary goes.
 */
export async function runWebProcess(config: Config, log: Logger, fail: (err: unknown) => never): Promise<void> {
  let started;
  try {
    started = await startProcess(config, log, 'web');
  } catch (err) {
    fail(err);
  }
  const stop = () => exitAfter(started.stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  process.send?.({ type: 'congso:listening', url: started.url ?? config.baseUrl } satisfies Ready);
}

/**
 * The primary of several web processes: it migrates and seeds the database, runs the background jobs and their
 * schedules, starts the web processes, restarts one that dies, and on SIGTERM lets each finish its requests first.
 */
export async function runPrimary(config: Config, log: Logger, fail: (err: unknown) => never, print: (line: string) => void): Promise<void> {
  let started;
  try {
    started = await startProcess(config, log, 'primary', print);
  } catch (err) {
    fail(err);
  }
  const primary = started;
  // New at every start and only in memory: visitors hash alike in every web process, and never across restarts.
  const visitSecret = randomBytes(32);
  const visits = new VisitHub(primary.database.db, log, visitSecret, (m) => {
    for (const w of Object.values(cluster.workers ?? {})) if (w?.isConnected()) w.send(m);
  });
  let stopping = false;
  let announced = false;
  let quickRestarts = 0;
  const readyAt = new Map<Worker, number>();

  const shutDown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ processes: Object.keys(cluster.workers ?? {}).length }, 'shutting down: web processes finish their requests');
    const exits = Object.values(cluster.workers ?? {}).map(
      (w) =>
        new Promise<void>((resolve) => {
          if (!w || w.isDead()) return resolve();
          const force = setTimeout(() => w.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
          w.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          w.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    await visits.stop().catch((err: unknown) => log.error({ err }, 'visitor counts lost at shutdown'));
    await primary.stop().catch((err: unknown) => log.error({ err }, 'could not stop cleanly'));
    process.exit(code);
  };

  const fork = () => {
    const w = cluster.fork({ [VISIT_SECRET_ENV]: visitSecret.toString('hex') });
    w.on('message', (m: unknown) => {
      visits.receive(m);
      if (!isReady(m)) return;
      readyAt.set(w, Date.now());
      const ready = Object.values(cluster.workers ?? {}).filter((x) => x && readyAt.has(x)).length;
      if (!announced && ready === config.webProcesses) {
        announced = true;
        printListening(print, m.url, primary.database, config.webProcesses);
      }
    });
  };

  cluster.on('exit', (w, code, signal) => {
    const since = readyAt.get(w);
    readyAt.delete(w);
    if (stopping) return;
    if (since === undefined) {
      // It never served: the same start would fail again (port taken, database gone).
      log.error({ pid: w.process.pid, code, signal }, 'a web process could not start');
      void shutDown(1);
      return;
    }
    quickRestarts = Date.now() - since < CRASH_LOOP_MS ? quickRestarts + 1 : 0;
    if (quickRestarts > MAX_QUICK_RESTARTS) {
      log.error({ pid: w.process.pid, code, signal }, 'web processes keep dying; stopping');
      void shutDown(1);
      return;
    }
    log.error({ pid: w.process.pid, code, signal }, 'a web process died; starting another');
    fork();
  });

  process.once('SIGTERM', () => void shutDown(0));
  process.once('SIGINT', () => void shutDown(0));
  for (let i = 0; i < config.webProcesses; i++) fork();
}
