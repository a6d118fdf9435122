import { z } from 'zod';
import { type FieldErrors, Invalid, NotFound } from './errors.js';
import { isMessageKey } from './i18n/index.js';

/** Text from a form: NFC-normalised (stack-spike §2), trimmed, and empty meaning absent. */
export const text = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v),
    z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(max, { error: 'field.tooLong' }),
  );

/**
 * Blank means absent. Anything that is not text — a field sent twice arrives as an array — goes on to zod,
 * which refuses it, so a malformed form is an error rather than a value silently dropped.
 */
export function blankAsAbsent(map: (s: string) => unknown = (s) => s) {
  return (v: unknown): unknown => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return v;
    const s = v.normalize('NFC').trim();
    return s === '' ? undefined : map(s);
  };
}

export const optionalField = <S extends z.ZodType>(schema: S, map?: (s: string) => unknown) => z.preprocess(blankAsAbsent(map), schema.optional());

export const optionalText = (max = 200) => optionalField(z.string().max(max, { error: 'field.tooLong' }));

export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true || v === '1', z.boolean());

export const uuidField = z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'field.uuid' }));
export const optionalUuid = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.uuid({ error: 'field.uuid' }).optional());

export const optionalEmail = optionalField(z.email({ error: 'field.email' }).max(200, { error: 'field.tooLong' }), (s) => s.toLowerCase());

/** Vietnamese phone numbers: 0 or +84 then 9–10 digits; stored as 0xxxxxxxxx. */
export const phonePattern = /^(?:\+?84|0)(\d{9,10})$/;
export const optionalPhone = optionalField(z.string().regex(/^0\d{9,10}$/, { error: 'field.phone' }), (s) => {
  const digits = s.replace(/[\s.()-]/g, '');
  const m = phonePattern.exec(digits);
  return m ? `0${m[1]}` : digits;
});

function issueToError(issue: z.core.$ZodIssue): FieldErrors[string] {
  const msg = issue.message;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number' && (msg === 'field.tooLong' || !isMessageKey(msg))) {
    return { key: 'field.tooLong', params: { max: issue.maximum } };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return { key: 'field.required' };
  if (isMessageKey(msg)) return { key: msg };
  return { key: 'field.invalid' };
}

/** Parses input at the edge; a failure becomes Invalid with one message per field, in the catalogue's words. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const res = schema.safeParse(input ?? {});
  if (res.success) return res.data;
  const fields: FieldErrors = {};
  for (const issue of res.error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : '_form';
    if (!fields[name]) fields[name] = issueToError(issue);
  }
  throw new Invalid(fields);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

/** A malformed id in a URL names nothing, so it is a 404 like an unknown one. */
export function idOrNotFound(id: string): string {
  if (!isUuid(id)) throw new NotFound();
  return id.toLowerCase();
}
