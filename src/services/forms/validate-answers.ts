import { z } from 'zod';
import { isIsoDate, parseDate, vnToday } from '../../platform/dates.js';
import { type FieldErrors, Invalid } from '../../platform/errors.js';
import { phonePattern } from '../../platform/validation.js';
import type { FormAnswers, FormDefinition, FormField } from './definition.js';

/**
 * Field names in the HTML carry this prefix, so an e-form's fields never collide with the page's own (`_csrf`,
 * `procedureId`…) and a forged field is recognisable: every `f_…` name must be one of the form's.
 */
export const FIELD_PREFIX = 'f_';
export const htmlName = (field: Pick<FormField, 'name'>) => `${FIELD_PREFIX}${field.name}`;

/** Caps when the definition sets none, so a form cannot be used to store megabytes. */
const DEFAULT_MAX = { text: 500, textarea: 10_000 } as const;
const EMAIL_MAX = 200;

type FieldError = FieldErrors[string];
type Outcome = { value?: FormAnswers[string]; error?: FieldError };

const fail = (key: FieldError['key'], params?: FieldError['params']): Outcome => ({ error: params ? { key, params } : { key } });

// Control characters (NUL, escape…), zero-width spaces and bidi overrides would be stored invisibly and shown
// misleadingly to the officials who read the dossier; line breaks and tabs are text only in a textarea.
const CONTROL_RE = /[\p{Cc}\u200b\u202a-\u202e\u2066-\u2069\ufeff]/u;
const CONTROL_IN_TEXTAREA_RE = /[\0-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Text as people type it: NFC (NFD from some keyboards and Macs folds to the same letters), trimmed. */
function clean(raw: string, multiline: boolean): { text: string; bad: boolean } {
  const s = raw.normalize('NFC').trim();
  if (!multiline) return { text: s, bad: CONTROL_RE.test(s) };
  const text = s.replace(/\r\n?/g, '\n');
  return { text, bad: CONTROL_IN_TEXTAREA_RE.test(text) };
}

/**
 * Numbers as written in Vietnam ("1.500.000", "2,5") or in English ("2.5"). A dot followed by groups of exactly three
 * digits is a thousands separator, as on every Vietnamese form and price; a comma is the decimal mark.
 */
export function parseNumber(raw: string): number | null {
  const s = raw.replace(/\s/g, '');
  let n: string;
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) n = s.replace(/\./g, '').replace(',', '.');
  else if (/^[+-]?\d+(,\d+)?$/.test(s)) n = s.replace(',', '.');
  else if (/^[+-]?\d+\.\d+$/.test(s)) n = s;
  else return null;
  const v = Number(n);
  return Number.isFinite(v) ? v : null;
}

const emailSchema = z.email();

function checkText(f: FormField, s: string): Outcome {
  const length = [...s].length;
  const max = f.maxLength ?? (f.type === 'textarea' ? DEFAULT_MAX.textarea : DEFAULT_MAX.text);
  if (length > max) return fail('field.tooLong', { max });
  if (f.minLength !== undefined && length < f.minLength) return fail('eform.tooShort', { min: f.minLength });
  if (f.pattern !== undefined && !new RegExp(`^(?:${f.pattern})$`, 'u').test(s)) {
    return f.patternMessage ? fail('eform.patternCustom', { message: f.patternMessage }) : fail('eform.pattern');
  }
  return { value: s };
}

function checkSingle(f: FormField, s: string, today: string): Outcome {
  switch (f.type) {
    case 'text':
    case 'textarea':
      return checkText(f, s);
    case 'number': {
      const v = parseNumber(s);
      if (v === null) return fail('eform.number');
      if (f.min !== undefined && v < f.min) return fail('eform.numberMin', { min: f.min });
      if (f.max !== undefined && v > f.max) return fail('eform.numberMax', { max: f.max });
      return { value: v };
    }
    case 'date': {
      const iso = parseDate(s);
      if (!iso || !isIsoDate(iso)) return fail('field.date');
      if (f.dateRange === 'past' && iso > today) return fail('eform.datePast');
      if (f.dateRange === 'future' && iso < today) return fail('eform.dateFuture');
      return { value: iso };
    }
    case 'email': {
      const v = s.toLowerCase();
      if (v.length > EMAIL_MAX) return fail('field.tooLong', { max: EMAIL_MAX });
      return emailSchema.safeParse(v).success ? { value: v } : fail('field.email');
    }
    case 'phone': {
      const m = phonePattern.exec(s.replace(/[\s.()-]/g, ''));
      return m ? { value: `0${m[1]}` } : fail('field.phone');
    }
    case 'id_number': {
      const digits = s.replace(/[\s.-]/g, '');
      return /^(\d{12}|\d{9})$/.test(digits) ? { value: digits } : fail('eform.idNumber');
    }
    case 'select':
    case 'radio':
      return f.options?.some((o) => o.value === s) ? { value: s } : fail('eform.option');
    default:
      return fail('field.invalid');
  }
}

function checkField(f: FormField, raw: unknown, partial: boolean, today: string): Outcome {
  const required = f.required && !partial;
  if (f.type === 'checkbox') {
    // A ticked box sends "on" (or "true"/"1" from scripts); anything else sent under its name is forged.
    if (raw === undefined || raw === null || raw === '') return required ? fail('eform.checkRequired') : { value: false };
    if (typeof raw !== 'string' || !['on', 'true', '1'].includes(raw)) return fail('field.invalid');
    return { value: true };
  }
  if (f.type === 'checkboxes') {
    const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    if (list.some((v) => typeof v !== 'string')) return fail('field.invalid');
    const chosen = new Set((list as string[]).map((v) => v.normalize('NFC').trim()).filter((v) => v !== ''));
    const options = f.options ?? [];
    if ([...chosen].some((v) => !options.some((o) => o.value === v))) return fail('eform.option');
    if (chosen.size === 0) return required ? fail('eform.chooseAtLeastOne') : {};
    // Kept in the form's order, whatever order the browser sent them in.
    return { value: options.filter((o) => chosen.has(o.value)).map((o) => o.value) };
  }
  if (raw === undefined || raw === null) return required ? fail('field.required') : {};
  // A single-valued field sent twice arrives as an array: that is not a person using the page.
  if (typeof raw !== 'string') return fail('field.invalid');
  const { text, bad } = clean(raw, f.type === 'textarea');
  if (text === '') return required ? fail('field.required') : {};
  if (bad) return fail('eform.badCharacters');
  return checkSingle(f, text, today);
}

export type ValidateOptions = {
  /** Saving a draft: a missing answer is fine, a wrong one is still refused. */
  partial?: boolean;
  /** The moment "past" and "future" dates are judged against (ctx.now()); the wall clock when absent. */
  now?: Date;
};

/**
 * Checks what a form sent against the e-form it was rendered from. Only names starting with `f_` are the form's;
 * the page's other fields are left alone. Answers are normalised (NFC, trimmed, ISO dates, numbers, 0xxxxxxxxx
 * phones, bare ID digits); any wrong one makes the whole thing Invalid, one message per field keyed by its HTML
 * name, so nothing half-checked is ever stored.
 */
export function validateAnswers(definition: FormDefinition, rawBody: unknown, opts: ValidateOptions = {}): { answers: FormAnswers } {
  const body: Record<string, unknown> = rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? (rawBody as Record<string, unknown>) : {};
  const fields = new Map(definition.sections.flatMap((s) => s.fields).map((f) => [htmlName(f), f]));
  const today = vnToday(opts.now ?? new Date());
  const errors: FieldErrors = {};
  const answers: FormAnswers = {};
  for (const key of Object.keys(body)) {
    if (key.startsWith(FIELD_PREFIX) && !fields.has(key)) {
      errors._form ??= { key: 'eform.unknownField', params: { name: key.slice(FIELD_PREFIX.length, FIELD_PREFIX.length + 60) } };
    }
  }
  for (const [name, f] of fields) {
    const out = checkField(f, Object.hasOwn(body, name) ? body[name] : undefined, opts.partial ?? false, today);
    if (out.error) errors[name] = out.error;
    else if (out.value !== undefined) answers[f.name] = out.value;
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return { answers };
}
