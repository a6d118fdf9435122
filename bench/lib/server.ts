import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Cleanup } from './cleanup.js';

/** Memory figures of a live process, from /proc/<pid>/status (Linux), in KiB. */
export type ProcMemory = { rssKiB: number; peakRssKiB: number };

export function readProcMemory(pid: number): ProcMemory | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const rss = field('VmRSS');
  const hwm = field('VmHWM');
  return rss === null || hwm === null ? null : { rssKiB: rss, peakRssKiB: hwm };
}

/** A port the kernel says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export type RunningServer = {
  pid: number;
  url: string;
  logFile: string;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readyMs: number;
  /** Memory read the moment the server became ready; peakRssKiB is the high-water mark of the whole start-up. */
  atReady: ProcMemory | null;
  memory(): ProcMemory | null;
  /** SIGTERM, then SIGKILL if it does not exit in time. Resolves with the exit code. */
  stop(): Promise<number | null>;
};

export type StartOptions = {
  root: string;
  /** Store and tuning variables (CONGSO_DATA_DIR or DATABASE_URL, CONGSO_TRUST_PROXY, …). */
  env: Record<string, string>;
  cleanup: Cleanup;
  /** Folder for the server's log file. */
  logDir: string;
  readyTimeoutMs?: number;
  /** Poll interval for /readyz; it bounds the start-up figure's resolution. */
  pollMs?: number;
};

// Variables of the caller's shell that would point the server somewhere else than the bench intends.
const inheritedToDrop = /^(DATABASE_URL|PORT|HOST|LOG_LEVEL|CONGSO_.*|SMTP_URL|OIDC_.*)$/;

function serverEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!inheritedToDrop.test(k)) env[k] = v;
  return { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', CONGSO_DEMO: '1', ...extra };
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

let serial = 0;

/**
 * Spawns the production build exactly as `npm start` runs it (node --enable-source-maps dist/main.js) on a free
 * port, and waits for /readyz to answer 200. The server's stdout/stderr go to a log file so that writing them
 * costs the bench process nothing.
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const main = path.join(opts.root, 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(opts.logDir, `server-${++serial}-${port}.log`);
  const fd = fs.openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: opts.root,
    env: serverEnv(port, opts.env),
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the server');

  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    if (!(await waitExit(child, 20_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
    }
    return child.exitCode;
  };
  const release = opts.cleanup.add(`server pid ${pid}`, async () => {
    await stop();
  });
  // A bench that dies abruptly must not leave a server holding a port or a PGlite lock.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const deadline = started + (opts.readyTimeoutMs ?? 180_000);
  const pollMs = opts.pollMs ?? 5;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await release();
      throw new Error(`server exited during start-up (code ${child.exitCode ?? child.signalCode}); log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      await release();
      throw new Error(`server not ready after ${opts.readyTimeoutMs ?? 180_000} ms; log ${logFile}:\n${tail(logFile)}`);
    }
    await delay(pollMs);
  }
  const readyMs = performance.now() - started;
  const atReady = readProcMemory(pid);

  return {
    pid,
    url,
    logFile,
    readyMs,
    atReady,
    memory: () => readProcMemory(pid),
    stop: async () => {
      const code = await stop();
      await release();
      return code;
    },
  };
}
