import path from 'node:path';
import { desc, eq, inArray } from 'drizzle-orm';
import { agencies } from '../../org/schema.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { can, requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { issueError } from './definition-errors.js';
import { checkTemplates } from './edit-draft.js';
import { indexProcedure } from './index-procedure.js';
import { type ImportRecord, type RawRecord, type RejectedRow, importRecordSchema, readImportFile } from './import-file.js';
import { putInForce } from './publish-draft.js';
import { type CompetentAgency, actorUserId, agencyRowsOf, procedureSnapshot, saveAgencyRows, versionSnapshot } from './rules.js';
import { procedureFields, procedureVersions, procedures } from './schema.js';

export type ProcedureImportSummary = { total: number; created: number; updated: number; unchanged: number; rejected: RejectedRow[] };

export type ProcedureImportOptions = { fileName?: string; onProgress?: (done: number, total: number) => void };

/** JSON with its keys sorted, so two definitions compare equal whatever order jsonb gave their keys back in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const sameAgencies = (a: CompetentAgency[], b: CompetentAgency[]) => canonical([...a].sort((x, y) => (x.agencyId < y.agencyId ? -1 : 1))) === canonical([...b].sort((x, y) => (x.agencyId < y.agencyId ? -1 : 1)));

/** A row refused: every problem the schema found, each with its place in the file. */
class RowRejected extends Error {
  constructor(readonly rows: RejectedRow[]) {
    super('row rejected');
  }
}

function validate(r: RawRecord): ImportRecord {
  if (!r.data || typeof r.data !== 'object' || Array.isArray(r.data)) throw new RowRejected([{ row: r.row, where: '', key: 'proc.import.notObject' }]);
  const res = importRecordSchema.safeParse(r.data);
  if (res.success) return res.data;
  const seen = new Set<string>();
  const out: RejectedRow[] = [];
  for (const issue of res.error.issues) {
    const where = r.where(issue.path);
    if (seen.has(where)) continue;
    seen.add(where);
    out.push({ row: r.row, where, ...issueError(issue, r.data) });
  }
  throw new RowRejected(out);
}

/**
 * Imports procedures, one per JSON element or XLSX row, matched on their national code. A new procedure is created
 * with version 1 published; a known one has its catalogue columns and competent agencies brought in line, and gets
 * a new published version only when its definition differs from the one in force, so importing the same file
 * again changes nothing. Each procedure is one transaction: a bad row is reported (row, place, message) and leaves
 * nothing behind, and the good rows around it are saved.
 */
export async function importProcedures(ctx: Ctx, content: Buffer, opts: ProcedureImportOptions = {}): Promise<ProcedureImportSummary> {
  // Whoever keeps no procedure anywhere is refused outright; the rest are checked row by row, per owner.
  await requirePermission(ctx, 'procedure.manage', null);
  const file = await readImportFile(content);
  const summary: ProcedureImportSummary = { total: file.records.length, created: 0, updated: 0, unchanged: 0, rejected: [...file.rejected] };
  const firstRow = new Map<string, number>();
  let done = 0;
  opts.onProgress?.(0, file.records.length);
  for (const raw of file.records) {
    try {
      const rec = validate(raw);
      const earlier = firstRow.get(rec.code);
      if (earlier !== undefined) throw new RowRejected([{ row: raw.row, where: raw.where(['code']), key: 'proc.import.duplicate', params: { code: rec.code, row: earlier } }]);
      firstRow.set(rec.code, raw.row);
      const outcome = await importOne(ctx, raw, rec, opts.fileName);
      summary[outcome]++;
    } catch (err) {
      if (!(err instanceof RowRejected)) throw err;
      summary.rejected.push(...err.rows);
    }
    opts.onProgress?.(++done, file.records.length);
  }
  summary.rejected.sort((a, b) => a.row - b.row);
  return summary;
}

async function importOne(ctx: Ctx, raw: RawRecord, rec: ImportRecord, fileName: string | undefined): Promise<'created' | 'updated' | 'unchanged'> {
  const reject = (pathOf: PropertyKey[], key: RejectedRow['key'], params?: RejectedRow['params']) => new RowRejected([{ row: raw.row, where: raw.where(pathOf), key, params }]);
  const codes = [...new Set([rec.owner, ...rec.agencies.flatMap((a) => [a.agency, a.desk])])];
  const found = await ctx.db.select({ id: agencies.id, code: agencies.code, active: agencies.active, desk: agencies.hasOneStopDesk }).from(agencies).where(inArray(agencies.code, codes));
  const byCode = new Map(found.map((a) => [a.code, a]));
  const owner = byCode.get(rec.owner);
  if (!owner) throw reject(['owner'], 'proc.import.unknownAgency', { code: rec.owner });
  if (!(await can(ctx, 'procedure.manage', owner.id))) throw reject(['owner'], 'proc.import.forbidden', { code: rec.owner });
  const rows: CompetentAgency[] = [];
  for (const [i, a] of rec.agencies.entries()) {
    const agency = byCode.get(a.agency);
    const desk = byCode.get(a.desk);
    if (!agency?.active) throw reject(['agencies', i, 'agency'], 'proc.import.unknownAgency', { code: a.agency });
    if (!desk?.active) throw reject(['agencies', i, 'desk'], 'proc.import.unknownAgency', { code: a.desk });
    if (!desk.desk) throw reject(['agencies', i, 'desk'], 'proc.deskNotOneStop');
    if (rows.some((x) => x.agencyId === agency.id)) throw reject(['agencies', i, 'agency'], 'proc.agencyTwice');
    rows.push({ agencyId: agency.id, deskAgencyId: desk.id });
  }
  try {
    await checkTemplates(ctx.db, rec.definition);
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    const index = Number(Object.keys(err.fields)[0]!.split('.')[1]);
    throw reject(['definition', 'documents', index, 'templateFileId'], 'proc.templateMissing');
  }
  const [existing] = await ctx.db.select().from(procedures).where(eq(procedures.code, rec.code));
  if (existing && existing.ownerAgencyId !== owner.id && !(await can(ctx, 'procedure.manage', existing.ownerAgencyId))) throw reject(['code'], 'proc.import.forbidden', { code: rec.owner });

  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    let [field] = await tx.db.select().from(procedureFields).where(eq(procedureFields.code, rec.field));
    if (!field) {
      if (!rec.fieldName) throw reject(['field'], 'proc.import.unknownField', { code: rec.field });
      [field] = await tx.db.insert(procedureFields).values({ code: rec.field, name: rec.fieldName, createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, { action: 'procedure.field_created', entityType: 'procedure_field', entityId: field!.id, after: { code: rec.field, name: rec.fieldName } });
    }
    const columns = { name: rec.name, nameEn: rec.nameEn ?? null, fieldId: field!.id, level: rec.level, legacyLevel: rec.legacyLevel ?? null, tier: rec.tier, ownerAgencyId: owner.id };
    const by = actorUserId(tx);
    if (!existing) {
      const [p] = await tx.db.insert(procedures).values({ code: rec.code, ...columns, createdAt: now, updatedAt: now }).returning();
      await saveAgencyRows(tx.db, p!.id, rows);
      const [v] = await tx.db.insert(procedureVersions).values({ procedureId: p!.id, number: 1, definition: rec.definition, note: rec.note ?? null, createdBy: by, createdAt: now, updatedAt: now }).returning();
      const published = await putInForce(tx, p!.id, v!.id);
      await recordAudit(tx, { action: 'procedure.imported', entityType: 'procedure', entityId: p!.id, agencyId: owner.id, after: { ...procedureSnapshot(p!, rows), version: versionSnapshot(published), file: fileName ? path.basename(fileName) : null, row: raw.row } });
      return 'created';
    }
    const [before] = await tx.db.select().from(procedures).where(eq(procedures.id, existing.id)).for('update');
    const beforeRows = await agencyRowsOf(tx.db, before!.id);
    const versions = await tx.db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, before!.id)).orderBy(desc(procedureVersions.number));
    const current = versions.find((v) => v.id === before!.currentVersionId);
    const catalogueChanged = Object.entries(columns).some(([k, v]) => before![k as keyof typeof columns] !== v) || !sameAgencies(beforeRows, rows);
    const definitionChanged = !current || canonical(current.definition) !== canonical(rec.definition);
    if (!catalogueChanged && !definitionChanged) return 'unchanged';
    let after = before!;
    if (catalogueChanged) {
      const [updated] = await tx.db.update(procedures).set({ ...columns, version: before!.version + 1, updatedAt: now }).where(eq(procedures.id, before!.id)).returning();
      after = updated!;
      await saveAgencyRows(tx.db, before!.id, rows);
    }
    let published = null;
    if (definitionChanged) {
      const [v] = await tx.db
        .insert(procedureVersions)
        .values({ procedureId: before!.id, number: (versions[0]?.number ?? 0) + 1, definition: rec.definition, note: rec.note ?? null, createdBy: by, createdAt: now, updatedAt: now })
        .returning();
      published = await putInForce(tx, before!.id, v!.id);
    } else {
      // A rename shows in search even when the rules stay the same.
      await indexProcedure(tx.db, before!.id);
    }
    await recordAudit(tx, {
      action: 'procedure.imported',
      entityType: 'procedure',
      entityId: before!.id,
      agencyId: owner.id,
      before: procedureSnapshot(before!, beforeRows),
      after: { ...procedureSnapshot(after, rows), version: published ? versionSnapshot(published) : null, file: fileName ? path.basename(fileName) : null, row: raw.row },
    });
    return 'updated';
  });
}
