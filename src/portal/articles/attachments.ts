import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid, NotFound } from '../../platform/errors.js';
import { DOCUMENT_TYPES, type FileRow, IMAGE_TYPES, type Upload, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { idOrNotFound, optionalText, parseInput } from '../../platform/validation.js';
import { articleAttachments } from '../schema.js';
import { loadArticle, lockArticle, requireStatus } from './article-rules.js';

export const ATTACHMENT_TYPES = [...DOCUMENT_TYPES, ...IMAGE_TYPES];

const addInput = z.object({ label: optionalText(300) });

type Deps = { storage: FileStorage; maxBytes: number };

/** Attaches a PDF, DOCX, XLSX or image (judged by its bytes) to an article that is not archived. */
export async function addAttachment(ctx: Ctx, deps: Deps, id: string, upload: Upload | null, raw: unknown): Promise<FileRow> {
  const { article, site } = await loadArticle(ctx.db, id);
  await requirePermission(ctx, 'article.write', site.agencyId);
  const data = parseInput(addInput, raw);
  if (!upload) throw new Invalid({ attachment: { key: 'article.fileRequired' } });
  return saveUpload(ctx, deps.storage, upload, { allow: ATTACHMENT_TYPES, maxBytes: deps.maxBytes, field: 'attachment' }, async (tx, file) => {
    const a = await lockArticle(tx, article.id);
    requireStatus(a, ['draft', 'submitted', 'scheduled', 'published', 'unpublished']);
    const [last] = await tx.db
      .select({ n: sql<number>`coalesce(max(${articleAttachments.position}), -1)::int` })
      .from(articleAttachments)
      .where(eq(articleAttachments.articleId, a.id));
    await tx.db.insert(articleAttachments).values({ articleId: a.id, fileId: file.id, label: data.label ?? null, position: (last?.n ?? -1) + 1 });
    await recordAudit(tx, { action: 'article.attachment_added', entityType: 'article', entityId: a.id, agencyId: site.agencyId, after: { fileId: file.id, name: file.name, contentType: file.contentType, size: file.size } });
    return file;
  });
}

/** Detaches a file; the file row and bytes stay, since the audit trail and old revisions may point at them. */
export async function removeAttachment(ctx: Ctx, id: string, fileId: string): Promise<void> {
  const { article, site } = await loadArticle(ctx.db, id);
  await requirePermission(ctx, 'article.write', site.agencyId);
  const fid = idOrNotFound(fileId);
  await inTransaction(ctx, async (tx) => {
    const a = await lockArticle(tx, article.id);
    requireStatus(a, ['draft', 'submitted', 'scheduled', 'published', 'unpublished']);
    const removed = await tx.db
      .delete(articleAttachments)
      .where(and(eq(articleAttachments.articleId, a.id), eq(articleAttachments.fileId, fid)))
      .returning();
    if (removed.length === 0) throw new NotFound();
    await recordAudit(tx, { action: 'article.attachment_removed', entityType: 'article', entityId: a.id, agencyId: site.agencyId, before: { fileId: fid, label: removed[0]!.label } });
  });
}
