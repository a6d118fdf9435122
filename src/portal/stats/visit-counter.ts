import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { vnToday } from '../../platform/dates.js';

/** How often counted views are written. */
export const DEFAULT_FLUSH_MS = 10_000;
/** Someone seen within this window counts as online now. */
export const ONLINE_WINDOW_MS = 5 * 60_000;
/** Beyond this many remembered visitors a day, new ones are counted without being remembered (memory bound). */
const MAX_REMEMBERED_VISITORS = 500_000;

type Pending = { views: number; visitors: number };

/**
 * Where a web process sends what only the whole server can decide (one of several processes, see visit-relay.ts):
 * whether a visitor is new today across every process, and who is online anywhere.
 */
export type VisitRelay = {
  newVisitor(siteId: string, day: string, id: string): void;
  seen(siteId: string, id: string, at: number): void;
};

/**
 * Page views counted in memory and written in batches: no database write per view. A visitor is remembered only as
 * a hash of address and browser under a key derived from a secret and the day; the secret never leaves the server's
 * processes and is new at every start, so nothing about a person is stored and yesterday's visitors cannot be
 * linked to today's. Processes of one server share the secret, so a visitor hashes alike in each (visit-relay.ts).
 */
export class VisitCounter {
  private pendingDays = new Map<string, Pending>();
  private pendingArticles = new Map<string, number>();
  private seenToday = new Set<string>();
  private day = '';
  private keyDay = '';
  private dayKey: Buffer = Buffer.alloc(0);
  private readonly online = new Map<string, Map<string, number>>();
  /** Online counts of the whole server, as its primary last sent them. */
  private shared = new Map<string, number>();
  // The Vietnamese day of the last view and the minute it was computed for: formatting a date for every view costs
  // more than the rest of counting it.
  private dayMinute = -1;
  private dayOfMinute = '';
  /** Grows with every successful write, so copies of the written figures know they are out of date. */
  flushes = 0;

  constructor(
    private readonly secret: Buffer = randomBytes(32),
    private readonly relay: VisitRelay | null = null,
  ) {}

  /** Counts one view of a site's page (and of an article, when it is one). */
  record(view: { siteId: string; articleId?: string }, visitor: { ip: string; userAgent: string }, at: Date): void {
    const day = this.dayOf(at);
    // A hash keyed by a fixed-length secret prefix: the ids never leave the server, so HMAC's guard against length
    // extension buys nothing here, and HMAC costs twice as much on every page view.
    const id = createHash('sha256').update(this.dayKey).update(visitor.ip).update('\0').update(visitor.userAgent).digest('base64url').slice(0, 22);
    const key = `${view.siteId}|${day}`;
    const p = this.pendingDays.get(key) ?? { views: 0, visitors: 0 };
    p.views++;
    this.pendingDays.set(key, p);
    const seenKey = `${view.siteId}|${id}`;
    if (!this.seenToday.has(seenKey)) {
      if (this.seenToday.size < MAX_REMEMBERED_VISITORS) this.seenToday.add(seenKey);
      if (this.relay) this.relay.newVisitor(view.siteId, day, id);
      else p.visitors++;
    }
    if (view.articleId) this.pendingArticles.set(view.articleId, (this.pendingArticles.get(view.articleId) ?? 0) + 1);
    this.seenOnline(view.siteId, id, at.getTime());
    this.relay?.seen(view.siteId, id, at.getTime());
  }

  /** A visitor a web process saw first on that day (the primary decides for the whole server): counted once. */
  countVisitor(siteId: string, day: string, id: string): void {
    if (day < this.day) return;
    this.startDay(day);
    const seenKey = `${siteId}|${id}`;
    if (this.seenToday.has(seenKey)) return;
    if (this.seenToday.size < MAX_REMEMBERED_VISITORS) this.seenToday.add(seenKey);
    const key = `${siteId}|${day}`;
    const p = this.pendingDays.get(key) ?? { views: 0, visitors: 0 };
    p.visitors++;
    this.pendingDays.set(key, p);
  }

  /** Someone seen on a site at a moment (ms), here or in another process of the server. */
  seenOnline(siteId: string, id: string, at: number): void {
    let siteOnline = this.online.get(siteId);
    if (!siteOnline) this.online.set(siteId, (siteOnline = new Map()));
    if ((siteOnline.get(id) ?? 0) > at) return;
    siteOnline.delete(id);
    siteOnline.set(id, at);
  }

  /** The whole server's online counts per site, from the primary. */
  setSharedOnline(counts: Map<string, number>): void {
    this.shared = counts;
  }

  /** Every site someone is online on now, with how many. */
  onlineBySite(at: Date): Map<string, number> {
    const out = new Map<string, number>();
    for (const siteId of this.online.keys()) out.set(siteId, this.onlineNow(siteId, at));
    return out;
  }

  private dayOf(at: Date): string {
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== this.dayMinute) {
      this.dayMinute = minute;
      this.dayOfMinute = vnToday(at);
    }
    const day = this.dayOfMinute;
    if (day !== this.keyDay) {
      this.keyDay = day;
      this.dayKey = createHash('sha256').update(this.secret).update(day).digest();
    }
    this.startDay(day);
    return day;
  }

  private startDay(day: string): void {
    if (day === this.day) return;
    this.day = day;
    this.seenToday.clear();
  }


  /** People seen on the site within the online window. */
  onlineNow(siteId: string, at: Date): number {
    const siteOnline = this.online.get(siteId);
    if (!siteOnline) return this.shared.get(siteId) ?? 0;
    const cutoff = at.getTime() - ONLINE_WINDOW_MS;
    // Entries are in last-seen order (re-inserted on each view), so the stale ones are at the front; a report relayed
    // from another process may be a moment older than its neighbours, which only delays its removal as long.
    for (const [id, seen] of siteOnline) {
      if (seen >= cutoff) break;
      siteOnline.delete(id);
    }
    // The primary's figure lags this process's own by a moment; the larger of the two is the better guess.
    return Math.max(siteOnline.size, this.shared.get(siteId) ?? 0);
  }

  /** Counted but not yet written: views and visitors of a site per day, and views per article. */
  pendingFor(siteId: string): { day: string; views: number; visitors: number }[] {
    const out: { day: string; views: number; visitors: number }[] = [];
    for (const [key, p] of this.pendingDays) {
      const [s, day] = key.split('|') as [string, string];
      if (s === siteId) out.push({ day, ...p });
    }
    return out;
  }

  pendingArticleViews(articleId: string): number {
    return this.pendingArticles.get(articleId) ?? 0;
  }

  get hasPending(): boolean {
    return this.pendingDays.size > 0 || this.pendingArticles.size > 0;
  }

  /**
   * Writes what was counted in one transaction. What is taken is put back if the write fails, so a database hiccup
   * delays the figures without losing them.
   */
  async flush(db: Db): Promise<{ days: number; articles: number }> {
    if (!this.hasPending) return { days: 0, articles: 0 };
    const days = this.pendingDays;
    const articles = this.pendingArticles;
    this.pendingDays = new Map();
    this.pendingArticles = new Map();
    try {
      await db.transaction(async (tx) => {
        if (days.size > 0) {
          const rows = [...days].map(([key, p]) => {
            const [siteId, day] = key.split('|') as [string, string];
            return sql`(${siteId}::uuid, ${day}::date, ${p.views}::bigint, ${p.visitors}::bigint)`;
          });
          // Joined with sites so a site deleted meanwhile drops its counts instead of failing the whole batch.
          await tx.execute(sql`insert into site_visit_days (site_id, day, views, visitors)
            select v.site_id, v.day, v.views, v.visitors from (values ${sql.join(rows, sql`, `)}) as v(site_id, day, views, visitors)
            join sites s on s.id = v.site_id
            on conflict (site_id, day) do update set views = site_visit_days.views + excluded.views, visitors = site_visit_days.visitors + excluded.visitors`);
        }
        if (articles.size > 0) {
          const rows = [...articles].map(([id, n]) => sql`(${id}::uuid, ${n}::bigint)`);
          await tx.execute(sql`insert into article_views (article_id, views)
            select v.article_id, v.views from (values ${sql.join(rows, sql`, `)}) as v(article_id, views)
            join articles a on a.id = v.article_id
            on conflict (article_id) do update set views = article_views.views + excluded.views`);
        }
      });
      this.flushes++;
      return { days: days.size, articles: articles.size };
    } catch (err) {
      for (const [key, p] of days) {
        const cur = this.pendingDays.get(key) ?? { views: 0, visitors: 0 };
        this.pendingDays.set(key, { views: cur.views + p.views, visitors: cur.visitors + p.visitors });
      }
      for (const [id, n] of articles) this.pendingArticles.set(id, (this.pendingArticles.get(id) ?? 0) + n);
      throw err;
    }
  }
}
