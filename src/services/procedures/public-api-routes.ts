import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { filePath } from '../../portal/urls.js';
import { QUERY_MAX_LENGTH, normaliseQuery } from '../../portal/text/search-text.js';
import { procedurePath } from './index-procedure.js';
import { type Named, type ProcedureCard, listPublicProcedures, procedureLevels, publicProcedure } from './public-queries.js';

const PAGE_SIZES = [10, 20, 50] as const;
const MAX_PAGE = 10_000;

const named = {
  type: 'object',
  properties: { code: { type: 'string' }, name: { type: 'string' }, nameEn: { type: ['string', 'null'] } },
  required: ['code', 'name', 'nameEn'],
} as const;

const cardProperties = {
  id: { type: 'string', format: 'uuid' },
  code: { type: 'string', description: 'National code, e.g. 1.000656' },
  name: { type: 'string' },
  nameEn: { type: ['string', 'null'] },
  level: { type: 'string', enum: [...procedureLevels], description: 'Decree 42/2022: full_online (toàn trình), partial (một phần), offline' },
  tier: { type: 'string', enum: ['province', 'commune'] },
  field: named,
  url: { type: 'string', description: 'Path of the public page on the portal host' },
} as const;

const cardSchema = {
  type: 'object',
  properties: { ...cardProperties, agencies: { type: 'array', items: named } },
  required: ['id', 'code', 'name', 'nameEn', 'level', 'tier', 'field', 'agencies', 'url'],
} as const;

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, additionalProperties: true } },
} as const;

const listQuery = z.object({
  q: z.unknown().optional().transform((v) => normaliseQuery(v)),
  field: z.string().trim().max(60, { error: 'field.tooLong' }).optional(),
  agency: z.string().trim().max(60, { error: 'field.tooLong' }).optional(),
  level: z.enum(procedureLevels, { error: 'dvc.unknownFilter' }).optional(),
  page: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' }).max(MAX_PAGE, { error: 'field.invalid' }).default(1),
  pageSize: z.coerce
    .number({ error: 'field.invalid' })
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), { error: 'field.invalid' })
    .default(20),
});

const card = (r: ProcedureCard) => ({ ...r, url: procedurePath(r.code) });
const plain = (x: Named) => ({ code: x.code, name: x.name, nameEn: x.nameEn });

/** `GET /api/v1/procedures` and `/api/v1/procedures/{code}`: the public catalogue for other systems (listed at /api/docs). */
export async function procedureApiRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/api/v1/procedures',
    {
      // The schema documents the API; refused values get the catalogue's 422 with a message per parameter.
      attachValidation: true,
      schema: {
        tags: ['services'],
        summary: 'Public administrative procedures / Thủ tục hành chính',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: QUERY_MAX_LENGTH, description: 'Words of the name or the code, with or without Vietnamese diacritics' },
            field: { type: 'string', description: 'Field (lĩnh vực) code' },
            agency: { type: 'string', description: 'Competent agency code' },
            level: { type: 'string', enum: [...procedureLevels] },
            page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
            pageSize: { type: 'integer', enum: [...PAGE_SIZES], default: 20 },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              pages: { type: 'integer' },
              items: { type: 'array', items: cardSchema },
            },
            required: ['total', 'page', 'pageSize', 'pages', 'items'],
          },
          422: errorSchema,
        },
      },
    },
    async (req) => {
      const f = parseInput(listQuery, req.query);
      const { rows, total } = await listPublicProcedures(req.ctx.db, { ...f, q: f.q || undefined, field: f.field || undefined, agency: f.agency || undefined });
      return { total, page: f.page, pageSize: f.pageSize, pages: Math.ceil(total / f.pageSize), items: rows.map(card) };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['services'],
        summary: 'One procedure in force / Một thủ tục hành chính',
        params: { type: 'object', properties: { code: { type: 'string', maxLength: 60 } }, required: ['code'] },
        response: {
          200: {
            type: 'object',
            properties: {
              ...cardProperties,
              agencies: {
                type: 'array',
                description: 'Competent agencies and the one-stop desk that receives their dossiers',
                items: { type: 'object', properties: { ...named.properties, desk: named }, required: ['code', 'name', 'nameEn', 'desk'] },
              },
              version: { type: 'integer' },
              publishedAt: { type: ['string', 'null'], format: 'date-time' },
              documents: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    code: { type: 'string' },
                    name: { type: 'string' },
                    nameEn: { type: ['string', 'null'] },
                    originals: { type: 'integer' },
                    copies: { type: 'integer' },
                    required: { type: 'boolean' },
                    electronicCopyAccepted: { type: 'boolean' },
                    accepts: { type: 'array', items: { type: 'string', enum: ['pdf', 'image', 'office'] } },
                    note: { type: ['string', 'null'] },
                    templateUrl: { type: ['string', 'null'], description: 'Blank form to download' },
                  },
                  required: ['code', 'name', 'originals', 'copies', 'required', 'templateUrl'],
                },
              },
              timeLimit: {
                type: 'object',
                properties: { unit: { type: 'string', enum: ['working_days', 'calendar_days'] }, days: { type: 'number' }, onlineDays: { type: ['number', 'null'] } },
                required: ['unit', 'days'],
              },
              fees: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { code: { type: ['string', 'null'] }, name: { type: 'string' }, amount: { type: 'integer', description: 'Whole đồng' }, note: { type: ['string', 'null'] } },
                  required: ['name', 'amount'],
                },
              },
              result: { type: 'string' },
              legalBasis: { type: 'string' },
              applicants: { type: 'array', items: { type: 'string', enum: ['citizen', 'enterprise', 'organisation'] } },
              deliveries: { type: 'array', items: { type: 'string', enum: ['counter', 'post', 'electronic'] } },
              steps: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { code: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, share: { type: 'number', description: 'Percent of the time limit' } },
                  required: ['code', 'name', 'role', 'share'],
                },
              },
              form: { type: 'object', description: 'The e-form definition (sections of fields)', additionalProperties: true },
            },
            required: ['id', 'code', 'name', 'level', 'tier', 'field', 'agencies', 'version', 'documents', 'timeLimit', 'fees', 'result', 'legalBasis', 'steps', 'form', 'url'],
          },
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const p = await publicProcedure(req.ctx.db, req.params.code);
      if (!p) throw new NotFound();
      const d = p.version.definition;
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        level: p.level,
        tier: p.tier,
        field: plain(p.field),
        agencies: p.agencies.map((a) => ({ ...plain(a), desk: plain(a.desk) })),
        url: procedurePath(p.code),
        version: p.version.number,
        publishedAt: p.version.publishedAt?.toISOString() ?? null,
        documents: d.documents.map((doc) => {
          const file = doc.templateFileId ? p.templates.get(doc.templateFileId) : undefined;
          return { ...doc, nameEn: doc.nameEn ?? null, note: doc.note ?? null, templateUrl: file ? filePath(file.id, file.name) : null };
        }),
        timeLimit: d.timeLimit,
        fees: d.fees,
        result: d.result,
        legalBasis: d.legalBasis,
        applicants: d.applicants,
        deliveries: d.deliveries,
        steps: d.steps,
        form: d.form,
      };
    },
  );
}
