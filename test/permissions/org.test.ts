import { after, before, describe } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { createAgency } from '../../src/org/create-agency.js';
import { createUnit } from '../../src/org/create-unit.js';
import { deactivateAgency } from '../../src/org/deactivate-agency.js';
import { editAgency } from '../../src/org/edit-agency.js';
import { editUnit } from '../../src/org/edit-unit.js';
import { endUnitValidity } from '../../src/org/end-unit-validity.js';
import { importUnits } from '../../src/org/import-units.js';
import { moveAgency } from '../../src/org/move-agency.js';
import { moveUnit } from '../../src/org/move-unit.js';
import { reactivateAgency } from '../../src/org/reactivate-agency.js';
import type { Agency } from '../../src/org/agency-rules.js';
import { adminUnits, agencies } from '../../src/org/schema.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { agencyCode, makeAgency, makeUnit } from '../support/factories.js';
import { type Action, type Attempt, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: unit.manage belongs to system_admin alone and only a
// system-wide grant reaches units; agency.create/update/deactivate belong to system_admin and agency_admin,
// scoped to the agency (and its subtree when the grant includes descendants).

describe('permission matrix: administrative units and agencies', () => {
  let env: TestEnv;
  let w: World;
  let provinces: Record<'from' | 'to', { id: string; code: string }>;
  let nextCode = 20000;
  const communeCode = () => String(++nextCode);

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    provinces = {
      from: await makeUnit(env.database.db, { code: '81', name: 'Tỉnh Thử Một', level: 'province', kind: 'tỉnh', validFrom: '2025-07-01' }),
      to: await makeUnit(env.database.db, { code: '82', name: 'Tỉnh Thử Hai', level: 'province', kind: 'tỉnh', validFrom: '2025-07-01' }),
    };
  });
  after(() => env.close());

  const db = () => env.database.db;
  const unitRow = (id: string) => () => db().select().from(adminUnits).where(eq(adminUnits.id, id));
  const unitsWithCode = (code: string) => async () => (await db().select({ n: count() }).from(adminUnits).where(eq(adminUnits.code, code)))[0]!.n;
  const agencyRow = (id: string) => () => db().select().from(agencies).where(eq(agencies.id, id));
  const agenciesWithCode = (code: string) => async () => (await db().select({ n: count() }).from(agencies).where(eq(agencies.code, code)))[0]!.n;

  const freshCommune = () => makeUnit(db(), { code: communeCode(), name: 'Xã Thử', level: 'commune', kind: 'xã', parentId: provinces.from.id, validFrom: '2025-07-01' });

  type Run = Attempt['run'];
  type Target = { id: string; version: number };

  const unitAction = (expect: string, name: string, run: (u: Target & { code: string }) => Run): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const u = await freshCommune();
      return { run: run(u), state: unitRow(u.id) };
    },
  });

  const createUnitAction = (expect: string): Action => ({
    name: 'create an administrative unit',
    expect,
    effect: 'change',
    setup: async () => {
      const code = communeCode();
      const form = { code, name: 'Xã Mới Thử', kind: 'xã', level: 'commune', parentCode: provinces.from.code, validFrom: '01/07/2025' };
      return { run: (ctx) => createUnit(ctx, form), state: unitsWithCode(code) };
    },
  });

  const importAction = (expect: string): Action => ({
    name: 'import administrative units',
    expect,
    effect: 'change',
    setup: async () => {
      const code = communeCode();
      const file = { name: 'communes.csv', content: `code,name,type,province_code\n${code},Xã Nhập Thử,xã,${provinces.from.code}\n` };
      return { run: (ctx) => importUnits(ctx, file, { validFrom: '2025-07-01', oldValidFrom: '2004-07-08', strict: false }), state: unitsWithCode(code) };
    },
  });

  const createUnder = (expect: string, label: string, parent: () => { id: string } | null): Action => ({
    name: `create an agency ${label}`,
    expect,
    effect: 'change',
    setup: async () => {
      const code = agencyCode();
      const p = parent();
      const form = { code, name: 'Phòng Mới Thử', type: 'division', ...(p ? { parentId: p.id } : {}) };
      return { run: (ctx) => createAgency(ctx, form), state: agenciesWithCode(code) };
    },
  });

  const onAgency = <T extends Target>(expect: string, name: string, target: () => Promise<T>, run: (a: T) => Run): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const a = await target();
      return { run: run(a), state: agencyRow(a.id) };
    },
  });

  const t = () => w.tree;
  /** The agency as it is now: edits allowed in earlier cells have moved its version on. */
  const current = (pick: () => { id: string }) => async () => (await db().select().from(agencies).where(eq(agencies.id, pick().id)))[0]!;
  const subAgencyOf = (parent: () => { id: string }, active = true) => () => makeAgency(db(), { type: 'division', parentId: parent().id, active });
  const edit = (a: Agency): Run => (ctx) => editAgency(ctx, a.id, { code: a.code, name: `${a.name} (đã sửa)`, type: a.type, version: String(a.version) });
  const moveUnder = (parent: () => { id: string } | null) => (a: Target): Run => (ctx) => moveAgency(ctx, a.id, { parentId: parent()?.id ?? '', version: String(a.version) });
  const deactivate = (a: Target): Run => (ctx) => deactivateAgency(ctx, a.id, { version: String(a.version) });
  const reactivate = (a: Target): Run => (ctx) => reactivateAgency(ctx, a.id, { version: String(a.version) });

  // One row per action, one column per actor (see actorKeys in world.ts).
  //   sys adA ad1 edi app dsk spe lea clk cit ano
  matrixTests(() => w, [
    createUnitAction(
      'Y   N   N   N   N   N   N   N   N   N   N'),
    unitAction(
      'Y   N   N   N   N   N   N   N   N   N   N', 'edit an administrative unit',
      (u) => (ctx) => editUnit(ctx, u.id, { code: u.code, name: 'Xã Đã Sửa', kind: 'xã', validFrom: '01/07/2025', version: String(u.version) })),
    unitAction(
      'Y   N   N   N   N   N   N   N   N   N   N', 'move an administrative unit',
      (u) => (ctx) => moveUnit(ctx, u.id, { parentCode: provinces.to.code, version: String(u.version) })),
    unitAction(
      'Y   N   N   N   N   N   N   N   N   N   N', 'end an administrative unit',
      (u) => (ctx) => endUnitValidity(ctx, u.id, { validTo: '31/12/2025', version: String(u.version) })),
    importAction(
      'Y   N   N   N   N   N   N   N   N   N   N'),

    createUnder(
      'Y   N   N   N   N   N   N   N   N   N   N', 'at the top level', () => null),
    createUnder(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'under A', () => t().A),
    createUnder(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'under A1', () => t().A1),
    createUnder(
      'Y   N   N   N   N   N   N   N   N   N   N', 'under B', () => t().B),

    onAgency(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'edit agency A', current(() => t().A), edit),
    onAgency(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'edit agency A1', current(() => t().A1), edit),
    onAgency(
      'Y   N   N   N   N   N   N   N   N   N   N', 'edit agency B', current(() => t().B), edit),

    onAgency(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'move a sub-agency of A under A1', subAgencyOf(() => t().A), moveUnder(() => t().A1)),
    onAgency(
      'Y   N   N   N   N   N   N   N   N   N   N', 'move a sub-agency of A under B', subAgencyOf(() => t().A), moveUnder(() => t().B)),
    onAgency(
      'Y   N   N   N   N   N   N   N   N   N   N', 'move a sub-agency of B under A', subAgencyOf(() => t().B), moveUnder(() => t().A)),
    onAgency(
      'Y   N   N   N   N   N   N   N   N   N   N', 'move a sub-agency of A to the top level', subAgencyOf(() => t().A), moveUnder(() => null)),

    onAgency(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'deactivate a sub-agency of A', subAgencyOf(() => t().A), deactivate),
    onAgency(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'deactivate a sub-agency of A1', subAgencyOf(() => t().A1), deactivate),
    onAgency(
      'Y   N   N   N   N   N   N   N   N   N   N', 'deactivate a sub-agency of B', subAgencyOf(() => t().B), deactivate),
    onAgency(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'reactivate a sub-agency of A', subAgencyOf(() => t().A, false), reactivate),
    onAgency(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'reactivate a sub-agency of A1', subAgencyOf(() => t().A1, false), reactivate),
    onAgency(
      'Y   N   N   N   N   N   N   N   N   N   N', 'reactivate a sub-agency of B', subAgencyOf(() => t().B, false), reactivate),
  ]);
});
