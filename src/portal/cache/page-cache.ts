import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/** What a page view counts towards, kept with the cached page so a cache hit is counted like a render. */
export type ViewTarget = { siteId: string; articleId?: string };

export type CachedPage = {
  contentType: string;
  /** Headers the page was first sent with that every answer carries (security policy …). */
  headers: Readonly<Record<string, string>>;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  lastModified: Date;
  tags: ReadonlySet<string>;
  view: ViewTarget | null;
  storedAt: number;
  bytes: number;
};

export type PageCacheOptions = {
  maxBytes: number;
  /** Older entries are rendered again even without an invalidation, so the visitor counters in the footer move. */
  maxAgeMs: number;
  now?: () => number;
};

/**
 * Whole anonymous pages kept in memory with the tags of what they show ("article:<id>", "site:<id>" …), so a change
 * drops exactly the pages that show it. Least recently used pages go first when over maxBytes.
 *
 * A page rendered while a change commits must not be stored after its invalidation has gone by: callers take an
 * epoch with begin() before reading the database and pass it to store(), which refuses the page if any of its tags
 * was invalidated since.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly tagEpoch = new Map<string, number>();
  private epoch = 0;
  private resetEpoch = 0;
  private totalBytes = 0;
  private readonly now: () => number;
  stats = { hits: 0, misses: 0, stored: 0, refused: 0, invalidated: 0, evicted: 0 };
  private readonly listeners: ((tags: readonly string[] | 'all') => void)[] = [];

  constructor(private readonly opts: PageCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The keys kept now, least recently used first (for diagnostics and tests; does not touch recency). */
  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  begin(): number {
    return this.epoch;
  }

  get(key: string): CachedPage | null {
    const e = this.entries.get(key);
    if (!e) {
      this.stats.misses++;
      return null;
    }
    if (this.now() - e.storedAt > this.opts.maxAgeMs) {
      this.remove(key);
      this.stats.misses++;
      return null;
    }
    // Re-insert to mark it most recently used; Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.stats.hits++;
    return e;
  }

  store(
    key: string,
    startedAt: number,
    page: { contentType: string; headers?: Record<string, string>; body: string | Buffer; tags: Iterable<string>; view: ViewTarget | null; lastModified?: Date },
  ): CachedPage | null {
    const tags = new Set(page.tags);
    if (startedAt < this.resetEpoch || [...tags].some((t) => (this.tagEpoch.get(t) ?? -1) > startedAt)) {
      this.stats.refused++;
      return null;
    }
    const raw = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body, 'utf8');
    const gzip = gzipSync(raw, { level: 6 });
    const br = brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const entry: CachedPage = {
      contentType: page.contentType,
      headers: page.headers ?? {},
      raw,
      gzip,
      br,
      etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
      lastModified: new Date(Math.floor((page.lastModified ?? new Date(this.now())).getTime() / 1000) * 1000),
      tags,
      view: page.view,
      storedAt: this.now(),
      bytes: raw.length + gzip.length + br.length + key.length,
    };
    if (entry.bytes > this.opts.maxBytes / 4) {
      this.stats.refused++;
      return null;
    }
    this.remove(key);
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    for (const t of tags) {
      let keys = this.byTag.get(t);
      if (!keys) this.byTag.set(t, (keys = new Set()));
      keys.add(key);
    }
    this.stats.stored++;
    while (this.totalBytes > this.opts.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
      this.stats.evicted++;
    }
    return entry;
  }

  /**
   * Other in-memory copies that follow the same invalidations (the sites' menus) listen here; 'all' after a clear.
   */
  onInvalidate(listener: (tags: readonly string[] | 'all') => void): void {
    this.listeners.push(listener);
  }

  /** Drops every page showing one of the tags, and refuses pages of those tags rendered before now. */
  invalidate(tags: Iterable<string>): number {
    const list = [...tags];
    for (const l of this.listeners) l(list);
    this.epoch++;
    let dropped = 0;
    for (const t of list) {
      this.tagEpoch.set(t, this.epoch);
      for (const key of this.byTag.get(t) ?? []) {
        if (this.remove(key)) dropped++;
      }
    }
    this.stats.invalidated += dropped;
    // Epochs of tags no page carries any more are only needed while a render that began before them can finish.
    if (this.tagEpoch.size > 10_000) this.forgetTagEpochs();
    return dropped;
  }

  /** Drops everything: used when invalidations may have been missed. */
  clear(): void {
    for (const l of this.listeners) l('all');
    this.epoch++;
    this.resetEpoch = this.epoch;
    this.entries.clear();
    this.byTag.clear();
    this.tagEpoch.clear();
    this.totalBytes = 0;
  }

  private forgetTagEpochs(): void {
    // Renders take milliseconds; after this many invalidations any render that saw an old epoch is long done, and
    // resetEpoch keeps refusing anything older.
    this.resetEpoch = this.epoch;
    this.tagEpoch.clear();
  }

  private remove(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.totalBytes -= e.bytes;
    for (const t of e.tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(t);
    }
    return true;
  }
}
