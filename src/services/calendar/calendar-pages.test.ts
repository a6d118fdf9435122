import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeOfficial } from '../../../test/support/factories.js';
import { auditLog } from '../../platform/schema.js';
import { calendarDays, calendarYears, workingCalendar } from './schema.js';

describe('working calendar pages', () => {
  let env: TestEnv;
  let admin: TestClient;
  let specialist: TestClient;
  const db = () => env.database.db;
  const dayCount = async () => Number((await db().select({ n: count() }).from(calendarDays))[0]!.n);

  before(async () => {
    env = await makeTestEnv();
    admin = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['system_admin'] })).id);
    specialist = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['specialist'] })).id);
  });
  after(() => env.close());
  beforeEach(async () => {
    await db().delete(calendarDays);
    await db().delete(calendarYears);
    await db().delete(workingCalendar);
  });

  test('the year page shows twelve captioned month grids, the default hours and that the year is not confirmed', async () => {
    const res = await admin.get('/quan-tri/lich-lam-viec?nam=2026');
    assert.equal(res.statusCode, 200);
    for (let m = 1; m <= 12; m++) assert.ok(res.body.includes(`<caption class="govuk-table__caption govuk-table__caption--s">Tháng ${m}/2026</caption>`), `month ${m}`);
    assert.ok(res.body.includes('07:00–11:30, 13:30–17:00'));
    assert.ok(res.body.includes('Lịch năm 2026 chưa được xác nhận'));
    assert.ok(res.body.includes('href="/quan-tri/lich-lam-viec"'), 'the menu links the calendar');
  });

  test('the seed button adds suggestions, which show as unconfirmed until the year is confirmed', async () => {
    const seeded = await admin.post('/quan-tri/lich-lam-viec/2026/goi-y');
    assert.equal(seeded.statusCode, 303);
    assert.equal(seeded.headers.location, '/quan-tri/lich-lam-viec?nam=2026');
    const page = await admin.get('/quan-tri/lich-lam-viec?nam=2026');
    assert.ok(page.body.includes('Giỗ tổ Hùng Vương'));
    assert.ok(page.body.includes('Nghỉ bù Giỗ tổ Hùng Vương'));
    assert.match(page.body, /Có \d+ ngày gợi ý chưa xác nhận/);
    const confirmed = await admin.post('/quan-tri/lich-lam-viec/2026/xac-nhan', { notice: 'Thông báo số 01/TB-BNV' });
    assert.equal(confirmed.statusCode, 303);
    const after = await admin.get('/quan-tri/lich-lam-viec?nam=2026');
    assert.ok(after.body.includes('Thông báo số 01/TB-BNV'));
    assert.ok(!after.body.includes('chưa được xác nhận'));
    assert.ok(!after.body.includes('data-testid="pending"'));
  });

  test('adding a day: a malformed date comes back with a Vietnamese message and nothing is written', async () => {
    const res = await admin.post('/quan-tri/lich-lam-viec/ngay/moi', { day: '30/02/2026', kind: 'holiday', name: 'Ngày không có' });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('govuk-error-summary'));
    assert.ok(res.body.includes('href="#f-day"'));
    assert.ok(res.body.includes('value="30/02/2026"'), 'what was typed is shown again');
    const weekday = await admin.post('/quan-tri/lich-lam-viec/ngay/moi', { day: '04/03/2026', kind: 'working_day', name: 'Làm bù' });
    assert.equal(weekday.statusCode, 422);
    assert.ok(weekday.body.includes('Ngày làm bù phải là ngày nghỉ hằng tuần'));
    assert.equal(await dayCount(), 0);
  });

  test('adding, editing and removing a day through the forms', async () => {
    const added = await admin.post('/quan-tri/lich-lam-viec/ngay/moi', { day: '27/04/2026', kind: 'day_off', name: 'Nghỉ bù' });
    assert.equal(added.statusCode, 303);
    const [row] = await db().select().from(calendarDays);
    const form = await admin.get(`/quan-tri/lich-lam-viec/ngay/${row!.id}/sua`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('value="27/04/2026"'));
    const edited = await admin.post(`/quan-tri/lich-lam-viec/ngay/${row!.id}/sua`, { day: '27/04/2026', kind: 'day_off', name: 'Nghỉ bù Giỗ tổ', version: '1' });
    assert.equal(edited.statusCode, 303);
    const stale = await admin.post(`/quan-tri/lich-lam-viec/ngay/${row!.id}/sua`, { day: '27/04/2026', kind: 'day_off', name: 'Cũ', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await admin.get(`/quan-tri/lich-lam-viec/ngay/${row!.id}/xoa`)).statusCode, 200);
    assert.equal((await admin.post(`/quan-tri/lich-lam-viec/ngay/${row!.id}/xoa`, { version: '2' })).statusCode, 303);
    assert.equal(await dayCount(), 0);
  });

  test('a name with markup is shown escaped', async () => {
    await admin.post('/quan-tri/lich-lam-viec/ngay/moi', { day: '02/03/2026', kind: 'holiday', name: '<script>alert("x")</script>' });
    const page = await admin.get('/quan-tri/lich-lam-viec?nam=2026');
    assert.ok(!page.body.includes('<script>alert'));
    assert.ok(page.body.includes('<td class="govuk-table__cell">&lt;script>alert(&quot;x&quot;)&lt;/script></td>'), 'the list shows the name as text');
  });

  test('editing the hours: a bad period is refused with the weekday named, a good one saved', async () => {
    const form = await admin.get('/quan-tri/lich-lam-viec/gio-lam-viec');
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('name="version" value="0"'));
    const bad = await admin.post('/quan-tri/lich-lam-viec/gio-lam-viec', { d1: '7h-11h', d2: '07:00-11:30', version: '0' });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('Thứ Hai: Ghi giờ dạng 07:00-11:30'));
    assert.equal((await db().select().from(workingCalendar)).length, 0);
    const good = await admin.post('/quan-tri/lich-lam-viec/gio-lam-viec', { d1: '07:30-11:30, 13:00-17:00', d2: '07:30-11:30', version: '0' });
    assert.equal(good.statusCode, 303);
    const page = await admin.get('/quan-tri/lich-lam-viec?nam=2026');
    assert.ok(page.body.includes('07:30–11:30, 13:00–17:00'));
  });

  test('a wrong CSRF token is refused with 403 and nothing is written', async () => {
    const audited = async () => (await db().select().from(auditLog).where(eq(auditLog.action, 'calendar.day_added'))).length;
    const before = await audited();
    assert.equal((await admin.post('/quan-tri/lich-lam-viec/ngay/moi', { day: '02/03/2026', kind: 'holiday', name: 'x' }, { csrf: 'sai' })).statusCode, 403);
    assert.equal((await admin.post('/quan-tri/lich-lam-viec/2026/goi-y', {}, { csrf: null })).statusCode, 403);
    assert.equal(await dayCount(), 0);
    assert.equal(await audited(), before);
  });

  test('unknown ids and years are not found', async () => {
    assert.equal((await admin.get('/quan-tri/lich-lam-viec/ngay/00000000-0000-4000-8000-000000000000/sua')).statusCode, 404);
    assert.equal((await admin.get('/quan-tri/lich-lam-viec/ngay/khong-co/sua')).statusCode, 404);
    assert.equal((await admin.post('/quan-tri/lich-lam-viec/ngay/00000000-0000-4000-8000-000000000000/xoa', { version: '1' })).statusCode, 404);
    assert.equal((await admin.get('/quan-tri/lich-lam-viec?nam=abc')).statusCode, 404);
    assert.equal((await admin.get('/quan-tri/lich-lam-viec?nam=1999')).statusCode, 404);
    assert.equal((await admin.post('/quan-tri/lich-lam-viec/2101/goi-y')).statusCode, 404);
    assert.equal((await admin.get('/quan-tri/lich-lam-viec/20x6/xac-nhan')).statusCode, 404);
  });

  test('an official without calendar.manage reads the calendar but gets 403 for every change', async () => {
    const page = await specialist.get('/quan-tri/lich-lam-viec?nam=2026');
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('/quan-tri/lich-lam-viec/ngay/moi'));
    assert.ok(!page.body.includes('/goi-y'));
    for (const url of ['/quan-tri/lich-lam-viec/ngay/moi', '/quan-tri/lich-lam-viec/gio-lam-viec', '/quan-tri/lich-lam-viec/2026/xac-nhan']) {
      assert.equal((await specialist.get(url)).statusCode, 403, url);
    }
    const posts: [string, Record<string, string>][] = [
      ['/quan-tri/lich-lam-viec/ngay/moi', { day: '02/03/2026', kind: 'holiday', name: 'x' }],
      ['/quan-tri/lich-lam-viec/2026/goi-y', {}],
      ['/quan-tri/lich-lam-viec/2026/xac-nhan', {}],
      ['/quan-tri/lich-lam-viec/gio-lam-viec', { d1: '07:00-11:00', version: '0' }],
    ];
    for (const [url, form] of posts) assert.equal((await specialist.post(url, form)).statusCode, 403, url);
    assert.equal(await dayCount(), 0);
    assert.equal((await db().select().from(calendarYears)).length, 0);
    assert.equal((await db().select().from(workingCalendar)).length, 0);
  });
});
