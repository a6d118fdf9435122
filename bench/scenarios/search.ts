import { search } from '../../src/portal/search/search.js';
import { engineSkipNote, engines } from '../lib/engines.js';
import { benchCtx, legalDocumentCount, openCorpus } from '../lib/search-corpus.js';
import { percentile, round } from '../lib/stats.js';
import type { BenchContext, Metric, ResultRow } from '../lib/types.js';

export const name = 'search';
export const description = 'portal search latency (p50/p95/p99) for a mix of Vietnamese queries over a synthetic corpus, in process, per engine';

/** Corpus size; 100,000 articles is a provincial portal after a decade of news. */
const ARTICLES = positiveInt('BENCH_SEARCH_ARTICLES', 100_000);
/** How often each query of the mix runs after one warm-up round. */
const ROUNDS = positiveInt('BENCH_SEARCH_ROUNDS', 10);
/** The goal on PostgreSQL, the production engine for a portal of this size. */
const GOAL_P95_MS = 30;

function positiveInt(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${variable} must be a whole number ≥ 1, not ${JSON.stringify(raw)}`);
  return n;
}
const LEGAL_DOCUMENTS = legalDocumentCount(ARTICLES);

/**
 * What people type: with and without diacritics, phrases, -words, document numbers, rare and common words, a
 * misspelling (which also runs the "did you mean" query) and a partial word.
 */
export const QUERIES: readonly string[] = [
  'chuyển đổi số',
  'chuyen doi so',
  'dịch vụ công trực tuyến',
  'dich vu cong truc tuyen',
  '"cải cách hành chính"',
  'nông thôn mới',
  'nong thon moi -huyen',
  'giáo dục',
  'y tế',
  'tỉnh',
  'ủy ban nhân dân',
  'Đà Nẵng',
  'da nang',
  '15/2025/QĐ-UBND',
  '15/2025',
  '42/2024/qd-ubnd',
  'phòng chống thiên tai',
  'chuyne dio so',
  'tuyển dụng viên chức',
  'xuất khẩu nông sản',
];

export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: `${QUERIES.length} queries × ${ROUNDS}`, engine, metrics: [], note: skip });
      continue;
    }
    const corpus = await openCorpus(ctx, engine, ARTICLES);
    try {
      const base = benchCtx(corpus.database);
      const seedSeconds = corpus.buildSeconds;
      ctx.log(
        seedSeconds === null
          ? `${engine}: reusing ${ARTICLES} articles + ${LEGAL_DOCUMENTS} legal documents from ${corpus.label}`
          : `${engine}: ${ARTICLES} articles + ${LEGAL_DOCUMENTS} legal documents indexed in ${round(seedSeconds)} s, kept in ${corpus.label}`,
      );
      const totals: string[] = [];
      for (const q of QUERIES) {
        const first = await search(base, { q });
        totals.push(`${first.totalAtLeast ? '>' : ''}${first.total}`);
      }
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const q of QUERIES) {
          const s = performance.now();
          await search(base, { q, page: (r % 3) + 1 });
          times.push(performance.now() - s);
        }
      }
      const p95 = round(percentile(times, 95));
      const goal = engine === 'postgres' ? `goal p95 ≤ ${GOAL_P95_MS} ms: ${p95 <= GOAL_P95_MS ? 'met' : 'NOT met'}; ` : '';
      const seeded: Metric[] = seedSeconds === null ? [] : [{ label: 'seed (corpus + index)', value: round(seedSeconds), unit: 's' }];
      const slowest = QUERIES.map((q, i) => ({ q, ms: Math.max(...times.filter((_, k) => k % QUERIES.length === i)) })).sort((a, b) => b.ms - a.ms)[0]!;
      rows.push({
        case: `${ARTICLES.toLocaleString('en')} articles: ${QUERIES.length} queries × ${ROUNDS} rounds (pages 1–3)`,
        engine,
        metrics: [
          { label: 'p50', value: round(percentile(times, 50)), unit: 'ms' },
          { label: 'p95', value: p95, unit: 'ms' },
          { label: 'p99', value: round(percentile(times, 99)), unit: 'ms' },
          ...seeded,
        ],
        note: `${goal}${seedSeconds === null ? `corpus reused from ${corpus.label}; ` : ''}slowest query "${slowest.q}" ${round(slowest.ms)} ms; hits per query: ${QUERIES.map((q, i) => `${q}=${totals[i]}`).join(', ')}`,
      });
    } finally {
      await corpus.dispose();
    }
  }
  return rows;
}
