import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { MessageKey, MessageParams } from '../../platform/i18n/index.js';
import { translate } from '../../platform/i18n/index.js';
import { foldVietnamese } from '../../portal/text/search-text.js';
import { fieldTypes } from '../forms/definition.js';
import { stepRoles, uploadKinds, versionDefinitionSchema } from './definition.js';
import { applicantKinds, deliveryKinds, parseOptions } from './draft-form.js';
import { CODE_PATTERN, LEVELS, TIERS } from './rules.js';

/**
 * Reading an import file into one record per procedure, checked by the same schema as the draft editor. The
 * layouts are documented in docs/procedure-import.md; keep the two together.
 */

const code = z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(60, { error: 'field.tooLong' });

export const importRecordSchema = z.object({
  code: z.string({ error: 'field.required' }).trim().regex(CODE_PATTERN, { error: 'proc.nationalCodeFormat' }),
  name: z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(500, { error: 'field.tooLong' }),
  nameEn: z.string().trim().min(1).max(500).optional(),
  field: code,
  fieldName: z.string().trim().min(1).max(300).optional(),
  level: z.enum(LEVELS, { error: 'proc.levelRequired' }),
  legacyLevel: z.number().int().min(1).max(4).optional(),
  tier: z.enum(TIERS, { error: 'proc.tierRequired' }),
  owner: code,
  agencies: z.array(z.object({ agency: code, desk: code })).min(1, { error: 'proc.agencyRequired' }).max(50),
  note: z.string().trim().max(1000).optional(),
  definition: versionDefinitionSchema,
});
export type ImportRecord = z.output<typeof importRecordSchema>;

export type RejectedRow = { row: number; where: string; key: MessageKey; params?: MessageParams };

/** A record as read, before the schema: `where` names a place in the file for an issue's path. */
export type RawRecord = { row: number; data: unknown; where: (path: PropertyKey[]) => string };

export type ImportFile = { records: RawRecord[]; rejected: RejectedRow[] };

const jsonWhere = (path: PropertyKey[]) => path.map(String).join('.');

export function readJsonFile(content: string): ImportFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return { records: [], rejected: [{ row: 0, where: '', key: 'proc.import.badFile' }] };
  }
  if (!Array.isArray(parsed)) return { records: [], rejected: [{ row: 0, where: '', key: 'proc.import.badFile' }] };
  return { records: parsed.map((data, i) => ({ row: i + 1, data, where: jsonWhere })), rejected: [] };
}

export const SHEETS = { procedures: 'Thủ tục', documents: 'Thành phần hồ sơ', steps: 'Quy trình', fees: 'Phí', form: 'Tờ khai' } as const;

/** Column headers of each sheet, in the order of the template; matched without regard to case or accents. */
export const COLUMNS = {
  procedures: {
    code: 'Mã thủ tục',
    name: 'Tên thủ tục',
    nameEn: 'Tên tiếng Anh',
    field: 'Mã lĩnh vực',
    fieldName: 'Tên lĩnh vực',
    level: 'Mức độ',
    legacyLevel: 'Mức độ cũ',
    tier: 'Cấp thực hiện',
    owner: 'Cơ quan quản lý',
    agencies: 'Cơ quan có thẩm quyền',
    desks: 'Nơi tiếp nhận',
    unit: 'Cách tính thời hạn',
    days: 'Thời hạn (ngày)',
    onlineDays: 'Thời hạn trực tuyến (ngày)',
    result: 'Kết quả',
    legalBasis: 'Căn cứ pháp lý',
    applicants: 'Đối tượng',
    deliveries: 'Hình thức trả kết quả',
    note: 'Ghi chú',
  },
  documents: { procedure: 'Mã thủ tục', code: 'Mã giấy tờ', name: 'Tên giấy tờ', originals: 'Bản chính', copies: 'Bản sao', required: 'Bắt buộc', electronic: 'Nhận bản điện tử', accepts: 'Loại tệp', note: 'Ghi chú' },
  steps: { procedure: 'Mã thủ tục', code: 'Mã bước', name: 'Tên bước', role: 'Người thực hiện', share: 'Tỷ lệ (%)' },
  fees: { procedure: 'Mã thủ tục', code: 'Mã phí', name: 'Tên phí', amount: 'Mức thu (đồng)', note: 'Ghi chú' },
  form: { procedure: 'Mã thủ tục', section: 'Phần', name: 'Tên trường', type: 'Kiểu', label: 'Nhãn', help: 'Hướng dẫn', required: 'Bắt buộc', min: 'Tối thiểu', max: 'Tối đa', options: 'Lựa chọn' },
} as const;

const fold = (s: string) => foldVietnamese(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();

/** An enum cell: the stored value (full_online) or its Vietnamese words as the back office shows them (Toàn trình). */
function enumReader<T extends string>(values: readonly T[], key: (v: T) => MessageKey): (s: string) => T | string {
  const byWords = new Map<string, T>();
  for (const v of values) {
    byWords.set(fold(v), v);
    byWords.set(fold(translate('vi', key(v))), v);
  }
  return (s) => byWords.get(fold(s)) ?? s;
}
const readLevel = enumReader(LEVELS, (v) => `proc.level.${v}` as MessageKey);
const readTier = enumReader(TIERS, (v) => `proc.tier.${v}` as MessageKey);
const readUnit = enumReader(['working_days', 'calendar_days'] as const, (v) => `proc.unit.${v}` as MessageKey);
const readRole = enumReader(stepRoles, (v) => `proc.role.${v}` as MessageKey);
const readApplicant = enumReader(applicantKinds, (v) => `proc.applicant.${v}` as MessageKey);
const readDelivery = enumReader(deliveryKinds, (v) => `proc.delivery.${v}` as MessageKey);
const readType = enumReader(fieldTypes, (v) => `proc.type.${v}` as MessageKey);
const readKind = enumReader(uploadKinds, (v) => `proc.accept.${v}` as MessageKey);

const list = (s: string) =>
  s
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (s: string) => ['co', 'x', 'yes', 'true', '1', 'c'].includes(fold(s));
/** Numbers in cells are numbers; typed as text they may use a decimal comma or dots between thousands. */
function number(s: string): number | string | undefined {
  if (s === '') return undefined;
  const n = Number(s.replace(/\s/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : s;
}
const opt = (s: string) => (s === '' ? undefined : s);

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return String(v.result ?? '').trim();
    if ('text' in v) return String(v.text).trim();
    if (v instanceof Date) return v.toISOString();
  }
  return String(v).normalize('NFC').trim();
}

type Row = { n: number; get: (col: string) => string };

function sheetRows(sheet: ExcelJS.Worksheet, columns: Record<string, string>): Row[] {
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => header.set(fold(cellText(cell)), col));
  const index = Object.fromEntries(Object.entries(columns).map(([k, h]) => [k, header.get(fold(h))]));
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const get = (col: string) => (index[col] ? cellText(row.getCell(index[col])) : '');
    if (Object.keys(columns).every((c) => get(c) === '')) return;
    rows.push({ n, get });
  });
  return rows;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((w) => fold(w.name) === fold(name));
}

/**
 * A workbook: one procedure per row of "Thủ tục"; the other sheets hold its lists, one row per item, keyed by the
 * procedure code in their first column. Errors point at the sheet and row the value came from.
 */
export async function readXlsxFile(content: Buffer): Promise<ImportFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return { records: [], rejected: [{ row: 0, where: '', key: 'proc.import.badFile' }] };
  }
  const main = sheetOf(wb, SHEETS.procedures);
  if (!main) return { records: [], rejected: [{ row: 0, where: '', key: 'proc.import.sheetMissing', params: { sheet: SHEETS.procedures } }] };
  const byProcedure = <T extends Record<string, string>>(name: string, cols: T) => {
    const sheet = sheetOf(wb, name);
    const out = new Map<string, Row[]>();
    for (const r of sheet ? sheetRows(sheet, cols) : []) {
      const key = r.get('procedure');
      out.set(key, [...(out.get(key) ?? []), r]);
    }
    return out;
  };
  const docs = byProcedure(SHEETS.documents, COLUMNS.documents);
  const steps = byProcedure(SHEETS.steps, COLUMNS.steps);
  const fees = byProcedure(SHEETS.fees, COLUMNS.fees);
  const form = byProcedure(SHEETS.form, COLUMNS.form);
  const records: RawRecord[] = [];
  const rejected: RejectedRow[] = [];
  const mainRows = sheetRows(main, COLUMNS.procedures);
  const known = new Set(mainRows.map((r) => r.get('code')));
  for (const [sheet, rows] of [[SHEETS.documents, docs], [SHEETS.steps, steps], [SHEETS.fees, fees], [SHEETS.form, form]] as const) {
    for (const [key, items] of rows) if (!known.has(key)) rejected.push({ row: items[0]!.n, where: sheet, key: 'proc.import.orphan', params: { code: key } });
  }
  for (const r of mainRows) {
    const code = r.get('code');
    const d = docs.get(code) ?? [];
    const s = steps.get(code) ?? [];
    const f = fees.get(code) ?? [];
    const ff = form.get(code) ?? [];
    const agencyCodes = list(r.get('agencies'));
    const deskCodes = list(r.get('desks'));
    const sectionTitles = [...new Set(ff.map((x) => x.get('section')))];
    const sections = sectionTitles.map((title) => ({
      title,
      rows: ff.filter((x) => x.get('section') === title),
    }));
    const data = {
      code,
      name: r.get('name'),
      nameEn: opt(r.get('nameEn')),
      field: r.get('field'),
      fieldName: opt(r.get('fieldName')),
      level: readLevel(r.get('level')),
      legacyLevel: number(r.get('legacyLevel')),
      tier: readTier(r.get('tier')),
      owner: r.get('owner'),
      // One desk for all competent agencies, or one per agency in the same order.
      agencies: agencyCodes.map((agency, i) => ({ agency, desk: deskCodes.length === 1 ? deskCodes[0] : (deskCodes[i] ?? '') })),
      note: opt(r.get('note')),
      definition: {
        documents: d.map((x) => ({
          code: x.get('code'),
          name: x.get('name'),
          originals: number(x.get('originals')),
          copies: number(x.get('copies')),
          required: x.get('required') === '' ? undefined : yes(x.get('required')),
          electronicCopyAccepted: x.get('electronic') === '' ? undefined : yes(x.get('electronic')),
          accepts: x.get('accepts') === '' ? undefined : list(x.get('accepts').replace(/,/g, ';')).map(readKind),
          note: opt(x.get('note')),
        })),
        timeLimit: { unit: r.get('unit') === '' ? 'working_days' : readUnit(r.get('unit')), days: number(r.get('days')), onlineDays: number(r.get('onlineDays')) },
        fees: f.map((x) => ({ code: opt(x.get('code')), name: x.get('name'), amount: number(x.get('amount')), note: opt(x.get('note')) })),
        result: r.get('result'),
        legalBasis: r.get('legalBasis'),
        applicants: r.get('applicants') === '' ? undefined : list(r.get('applicants')).map(readApplicant),
        deliveries: r.get('deliveries') === '' ? undefined : list(r.get('deliveries')).map(readDelivery),
        steps: s.map((x) => ({ code: x.get('code'), name: x.get('name'), role: readRole(x.get('role')), share: number(x.get('share')) })),
        form: {
          sections: sections.map((sec) => ({
            title: sec.title,
            fields: sec.rows.map((x) => {
              const type = readType(x.get('type'));
              const text = type === 'text' || type === 'textarea';
              const min = number(x.get('min'));
              const max = number(x.get('max'));
              return {
                name: x.get('name'),
                type,
                label: x.get('label'),
                help: opt(x.get('help')),
                required: yes(x.get('required')),
                ...(text ? { minLength: min, maxLength: max } : type === 'number' ? { min, max } : {}),
                options: x.get('options') === '' ? undefined : parseOptions(x.get('options').replace(/;\s*/g, '\n')),
              };
            }),
          })),
        },
      },
    };
    const where = (path: PropertyKey[]): string => {
      const [head, group, i, ...rest] = path;
      if (head !== 'definition') return `${SHEETS.procedures} dòng ${r.n}: ${COLUMNS.procedures[String(head) as keyof typeof COLUMNS.procedures] ?? String(head)}`;
      const at = (sheet: string, rows: Row[], idx: unknown, col: unknown) =>
        typeof idx === 'number' && rows[idx] ? `${sheet} dòng ${rows[idx].n}${col !== undefined ? `: ${String(col)}` : ''}` : sheet;
      if (group === 'documents') return at(SHEETS.documents, d, i, rest[0]);
      if (group === 'steps') return at(SHEETS.steps, s, i, rest[0]);
      if (group === 'fees') return at(SHEETS.fees, f, i, rest[0]);
      if (group === 'form') {
        const [, sIdx, , fIdx, col] = path.slice(2);
        return typeof sIdx === 'number' && typeof fIdx === 'number' ? at(SHEETS.form, sections[sIdx]?.rows ?? [], fIdx, col) : SHEETS.form;
      }
      return `${SHEETS.procedures} dòng ${r.n}: ${String(group)}`;
    };
    records.push({ row: r.n, data, where });
  }
  return { records, rejected };
}

/** JSON or XLSX, told apart by the bytes (an XLSX file is a ZIP archive). */
export async function readImportFile(content: Buffer): Promise<ImportFile> {
  if (content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b) return readXlsxFile(content);
  return readJsonFile(content.toString('utf8'));
}
