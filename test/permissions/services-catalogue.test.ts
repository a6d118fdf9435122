import { after, before, describe } from 'node:test';
import { eq } from 'drizzle-orm';
import { agencies } from '../../src/org/schema.js';
import type { Ctx } from '../../src/platform/context.js';
import { Forbidden } from '../../src/platform/errors.js';
import { attachTemplate } from '../../src/services/procedures/attach-template.js';
import { changeFieldStatus } from '../../src/services/procedures/change-field-status.js';
import { changeProcedureStatus } from '../../src/services/procedures/change-procedure-status.js';
import { createField } from '../../src/services/procedures/create-field.js';
import { createProcedure } from '../../src/services/procedures/create-procedure.js';
import { definitionToValues } from '../../src/services/procedures/draft-form.js';
import { editDraft } from '../../src/services/procedures/edit-draft.js';
import { editProcedure } from '../../src/services/procedures/edit-procedure.js';
import { importProcedures } from '../../src/services/procedures/import-procedures.js';
import { publishDraft } from '../../src/services/procedures/publish-draft.js';
import { listProcedures } from '../../src/services/procedures/queries.js';
import { procedureFields, procedureVersions, procedures } from '../../src/services/procedures/schema.js';
import { startDraft } from '../../src/services/procedures/start-draft.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeAgency } from '../support/factories.js';
import { aDefinition, makeField, makeProcedure } from '../support/service-factories.js';
import { type Action, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: procedure.manage belongs to system_admin and agency_admin, and is
// checked against the procedure's owner agency. The administrator of A holds it over A1 too; the administrator of A1
// only there. Fields of procedures are the province's one list: only a system-wide grant changes them.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('permission matrix: procedure catalogue', () => {
  let env: TestEnv;
  let w: World;
  let desk: { id: string; code: string };
  let field: { id: string; code: string };
  const owners = () => ({ A: w.tree.A.id, A1: w.tree.A1.id, B: w.tree.B.id });

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    desk = await makeAgency(w.db, { type: 'service_centre', hasOneStopDesk: true });
    field = await makeField(w.db);
  });
  after(() => env.close());

  let n = 0;
  const code = () => `9.${String(300000 + ++n)}`;
  const procRow = (id: string) => () => w.db.select().from(procedures).where(eq(procedures.id, id));
  const versionRows = (id: string) => () => w.db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, id));
  const byCode = (c: string) => () => w.db.select().from(procedures).where(eq(procedures.code, c));
  type P = Awaited<ReturnType<typeof makeProcedure>>;

  const onProcedure = (expect: string, name: string, owner: 'A' | 'A1' | 'B', run: (p: P) => (ctx: Ctx) => Promise<unknown>, opts: { unpublished?: boolean; state?: 'versions' } = {}): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const p = await makeProcedure(w.db, { code: code(), ownerAgencyId: owners()[owner], fieldId: field.id, deskAgencyId: desk.id, unpublished: opts.unpublished });
      return { run: run(p), state: opts.state === 'versions' ? versionRows(p.id) : procRow(p.id) };
    },
  });

  const create = (expect: string, owner: 'A' | 'A1' | 'B'): Action => ({
    name: `add a procedure kept by ${owner}`,
    expect,
    effect: 'change',
    setup: async () => {
      const c = code();
      const input = { code: c, name: 'Thủ tục kiểm tra quyền', fieldId: field.id, level: 'partial', tier: 'province', ownerAgencyId: owners()[owner], result: 'Kết quả', timeDays: '5', 'agency.0': owners()[owner], 'desk.0': desk.id };
      return { run: (ctx) => createProcedure(ctx, input), state: byCode(c) };
    },
  });

  const catalogue = (p: P) => ({ code: p.code, name: `${p.name} (sửa)`, fieldId: p.fieldId, level: p.level, tier: p.tier, ownerAgencyId: p.ownerAgencyId, version: String(p.version), 'agency.0': p.ownerAgencyId, 'desk.0': desk.id });
  const draftForm = (over = {}) => ({ ...definitionToValues(aDefinition(over)), revision: '1', 'rows.doc': '2', 'rows.fee': '0', 'rows.step': '3', 'rows.ff': '2' });
  const deps = () => ({ storage: env.storage, maxBytes: env.config.maxUploadBytes });

  /** The import reports a refused owner as a rejected row; here that row counts as the refusal it is. */
  const importFor = (expect: string, owner: 'A' | 'B'): Action => ({
    name: `import a procedure kept by ${owner}`,
    expect,
    effect: 'change',
    setup: async () => {
      const c = code();
      const [a] = await w.db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, owners()[owner]));
      const row = { code: c, name: 'Thủ tục nhập kiểm tra quyền', field: field.code, level: 'partial', tier: 'province', owner: a!.code, agencies: [{ agency: a!.code, desk: desk.code }], definition: aDefinition() };
      return {
        run: async (ctx) => {
          const s = await importProcedures(ctx, Buffer.from(JSON.stringify([row])));
          if (s.rejected.some((r) => r.key === 'proc.import.forbidden')) throw new Forbidden();
          return s;
        },
        state: byCode(c),
      };
    },
  });

  matrixTests(() => w, [
    create('Y   Y   N   N   N   N   N   N   N   N   N', 'A'),
    create('Y   Y   Y   N   N   N   N   N   N   N   N', 'A1'),
    create('Y   N   N   N   N   N   N   N   N   N   N', 'B'),
    onProcedure('Y   Y   N   N   N   N   N   N   N   N   N', 'edit the catalogue entry of a procedure kept by A', 'A', (p) => (ctx) => editProcedure(ctx, p.id, catalogue(p))),
    onProcedure('Y   N   N   N   N   N   N   N   N   N   N', 'edit the catalogue entry of a procedure kept by B', 'B', (p) => (ctx) => editProcedure(ctx, p.id, catalogue(p))),
    onProcedure('Y   Y   N   N   N   N   N   N   N   N   N', 'deactivate a procedure kept by A', 'A', (p) => (ctx) => changeProcedureStatus(ctx, p.id, false, { version: '1' })),
    onProcedure('Y   Y   Y   N   N   N   N   N   N   N   N', 'start a new draft of a procedure kept by A1', 'A1', (p) => (ctx) => startDraft(ctx, p.id), { state: 'versions' }),
    onProcedure('Y   Y   N   N   N   N   N   N   N   N   N', 'edit the draft of a procedure kept by A', 'A', (p) => (ctx) => editDraft(ctx, p.id, p.currentVersion.id, draftForm({ result: 'Kết quả mới' })), { unpublished: true, state: 'versions' }),
    onProcedure('Y   Y   N   N   N   N   N   N   N   N   N', 'publish the draft of a procedure kept by A', 'A', (p) => (ctx) => publishDraft(ctx, p.id, p.currentVersion.id, { revision: '1' }), { unpublished: true }),
    onProcedure('Y   N   N   N   N   N   N   N   N   N   N', 'publish the draft of a procedure kept by B', 'B', (p) => (ctx) => publishDraft(ctx, p.id, p.currentVersion.id, { revision: '1' }), { unpublished: true }),
    onProcedure('Y   Y   N   N   N   N   N   N   N   N   N', 'attach a blank form to the draft of a procedure kept by A', 'A', (p) => (ctx) => attachTemplate(ctx, deps(), p.id, p.currentVersion.id, { name: 'to-khai.pdf', content: PDF }, { revision: '1', document: 'TP1' }), { unpublished: true, state: 'versions' }),
    importFor('Y   Y   N   N   N   N   N   N   N   N   N', 'A'),
    importFor('Y   N   N   N   N   N   N   N   N   N   N', 'B'),
    {
      name: 'add a field of procedures',
      expect: 'Y   N   N   N   N   N   N   N   N   N   N',
      effect: 'change',
      setup: async () => {
        const c = `LV-${++n}`;
        return { run: (ctx) => createField(ctx, { code: c, name: 'Lĩnh vực kiểm tra' }), state: () => w.db.select().from(procedureFields).where(eq(procedureFields.code, c)) };
      },
    },
    {
      name: 'deactivate a field of procedures',
      expect: 'Y   N   N   N   N   N   N   N   N   N   N',
      effect: 'change',
      setup: async () => {
        const f = await makeField(w.db);
        return { run: (ctx) => changeFieldStatus(ctx, f.id, false, { version: '1' }), state: () => w.db.select().from(procedureFields).where(eq(procedureFields.id, f.id)) };
      },
    },
    {
      name: 'see a procedure kept by A in the back-office list',
      expect: 'Y   Y   h   h   h   h   h   h   h   h   h',
      effect: 'none',
      setup: async () => {
        const p = await makeProcedure(w.db, { ownerAgencyId: w.tree.A.id, fieldId: field.id, deskAgencyId: desk.id });
        return {
          run: (ctx) => listProcedures(ctx, { q: p.code, page: 1 }),
          state: procRow(p.id),
          shows: (r) => (r as Awaited<ReturnType<typeof listProcedures>>).rows.some((x) => x.id === p.id),
        };
      },
    },
  ]);
});
