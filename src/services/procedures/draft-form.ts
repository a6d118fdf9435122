import { type FieldErrors, Invalid } from '../../platform/errors.js';
import { type FieldType, type FormField, type FormSection, fieldTypes } from '../forms/definition.js';
import { type StepRole, type UploadKind, type VersionDefinition, stepRoles, uploadKinds, versionDefinitionSchema } from './definition.js';
import { issueError } from './definition-errors.js';

/**
 * The draft editor is one plain HTML form (it must work without JavaScript), so the nested definition travels as
 * flat fields: `doc.3.name`, `step.0.share`, `ff.2.options` … with checkboxes as their own names (`doc.0.accept.pdf`,
 * `applicant.citizen`), since a repeated name would reach the server as a list and come back as one value. Blank
 * rows are skipped; every error is reported under the name of the input it belongs to.
 */

export const applicantKinds = ['citizen', 'enterprise', 'organisation'] as const;
export const deliveryKinds = ['counter', 'post', 'electronic'] as const;
export const rowGroups = ['doc', 'fee', 'step', 'ff'] as const;
export type RowGroup = (typeof rowGroups)[number];

/** Blank rows shown under the stored ones; "add rows" gives ROWS_STEP more, up to what the schema allows. */
export const BLANK_ROWS = 2;
export const ROWS_STEP = 5;
export const MAX_ROWS: Record<RowGroup, number> = { doc: 60, fee: 30, step: 30, ff: 200 };

/** Where a group's errors about the whole list (shares, duplicates) are shown and linked to. */
export const groupAnchor: Record<RowGroup, string> = { doc: 'documents', fee: 'fees', step: 'steps', ff: 'formFields' };

type Values = Record<string, string | undefined>;

const on = (v: string | undefined) => v === 'on' || v === 'true' || v === '1';
const str = (v: string | undefined) => (v ?? '').normalize('NFC').trim();

/** Numbers as people type them: "0,5" or "0.5" days; "1.000.000" đồng (dots group thousands). */
export function parseDecimal(raw: string): number | null {
  const s = raw.replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}
export function parseWhole(raw: string): number | null {
  const s = raw.replace(/[\s.]/g, '');
  return /^-?\d+$/.test(s) ? Number(s) : null;
}
const showNumber = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));

/** A choice field's options, one "value|label" per line (a line without "|" is both). */
export function parseOptions(raw: string): { value: string; label: string }[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf('|');
      return at < 0 ? { value: l, label: l } : { value: l.slice(0, at).trim(), label: l.slice(at + 1).trim() };
    });
}

/** How many rows of each group the form shows for a definition. */
export function rowCounts(d: VersionDefinition): Record<RowGroup, number> {
  const fields = d.form.sections.reduce((n, s) => n + s.fields.length, 0);
  const base: Record<RowGroup, number> = { doc: d.documents.length, fee: d.fees.length, step: d.steps.length, ff: fields };
  return Object.fromEntries(rowGroups.map((g) => [g, Math.min(MAX_ROWS[g], base[g] + BLANK_ROWS)])) as Record<RowGroup, number>;
}

/** The rows a posted form carries, and more when "add rows" was pressed for a group. */
export function postedRowCounts(values: Values): Record<RowGroup, number> {
  const out = {} as Record<RowGroup, number>;
  for (const g of rowGroups) {
    const n = Number.parseInt(values[`rows.${g}`] ?? '', 10);
    const base = Number.isFinite(n) && n >= 0 ? n : BLANK_ROWS;
    out[g] = Math.min(MAX_ROWS[g], base + (values._add === g ? ROWS_STEP : 0));
  }
  return out;
}

export function definitionToValues(d: VersionDefinition): Record<string, string> {
  const v: Record<string, string> = {
    timeUnit: d.timeLimit.unit,
    timeDays: showNumber(d.timeLimit.days),
    timeOnlineDays: showNumber(d.timeLimit.onlineDays),
    result: d.result,
    legalBasis: d.legalBasis,
  };
  for (const a of d.applicants) v[`applicant.${a}`] = 'on';
  for (const x of d.deliveries) v[`delivery.${x}`] = 'on';
  d.documents.forEach((doc, i) => {
    Object.assign(v, {
      [`doc.${i}.code`]: doc.code,
      [`doc.${i}.name`]: doc.name,
      [`doc.${i}.originals`]: String(doc.originals),
      [`doc.${i}.copies`]: String(doc.copies),
      [`doc.${i}.required`]: doc.required ? 'on' : '',
      [`doc.${i}.electronic`]: doc.electronicCopyAccepted ? 'on' : '',
      [`doc.${i}.note`]: doc.note ?? '',
      [`doc.${i}.templateFileId`]: doc.templateFileId ?? '',
    });
    for (const k of doc.accepts) v[`doc.${i}.accept.${k}`] = 'on';
  });
  d.fees.forEach((f, i) => Object.assign(v, { [`fee.${i}.code`]: f.code ?? '', [`fee.${i}.name`]: f.name, [`fee.${i}.amount`]: String(f.amount), [`fee.${i}.note`]: f.note ?? '' }));
  d.steps.forEach((s, i) => Object.assign(v, { [`step.${i}.code`]: s.code, [`step.${i}.name`]: s.name, [`step.${i}.role`]: s.role, [`step.${i}.share`]: showNumber(s.share) }));
  let i = 0;
  for (const section of d.form.sections) {
    for (const f of section.fields) {
      const text = f.type === 'text' || f.type === 'textarea';
      Object.assign(v, {
        [`ff.${i}.section`]: section.title,
        [`ff.${i}.name`]: f.name,
        [`ff.${i}.type`]: f.type,
        [`ff.${i}.label`]: f.label,
        [`ff.${i}.help`]: f.help ?? '',
        [`ff.${i}.required`]: f.required ? 'on' : '',
        [`ff.${i}.min`]: showNumber(text ? f.minLength : f.min),
        [`ff.${i}.max`]: showNumber(text ? f.maxLength : f.max),
        [`ff.${i}.dateRange`]: f.dateRange ?? '',
        [`ff.${i}.options`]: (f.options ?? []).map((o) => (o.value === o.label ? o.value : `${o.value}|${o.label}`)).join('\n'),
      });
      i++;
    }
  }
  return v;
}

const isBlank = (v: Values, prefix: string, cols: string[]) => cols.every((c) => str(v[`${prefix}.${c}`]) === '');

/**
 * Reads the posted form back into a definition checked by the shared schema. What the form does not show (English
 * names, a text field's pattern) is kept from `previous`, matched by code or name, so an imported definition loses
 * nothing when an official edits it here.
 */
export function valuesToDefinition(v: Values, counts: Record<RowGroup, number>, previous: VersionDefinition): VersionDefinition {
  const errors: FieldErrors = {};
  const num = (name: string, parse: (s: string) => number | null): number | undefined => {
    const s = str(v[name]);
    if (s === '') return undefined;
    const n = parse(s);
    if (n === null) errors[name] ??= { key: 'proc.notNumber' };
    return n ?? undefined;
  };

  const docRows: number[] = [];
  const documents = [];
  for (let i = 0; i < counts.doc; i++) {
    const p = `doc.${i}`;
    if (isBlank(v, p, ['code', 'name', 'originals', 'copies', 'note'])) continue;
    docRows.push(i);
    const code = str(v[`${p}.code`]);
    const before = previous.documents.find((d) => d.code === code);
    const accepts = uploadKinds.filter((k) => on(v[`${p}.accept.${k}`]));
    documents.push({
      code,
      name: str(v[`${p}.name`]),
      ...(before?.nameEn ? { nameEn: before.nameEn } : {}),
      originals: num(`${p}.originals`, parseWhole),
      copies: num(`${p}.copies`, parseWhole),
      required: on(v[`${p}.required`]),
      electronicCopyAccepted: on(v[`${p}.electronic`]),
      ...(str(v[`${p}.templateFileId`]) ? { templateFileId: str(v[`${p}.templateFileId`]) } : {}),
      accepts: accepts.length ? accepts : (['pdf', 'image'] as UploadKind[]),
      ...(str(v[`${p}.note`]) ? { note: str(v[`${p}.note`]) } : {}),
    });
  }

  const feeRows: number[] = [];
  const fees = [];
  for (let i = 0; i < counts.fee; i++) {
    const p = `fee.${i}`;
    if (isBlank(v, p, ['code', 'name', 'amount', 'note'])) continue;
    feeRows.push(i);
    fees.push({
      ...(str(v[`${p}.code`]) ? { code: str(v[`${p}.code`]) } : {}),
      name: str(v[`${p}.name`]),
      amount: num(`${p}.amount`, parseWhole),
      ...(str(v[`${p}.note`]) ? { note: str(v[`${p}.note`]) } : {}),
    });
  }

  const stepRows: number[] = [];
  const steps = [];
  for (let i = 0; i < counts.step; i++) {
    const p = `step.${i}`;
    if (isBlank(v, p, ['code', 'name', 'share'])) continue;
    stepRows.push(i);
    const role = str(v[`${p}.role`]);
    steps.push({ code: str(v[`${p}.code`]), name: str(v[`${p}.name`]), role: (stepRoles as readonly string[]).includes(role) ? (role as StepRole) : undefined, share: num(`${p}.share`, parseDecimal) });
  }

  // Form fields are rows with their section's title: consecutive or not, rows naming the same section go together.
  const fieldRows: number[][] = [];
  const sections: (Omit<FormSection, 'fields'> & { fields: Partial<FormField>[] })[] = [];
  const previousFields = new Map(previous.form.sections.flatMap((s) => s.fields.map((f) => [f.name, f] as const)));
  for (let i = 0; i < counts.ff; i++) {
    const p = `ff.${i}`;
    if (isBlank(v, p, ['section', 'name', 'label', 'help', 'min', 'max', 'options'])) continue;
    const title = str(v[`${p}.section`]);
    if (title === '') errors[`${p}.section`] ??= { key: 'field.required' };
    let s = sections.findIndex((x) => x.title === title);
    if (s < 0) {
      const before = previous.form.sections.find((x) => x.title === title);
      sections.push({ title, ...(before?.titleEn ? { titleEn: before.titleEn } : {}), fields: [] });
      fieldRows.push([]);
      s = sections.length - 1;
    }
    fieldRows[s]!.push(i);
    const name = str(v[`${p}.name`]);
    const typeRaw = str(v[`${p}.type`]);
    const type = (fieldTypes as readonly string[]).includes(typeRaw) ? (typeRaw as FieldType) : undefined;
    const before = previousFields.get(name);
    const text = type === 'text' || type === 'textarea';
    const min = num(`${p}.min`, (x) => (text ? parseWhole(x) : parseDecimal(x) ?? parseWhole(x)));
    const max = num(`${p}.max`, (x) => (text ? parseWhole(x) : parseDecimal(x) ?? parseWhole(x)));
    if ((min !== undefined || max !== undefined) && type !== undefined && !text && type !== 'number') errors[`${p}.min`] ??= { key: 'proc.boundsNotApplicable' };
    const optionsRaw = str(v[`${p}.options`]);
    const beforeLabels = new Map((before?.options ?? []).map((o) => [o.value, o.labelEn]));
    const dateRange = str(v[`${p}.dateRange`]);
    sections[s]!.fields.push({
      name,
      type,
      label: str(v[`${p}.label`]),
      ...(str(v[`${p}.help`]) ? { help: str(v[`${p}.help`]) } : {}),
      required: on(v[`${p}.required`]),
      ...(text ? { minLength: min, maxLength: max } : type === 'number' ? { min, max } : {}),
      ...(type === 'date' && (dateRange === 'past' || dateRange === 'future') ? { dateRange } : {}),
      ...(optionsRaw ? { options: parseOptions(optionsRaw).map((o) => (beforeLabels.get(o.value) ? { ...o, labelEn: beforeLabels.get(o.value) } : o)) } : {}),
      ...(before?.labelEn ? { labelEn: before.labelEn } : {}),
      ...(before?.helpEn ? { helpEn: before.helpEn } : {}),
      ...(before?.pattern !== undefined && type === 'text' ? { pattern: before.pattern, patternMessage: before.patternMessage } : {}),
    });
  }

  const unit = str(v.timeUnit);
  const raw = {
    documents,
    timeLimit: { unit: unit === '' ? undefined : unit, days: num('timeDays', parseDecimal), onlineDays: num('timeOnlineDays', parseDecimal) },
    fees,
    result: str(v.result),
    legalBasis: str(v.legalBasis),
    applicants: applicantKinds.filter((a) => on(v[`applicant.${a}`])),
    deliveries: deliveryKinds.filter((d) => on(v[`delivery.${d}`])),
    steps,
    form: { sections },
  };

  const parsed = versionDefinitionSchema.safeParse(raw);
  if (parsed.success && Object.keys(errors).length === 0) return parsed.data;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = formName(issue.path, { docRows, feeRows, stepRows, fieldRows });
      errors[name] ??= issueError(issue, raw);
    }
  }
  throw new Invalid(errors);
}

type RowMaps = { docRows: number[]; feeRows: number[]; stepRows: number[]; fieldRows: number[][] };

const docCols: Record<string, string> = { electronicCopyAccepted: 'electronic', accepts: 'code', nameEn: 'name' };
const fieldCols: Record<string, string> = { minLength: 'min', maxLength: 'max', labelEn: 'label', helpEn: 'help', pattern: 'type', patternMessage: 'type' };

/** The input a schema issue belongs to, from its path in the definition. */
function formName(path: PropertyKey[], m: RowMaps): string {
  const [head, a, b, c, d, e] = path;
  const col = (x: PropertyKey | undefined, map: Record<string, string> = {}) => (x === undefined ? undefined : (map[String(x)] ?? String(x)));
  switch (head) {
    case 'documents':
      return typeof a === 'number' && b !== undefined ? `doc.${m.docRows[a]}.${col(b, docCols)}` : groupAnchor.doc;
    case 'fees':
      return typeof a === 'number' && b !== undefined ? `fee.${m.feeRows[a]}.${col(b)}` : groupAnchor.fee;
    case 'steps':
      return typeof a === 'number' && b !== undefined ? `step.${m.stepRows[a]}.${col(b)}` : groupAnchor.step;
    case 'timeLimit':
      return a === 'unit' ? 'timeUnit' : a === 'onlineDays' ? 'timeOnlineDays' : 'timeDays';
    case 'applicants':
      return 'applicants';
    case 'deliveries':
      return 'deliveries';
    case 'form':
      if (typeof b === 'number' && c === 'fields' && typeof d === 'number') return `ff.${m.fieldRows[b]![d]}.${col(e ?? 'name', fieldCols)}`;
      if (typeof b === 'number') return `ff.${m.fieldRows[b]![0]}.section`;
      return groupAnchor.ff;
    default:
      return String(head ?? '_form');
  }
}
