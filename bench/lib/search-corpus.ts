import { randomUUID } from 'node:crypto';
import { generateCorpus } from '../../src/demo/corpus.js';
import { systemActor } from '../../src/platform/auth/system-actor.js';
import type { Ctx } from '../../src/platform/context.js';
import type { Database } from '../../src/platform/db/client.js';
import { createLogger } from '../../src/platform/logger.js';
import { agencies } from '../../src/org/schema.js';
import { sites } from '../../src/portal/schema.js';
import { indexSearchEntry } from '../../src/portal/search/search-index.js';
import { type KeptStore, openKeptStore } from './kept-store.js';
import type { BenchContext, Engine } from './types.js';

/** The corpus generator's seed: the same seed always gives the same articles. */
const SEED = 1;

/** A clock fixed inside the corpus's date range, so "newest first" and date filters see the same data every run. */
export const BENCH_NOW = new Date('2026-01-15T02:00:00Z');

export function benchCtx(database: Database): Ctx {
  return { db: database.db, actor: null, now: () => BENCH_NOW, ip: null, requestId: null, locale: 'vi', log: createLogger('silent') as never };
}

/** Legal documents with numbers, so number searches have something to find (the corpus has only news). */
export function legalDocumentCount(articles: number): number {
  return Math.max(100, Math.round(articles / 100));
}

/** The provincial portal, the demo corpus generator's articles on it, and numbered legal documents. */
async function seed(ctx: BenchContext, base: Ctx, articles: number): Promise<void> {
  const db = base.db;
  const [agency] = await db.insert(agencies).values({ code: 'BENCH.01', name: 'UBND tỉnh Thử', type: 'people_committee' }).returning();
  const [site] = await db.insert(sites).values({ agencyId: agency!.id, slug: 'cong-tinh', isMain: true, name: 'Cổng thông tin điện tử tỉnh' }).returning();
  let last = 0;
  await generateCorpus(
    { ...base, actor: systemActor('bench') },
    {
      articles,
      seed: SEED,
      onProgress: (done, total) => {
        if (done - last >= 20_000 || done === total) ctx.log(`corpus ${done}/${total}`);
        if (done - last >= 20_000) last = done;
      },
    },
  );
  const bodies = ['Ủy ban nhân dân', 'Hội đồng nhân dân', 'Sở Nội vụ', 'Sở Tài chính'];
  const count = legalDocumentCount(articles);
  for (let i = 1; i <= count; i++) {
    // Numbers 1, 1, 2, 2, … in 2025 and 2024: "15/2025/QĐ-UBND" and "42/2024/qd-ubnd" of the mix exist.
    const year = i % 2 ? 2025 : 2024;
    const id = randomUUID();
    await indexSearchEntry(db, {
      entityType: 'legal',
      entityId: id,
      siteId: site!.id,
      title: `Quyết định ${Math.ceil(i / 2)}/${year}/QĐ-UBND về việc ban hành quy định quản lý số ${i}`,
      summary: `${bodies[i % bodies.length]} ban hành quy định.`,
      url: `/van-ban/${id}`,
      publishedAt: new Date(Date.UTC(year, i % 12, 1 + (i % 28))),
    });
  }
}

/**
 * The corpus of `articles` articles on the engine, kept between runs (kept-store.ts). Searching only reads, so the
 * kept copy is used in place. BENCH_SEARCH_FRESH=1 rebuilds it.
 */
export function openCorpus(ctx: BenchContext, engine: Engine, articles: number): Promise<KeptStore> {
  return openKeptStore(ctx, engine, {
    kind: 'search',
    size: articles,
    // What the corpus depends on besides the schema: the generator, how entries are indexed and folded, this seed.
    keyFiles: [
      'src/demo/corpus.ts',
      'src/demo/corpus-words.ts',
      'src/portal/import/publish-rows.ts',
      'src/portal/search/search-index.ts',
      'src/portal/text/search-text.ts',
      'src/portal/text/slug.ts',
      'bench/lib/search-corpus.ts',
    ],
    fresh: process.env.BENCH_SEARCH_FRESH === '1',
    build: (database) => seed(ctx, benchCtx(database), articles),
  });
}
