import type { z } from 'zod';
import type { FieldErrors } from '../../platform/errors.js';
import { type MessageKey, isMessageKey } from '../../platform/i18n/index.js';

/**
 * The shared definition schemas (definition.ts, forms/definition.ts) speak English to developers; people read
 * these catalogue keys instead. The back-office form and the import both go through here, so a row of a file and
 * a field of the page get the same words for the same mistake.
 */
const customKeys: [RegExp, MessageKey][] = [
  [/^shares must add up to 100$/, 'proc.sharesTotal'],
  [/^duplicate (step|document) code$/, 'proc.duplicateCode'],
  [/^options required$/, 'proc.optionsRequired'],
  [/^options only for choices$/, 'proc.optionsOnlyForChoices'],
  [/^duplicate option$/, 'proc.duplicateOption'],
  [/^(min|minLength) > (max|maxLength)$/, 'proc.minAboveMax'],
  [/^(pattern only for text|bad pattern)$/, 'proc.badPattern'],
  [/^duplicate field /, 'proc.duplicateFieldName'],
];

/** The value an issue is about; zod does not keep it in the issue. */
function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** `input` is what was parsed, so that a missing value reads "required" rather than "not valid". */
export function issueError(issue: z.core.$ZodIssue, input?: unknown): FieldErrors[string] {
  const msg = issue.message;
  if (isMessageKey(msg)) return { key: msg };
  const missing = input !== undefined && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code) && [undefined, null, ''].includes(valueAt(input, issue.path) as never);
  if (missing) return { key: 'field.required' };
  for (const [re, key] of customKeys) if (re.test(msg)) return { key };
  const last = issue.path.at(-1);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return { key: 'field.tooLong', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'number') return { key: 'proc.numberMax', params: { max: Number(issue.maximum) } };
      return { key: 'proc.tooMany', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string') return { key: 'field.required' };
      if (issue.origin === 'number') return { key: 'proc.numberMin', params: { min: Number(issue.minimum) } };
      return { key: 'proc.tooFew', params: { min: Number(issue.minimum) } };
    case 'invalid_format':
      return { key: last === 'name' ? 'proc.fieldNameFormat' : last === 'templateFileId' ? 'field.uuid' : 'proc.codeFormat' };
    default:
      return { key: 'field.invalid' };
  }
}
