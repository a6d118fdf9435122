import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { agencies } from '../org/schema.js';
import type { Ctx } from '../platform/context.js';
import { type Database, queryRows } from '../platform/db/client.js';
import { procedureAgencies, procedureFields, procedureVersions, procedures } from '../services/procedures/schema.js';
import { openTestDatabase } from '../../test/support/db.js';
import { seedDemo } from './seed-demo.js';
import { seedDemoServices } from './seed-services.js';
import { demoProcedures } from './services-data.js';

describe('the demo procedure catalogue', () => {
  let database: Database;
  let ctx: Ctx;
  before(async () => {
    database = await openTestDatabase();
    ctx = { db: database.db, actor: null, now: () => new Date('2026-03-02T02:00:00Z'), ip: null, requestId: null, locale: 'vi', log: console as never };
    await seedDemo(ctx);
  });
  after(() => database.close());

  test('every demo procedure is published in a 9.xxxxxx code, across at least five fields, some free', async () => {
    const rows = await database.db.select({ code: procedures.code, status: procedureVersions.status }).from(procedures).innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId));
    assert.equal(rows.length, demoProcedures.length);
    assert.ok(rows.every((r) => r.status === 'published' && r.code.startsWith('9.')));
    assert.ok((await database.db.select().from(procedureFields)).length >= 5);
    assert.ok(demoProcedures.some((p) => !p.fees?.length) && demoProcedures.some((p) => p.fees?.length));
    const [indexed] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from search_entries where entity_type = 'procedure'`);
    assert.equal(indexed!.n, demoProcedures.length);
  });

  test('province procedures are received at the service centre; commune ones at each commune', async () => {
    const rows = await database.db
      .select({ code: procedures.code, tier: procedures.tier, desk: agencies.type })
      .from(procedureAgencies)
      .innerJoin(procedures, eq(procedures.id, procedureAgencies.procedureId))
      .innerJoin(agencies, eq(agencies.id, procedureAgencies.deskAgencyId));
    assert.ok(rows.filter((r) => r.tier === 'province').every((r) => r.desk === 'service_centre'));
    assert.ok(rows.filter((r) => r.tier === 'commune').every((r) => r.desk === 'commune_committee'));
  });

  test('seeding again changes nothing', async () => {
    assert.equal(await seedDemoServices(ctx), false);
  });
});
