import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { NotFound } from '../errors.js';
import { assertValidKey, FileTooLarge, type FileContent, type FileStorage, type StoredFile } from './storage.js';

export type LocalStorageOptions = { root: string; maxBytes: number };

const FILE_MODE = 0o640;
const DIR_MODE = 0o750;

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

/** Files under one directory, keys mapping to relative paths. */
export class LocalFileStorage implements FileStorage {
  private readonly root: string;
  private readonly maxBytes: number;

  constructor(opts: LocalStorageOptions) {
    if (!Number.isSafeInteger(opts.maxBytes) || opts.maxBytes <= 0) throw new Error('LocalFileStorage: maxBytes must be a positive integer');
    this.root = path.resolve(opts.root);
    this.maxBytes = opts.maxBytes;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, content: Readable | Buffer, _opts: { contentType: string }): Promise<StoredFile> {
    const target = this.pathOf(key);
    if (Buffer.isBuffer(content) && content.length > this.maxBytes) throw new FileTooLarge(this.maxBytes);
    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
    // Same directory as the target so the rename is atomic (same file system); the leading dot keeps it out of keys.
    const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
    const handle = await fs.open(temp, 'wx', FILE_MODE);
    const hash = createHash('sha256');
    let size = 0;
    let closed = false;
    try {
      // Chunk by chunk (writeFile writes the whole chunk at the current position): the limit fails the upload as soon as it is crossed, and the size and hash need no second read.
      for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        size += bytes.length;
        if (size > this.maxBytes) throw new FileTooLarge(this.maxBytes);
        hash.update(bytes);
        await handle.writeFile(bytes);
      }
      // Contents on disk before the name points at them, so a crash never leaves a visible empty or partial file.
      await handle.sync();
      // The process umask could have narrowed the mode given to open().
      await handle.chmod(FILE_MODE);
      await handle.close();
      closed = true;
      await fs.rename(temp, target);
    } catch (err) {
      if (!Buffer.isBuffer(content)) content.destroy();
      if (!closed) await handle.close().catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw err;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<FileContent> {
    const file = this.pathOf(key);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) throw new NotFound();
      throw err;
    }
    // Size from the opened handle, not a separate stat, so it belongs to the very file being streamed.
    const stat = await handle.stat().catch(async (err: unknown) => {
      await handle.close();
      throw err;
    });
    if (!stat.isFile()) {
      await handle.close();
      throw new NotFound();
    }
    return { stream: handle.createReadStream(), size: stat.size };
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.unlink(this.pathOf(key));
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return;
      throw err;
    }
  }
}
