import { parse } from 'csv-parse/sync';
import { Invalid } from '../platform/errors.js';
import type { MessageKey, MessageParams } from '../platform/i18n/index.js';
import { codeDigits, codeFits, kindFits, normaliseKind, type UnitLevel, unitKinds, unitLevels } from './unit-rules.js';

/** The three layouts of the official 2025 lists, told apart by their header. */
export const layouts = {
  provinces: ['code', 'name', 'type'],
  communes: ['code', 'name', 'type', 'province_code'],
  successors: ['level', 'new_code', 'new_name', 'old_code', 'old_name', 'part'],
} as const;
export type Layout = keyof typeof layouts;

/** A line of the file (or item of a JSON array) that was not imported, and why. */
export type Rejected = { line: number; key: MessageKey; params?: MessageParams; column?: string };

export type ProvinceRecord = { line: number; code: string; name: string; kind: string };
export type CommuneRecord = ProvinceRecord & { provinceCode: string };
/** The old unit's level comes from its code's length: some communes of 2025 replaced whole island districts. */
export type SuccessorRecord = {
  line: number;
  level: 'province' | 'commune';
  newCode: string;
  newName: string;
  oldLevel: UnitLevel;
  oldCode: string;
  oldName: string;
  part: 'full' | 'partial';
};

function levelOfCode(code: string): UnitLevel | null {
  for (const level of unitLevels) if (codeFits(level, code)) return level;
  return null;
}

export type ParsedFile =
  | { layout: 'provinces'; records: ProvinceRecord[]; rejected: Rejected[]; total: number }
  | { layout: 'communes'; records: CommuneRecord[]; rejected: Rejected[]; total: number }
  | { layout: 'successors'; records: SuccessorRecord[]; rejected: Rejected[]; total: number };

type Row = { line: number; values: Record<string, string> };

function unknownLayout(): Invalid {
  const list = Object.values(layouts)
    .map((h) => h.join(','))
    .join(' | ');
  return new Invalid({ file: { key: 'unit.import.unknownLayout', params: { layouts: list } } });
}

function detect(header: string[]): Layout {
  const given = header.map((h) => h.trim().toLowerCase()).sort().join(',');
  for (const [name, cols] of Object.entries(layouts)) if ([...cols].sort().join(',') === given) return name as Layout;
  throw unknownLayout();
}

function readCsv(content: string): { layout: Layout; rows: Row[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // relax_column_count: a line with too few or too many cells is rejected on its own, not the whole file.
    records = parse(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    throw new Invalid({ file: { key: 'unit.import.unreadable', params: { reason: err instanceof Error ? err.message : String(err) } } });
  }
  const [head, ...body] = records;
  if (!head) throw unknownLayout();
  const header = head.record.map((h) => h.trim().toLowerCase());
  const layout = detect(header);
  const rows = body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      if (record[i] !== undefined) values[h] = record[i]!;
    });
    if (record.length !== header.length) values['#cells'] = String(record.length);
    return { line: info.lines, values };
  });
  return { layout, rows };
}

function readJson(content: string): { layout: Layout; rows: Row[] } {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Invalid({ file: { key: 'unit.import.unreadable', params: { reason: err instanceof Error ? err.message : String(err) } } });
  }
  if (!Array.isArray(data) || data.length === 0 || typeof data[0] !== 'object' || data[0] === null) throw unknownLayout();
  const layout = detect(Object.keys(data[0] as object));
  const rows = data.map((item, i) => {
    const values: Record<string, string> = {};
    if (item && typeof item === 'object') {
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) if (typeof v === 'string') values[k.trim().toLowerCase()] = v.trim();
    }
    return { line: i + 1, values };
  });
  return { layout, rows };
}

const clean = (s: string | undefined) => (s ?? '').normalize('NFC').trim();

function requireCells(row: Row, columns: readonly string[], out: Rejected[]): boolean {
  if (row.values['#cells']) {
    out.push({ line: row.line, key: 'field.invalid' });
    return false;
  }
  for (const c of columns) {
    if (!clean(row.values[c])) {
      out.push({ line: row.line, column: c, key: 'field.required' });
      return false;
    }
  }
  return true;
}

function checkUnit(row: Row, level: UnitLevel, code: string, kind: string, name: string, codeColumn: string, out: Rejected[]): boolean {
  if (!codeFits(level, code)) out.push({ line: row.line, column: codeColumn, key: 'unit.codeFormat', params: { digits: codeDigits[level] } });
  else if (kind && !kindFits(level, kind)) out.push({ line: row.line, column: 'type', key: 'unit.kindInvalid', params: { kinds: unitKinds[level].join(', ') } });
  else if (name.length > 200) out.push({ line: row.line, column: 'name', key: 'field.tooLong', params: { max: 200 } });
  else return true;
  return false;
}

/**
 * Reads a CSV (with or without BOM, CRLF or LF) or a JSON array, recognises the layout and checks every
 * line on its own; duplicates of an earlier line are rejected with a pointer to it.
 */
export function readUnitFile(content: string, fileName: string): ParsedFile {
  const isJson = fileName.toLowerCase().endsWith('.json') || /^\uFEFF?\s*\[/.test(content);
  const { layout, rows } = isJson ? readJson(content) : readCsv(content);
  const rejected: Rejected[] = [];
  const seen = new Map<string, number>();
  const firstSeen = (key: string, line: number): boolean => {
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rejected.push({ line, key: 'unit.import.duplicate', params: { line: earlier } });
      return false;
    }
    seen.set(key, line);
    return true;
  };
  if (layout === 'successors') {
    const records: SuccessorRecord[] = [];
    for (const row of rows) {
      if (!requireCells(row, layouts.successors, rejected)) continue;
      const v = (c: string) => clean(row.values[c]);
      const level = v('level').toLowerCase();
      const part = v('part').toLowerCase();
      if (level !== 'province' && level !== 'commune') rejected.push({ line: row.line, column: 'level', key: 'unit.import.level' });
      else if (part !== 'full' && part !== 'partial') rejected.push({ line: row.line, column: 'part', key: 'unit.import.part' });
      else if (checkUnit(row, level, v('new_code'), '', v('new_name'), 'new_code', rejected)) {
        const oldLevel = levelOfCode(v('old_code'));
        if (!oldLevel) rejected.push({ line: row.line, column: 'old_code', key: 'unit.codeFormat', params: { digits: codeDigits[level] } });
        else if (checkUnit(row, oldLevel, v('old_code'), '', v('old_name'), 'old_code', rejected) && firstSeen(`${level}|${v('new_code')}|${v('old_code')}`, row.line)) {
          records.push({ line: row.line, level, newCode: v('new_code'), newName: v('new_name'), oldLevel, oldCode: v('old_code'), oldName: v('old_name'), part });
        }
      }
    }
    return { layout, records, rejected, total: rows.length };
  }
  const level: UnitLevel = layout === 'provinces' ? 'province' : 'commune';
  const records: CommuneRecord[] = [];
  for (const row of rows) {
    if (!requireCells(row, layouts[layout], rejected)) continue;
    const code = clean(row.values.code);
    const name = clean(row.values.name);
    const kind = normaliseKind(row.values.type ?? '');
    const provinceCode = clean(row.values.province_code);
    if (layout === 'communes' && !codeFits('province', provinceCode)) {
      rejected.push({ line: row.line, column: 'province_code', key: 'unit.codeFormat', params: { digits: codeDigits.province } });
      continue;
    }
    if (checkUnit(row, level, code, kind, name, 'code', rejected) && firstSeen(code, row.line)) records.push({ line: row.line, code, name, kind, provinceCode });
  }
  return layout === 'provinces'
    ? { layout, records: records.map(({ provinceCode: _p, ...r }) => r), rejected, total: rows.length }
    : { layout, records, rejected, total: rows.length };
}
