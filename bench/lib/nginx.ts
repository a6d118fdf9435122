import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Cleanup } from './cleanup.js';
import { freePort } from './server.js';

export const NGINX_BIN = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';

/** A file nginx serves byte for byte, with the response headers congso sent for it. */
export type StaticFile = { body: Buffer; contentType: string; contentEncoding: string | null };

/** paths[i] serves files[i]; plain names, because "/" or a trailing slash would send nginx to its index module. */
export type RunningNginx = { url: string; version: string; paths: string[]; stop(): Promise<void> };

/** nginx's version, or null when it is not installed (the comparison rows then say so). */
export function nginxVersion(): string | null {
  if (!fs.existsSync(NGINX_BIN)) return null;
  // nginx -v prints to stderr.
  const r = spawnSync(NGINX_BIN, ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return /nginx\/[\d.]+/.exec(`${r.stdout}${r.stderr}`)?.[0] ?? 'nginx';
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/**
 * nginx with as many workers as congso has web processes (one by default) serving the given files from a temporary
 * folder: precompressed bytes are sent as they are, with their Content-Encoding, the way gzip_static or a
 * precompressed-brotli setup would serve them. Access log on, to a file, as congso writes its request log.
 */
export async function startNginx(files: StaticFile[], opts: { cleanup: Cleanup; workers?: number }): Promise<RunningNginx> {
  const version = nginxVersion();
  if (!version) throw new Error(`${NGINX_BIN} is not installed`);
  // Under /tmp, readable by all: nginx started as root runs its worker as nobody.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-bench-nginx-'));
  const removeDir = opts.cleanup.add(`folder ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const locations = files.map((f, i) => {
    const file = path.join(dir, `file-${i}`);
    fs.writeFileSync(file, f.body, { mode: 0o644 });
    const encoding = f.contentEncoding ? `add_header Content-Encoding ${f.contentEncoding};` : '';
    return `location = /page-${i} { alias ${quote(file)}; default_type ${quote(f.contentType)}; ${encoding} add_header Vary Accept-Encoding; add_header Cache-Control "public, no-cache"; }`;
  });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${quote(path.join(dir, `${t}-temp`))};`);
  const conf = [
    `worker_processes ${opts.workers ?? 1};`,
    'daemon off;',
    `pid ${quote(path.join(dir, 'nginx.pid'))};`,
    `error_log ${quote(path.join(dir, 'error.log'))} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${quote(path.join(dir, 'access.log'))};`,
    ...temp.map((t) => `  ${t}`),
    '  sendfile on; tcp_nopush on; server_tokens off;',
    // The load generator keeps its connections open; nginx's default of 1,000 requests per connection would add
    // reconnects that congso (no such limit) does not pay.
    '  keepalive_requests 1000000;',
    `  server { listen 127.0.0.1:${port}; ${locations.join(' ')} }`,
    '}',
  ].join('\n');
  const confFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confFile, `${conf}\n`);

  const out = fs.openSync(path.join(dir, 'stdout.log'), 'w');
  const child = spawn(NGINX_BIN, ['-p', dir, '-c', confFile], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(10_000).then(() => child.kill('SIGKILL'))]);
    }
  };
  const release = opts.cleanup.add(`nginx pid ${child.pid}`, stop);
  const url = `http://127.0.0.1:${port}`;
  const errors = () => {
    try {
      return fs.readFileSync(path.join(dir, 'error.log'), 'utf8') + fs.readFileSync(path.join(dir, 'stdout.log'), 'utf8');
    } catch {
      return '(no log)';
    }
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      const log = errors();
      await release();
      await removeDir();
      throw new Error(`nginx exited at start-up (code ${child.exitCode}): ${log}`);
    }
    try {
      await fetch(url).then((r) => r.arrayBuffer());
      break;
    } catch {
      if (i > 400) {
        await release();
        await removeDir();
        throw new Error(`nginx did not listen within 10 s: ${errors()}`);
      }
      await delay(25);
    }
  }
  return {
    url,
    version,
    paths: files.map((_, i) => `/page-${i}`),
    stop: async () => {
      await release();
      await removeDir();
    },
  };
}
