import { and, eq, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Invalid } from '../../platform/errors.js';
import { isUuid } from '../../platform/validation.js';
import { QUERY_MAX_LENGTH } from '../text/search-text.js';
import { sites } from '../schema.js';
import { MAX_PAGE, PAGE_SIZES, SEARCH_TYPES, search } from './search.js';

const segmentsSchema = {
  type: 'array',
  description: 'The text in pieces; `hit` marks what matched the query (shown highlighted)',
  items: { type: 'object', properties: { text: { type: 'string' }, hit: { type: 'boolean' } }, required: ['text', 'hit'] },
} as const;

const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const searchQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: QUERY_MAX_LENGTH, description: 'Words (with or without diacritics), "phrases", -excluded words, document numbers' },
    site: { type: 'string', description: 'A site slug or id; every site when absent' },
    type: { type: 'string', enum: [...SEARCH_TYPES] },
    category: { type: 'string', format: 'uuid' },
    from: { ...isoDate, description: 'Published on or after this day (YYYY-MM-DD, Vietnam time)' },
    to: { ...isoDate, description: 'Published on or before this day (YYYY-MM-DD, Vietnam time)' },
    locale: { type: 'string', enum: ['vi', 'en'] },
    page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
    pageSize: { type: 'integer', enum: [...PAGE_SIZES], default: 10 },
  },
  additionalProperties: false,
} as const;

const hitSchema = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: [...SEARCH_TYPES] },
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    titleSegments: segmentsSchema,
    summary: { type: ['string', 'null'] },
    snippet: segmentsSchema,
    url: { type: 'string', description: 'Path on the portal host: the site base ("" or "/{slug}") and the page' },
    site: {
      type: ['object', 'null'],
      properties: { slug: { type: 'string' }, name: { type: 'string' }, nameEn: { type: ['string', 'null'] }, isMain: { type: 'boolean' } },
      required: ['slug', 'name', 'isMain'],
    },
    publishedAt: { type: 'string', format: 'date-time' },
  },
  required: ['type', 'id', 'title', 'titleSegments', 'summary', 'snippet', 'url', 'site', 'publishedAt'],
} as const;

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, additionalProperties: true } },
} as const;

/** As sent: a refused value may still be text, and a parameter given twice is an array. */
type Query = Record<string, unknown>;

/** The search API takes a site by slug (what a page link holds) or id; an unknown one is a field error. */
async function siteIdOf(db: Parameters<typeof search>[0]['db'], value: string | undefined): Promise<string | undefined> {
  if (value === undefined || value === '' || value === 'all') return undefined;
  const bySlug = eq(sites.slug, value.toLowerCase());
  const [row] = await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.active, true), isUuid(value) ? or(eq(sites.id, value.toLowerCase()), bySlug) : bySlug));
  if (!row) throw new Invalid({ site: { key: 'search.unknownSite' } });
  return row.id;
}

/** `GET /api/v1/search`: the same search as the sites' search pages, for other systems (listed at /api/docs). */
export async function searchApiRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Query }>(
    '/api/v1/search',
    {
      // The schema documents the API; a value it refuses is answered by the search's own validation (422 with a
      // message per field, in the caller's language) rather than Fastify's generic 400.
      attachValidation: true,
      schema: {
        tags: ['portal'],
        summary: 'Search the portal / Tìm kiếm trên cổng thông tin',
        querystring: searchQuerySchema,
        response: {
          200: {
            type: 'object',
            properties: {
              q: { type: 'string' },
              total: { type: 'integer', description: 'Exact up to 1,000; with totalAtLeast there are more' },
              totalAtLeast: { type: 'boolean' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              pages: { type: 'integer' },
              facets: { type: 'object', description: 'Hits per type, whatever the type filter', additionalProperties: { type: 'integer' } },
              items: { type: 'array', items: hitSchema },
              suggestions: {
                type: ['object', 'null'],
                properties: {
                  didYouMean: { type: ['string', 'null'] },
                  titles: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, url: { type: 'string' } } } },
                },
              },
            },
            required: ['q', 'total', 'page', 'pageSize', 'pages', 'facets', 'items', 'suggestions'],
          },
          422: errorSchema,
        },
      },
    },
    async (req) => {
      const query = req.query;
      const iso = (field: 'from' | 'to') => {
        const v = query[field];
        if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(v))) throw new Invalid({ [field]: { key: 'field.date' } });
        return v;
      };
      if (query.site !== undefined && typeof query.site !== 'string') throw new Invalid({ site: { key: 'field.invalid' } });
      const siteId = await siteIdOf(req.ctx.db, query.site);
      const res = await search(req.ctx, {
        q: query.q,
        siteId,
        type: query.type,
        categoryId: query.category,
        from: iso('from'),
        to: iso('to'),
        locale: query.locale,
        page: query.page,
        pageSize: query.pageSize,
      }).catch((err: unknown) => {
        if (!(err instanceof Invalid)) throw err;
        // The search names its inputs siteId and categoryId; the API's parameters are site and category.
        const names: Record<string, string> = { siteId: 'site', categoryId: 'category' };
        throw new Invalid(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [names[k] ?? k, v])));
      });
      return {
        q: res.query.text,
        total: res.total,
        totalAtLeast: res.totalAtLeast,
        page: res.input.page,
        pageSize: res.input.pageSize,
        pages: res.pages,
        facets: res.facets,
        items: res.hits.map((h) => ({ ...h, publishedAt: h.publishedAt.toISOString() })),
        suggestions: res.suggestions,
      };
    },
  );
}
