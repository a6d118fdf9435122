import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { files } from '../schema.js';

const INLINE = /^(image\/(jpeg|png|webp)|application\/pdf)$/;

/** PDFs and images open in the browser; anything else downloads. The name survives in both ASCII and UTF-8 forms. */
export function contentDisposition(type: string, name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${INLINE.test(type) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a stored file that only its owner or an official may read: never kept by shared caches, never sniffed by
 * the browser into something else.
 */
export async function sendPrivateFile(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, file: typeof files.$inferSelect): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header('etag', etag)
    .header('content-disposition', contentDisposition(file.contentType, file.name));
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  const content = await app.deps.storage.get(file.key);
  return reply.type(file.contentType).header('content-length', String(content.size)).send(content.stream);
}
