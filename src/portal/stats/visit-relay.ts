import type { Logger } from 'pino';
import type { Db } from '../../platform/db/client.js';
import { DEFAULT_FLUSH_MS, ONLINE_WINDOW_MS, VisitCounter, type VisitRelay } from './visit-counter.js';

/**
 * With several web processes (cli/web-processes.ts) each counts its own page views and writes them (views add up),
 * but two figures need the whole server: a visitor is new today only once, whichever process saw them, and "online
 * now" is everyone seen by any process. Web processes send those ids (hashes, never addresses) to the primary in
 * small batches; the primary counts each visitor once, writes the visitor figures and sends back the online counts.
 */

/** Web process → primary. */
export type VisitsMessage = { type: 'congso:visits'; visitors: [siteId: string, day: string, id: string][]; online: [siteId: string, id: string, at: number][] };
/** Primary → web processes. */
export type OnlineMessage = { type: 'congso:online'; counts: [siteId: string, online: number][] };

/** The environment variable through which the primary gives its web processes the visitor-hash secret. */
export const VISIT_SECRET_ENV = 'CONGSO_VISIT_SECRET';
const SEND_EVERY_MS = 250;
/** Someone still on the site is reported again this often, so the primary's online set is never staler than this. */
const REPORT_EVERY_MS = 20_000;
const BROADCAST_EVERY_MS = 2_000;

const isVisits = (m: unknown): m is VisitsMessage => typeof m === 'object' && m !== null && (m as VisitsMessage).type === 'congso:visits';
const isOnline = (m: unknown): m is OnlineMessage => typeof m === 'object' && m !== null && (m as OnlineMessage).type === 'congso:online';

/** A web process's side: what only the primary can decide, batched. */
export class RelayToPrimary implements VisitRelay {
  private visitors: VisitsMessage['visitors'] = [];
  private online: VisitsMessage['online'] = [];
  private readonly reported = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly send: (m: VisitsMessage) => Promise<void>) {
    this.timer = setInterval(() => void this.flush(), SEND_EVERY_MS);
    this.timer.unref();
  }

  newVisitor(siteId: string, day: string, id: string): void {
    this.visitors.push([siteId, day, id]);
  }

  seen(siteId: string, id: string, at: number): void {
    const key = `${siteId}|${id}`;
    const last = this.reported.get(key);
    if (last !== undefined && at - last < REPORT_EVERY_MS) return;
    // Re-inserted so the map stays in report order and the stale ones can be dropped from its front.
    this.reported.delete(key);
    this.reported.set(key, at);
    this.online.push([siteId, id, at]);
  }

  /** Sends what is waiting; also called on shutdown, so nothing counted is left behind. */
  flush(): Promise<void> {
    let sent = Promise.resolve();
    if (this.visitors.length > 0 || this.online.length > 0) {
      sent = this.send({ type: 'congso:visits', visitors: this.visitors, online: this.online });
      this.visitors = [];
      this.online = [];
    }
    const cutoff = Date.now() - ONLINE_WINDOW_MS;
    for (const [key, at] of this.reported) {
      if (at >= cutoff) break;
      this.reported.delete(key);
    }
    return sent;
  }

  /** Resolves once the last batch has reached the primary (or the primary is gone). */
  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.flush();
  }
}

/** The visit counting of a web process started by a primary, or null for a process on its own. */
export function visitSharingOfThisProcess(): { secret: Buffer; relay: RelayToPrimary; listen(counter: VisitCounter): () => void } | null {
  const hex = process.env[VISIT_SECRET_ENV];
  const send = process.send?.bind(process);
  if (!hex || !send) return null;
  return {
    secret: Buffer.from(hex, 'hex'),
    // Resolved either way: a primary that is gone cannot be told, and waiting for it would hold up the exit.
    relay: new RelayToPrimary((m) => new Promise((resolve) => send(m, undefined, {}, () => resolve()))),
    listen(counter) {
      const onMessage = (m: unknown) => {
        if (isOnline(m)) counter.setSharedOnline(new Map(m.counts));
      };
      process.on('message', onMessage);
      return () => process.off('message', onMessage);
    },
  };
}

/** The primary's side: counts visitors once for the whole server, writes them, and tells everyone who is online. */
export class VisitHub {
  private readonly counter: VisitCounter;
  private readonly timers: NodeJS.Timeout[];

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    secret: Buffer,
    private readonly tell: (m: OnlineMessage) => void,
  ) {
    this.counter = new VisitCounter(secret);
    const flush = setInterval(() => void this.flush(), DEFAULT_FLUSH_MS);
    const online = setInterval(() => this.broadcast(), BROADCAST_EVERY_MS);
    this.timers = [flush, online];
    for (const t of this.timers) t.unref();
  }

  receive(m: unknown): void {
    if (!isVisits(m)) return;
    for (const [siteId, day, id] of m.visitors) this.counter.countVisitor(siteId, day, id);
    for (const [siteId, id, at] of m.online) this.counter.seenOnline(siteId, id, at);
  }

  /** Tells every web process who is online on each site now. */
  broadcast(at = new Date()): void {
    this.tell({ type: 'congso:online', counts: [...this.counter.onlineBySite(at)] });
  }

  async flush(): Promise<void> {
    try {
      await this.counter.flush(this.db);
    } catch (err) {
      this.log.warn({ err }, 'visitor counts not written yet; kept for the next flush');
    }
  }

  /** After the web processes have stopped (their last batches are in): the last write before the database closes. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.counter.flush(this.db);
  }
}
