import type { FastifyRequest } from 'fastify';
import { Invalid } from '../errors.js';
import { ANON_COOKIE } from '../http/cookies.js';
import { CsrfError } from '../http/request-context.js';
import { FileTooLarge } from './storage.js';

export type MultipartForm = {
  fields: Record<string, string>;
  /** The one file of the form, read into memory (at most maxUploadBytes), or null when none was chosen. */
  file: { field: string; name: string; content: Buffer } | null;
};

/**
 * Reads an upload form. The request-wide CSRF check cannot see inside a multipart body (it is parsed here, not
 * before the handler), so routes using this set `config: { csrf: false }` and the token is checked here instead:
 * from the x-csrf-token header, or from the `_csrf` field, which must come before any file. Browsers send fields in
 * document order, so a form whose hidden `_csrf` input precedes the file input passes, and a forged request is
 * refused before a byte of its file is read or stored.
 */
export async function readMultipartForm(req: FastifyRequest, maxBytes: number): Promise<MultipartForm> {
  const { secrets } = req.server.deps;
  const binding = req.session ? `sid:${req.session.id}` : `anon:${req.cookies[ANON_COOKIE] ?? ''}`;
  const header = req.headers['x-csrf-token'];
  let verified = typeof header === 'string' && secrets.verifyCsrf(binding, header);
  if (!req.isMultipart()) {
    if (!verified) throw new CsrfError();
    throw new Invalid({ file: { key: 'article.fileRequired' } });
  }
  const fields: Record<string, string> = {};
  let file: MultipartForm['file'] = null;
  for await (const part of req.parts()) {
    if (!verified) {
      if (part.type !== 'field' || part.fieldname !== '_csrf' || typeof part.value !== 'string' || !secrets.verifyCsrf(binding, part.value)) throw new CsrfError();
      verified = true;
      continue;
    }
    if (part.type === 'field') {
      if (part.fieldname !== '_csrf' && typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new FileTooLarge(maxBytes);
      chunks.push(chunk as Buffer);
    }
    // The parser stops a file at the limit and marks it truncated rather than failing.
    if (part.file.truncated) throw new FileTooLarge(maxBytes);
    if (file || (part.filename === '' && size === 0)) continue;
    file = { field: part.fieldname, name: part.filename, content: Buffer.concat(chunks) };
  }
  if (!verified) throw new CsrfError();
  return { fields, file };
}
