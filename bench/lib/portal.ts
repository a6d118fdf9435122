import http from 'node:http';
import { type LoadResult, runLoad } from './load.js';

/**
 * What a browser sends: the cached page is stored precompressed and the encoding follows Accept-Encoding; a
 * browser's User-Agent makes the server count the view, as it does for people (programs without one are not counted).
 */
export const BROWSER_HEADERS = {
  'accept-encoding': 'br, gzip',
  accept: 'text/html',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
} as const;

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * A GET that keeps the body exactly as sent (fetch would decompress it): these are the bytes nginx serves in the
 * comparison, and their encoding is what the congso figure includes.
 */
export function rawGet(url: string, headers: Record<string, string> = {}, agent: http.Agent | false = false): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url}: no answer in 30 s`)));
    req.on('error', reject);
  });
}

/**
 * The address of a published article of the portal, taken from its home page, so the bench follows whatever the
 * demo province publishes instead of naming a slug.
 */
export async function findArticlePath(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/`);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
  const path = /href="(\/tin-tuc\/[^"#?]+)"/.exec(html)?.[1];
  if (!path) throw new Error('the portal home page links to no article (/tin-tuc/…): is the demo portal seeded?');
  const article = await fetch(`${baseUrl}${path}`);
  await article.arrayBuffer();
  if (article.status !== 200) throw new Error(`GET ${path} answered ${article.status}`);
  return path;
}

/**
 * Proves the page is in congso's page cache: only a cache hit answers a matching If-None-Match with 304 (a render
 * always sends the page). Each web process keeps its own copy (its footer counters differ), so the two requests go on
 * one kept-alive connection, which stays with one process; new connections are dealt to the processes in turn, so
 * twice as many checks as processes reach, fill and prove every one.
 */
export async function assertCached(baseUrl: string, path: string, processes = 1): Promise<void> {
  for (let i = 0; i < processes * 2; i++) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await rawGet(`${baseUrl}${path}`, BROWSER_HEADERS, agent);
      const etag = first.headers.etag;
      if (first.status !== 200 || !etag) throw new Error(`GET ${path}: ${first.status}, etag ${etag ?? 'missing'}: the page is not cacheable`);
      const again = await rawGet(`${baseUrl}${path}`, { ...BROWSER_HEADERS, 'if-none-match': etag }, agent);
      if (again.status !== 304) throw new Error(`GET ${path} with If-None-Match answered ${again.status}, not 304: the page cache missed`);
    } finally {
      agent.destroy();
    }
  }
}

/** GET of one path with browser headers at a fixed concurrency; every response must be 200. */
export function pageLoad(baseUrl: string, path: string, opts: { connections: number; durationSeconds: number }): Promise<LoadResult> {
  return runLoad({
    url: baseUrl,
    connections: opts.connections,
    durationSeconds: opts.durationSeconds,
    expectStatus: 200,
    request: { method: 'GET', path, headers: { ...BROWSER_HEADERS } },
  });
}
