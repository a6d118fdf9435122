import { z } from 'zod';

/**
 * An e-form (tờ khai điện tử) as data: sections of fields. The same definition renders the HTML form and checks the
 * answers on the server (validate-answers.ts), so a field cannot be required on the page and optional on submit.
 * Stored inside a procedure version, so a dossier is always read with the form it was filed on.
 */
export const fieldTypes = ['text', 'textarea', 'number', 'date', 'email', 'phone', 'id_number', 'select', 'radio', 'checkbox', 'checkboxes'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Field names become form names and JSON keys: lower-case ASCII, so they survive every round trip. */
export const fieldNamePattern = /^[a-z][a-z0-9_]{0,39}$/;

const label = z.string().trim().min(1).max(300);
const optionLabel = z.string().trim().min(1).max(200);

/**
 * What a field asks about the applicant, for the browser's autofill (WCAG 1.3.5); a subset of the HTML
 * autocomplete tokens. Email and phone fields default to "email" and "tel".
 */
export const autocompleteTokens = ['name', 'given-name', 'family-name', 'bday', 'sex', 'street-address', 'address-level1', 'address-level2', 'address-level3', 'postal-code', 'organization', 'organization-title', 'email', 'tel', 'off'] as const;

export const formOptionSchema = z.object({
  value: z.string().trim().min(1).max(60),
  label: optionLabel,
  labelEn: optionLabel.optional(),
});

export const formFieldSchema = z
  .object({
    name: z.string().regex(fieldNamePattern),
    type: z.enum(fieldTypes),
    label,
    labelEn: label.optional(),
    help: z.string().trim().max(500).optional(),
    helpEn: z.string().trim().max(500).optional(),
    required: z.boolean().default(false),
    /** text/textarea: length bounds; number: value bounds; date: 'past' or 'future' only. */
    minLength: z.number().int().min(0).max(10_000).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** A regular expression the whole text must match (text only), with the message shown when it does not. */
    pattern: z.string().max(200).optional(),
    patternMessage: z.string().trim().max(200).optional(),
    dateRange: z.enum(['past', 'future']).optional(),
    options: z.array(formOptionSchema).max(200).optional(),
    autocomplete: z.enum(autocompleteTokens).optional(),
  })
  .superRefine((f, ctx) => {
    const choice = f.type === 'select' || f.type === 'radio' || f.type === 'checkboxes';
    if (choice && !(f.options && f.options.length > 0)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options required' });
    if (!choice && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options only for choices' });
    if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'duplicate option' });
    if (f.pattern !== undefined) {
      if (f.type !== 'text') ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'pattern only for text' });
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'bad pattern' });
      }
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min > max' });
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) ctx.addIssue({ code: 'custom', path: ['minLength'], message: 'minLength > maxLength' });
  });

export const formSectionSchema = z.object({
  title: label,
  titleEn: label.optional(),
  fields: z.array(formFieldSchema).min(1).max(100),
});

export const formDefinitionSchema = z
  .object({ sections: z.array(formSectionSchema).max(30) })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    for (const s of form.sections) {
      for (const f of s.fields) {
        if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['sections'], message: `duplicate field ${f.name}` });
        seen.add(f.name);
      }
    }
  });

export type FormOption = z.infer<typeof formOptionSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type FormSection = z.infer<typeof formSectionSchema>;
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
/** Answers as stored: text for single values, a list for checkboxes, true/false for a checkbox. */
export type FormAnswers = Record<string, string | number | boolean | string[]>;

export const emptyForm: FormDefinition = { sections: [] };
