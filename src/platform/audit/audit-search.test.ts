import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc } from 'drizzle-orm';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { inTransaction } from '../db/transaction.js';
import { auditLog } from '../schema.js';
import { type AuditInput, recordAudit } from './record-audit.js';

type Extra = { at?: string; ip?: string | null; label?: string };

async function entry(env: TestEnv, input: AuditInput, extra: Extra = {}): Promise<number> {
  const ctx = { ...env.ctx(), ...(extra.at ? { now: () => new Date(extra.at!) } : {}), ...(extra.ip !== undefined ? { ip: extra.ip } : {}) };
  await inTransaction(ctx, (tx) => recordAudit(tx, { actorLabel: extra.label ?? 'tester', ...input }));
  const [row] = await env.database.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row!.seq;
}

/** The seq numbers a list page shows, in the order shown. */
function shownSeqs(body: string): number[] {
  return [...body.matchAll(/data-seq="(\d+)"/g)].map((m) => Number(m[1]));
}

describe('audit log search page', () => {
  let env: TestEnv;
  let admin: TestClient;
  let parent: { id: string; name: string };
  let child: { id: string };
  let other: { id: string };
  const seqs: Record<string, number> = {};

  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    parent = await makeAgency(db, { name: 'Sở Khoa học và Công nghệ' });
    child = await makeAgency(db, { name: 'Phòng Chuyển đổi số', parentId: parent.id });
    other = await makeAgency(db, { name: 'Sở Y tế' });
    admin = await new TestClient(env).signInAs((await makeOfficial(db, { roles: ['system_admin'] })).id);
    seqs.parent = await entry(env, { action: 'agency.update', entityType: 'agency', entityId: parent.id, agencyId: parent.id, before: { name: 'Sở KH&CN', phone: '0206' }, after: { name: 'Sở Khoa học và Công nghệ', phone: '0206', email: 'skhcn@caobang.gov.vn' } }, { at: '2026-03-01T16:59:59.000Z', label: 'qt.skhcn', ip: '10.1.2.3' });
    seqs.child = await entry(env, { action: 'user.create', entityType: 'user', entityId: 'u-1', agencyId: child.id }, { at: '2026-03-01T17:00:00.000Z', label: 'qt.skhcn', ip: '10.1.9.9' });
    seqs.other = await entry(env, { action: 'auth.sign_in', entityType: 'user', entityId: 'u-2', agencyId: other.id }, { at: '2026-03-02T03:00:00.000Z', label: 'bacsi', ip: '192.168.0.7' });
    seqs.system = await entry(env, { action: 'demo.seeded' }, { at: '2026-03-02T04:00:00.000Z', label: 'system', ip: null });
    seqs.script = await entry(env, { action: 'unit.update', entityType: 'unit', entityId: "1'; drop table audit_log; --", agencyId: parent.id, before: { name: 'Xã A' }, after: { name: '<script>alert("x")</script>' } }, { at: '2026-03-02T05:00:00.000Z', label: '<b>kẻ_xấu%</b>' });
  });
  after(() => env.close());

  test('shows a system administrator every entry, newest first, in Vietnam time', async () => {
    const res = await admin.get('/quan-tri/nhat-ky');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(shownSeqs(res.body).slice(0, 5), [seqs.script, seqs.system, seqs.other, seqs.child, seqs.parent]);
    assert.match(res.body, /01\/03\/2026 23:59:59/);
    assert.match(res.body, /02\/03\/2026 00:00:00/);
    assert.match(res.body, /Sở Khoa học và Công nghệ/);
  });

  test('shows an agency administrator only the entries of the agencies they administer', async () => {
    const a = await makeOfficial(env.database.db, { agencyId: parent.id, roles: [{ role: 'agency_admin', includeDescendants: true }] });
    const c = await new TestClient(env).signInAs(a.id);
    const res = await c.get('/quan-tri/nhat-ky');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(shownSeqs(res.body), [seqs.script, seqs.child, seqs.parent]);
    assert.doesNotMatch(res.body, /Sở Y tế/, 'an agency outside the scope is not offered as a filter');
    assert.equal((await c.get(`/quan-tri/nhat-ky/${seqs.child}`)).statusCode, 200);
    assert.equal((await c.get(`/quan-tri/nhat-ky/${seqs.other}`)).statusCode, 404);
    assert.equal((await c.get(`/quan-tri/nhat-ky/${seqs.system}`)).statusCode, 404);
    const foreign = await c.get(`/quan-tri/nhat-ky?co-quan=${other.id}`);
    assert.equal(foreign.statusCode, 422);
    assert.match(foreign.body, /Bạn không được xem nhật ký của cơ quan này/);
  });

  test('an agency administrator without the subtree sees only their own agency', async () => {
    const a = await makeOfficial(env.database.db, { agencyId: parent.id, roles: ['agency_admin'] });
    const res = await (await new TestClient(env).signInAs(a.id)).get('/quan-tri/nhat-ky');
    assert.deepEqual(shownSeqs(res.body), [seqs.script, seqs.parent]);
  });

  test('refuses officials without audit.read', async () => {
    const u = await makeOfficial(env.database.db, { agencyId: parent.id, roles: ['specialist'] });
    const c = await new TestClient(env).signInAs(u.id);
    assert.equal((await c.get('/quan-tri/nhat-ky')).statusCode, 403);
    assert.equal((await c.get(`/quan-tri/nhat-ky/${seqs.parent}`)).statusCode, 403);
    assert.equal((await new TestClient(env).get('/quan-tri/nhat-ky')).statusCode, 303);
  });

  test('filters by person, kind of action, action text, record, agency and IP', async () => {
    const cases: [string, number[]][] = [
      ['nguoi=QT.SKH', [seqs.child!, seqs.parent!]],
      // Refusals in the earlier tests are auth entries too (auth.access_denied), so narrow to one person.
      ['nhom=auth&nguoi=bacsi', [seqs.other!]],
      ['hanh-dong=SEED', [seqs.system!]],
      [`loai-ban-ghi=agency&ma-ban-ghi=${parent.id}`, [seqs.parent!]],
      [`co-quan=${child.id}`, [seqs.child!]],
      ['ip=10.1.', [seqs.child!, seqs.parent!]],
      ['ip=10.1.2', [seqs.parent!]],
      // % and _ are matched literally, not as wildcards.
      ['nguoi=%25', [seqs.script!]],
      ['nguoi=_', [seqs.script!]],
      ['nhom=auth&nguoi=qt', []],
    ];
    for (const [q, expected] of cases) {
      const res = await admin.get(`/quan-tri/nhat-ky?${q}`);
      assert.equal(res.statusCode, 200, q);
      assert.deepEqual(shownSeqs(res.body), expected, q);
    }
    const none = await admin.get('/quan-tri/nhat-ky?nhom=auth&nguoi=qt');
    assert.match(none.body, /Không có mục nào khớp với bộ lọc/);
  });

  test('filters by a date range of whole Vietnamese days', async () => {
    const first = await admin.get('/quan-tri/nhat-ky?tu-ngay=01/03/2026&den-ngay=01/03/2026');
    assert.deepEqual(shownSeqs(first.body), [seqs.parent]);
    const second = await admin.get('/quan-tri/nhat-ky?tu-ngay=2/3/2026');
    assert.deepEqual(shownSeqs(second.body).slice(-4), [seqs.script, seqs.system, seqs.other, seqs.child]);
    assert.ok(!shownSeqs(second.body).includes(seqs.parent!));
    assert.match(second.body, /value="2\/3\/2026"/, 'the filter keeps what was typed');
  });

  test('rejects bad filter values with a clear Vietnamese message', async () => {
    const cases: [string, RegExp][] = [
      ['tu-ngay=31/02/2026', /Ngày không hợp lệ \(dd\/MM\/yyyy\)/],
      ['den-ngay=2026-03-01', /Ngày không hợp lệ/],
      ['tu-ngay=05/03/2026&den-ngay=01/03/2026', /Ngày kết thúc phải sau hoặc bằng ngày bắt đầu/],
      ['ip=%3Cscript%3E', /Địa chỉ IP chỉ gồm chữ số/],
      ['co-quan=khong-phai-uuid', /Mã tham chiếu không hợp lệ/],
      ['nhom=drop', /Giá trị không hợp lệ/],
      ['truoc=abc', /Vị trí trang không hợp lệ/],
      [`nguoi=${'x'.repeat(101)}`, /Tối đa 100 ký tự/],
    ];
    for (const [q, message] of cases) {
      const res = await admin.get(`/quan-tri/nhat-ky?${q}`);
      assert.equal(res.statusCode, 422, q);
      assert.match(res.body, message, q);
      assert.match(res.body, /govuk-error-summary/, q);
      assert.deepEqual(shownSeqs(res.body), [], q);
    }
    const echoed = await admin.get('/quan-tri/nhat-ky?ip=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.doesNotMatch(echoed.body, /<script>alert/);
    assert.match(echoed.body, /value="&lt;script(&gt;|>)alert\(1\)&lt;\/script/);
  });

  test('shows an entry with a field-by-field diff of before and after', async () => {
    const res = await admin.get(`/quan-tri/nhat-ky/${seqs.parent}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Mục nhật ký số \d+/);
    assert.match(res.body, /data-field="name" data-changed="true"/);
    assert.match(res.body, /data-field="phone" data-changed="false"/);
    assert.match(res.body, /data-field="email" data-changed="true"[\s\S]*?\(không có\)[\s\S]*?skhcn@caobang\.gov\.vn/);
    assert.match(res.body, /01\/03\/2026 23:59:59/);
    assert.match(res.body, /Các mục khác của bản ghi này/);
  });

  test('shows stored script and SQL-like text verbatim and escaped', async () => {
    const list = await admin.get('/quan-tri/nhat-ky');
    assert.doesNotMatch(list.body, /<b>kẻ_xấu%<\/b>/);
    assert.match(list.body, /&lt;b>kẻ_xấu%&lt;\/b>|&lt;b&gt;kẻ_xấu%&lt;\/b&gt;/);
    assert.match(list.body, /1&#39;; drop table audit_log; --|1'; drop table audit_log; --/);
    const detail = await admin.get(`/quan-tri/nhat-ky/${seqs.script}`);
    assert.doesNotMatch(detail.body, /<script>alert\("x"\)/);
    assert.match(detail.body, /&lt;script(&gt;|>)alert\(&quot;x&quot;\)&lt;\/script/);
  });

  test('answers 404 for an unknown or malformed entry number', async () => {
    for (const seq of ['999999', 'abc', '0', '-1', '1e3', '99999999999999999999']) {
      const res = await admin.get(`/quan-tri/nhat-ky/${seq}`);
      assert.equal(res.statusCode, 404, seq);
    }
  });

  test('search page is English when the person chose English', async () => {
    admin.cookies.set('congso_lang', 'en');
    const res = await admin.get('/quan-tri/nhat-ky?tu-ngay=31/02/2026');
    admin.cookies.delete('congso_lang');
    assert.match(res.body, /Enter a valid date \(dd\/MM\/yyyy\)/);
  });
});

describe('audit log pagination', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
    for (let i = 0; i < 120; i++) {
      await inTransaction(env.ctx(), (tx) => recordAudit(tx, { action: i % 2 ? 'test.odd' : 'test.even', entityId: String(i) }));
    }
  });
  after(() => env.close());

  test('walks older and newer pages by seq without skipping or repeating', async () => {
    const c = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['system_admin'] })).id);
    const seen: number[] = [];
    let res = await c.get('/quan-tri/nhat-ky');
    assert.doesNotMatch(res.body, /rel="prev"/);
    for (;;) {
      const page = shownSeqs(res.body);
      seen.push(...page);
      const older = /href="([^"]+)" rel="next"/.exec(res.body);
      if (!older) break;
      res = await c.get(older[1]!.replace(/&amp;/g, '&'));
    }
    assert.equal(seen.length, 120);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
    assert.equal(new Set(seen).size, 120);
    const newer = /href="([^"]+)" rel="prev"/.exec(res.body);
    assert.ok(newer, 'the last page links back to newer entries');
    const back = await c.get(newer[1]!.replace(/&amp;/g, '&'));
    assert.deepEqual(shownSeqs(back.body), seen.slice(50, 100));
  });

  test('keeps the filters while paging', async () => {
    const c = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['system_admin'] })).id);
    const first = await c.get('/quan-tri/nhat-ky?hanh-dong=test.odd');
    assert.equal(shownSeqs(first.body).length, 50);
    const older = /href="([^"]+)" rel="next"/.exec(first.body);
    assert.ok(older);
    assert.match(older[1]!, /hanh-dong=test\.odd/);
    const second = await c.get(older[1]!.replace(/&amp;/g, '&'));
    assert.equal(shownSeqs(second.body).length, 10);
    assert.doesNotMatch(second.body, /rel="next"/);
  });
});
