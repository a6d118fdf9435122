import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { IMAGE_TYPES, type Upload, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { parseInput, text } from '../../platform/validation.js';
import { articles } from '../schema.js';
import { editConflict } from './edit-article.js';
import { type Article, articleSnapshot, editable, indexArticle, loadArticle, lockArticle, requireStatus, versionField, writeRevision } from './article-rules.js';

const setInput = z.object({ coverAlt: text(300), version: versionField });
const removeInput = z.object({ version: versionField });

type Deps = { storage: FileStorage; maxBytes: number };

/** A cover change is a save like any other: a new version and revision, under the same optimistic lock. */
async function saveCover(tx: Ctx & { db: Tx }, id: string, version: number, cover: { fileId: string | null; alt: string | null }, agencyId: string): Promise<Article> {
  const before = await lockArticle(tx, id);
  if (before.version !== version) throw await editConflict(tx.db, before.id, before.version);
  requireStatus(before, editable);
  const [after] = await tx.db
    .update(articles)
    .set({ coverFileId: cover.fileId, coverAlt: cover.alt, version: before.version + 1, updatedBy: tx.actor?.userId ?? null, updatedAt: tx.now() })
    .where(eq(articles.id, before.id))
    .returning();
  await writeRevision(tx, after!);
  if (after!.status === 'published') await indexArticle(tx.db, after!);
  await recordAudit(tx, { action: cover.fileId ? 'article.cover_set' : 'article.cover_removed', entityType: 'article', entityId: id, agencyId, before: articleSnapshot(before), after: { ...articleSnapshot(after!), coverFileId: cover.fileId } });
  return after!;
}

/** Uploads a cover image (JPEG, PNG or WebP by its bytes) with its required description. */
export async function setArticleCover(ctx: Ctx, deps: Deps, id: string, upload: Upload | null, raw: unknown): Promise<Article> {
  const { article, site } = await loadArticle(ctx.db, id);
  await requirePermission(ctx, 'article.write', site.agencyId);
  const data = parseInput(setInput, raw);
  if (!upload) throw new Invalid({ cover: { key: 'article.fileRequired' } });
  return saveUpload(ctx, deps.storage, upload, { allow: IMAGE_TYPES, maxBytes: deps.maxBytes, field: 'cover' }, (tx, file) =>
    saveCover(tx, article.id, data.version, { fileId: file.id, alt: data.coverAlt }, site.agencyId),
  );
}

export async function removeArticleCover(ctx: Ctx, id: string, raw: unknown): Promise<Article> {
  const { article, site } = await loadArticle(ctx.db, id);
  await requirePermission(ctx, 'article.write', site.agencyId);
  const data = parseInput(removeInput, raw);
  return inTransaction(ctx, (tx) => saveCover(tx, article.id, data.version, { fileId: null, alt: null }, site.agencyId));
}
