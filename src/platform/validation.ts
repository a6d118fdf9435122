import { z } from 'zod';
import { type FieldErrors, Invalid } from './errors.js';
import { isMessageKey } from './i18n/index.js';

/** Text from a form: NFC-normalised (stack-spike §2), trimmed, and empty meaning absent. */
export const text = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v),
    z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(max, { error: 'field.tooLong' }),
  );

export const optionalText = (max = 200) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v ?? undefined;
    const s = v.normalize('NFC').trim();
    return s === '' ? undefined : s;
  }, z.string().max(max, { error: 'field.tooLong' }).optional());

export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true || v === '1', z.boolean());

export const uuidField = z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'field.uuid' }));
export const optionalUuid = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.uuid({ error: 'field.uuid' }).optional());

export const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined),
  z.email({ error: 'field.email' }).max(200, { error: 'field.tooLong' }).optional(),
);

/** Vietnamese phone numbers: 0 or +84 then 9–10 digits; stored as 0xxxxxxxxx. */
export const phonePattern = /^(?:\+?84|0)(\d{9,10})$/;
export const optionalPhone = z.preprocess(
  (v) => {
    if (typeof v !== 'string' || v.trim() === '') return undefined;
    const digits = v.replace(/[\s.()-]/g, '');
    const m = phonePattern.exec(digits);
    return m ? `0${m[1]}` : digits;
  },
  z.string().regex(/^0\d{9,10}$/, { error: 'field.phone' }).optional(),
);

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
