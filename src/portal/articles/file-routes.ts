import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { files } from '../../platform/schema.js';
import { contentDisposition } from '../../platform/storage/send-file.js';
import { idOrNotFound } from '../../platform/validation.js';

/**
 * Whether the file belongs to something the public may see: a published article's cover or attachment, a live
 * site's logo, a published legal document, the blank form of a procedure version in force or past.
 */
async function isPublic(ctx: Ctx, fileId: string): Promise<boolean> {
  const rows = await queryRows<{ yes: number }>(ctx.db, sql`
    select 1 as yes where
      exists (select 1 from articles where cover_file_id = ${fileId} and status = 'published')
      or exists (select 1 from article_attachments t join articles a on a.id = t.article_id where t.file_id = ${fileId} and a.status = 'published')
      or exists (select 1 from sites where logo_file_id = ${fileId} and active)
      or exists (select 1 from legal_documents where file_id = ${fileId} and published)
      or exists (select 1 from procedure_versions where status <> 'draft' and definition->'documents' @> ${JSON.stringify([{ templateFileId: fileId }])}::jsonb)`);
  return rows.length > 0;
}

/** Dossier files are personal data: served only through the dossier's own pages, which check who may read them. */
async function isDossierFile(ctx: Ctx, fileId: string): Promise<boolean> {
  const rows = await queryRows<{ yes: number }>(ctx.db, sql`select 1 as yes from dossier_files where file_id = ${fileId} limit 1`);
  return rows.length > 0;
}

/**
 * Uploaded files by id. The public sees only files of published things; officials who write articles see any
 * other (to preview drafts) except dossier files. A file's bytes never change under its id, so public copies may be cached for a year.
 * Anything else is a 404, so ids of unpublished files reveal nothing.
 */
export async function fileRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string; name?: string }; Querystring: { w?: string } }>('/tep/:id/:name?', async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    const [file] = await req.ctx.db.select().from(files).where(eq(files.id, id));
    if (!file) throw new NotFound();
    const open = await isPublic(req.ctx, file.id);
    if (!open && ((await isDossierFile(req.ctx, file.id)) || !(await can(req.ctx, 'article.write', null)))) throw new NotFound();
    const w = Number(req.query.w);
    const variant = Number.isInteger(w) && w > 0 ? [...file.variants].sort((a, b) => a.width - b.width).find((v) => v.width >= w) : undefined;
    const key = variant?.key ?? file.key;
    const type = variant?.contentType ?? file.contentType;
    const etag = `"${variant ? key.replace(/[^a-z0-9-]/g, '') : file.sha256}"`;
    reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', open ? 'public, max-age=31536000, immutable' : 'private, no-cache')
      .header('etag', etag)
      .header('content-disposition', contentDisposition(type, file.name));
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    const content = await app.deps.storage.get(key);
    return reply.type(type).header('content-length', String(content.size)).send(content.stream);
  });
}
