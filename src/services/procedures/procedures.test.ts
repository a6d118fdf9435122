import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { auditLog } from '../../platform/schema.js';
import { searchEntries } from '../../portal/schema.js';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { aDefinition, makeField, makeProcedure } from '../../../test/support/service-factories.js';
import { changeFieldStatus } from './change-field-status.js';
import { changeProcedureStatus } from './change-procedure-status.js';
import { createField } from './create-field.js';
import { createProcedure } from './create-procedure.js';
import { definitionToValues, rowCounts } from './draft-form.js';
import { editDraft } from './edit-draft.js';
import { editProcedure } from './edit-procedure.js';
import { publishDraft } from './publish-draft.js';
import { procedureAgencies, procedureVersions, procedures } from './schema.js';
import { startDraft } from './start-draft.js';

function invalidFields(err: unknown): Record<string, string> {
  assert.ok(err instanceof Invalid, `expected Invalid, got ${String(err)}`);
  return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]));
}

describe('procedure catalogue: use cases', () => {
  let env: TestEnv;
  let admin: Ctx;
  let sys: Ctx;
  let dept: { id: string };
  let desk: { id: string };
  let field: { id: string };
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv();
    dept = await makeAgency(db(), { name: 'Sở Thử nghiệm', type: 'department' });
    desk = await makeAgency(db(), { name: 'Trung tâm Phục vụ hành chính công', type: 'service_centre', hasOneStopDesk: true });
    field = await makeField(db());
    admin = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId: dept.id, roles: ['agency_admin'] })));
    sys = env.ctx(await actorFor(db(), await makeOfficial(db(), { roles: ['system_admin'] })));
  });
  after(() => env.close());

  let n = 0;
  const newProcedure = (over: Record<string, string> = {}) => ({
    code: `9.${String(900000 + ++n)}`,
    name: 'Cấp giấy phép thử nghiệm',
    fieldId: field.id,
    level: 'partial',
    tier: 'province',
    ownerAgencyId: dept.id,
    result: 'Giấy phép',
    timeDays: '7,5',
    'rows.agency': '2',
    'agency.0': dept.id,
    'desk.0': desk.id,
    ...over,
  });
  const versionsOf = (id: string) => db().select().from(procedureVersions).where(eq(procedureVersions.procedureId, id)).orderBy(procedureVersions.number);

  test('creates a procedure with its competent agency, a starter draft and an audit entry, not searchable yet', async () => {
    const p = await createProcedure(admin, newProcedure());
    assert.equal(p.currentVersionId, null);
    const [v] = await versionsOf(p.id);
    assert.equal(v!.status, 'draft');
    assert.equal(v!.definition.timeLimit.days, 7.5);
    assert.equal(v!.definition.steps[0]!.share, 100);
    assert.deepEqual(await db().select({ a: procedureAgencies.agencyId, d: procedureAgencies.deskAgencyId }).from(procedureAgencies).where(eq(procedureAgencies.procedureId, p.id)), [{ a: dept.id, d: desk.id }]);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'procedure.created'), eq(auditLog.entityId, p.id)));
    assert.ok(audit);
    assert.equal((await db().select().from(searchEntries).where(eq(searchEntries.entityId, p.id))).length, 0);
  });

  test('bad input is refused with Vietnamese keys at each field, and nothing is saved', async () => {
    const before = (await db().select({ n: count() }).from(procedures))[0]!.n;
    const err = await createProcedure(admin, newProcedure({ code: 'abc', level: 'x', 'desk.0': dept.id, timeDays: 'năm' })).catch((e) => e);
    assert.deepEqual(invalidFields(err), { code: 'proc.nationalCodeFormat', level: 'proc.levelRequired', timeDays: 'proc.notNumber', 'desk.0': 'proc.deskNotOneStop' });
    const afterN = (await db().select({ n: count() }).from(procedures))[0]!.n;
    assert.equal(afterN, before);
  });

  test('another agency’s administrator is refused', async () => {
    const other = env.ctx(await actorFor(db(), await makeOfficial(db(), { roles: ['agency_admin'] })));
    await assert.rejects(createProcedure(other, newProcedure()), Forbidden);
  });

  test('editing the catalogue entry is under an optimistic lock', async () => {
    const p = await createProcedure(admin, newProcedure());
    const form = { ...newProcedure({ code: p.code, name: 'Tên mới' }), version: '1' };
    const saved = await editProcedure(admin, p.id, form);
    assert.equal(saved.name, 'Tên mới');
    assert.equal(saved.version, 2);
    const stale = await editProcedure(admin, p.id, { ...form, name: 'Tên khác' }).catch((e) => e);
    assert.ok(stale instanceof Conflict && stale.messageKey === 'proc.editConflict');
  });

  test('edits a draft from the form, with each error at its row, and a stale revision conflicts', async () => {
    const p = await createProcedure(admin, newProcedure());
    const [draft] = await versionsOf(p.id);
    const values = { ...definitionToValues(aDefinition()), revision: '1' };
    const rows = rowCounts(aDefinition());
    const posted = { ...values, ...Object.fromEntries(Object.entries(rows).map(([g, k]) => [`rows.${g}`, String(k)])) };
    const bad = await editDraft(admin, p.id, draft!.id, { ...posted, 'ff.1.name': 'Số Bản', 'fee.0.name': 'Lệ phí', 'fee.0.amount': 'mười', 'step.1.role': '' }).catch((e) => e);
    assert.deepEqual(invalidFields(bad), { 'ff.1.name': 'proc.fieldNameFormat', 'fee.0.amount': 'proc.notNumber', 'step.1.role': 'field.required' });
    const shares = await editDraft(admin, p.id, draft!.id, { ...posted, 'step.0.share': '50' }).catch((e) => e);
    assert.deepEqual(invalidFields(shares), { steps: 'proc.sharesTotal' });
    assert.equal((await versionsOf(p.id))[0]!.revision, 1, 'nothing saved');
    const saved = await editDraft(admin, p.id, draft!.id, { ...posted, 'fee.0.name': 'Lệ phí cấp', 'fee.0.amount': '1.000.000', note: 'Thêm lệ phí' });
    assert.equal(saved.revision, 2);
    assert.deepEqual(saved.definition.fees, [{ name: 'Lệ phí cấp', amount: 1_000_000 }]);
    assert.equal(saved.definition.form.sections[0]!.fields.length, 2);
    const stale = await editDraft(admin, p.id, draft!.id, posted).catch((e) => e);
    assert.ok(stale instanceof Conflict && stale.messageKey === 'proc.draftConflict');
  });

  test('publishing freezes the draft, makes it current, indexes it; the next publication retires it and history stays', async () => {
    const p = await createProcedure(admin, newProcedure());
    const [v1] = await versionsOf(p.id);
    await publishDraft(admin, p.id, v1!.id, { revision: '1' });
    const after1 = (await db().select().from(procedures).where(eq(procedures.id, p.id)))[0]!;
    assert.equal(after1.currentVersionId, v1!.id);
    assert.equal((await db().select().from(searchEntries).where(eq(searchEntries.entityId, p.id))).length, 1);
    await assert.rejects(editDraft(admin, p.id, v1!.id, { revision: '2' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'proc.versionFrozen');
    await assert.rejects(publishDraft(admin, p.id, v1!.id, { revision: '2' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'proc.versionFrozen');
    const v2 = await startDraft(admin, p.id);
    assert.equal(v2.number, 2);
    assert.deepEqual(v2.definition, v1!.definition);
    await assert.rejects(startDraft(admin, p.id), (e: unknown) => e instanceof Conflict && e.messageKey === 'proc.draftExists');
    await publishDraft(admin, p.id, v2.id, { revision: '1' });
    const history = await versionsOf(p.id);
    assert.deepEqual(history.map((v) => [v.number, v.status]), [[1, 'retired'], [2, 'published']]);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'procedure.version_published'), eq(auditLog.entityId, p.id)));
    assert.ok(audit);
  });

  test('deactivating takes the procedure out of search; reactivating brings it back', async () => {
    const p = await makeProcedure(db(), { ownerAgencyId: dept.id, fieldId: field.id });
    const off = await changeProcedureStatus(admin, p.id, false, { version: '1' });
    assert.equal(off.active, false);
    assert.equal((await db().select().from(searchEntries).where(eq(searchEntries.entityId, p.id))).length, 0);
    await changeProcedureStatus(admin, p.id, true, { version: '2' });
    assert.equal((await db().select().from(searchEntries).where(eq(searchEntries.entityId, p.id))).length, 1);
  });

  test('fields need a province-wide grant; codes are unique; deactivation is locked by version', async () => {
    await assert.rejects(createField(admin, { code: 'HT', name: 'Hộ tịch' }), Forbidden);
    const f = await createField(sys, { code: 'HT-T', name: 'Hộ tịch' });
    assert.deepEqual(invalidFields(await createField(sys, { code: 'HT-T', name: 'Khác' }).catch((e) => e)), { code: 'proc.fieldCodeTaken' });
    assert.deepEqual(invalidFields(await createField(sys, { code: 'có dấu', name: '' }).catch((e) => e)), { code: 'proc.codeFormat', name: 'field.required' });
    const off = await changeFieldStatus(sys, f.id, false, { version: '1' });
    assert.equal(off.active, false);
    await assert.rejects(changeFieldStatus(sys, f.id, true, { version: '1' }), Conflict);
    assert.deepEqual(invalidFields(await createProcedure(admin, newProcedure({ fieldId: f.id })).catch((e) => e)), { fieldId: 'proc.fieldRequired' });
  });
});
