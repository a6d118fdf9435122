import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { Invalid, NotFound } from '../platform/errors.js';
import { idOrNotFound } from '../platform/validation.js';
import type { Agency } from './agency-rules.js';
import { agencyTypes } from './agency-rules.js';
import { isIsoDate, vnToday } from '../platform/dates.js';
import { activeAgencies, listUnits } from './queries.js';
import { agencies } from './schema.js';
import { type UnitLevel, unitLevels } from './unit-rules.js';

const nullableString = { type: ['string', 'null'] } as const;

const agencySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    code: { type: 'string', description: 'Mã định danh (QCVN 102:2016 / QĐ 20/2020)' },
    name: { type: 'string' },
    nameEn: nullableString,
    shortName: nullableString,
    type: { type: 'string', enum: [...agencyTypes] },
    parentId: { type: ['string', 'null'], format: 'uuid' },
    adminUnitId: { type: ['string', 'null'], format: 'uuid' },
    address: nullableString,
    phone: nullableString,
    email: nullableString,
    website: nullableString,
    hasOneStopDesk: { type: 'boolean' },
    active: { type: 'boolean' },
  },
  required: ['id', 'code', 'name', 'type', 'parentId', 'hasOneStopDesk', 'active'],
} as const;

const unitSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    code: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    level: { type: 'string', enum: [...unitLevels] },
    parentId: { type: ['string', 'null'], format: 'uuid' },
    parentCode: nullableString,
    validFrom: { type: 'string', format: 'date' },
    validTo: { type: ['string', 'null'], format: 'date' },
  },
  required: ['id', 'code', 'name', 'kind', 'level', 'validFrom', 'validTo'],
} as const;

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, additionalProperties: true } },
} as const;

function agencyJson(a: Agency) {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = a;
  return rest;
}

/** The public, read-only organisation API (listed at /api/docs). */
export async function orgApiRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { parent?: string } }>(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['org'],
        summary: 'Active agencies / Cơ quan, đơn vị đang hoạt động',
        querystring: { type: 'object', properties: { parent: { type: 'string', description: 'Only the children of this agency' } }, additionalProperties: false },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: agencySchema } } }, 404: errorSchema },
      },
    },
    async (req) => {
      let parentId: string | undefined;
      if (req.query.parent !== undefined) {
        parentId = idOrNotFound(req.query.parent);
        const [p] = await req.ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, parentId));
        if (!p) throw new NotFound();
      }
      return { items: (await activeAgencies(req.ctx.db, parentId)).map(agencyJson) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/agencies/:id',
    {
      schema: {
        tags: ['org'],
        summary: 'One agency / Một cơ quan, đơn vị',
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        response: { 200: agencySchema, 404: errorSchema },
      },
    },
    async (req) => {
      const [a] = await req.ctx.db.select().from(agencies).where(eq(agencies.id, idOrNotFound(req.params.id)));
      if (!a) throw new NotFound();
      return agencyJson(a);
    },
  );

  app.get<{ Querystring: { level?: UnitLevel; at?: string; q?: string; limit?: number; offset?: number } }>(
    '/api/v1/admin-units',
    {
      schema: {
        tags: ['org'],
        summary: 'Administrative units valid on a date / Đơn vị hành chính hiệu lực tại một ngày',
        querystring: {
          type: 'object',
          properties: {
            level: { type: 'string', enum: [...unitLevels] },
            at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; today in Vietnam when absent' },
            q: { type: 'string', maxLength: 100, description: 'Name or code contains (diacritics optional)' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { at: { type: 'string', format: 'date' }, total: { type: 'integer' }, items: { type: 'array', items: unitSchema } } },
          422: errorSchema,
        },
      },
    },
    async (req) => {
      const at = req.query.at ?? vnToday(req.ctx.now());
      if (!isIsoDate(at)) throw new Invalid({ at: { key: 'field.date' } });
      const q = req.query.q?.trim();
      const { rows, total } = await listUnits(req.ctx.db, { level: req.query.level, on: at, q: q || undefined, limit: req.query.limit ?? 100, offset: req.query.offset ?? 0 });
      return { at, total, items: rows.map(({ createdAt: _c, updatedAt: _u, version: _v, parentName: _p, ...u }) => u) };
    },
  );
}
