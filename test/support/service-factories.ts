import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../src/platform/db/client.js';
import type { VersionDefinition } from '../../src/services/procedures/definition.js';
import { calendarYears } from '../../src/services/calendar/schema.js';
import { procedureAgencies, procedureFields, procedureVersions, procedures } from '../../src/services/procedures/schema.js';
import { makeAgency } from './factories.js';

let seq = 0;
const next = () => `${++seq}${randomBytes(2).toString('hex')}`;
// National codes look like 1.000656: a random base per test process keeps them unique within its databases.
const codeBase = randomBytes(3).readUIntBE(0, 3) % 900_000;
const nextCode = () => `9.${String((codeBase + ++seq) % 1_000_000).padStart(6, '0')}`;

export async function makeField(db: Queryable, over: Partial<typeof procedureFields.$inferInsert> = {}) {
  const [row] = await db
    .insert(procedureFields)
    .values({ code: `LV${next()}`, name: `Lĩnh vực thử ${next()}`, ...over })
    .returning();
  return row!;
}

/** A small but complete definition: two documents, five working days, three steps, a short e-form. */
export function aDefinition(over: Partial<VersionDefinition> = {}): VersionDefinition {
  return {
    documents: [
      { code: 'TP1', name: 'Tờ khai theo mẫu', originals: 1, copies: 0, required: true, electronicCopyAccepted: true, accepts: ['pdf', 'image'] },
      { code: 'TP2', name: 'Bản sao giấy tờ chứng minh', originals: 0, copies: 1, required: false, electronicCopyAccepted: true, accepts: ['pdf', 'image'] },
    ],
    timeLimit: { unit: 'working_days', days: 5 },
    fees: [],
    result: 'Giấy xác nhận',
    legalBasis: 'Nghị định số 61/2018/NĐ-CP',
    applicants: ['citizen'],
    deliveries: ['counter', 'post', 'electronic'],
    steps: [
      { code: 'XL', name: 'Thẩm định, xử lý hồ sơ', role: 'specialist', share: 60 },
      { code: 'PD', name: 'Phê duyệt kết quả', role: 'leader', share: 25 },
      { code: 'PH', name: 'Vào sổ, ban hành kết quả', role: 'clerk', share: 15 },
    ],
    form: {
      sections: [
        {
          title: 'Nội dung đề nghị',
          fields: [
            { name: 'noi_dung', type: 'textarea', label: 'Nội dung đề nghị', required: true, maxLength: 2000 },
            { name: 'so_ban', type: 'number', label: 'Số bản đề nghị cấp', required: true, min: 1, max: 10 },
          ],
        },
      ],
    },
    ...over,
  };
}

type ProcedureOpts = Partial<typeof procedures.$inferInsert> & {
  definition?: VersionDefinition;
  /** Competent agencies; defaults to the owner. Each receives at its own desk unless deskAgencyId is given. */
  agencyIds?: string[];
  deskAgencyId?: string;
  /** Leave the procedure with only a draft version. */
  unpublished?: boolean;
};

/** A procedure with version 1 published and current, competent agencies and their desk. */
export async function makeProcedure(db: Queryable, opts: ProcedureOpts = {}) {
  const { definition, agencyIds, deskAgencyId, unpublished, ...over } = opts;
  const fieldId = over.fieldId ?? (await makeField(db)).id;
  const ownerAgencyId = over.ownerAgencyId ?? (await makeAgency(db)).id;
  const [procedure] = await db
    .insert(procedures)
    .values({ code: nextCode(), name: `Thủ tục thử ${next()}`, level: 'full_online', tier: 'province', ...over, fieldId, ownerAgencyId })
    .returning();
  const [version] = await db
    .insert(procedureVersions)
    .values({
      procedureId: procedure!.id,
      number: 1,
      status: unpublished ? 'draft' : 'published',
      definition: definition ?? aDefinition(),
      publishedAt: unpublished ? null : new Date(),
    })
    .returning();
  if (!unpublished) await db.update(procedures).set({ currentVersionId: version!.id }).where(eq(procedures.id, procedure!.id));
  for (const agencyId of agencyIds ?? [ownerAgencyId]) {
    await db.insert(procedureAgencies).values({ procedureId: procedure!.id, agencyId, deskAgencyId: deskAgencyId ?? agencyId });
  }
  return { ...procedure!, currentVersionId: unpublished ? null : version!.id, currentVersion: version! };
}

/** Confirms calendar years with the default week and no special days, so deadlines can be counted through them. */
export async function confirmCalendarYears(db: Queryable, years: number[] = [2026, 2027]) {
  await db
    .insert(calendarYears)
    .values(years.map((year) => ({ year, notice: 'Thử nghiệm', confirmedAt: new Date('2025-12-01T00:00:00Z') })))
    .onConflictDoNothing();
}
