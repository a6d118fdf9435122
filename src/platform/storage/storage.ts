import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';

export type StoredFile = { key: string; size: number; sha256: string };
export type FileContent = { stream: Readable; size: number };

/**
 * Where uploaded files live (portal images and PDFs, dossier attachments). The database keeps the key, size, hash and
 * content type; the storage keeps only the bytes, so a local directory and an S3-compatible bucket are interchangeable.
 */
export interface FileStorage {
  /** Stores the whole content under `key`, replacing any previous file; nothing is visible under the key until done. */
  put(key: string, content: Readable | Buffer, opts: { contentType: string }): Promise<StoredFile>;
  /** Throws NotFound when there is no file under `key`. */
  get(key: string): Promise<FileContent>;
  exists(key: string): Promise<boolean>;
  /** Idempotent, like an S3 delete: removing a missing file is not an error, so clean-ups can be retried. */
  delete(key: string): Promise<void>;
}

/** A bad key is a bug in the caller (keys are generated, never typed by people), so it is not an AppError. */
export class InvalidStorageKey extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid storage key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidStorageKey';
  }
}

/** An upload over the limit is the uploader's doing, so it maps to a 413 page they can act on. */
export class FileTooLarge extends AppError {
  readonly status = 413;
  readonly code = 'too_large';
  constructor(readonly maxBytes: number) {
    super('error.tooLarge');
  }
}

const MAX_KEY_LENGTH = 512;
const SEGMENT = /^[a-z0-9_-][a-z0-9._-]*$/;

/**
 * Keys look like `2025/03/<uuid>.pdf`. Every segment must start with a letter, digit, `_` or `-`: that refuses `.`,
 * `..`, hidden names (temporary files start with a dot) and, with the character set, absolute and Windows paths.
 */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidStorageKey(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidStorageKey(key, `longer than ${MAX_KEY_LENGTH} characters`);
  if (key.includes('\\')) throw new InvalidStorageKey(key, 'backslashes are not allowed');
  if (key.startsWith('/')) throw new InvalidStorageKey(key, 'absolute paths are not allowed');
  if (!/^[a-z0-9/._-]+$/.test(key)) throw new InvalidStorageKey(key, 'only a-z, 0-9, "/", ".", "_" and "-" are allowed');
  for (const segment of key.split('/')) {
    if (segment === '..' || segment === '.') throw new InvalidStorageKey(key, '"." and ".." segments are not allowed');
    if (!SEGMENT.test(segment)) throw new InvalidStorageKey(key, 'empty segment or segment starting with "."');
  }
}
