import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Ctx } from '../context.js';
import type { Tx } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { Invalid } from '../errors.js';
import { type ImageVariant, files } from '../schema.js';
import { FileTooLarge, type FileStorage } from './storage.js';

export type FileRow = typeof files.$inferSelect;

/** An upload as it left the browser: the bytes and the name it had on the person's computer. */
export type Upload = { name: string; content: Buffer | Readable };

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

/** Responsive widths for images; a width at or above the original's is skipped, never upscaled. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;

export type UploadOptions = {
  /** Content types accepted, judged from the bytes, whatever the name or the browser said. */
  allow: readonly string[];
  maxBytes: number;
  /** The field the errors belong to in the form. */
  field?: string;
};

type Prepared = { row: Omit<typeof files.$inferInsert, 'id'>; keys: string[] };

/** Reads the whole upload, failing as soon as it crosses the limit, so an oversized stream is never fully buffered. */
async function readLimited(content: Buffer | Readable, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(content)) {
    if (content.length > maxBytes) throw new FileTooLarge(maxBytes);
    return content;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      content.destroy();
      throw new FileTooLarge(maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The name as people will see it when they download: no directories, no control characters, not too long. */
export function cleanFileName(name: string, ext: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 150) || 'tep';
  return `${stem}.${ext}`;
}

function keyFor(now: Date, ext: string, suffix = ''): string {
  const y = String(now.getUTCFullYear());
  const m = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${y}/${m}/${randomUUID()}${suffix}.${ext}`;
}

/**
 * Checks and stores the bytes of an upload (the original, and for images the metadata-free re-encoding and its
 * webp widths) and returns the row to insert. Nothing is in the database yet; `discard` removes what was stored.
 */
async function prepareUpload(storage: FileStorage, upload: Upload, opts: UploadOptions, now: Date): Promise<Prepared> {
  const field = opts.field ?? 'file';
  let data = await readLimited(upload.content, opts.maxBytes);
  if (data.length === 0) throw new Invalid({ [field]: { key: 'upload.empty' } });
  const sniffed = await fileTypeFromBuffer(data);
  if (!sniffed || !opts.allow.includes(sniffed.mime)) throw new Invalid({ [field]: { key: 'upload.type' } });
  const keys: string[] = [];
  try {
    let width: number | null = null;
    let height: number | null = null;
    const variants: ImageVariant[] = [];
    const key = keyFor(now, sniffed.ext);
    if ((IMAGE_TYPES as readonly string[]).includes(sniffed.mime)) {
      // Re-encoding drops EXIF (GPS position, camera serial) after turning the pixels upright as EXIF said.
      let image;
      try {
        image = await sharp(data, { failOn: 'error' }).rotate().toFormat(sniffed.ext as 'jpeg' | 'png' | 'webp').toBuffer({ resolveWithObject: true });
      } catch {
        throw new Invalid({ [field]: { key: 'upload.brokenImage' } });
      }
      data = image.data;
      width = image.info.width;
      height = image.info.height;
      for (const w of VARIANT_WIDTHS) {
        if (w >= width) break;
        const v = await sharp(data).resize({ width: w, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
        const vkey = key.replace(/\.[a-z0-9]+$/, `-${w}.webp`);
        await storage.put(vkey, v.data, { contentType: 'image/webp' });
        keys.push(vkey);
        variants.push({ width: v.info.width, height: v.info.height, key: vkey, contentType: 'image/webp', size: v.data.length });
      }
    }
    const stored = await storage.put(key, data, { contentType: sniffed.mime });
    keys.push(key);
    return {
      keys,
      row: { key, name: cleanFileName(upload.name, sniffed.ext), contentType: sniffed.mime, size: stored.size, sha256: stored.sha256, width, height, variants },
    };
  } catch (err) {
    await discard(storage, keys);
    throw err;
  }
}

async function discard(storage: FileStorage, keys: string[]): Promise<void> {
  await Promise.all(keys.map((k) => storage.delete(k).catch(() => undefined)));
}

/**
 * Stores an upload and records it in `files`, then lets the caller attach it, all in one transaction. The bytes are
 * written first (storage cannot join a transaction); if the transaction fails they are deleted again, so a refused
 * or failed upload leaves neither a row nor a file.
 */
export async function saveUpload<T>(ctx: Ctx, storage: FileStorage, upload: Upload, opts: UploadOptions, attach: (tx: Ctx & { db: Tx }, file: FileRow) => Promise<T>): Promise<T> {
  const prepared = await prepareUpload(storage, upload, opts, ctx.now());
  try {
    return await inTransaction(ctx, async (tx) => {
      const [file] = await tx.db
        .insert(files)
        .values({ ...prepared.row, createdBy: tx.actor?.userId ?? null, createdAt: tx.now() })
        .returning();
      return attach(tx, file!);
    });
  } catch (err) {
    await discard(storage, prepared.keys);
    throw err;
  }
}
