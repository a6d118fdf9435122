import assert from 'node:assert/strict';
import { count, desc, eq } from 'drizzle-orm';
import { roleAssignments, users } from '../../src/accounts/schema.js';
import { adminUnits, agencies } from '../../src/org/schema.js';
import { auditLog } from '../../src/platform/schema.js';
import { TEST_PASSWORD, agencyCode, makeAgency, makeOfficial, makeUnit } from '../support/factories.js';
import { TestClient, type TestEnv } from '../support/app.js';

/** SQL that would end a statement early, and markup that would run if a page ever printed it raw. */
export const PAYLOAD = `'; DROP TABLE users; -- <script>alert(1)</script> <img src=x onerror=alert(1)>`;
const ESCAPED = PAYLOAD.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function assertNoRawMarkup(body: string, where: string): void {
  assert.ok(!/<script>alert|<img src=x/i.test(body), `${where} prints the payload as markup`);
}

export function assertShowsEscaped(body: string, where: string): void {
  assertNoRawMarkup(body, where);
  assert.ok(body.includes(ESCAPED), `${where} shows the stored text, escaped`);
}

type Form = Record<string, string | string[]>;

/** Where a value sent through a form ended up, and the pages that must show it. */
export type Stored = { value: string | null; pages: string[] };

/**
 * A back-office (or public) form that creates or edits something: a fresh valid submission, its text fields,
 * and how to find what a successful submission stored.
 */
export type FormSpec = {
  name: string;
  client: TestClient;
  url(): Promise<string>;
  valid(): Promise<Form>;
  fields: string[];
  /** Fields that, holding the payload, must be refused with a field error; the others must be stored verbatim. */
  refused: string[];
  stored(form: Form, field: string): Promise<Stored>;
};

export type Fixtures = {
  sys: TestClient;
  agencyA: { id: string };
  official: { id: string };
  forms: FormSpec[];
  /** Every row a refused request could have written; equal before and after means nothing was written. */
  snapshot(): Promise<unknown>;
};

let seq = 0;
const next = () => ++seq;

/** Sets up the records the forms edit, and describes every form. */
export async function makeFixtures(env: TestEnv): Promise<Fixtures> {
  const db = env.database.db;
  const province = await makeAgency(db, { name: 'UBND tỉnh Thử', type: 'people_committee' });
  const agencyA = await makeAgency(db, { name: 'Sở A', type: 'department', parentId: province.id });
  const provinceUnit = await makeUnit(db, { code: '83', name: 'Tỉnh Thử Ba', level: 'province', kind: 'tỉnh', validFrom: '2025-07-01' });
  const editedUnit = await makeUnit(db, { code: '83999', name: 'Xã Sửa', level: 'commune', kind: 'xã', parentId: provinceUnit.id, validFrom: '2025-07-01' });
  const official = await makeOfficial(db, { agencyId: agencyA.id, roles: ['specialist'] });
  const sysUser = await makeOfficial(db, { agencyId: province.id, roles: ['system_admin'] });
  const sys = await new TestClient(env).signInAs(sysUser.id);
  const passwordOwner = await makeOfficial(db, { agencyId: agencyA.id });
  const own = await new TestClient(env).signInAs(passwordOwner.id);
  const anon = new TestClient(env);

  const lastAudit = async (entityId: string) => (await db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq;
  const auditPage = async (entityId: string) => `/quan-tri/nhat-ky/${await lastAudit(entityId)}`;
  const agency = async (id: string) => (await db.select().from(agencies).where(eq(agencies.id, id)))[0]!;
  const unit = async (id: string) => (await db.select().from(adminUnits).where(eq(adminUnits.id, id)))[0]!;
  const user = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
  const column = (row: object, field: string) => (row as Record<string, unknown>)[field] as string | null;

  const agencyStored = async (a: typeof agencies.$inferSelect, field: string): Promise<Stored> => ({
    value: column(a, field),
    pages: [`/quan-tri/co-quan/${a.id}`, `/quan-tri/co-quan/${a.id}/sua`, await auditPage(a.id), ...(field === 'name' ? ['/quan-tri/co-quan', '/quan-tri/co-quan?q=drop'] : [])],
  });
  const editedAgency = await makeAgency(db, { name: 'Phòng Sửa', type: 'division', parentId: agencyA.id });

  const forms: FormSpec[] = [
    {
      name: 'agency creation',
      client: sys,
      url: async () => '/quan-tri/co-quan/moi',
      valid: async () => ({ code: agencyCode(), name: `Phòng Thử ${next()}`, type: 'division', parentId: agencyA.id }),
      fields: ['code', 'name', 'nameEn', 'shortName', 'unitCode', 'address', 'phone', 'email', 'website'],
      refused: ['code', 'shortName', 'unitCode', 'phone', 'email', 'website'],
      stored: async (form, field) => {
        const [a] = await db.select().from(agencies).where(eq(agencies.code, String(form.code)));
        return agencyStored(a!, field);
      },
    },
    {
      name: 'agency edit',
      client: sys,
      url: async () => `/quan-tri/co-quan/${editedAgency.id}/sua`,
      valid: async () => {
        const a = await agency(editedAgency.id);
        return { code: a.code, name: a.name, type: a.type, version: String(a.version) };
      },
      fields: ['code', 'name', 'nameEn', 'shortName', 'unitCode', 'address', 'phone', 'email', 'website', 'version'],
      refused: ['code', 'shortName', 'unitCode', 'phone', 'email', 'website', 'version'],
      stored: async (_form, field) => agencyStored(await agency(editedAgency.id), field),
    },
    {
      name: 'administrative unit creation',
      client: sys,
      url: async () => '/quan-tri/don-vi-hanh-chinh/moi',
      valid: async () => ({ code: String(83000 + next()), name: 'Xã Mới', kind: 'xã', level: 'commune', parentCode: provinceUnit.code, validFrom: '01/07/2025' }),
      fields: ['code', 'name', 'kind', 'level', 'parentCode', 'validFrom'],
      refused: ['code', 'kind', 'level', 'parentCode', 'validFrom'],
      stored: async (form, field) => {
        const [u] = await db.select().from(adminUnits).where(eq(adminUnits.code, String(form.code)));
        return { value: column(u!, field), pages: [`/quan-tri/don-vi-hanh-chinh/${u!.id}`, `/quan-tri/don-vi-hanh-chinh?q=drop+table`, await auditPage(u!.id)] };
      },
    },
    {
      name: 'administrative unit edit',
      client: sys,
      url: async () => `/quan-tri/don-vi-hanh-chinh/${editedUnit.id}/sua`,
      valid: async () => {
        const u = await unit(editedUnit.id);
        return { code: u.code, name: u.name, kind: u.kind, validFrom: '01/07/2025', version: String(u.version) };
      },
      fields: ['code', 'name', 'kind', 'validFrom', 'version'],
      refused: ['code', 'kind', 'validFrom', 'version'],
      stored: async (_form, field) => ({ value: column(await unit(editedUnit.id), field), pages: [`/quan-tri/don-vi-hanh-chinh/${editedUnit.id}`, await auditPage(editedUnit.id)] }),
    },
    {
      name: 'official creation',
      client: sys,
      url: async () => '/quan-tri/nguoi-dung/moi',
      valid: async () => ({ username: `thu.${next()}`, fullName: 'Cán Bộ Mới', agencyId: agencyA.id, roles: 'clerk' }),
      fields: ['username', 'fullName', 'title', 'email', 'phone'],
      refused: ['username', 'email', 'phone'],
      stored: async (form, field) => {
        const [u] = await db.select().from(users).where(eq(users.username, String(form.username)));
        return { value: column(u!, field), pages: [`/quan-tri/nguoi-dung/${u!.id}`, await auditPage(u!.id), ...(field === 'fullName' ? ['/quan-tri/nguoi-dung?q=drop'] : [])] };
      },
    },
    {
      name: 'official edit',
      client: sys,
      url: async () => `/quan-tri/nguoi-dung/${official.id}/sua`,
      valid: async () => {
        const u = await user(official.id);
        return { fullName: u.fullName, agencyId: u.agencyId!, active: 'on', version: String(u.version) };
      },
      fields: ['fullName', 'title', 'email', 'phone', 'agencyId', 'version'],
      refused: ['email', 'phone', 'agencyId', 'version'],
      stored: async (_form, field) => ({ value: column(await user(official.id), field), pages: [`/quan-tri/nguoi-dung/${official.id}`, `/quan-tri/nguoi-dung/${official.id}/sua`, await auditPage(official.id)] }),
    },
    {
      name: 'role assignment',
      client: sys,
      url: async () => `/quan-tri/nguoi-dung/${official.id}/vai-tro`,
      valid: async () => ({ role: 'clerk', agencyId: agencyA.id }),
      fields: ['role', 'agencyId'],
      refused: ['role', 'agencyId'],
      stored: async () => assert.fail('a role is never free text'),
    },
    {
      name: 'password change',
      client: own,
      url: async () => '/quan-tri/doi-mat-khau',
      valid: async () => ({ current: TEST_PASSWORD, password: 'Mật-khẩu-Mới-2026', confirm: 'Mật-khẩu-Mới-2026' }),
      fields: ['current', 'password', 'confirm'],
      refused: ['current', 'password', 'confirm'],
      stored: async () => assert.fail('one password field alone never changes the password'),
    },
    {
      name: 'citizen registration',
      client: anon,
      url: async () => '/dang-ky',
      valid: async () => ({ fullName: 'Nông Thị Hoa', phone: `09${String(10_000_000 + next())}`, password: 'Cao-Bằng-Núi-2026', confirm: 'Cao-Bằng-Núi-2026', consent: 'on' }),
      fields: ['fullName', 'email', 'phone', 'password', 'confirm'],
      refused: ['email', 'phone', 'password', 'confirm'],
      stored: async (form, field) => {
        const [u] = await db.select().from(users).where(eq(users.phone, String(form.phone)));
        return { value: column(u!, field), pages: ['/quan-tri/cong-dan?q=drop', `/quan-tri/cong-dan/${u!.id}`] };
      },
    },
  ];

  const snapshot = async () => ({
    agencies: await db.select().from(agencies).orderBy(agencies.id),
    units: await db.select().from(adminUnits).orderBy(adminUnits.id),
    users: await db.select().from(users).orderBy(users.id),
    roles: await db.select().from(roleAssignments).orderBy(roleAssignments.id),
    audits: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  });

  return { sys, agencyA, official, forms, snapshot };
}
