import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import type { Queryable, Tx } from '../platform/db/client.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Invalid } from '../platform/errors.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { addDays, isIsoDate } from '../platform/dates.js';
import { adminUnitSuccessors, adminUnits } from './schema.js';
import { type ParsedFile, type Rejected, readUnitFile } from './unit-import-file.js';
import { type Unit, type UnitLevel, unitKinds, unitLevels } from './unit-rules.js';

export type ImportOptions = {
  /** The day the units in the file take effect; predecessors end the day before. */
  validFrom: string;
  /** Start of validity given to predecessor units the database does not know yet (the files carry none). */
  oldValidFrom: string;
  /** With --strict a single rejected line means nothing is written. */
  strict: boolean;
  onProgress?: (done: number, total: number) => void;
};

export type ImportSummary = {
  layout: ParsedFile['layout'];
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
  /** Predecessor units added as history, and existing ones whose validity was ended (successor files). */
  oldUnits: { created: number; ended: number };
  written: boolean;
};

const BATCH = 500;
type NewUnit = typeof adminUnits.$inferInsert;
type Change = { id: string; name: string; kind: string; parentId: string | null; validTo: string | null };

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

const keyOf = (level: UnitLevel, code: string) => `${level}|${code}`;

async function loadUnits(db: Queryable, levels: UnitLevel[]): Promise<Map<string, Unit[]>> {
  const rows = await db.select().from(adminUnits).where(inArray(adminUnits.level, levels));
  const map = new Map<string, Unit[]>();
  for (const r of rows) {
    const k = keyOf(r.level, r.code);
    map.set(k, [...(map.get(k) ?? []), r]);
  }
  return map;
}

const validAt = (rows: Unit[] | undefined, day: string) => rows?.find((r) => r.validFrom <= day && (r.validTo === null || r.validTo >= day));

/** "Tỉnh Hà Giang" → tỉnh, "Huyện Côn Đảo" → huyện: the successor files give old units only a name. */
function kindFromName(level: UnitLevel, name: string): string | null {
  const lower = name.toLowerCase();
  const kind = [...unitKinds[level]].sort((a, b) => b.length - a.length).find((k) => lower.startsWith(`${k} `));
  if (!kind) return null;
  return level === 'province' && kind === 'thành phố' ? 'thành phố trực thuộc trung ương' : kind;
}

type Plan = {
  inserts: (NewUnit & { key: string })[];
  changes: Change[];
  links: { line: number; oldKey: string; oldId?: string; newId: string; part: 'full' | 'partial' }[];
  summary: ImportSummary;
};

function planUnits(file: Extract<ParsedFile, { layout: 'provinces' | 'communes' }>, units: Map<string, Unit[]>, vf: string, summary: ImportSummary, now: Date): Plan {
  const plan: Plan = { inserts: [], changes: [], links: [], summary };
  const dayBefore = addDays(vf, -1);
  const level: UnitLevel = file.layout === 'provinces' ? 'province' : 'commune';
  for (const rec of file.records) {
    let parentId: string | null = null;
    if ('provinceCode' in rec) {
      const province = validAt(units.get(keyOf('province', rec.provinceCode)), vf);
      if (!province) {
        summary.rejected.push({ line: rec.line, column: 'province_code', key: 'unit.import.provinceMissing', params: { code: rec.provinceCode, date: vf } });
        continue;
      }
      parentId = province.id;
    }
    const key = keyOf(level, rec.code);
    const rows = units.get(key) ?? [];
    const cur = validAt(rows, vf);
    const fresh = { key, code: rec.code, name: rec.name, kind: rec.kind, level, parentId, validFrom: vf, createdAt: now, updatedAt: now };
    if (!cur) {
      if (rows.some((r) => r.validFrom > vf)) summary.rejected.push({ line: rec.line, column: 'code', key: 'unit.import.laterVersion', params: { code: rec.code, date: vf } });
      else {
        plan.inserts.push(fresh);
        summary.created++;
      }
    } else if (cur.name === rec.name && cur.kind === rec.kind && cur.parentId === parentId) {
      summary.unchanged++;
    } else if (cur.validFrom === vf) {
      // The same edition imported again with corrections: fix it in place.
      plan.changes.push({ id: cur.id, name: rec.name, kind: rec.kind, parentId, validTo: cur.validTo });
      summary.updated++;
    } else if (cur.validFrom >= dayBefore) {
      summary.rejected.push({ line: rec.line, column: 'code', key: 'unit.import.oldUnitClash', params: { code: rec.code } });
    } else {
      // A changed unit from an earlier edition: the old version ends, the new one starts, history stays.
      plan.changes.push({ id: cur.id, name: cur.name, kind: cur.kind, parentId: cur.parentId, validTo: dayBefore });
      plan.inserts.push(fresh);
      summary.updated++;
    }
  }
  return plan;
}

function planSuccessors(file: Extract<ParsedFile, { layout: 'successors' }>, units: Map<string, Unit[]>, opts: ImportOptions, summary: ImportSummary, now: Date): Plan {
  const plan: Plan = { inserts: [], changes: [], links: [], summary };
  const vf = opts.validFrom;
  const dayBefore = addDays(vf, -1);
  const olds = new Map<string, { line: number; name: string; id?: string }>();
  for (const rec of file.records) {
    const successor = validAt(units.get(keyOf(rec.level, rec.newCode)), vf);
    if (!successor) {
      summary.rejected.push({ line: rec.line, column: 'new_code', key: 'unit.import.newUnitMissing', params: { code: rec.newCode, date: vf } });
      continue;
    }
    const oldKey = keyOf(rec.oldLevel, rec.oldCode);
    const known = olds.get(oldKey);
    if (known) {
      if (known.name !== rec.oldName) {
        summary.rejected.push({ line: rec.line, column: 'old_name', key: 'unit.import.oldNameConflict', params: { line: known.line } });
        continue;
      }
      plan.links.push({ line: rec.line, oldKey, oldId: known.id, newId: successor.id, part: rec.part });
      continue;
    }
    const rows = units.get(oldKey) ?? [];
    const cur = validAt(rows, dayBefore);
    if (cur && cur.id === successor.id) {
      // The unit carried on unchanged across the reform: it is its own continuation, not a successor.
      summary.unchanged++;
      continue;
    }
    if (cur) {
      if (cur.validTo !== dayBefore) {
        if (cur.validFrom >= dayBefore) {
          summary.rejected.push({ line: rec.line, column: 'old_code', key: 'unit.import.oldUnitClash', params: { code: rec.oldCode } });
          continue;
        }
        plan.changes.push({ id: cur.id, name: cur.name, kind: cur.kind, parentId: cur.parentId, validTo: dayBefore });
        summary.oldUnits.ended++;
      }
      olds.set(oldKey, { line: rec.line, name: rec.oldName, id: cur.id });
      plan.links.push({ line: rec.line, oldKey, oldId: cur.id, newId: successor.id, part: rec.part });
      continue;
    }
    const kind = kindFromName(rec.oldLevel, rec.oldName);
    if (!kind) {
      summary.rejected.push({ line: rec.line, column: 'old_name', key: 'unit.kindInvalid', params: { kinds: unitKinds[rec.oldLevel].join(', ') } });
      continue;
    }
    if (rows.some((r) => r.validFrom < vf) || opts.oldValidFrom >= dayBefore) {
      summary.rejected.push({ line: rec.line, column: 'old_code', key: 'unit.import.oldUnitClash', params: { code: rec.oldCode } });
      continue;
    }
    plan.inserts.push({ key: oldKey, code: rec.oldCode, name: rec.oldName, kind, level: rec.oldLevel, parentId: null, validFrom: opts.oldValidFrom, validTo: dayBefore, createdAt: now, updatedAt: now });
    summary.oldUnits.created++;
    olds.set(oldKey, { line: rec.line, name: rec.oldName });
    plan.links.push({ line: rec.line, oldKey, newId: successor.id, part: rec.part });
  }
  return plan;
}

async function applyChanges(tx: Tx, changes: Change[], now: Date): Promise<void> {
  const values = changes.map((c) => sql`(${c.id}::uuid, ${c.name}, ${c.kind}, ${c.parentId}::uuid, ${c.validTo}::date)`);
  await tx.execute(sql`
    update admin_units as u
       set name = v.name, kind = v.kind, parent_id = v.parent_id, valid_to = v.valid_to, version = u.version + 1, updated_at = ${now}
      from (values ${sql.join(values, sql`, `)}) as v(id, name, kind, parent_id, valid_to)
     where u.id = v.id`);
}

/**
 * Imports one file of administrative units (provinces, communes or successor links) in a single
 * transaction. Valid lines are imported and rejected ones reported with their reason, unless `strict`,
 * where any rejected line means nothing is written. Running the same file twice changes nothing.
 */
export async function importUnits(ctx: Ctx, file: { name: string; content: string }, opts: ImportOptions): Promise<ImportSummary> {
  requireSystemWide(ctx, 'unit.manage');
  if (!isIsoDate(opts.validFrom)) throw new Invalid({ validFrom: { key: 'field.date' } });
  if (!isIsoDate(opts.oldValidFrom)) throw new Invalid({ oldValidFrom: { key: 'field.date' } });
  const parsed = readUnitFile(file.content, file.name);
  const summary: ImportSummary = { layout: parsed.layout, total: parsed.total, created: 0, updated: 0, unchanged: 0, rejected: [...parsed.rejected], oldUnits: { created: 0, ended: 0 }, written: false };
  const now = ctx.now();
  return inTransaction(ctx, async (tx) => {
    const units = await loadUnits(tx.db, parsed.layout === 'successors' ? [...unitLevels] : parsed.layout === 'provinces' ? ['province'] : ['province', 'commune']);
    const plan = parsed.layout === 'successors' ? planSuccessors(parsed, units, opts, summary, now) : planUnits(parsed, units, opts.validFrom, summary, now);
    summary.rejected.sort((a, b) => a.line - b.line);
    if (opts.strict && summary.rejected.length) return summary;
    const total = plan.changes.length + plan.inserts.length + plan.links.length;
    let done = 0;
    const progress = (n: number) => opts.onProgress?.((done += n), total);
    progress(0);
    for (const batch of chunks(plan.changes)) {
      await applyChanges(tx.db, batch, now);
      progress(batch.length);
    }
    const ids = new Map<string, string>();
    for (const batch of chunks(plan.inserts)) {
      const rows = await tx.db
        .insert(adminUnits)
        .values(batch.map(({ key: _k, ...v }) => v))
        .returning({ id: adminUnits.id, code: adminUnits.code, level: adminUnits.level });
      for (const r of rows) ids.set(keyOf(r.level, r.code), r.id);
      progress(batch.length);
    }
    if (plan.links.length) await writeLinks(tx.db, plan, ids, progress);
    await recordAudit(tx, {
      action: 'unit.imported',
      entityType: 'admin_unit_import',
      entityId: path.basename(file.name),
      after: { file: path.basename(file.name), layout: summary.layout, validFrom: opts.validFrom, total: summary.total, created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length, oldUnits: summary.oldUnits },
    });
    summary.written = true;
    return summary;
  });
}

async function writeLinks(db: Tx, plan: Plan, ids: Map<string, string>, progress: (n: number) => void): Promise<void> {
  const existing = new Map((await db.select().from(adminUnitSuccessors)).map((l) => [`${l.predecessorId}|${l.successorId}`, l.part]));
  const inserts: (typeof adminUnitSuccessors.$inferInsert)[] = [];
  const updates: typeof inserts = [];
  for (const l of plan.links) {
    const predecessorId = l.oldId ?? ids.get(l.oldKey)!;
    const part = existing.get(`${predecessorId}|${l.newId}`);
    const link = { predecessorId, successorId: l.newId, part: l.part };
    if (part === undefined) {
      inserts.push(link);
      plan.summary.created++;
    } else if (part !== l.part) {
      updates.push(link);
      plan.summary.updated++;
    } else plan.summary.unchanged++;
  }
  for (const batch of chunks(inserts)) {
    await db.insert(adminUnitSuccessors).values(batch);
    progress(batch.length);
  }
  for (const batch of chunks(updates)) {
    const values = batch.map((u) => sql`(${u.predecessorId}::uuid, ${u.successorId}::uuid, ${u.part})`);
    await db.execute(sql`
      update admin_unit_successors as s set part = v.part
        from (values ${sql.join(values, sql`, `)}) as v(p, s2, part)
       where s.predecessor_id = v.p and s.successor_id = v.s2`);
    progress(batch.length);
  }
  progress(plan.links.length - inserts.length - updates.length);
}
