import type { MessageKey, MessageParams } from './i18n/index.js';

export type FieldErrors = Record<string, { key: MessageKey; params?: MessageParams }>;

/** Errors a person can act on; mapped to a page or JSON in one place (platform/http/errors.ts). */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    readonly messageKey: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(String(messageKey));
    this.name = new.target.name;
  }
}

export class NotFound extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(key: MessageKey = 'error.notFound', params?: MessageParams) {
    super(key, params);
  }
}

export class Forbidden extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(key: MessageKey = 'error.forbidden', params?: MessageParams) {
    super(key, params);
  }
}

export class Unauthenticated extends AppError {
  readonly status = 401;
  readonly code = 'unauthenticated';
  constructor(key: MessageKey = 'error.unauthenticated') {
    super(key);
  }
}

export class Conflict extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(key: MessageKey = 'error.conflict', params?: MessageParams) {
    super(key, params);
  }
}

export class Invalid extends AppError {
  readonly status = 422;
  readonly code = 'invalid';
  constructor(
    readonly fields: FieldErrors,
    key: MessageKey = 'error.invalid',
  ) {
    super(key);
  }
}

export class RateLimited extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
  constructor(key: MessageKey = 'error.rateLimited', params?: MessageParams) {
    super(key, params);
  }
}

/** PostgreSQL's error code from a driver error; both drivers wrap it differently (stack-spike §3). */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
