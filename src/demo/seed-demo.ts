import { eq, sql } from 'drizzle-orm';
import { roleAssignments, users } from '../accounts/schema.js';
import { recordAudit } from '../platform/audit/record-audit.js';
import { hashPassword } from '../platform/auth/password.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { adminUnits, agencies } from '../org/schema.js';
import { DEMO_PASSWORD, demoAgencies, demoCitizen, demoCommunes, demoOfficials, demoProvince } from './demo-data.js';
import { seedDemoPortal } from './seed-portal.js';
import { seedDemoServices } from './seed-services.js';

export type DemoLogin = { login: string; role: string };

/** Whether the database holds no agencies yet: a first start, when the demo province is loaded. */
export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(agencies);
  return Number(row?.n ?? 0) === 0;
}

/**
 * Loads the demo province and its portal in one transaction; running it again on a seeded database changes
 * nothing, and on a province seeded before the portal existed it adds only the portal.
 */
export async function seedDemo(ctx: Ctx): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  const logins: DemoLogin[] = [
    ...demoOfficials.map((o) => ({ login: o.username, role: o.roles.map((r) => r.role).join(', ') })),
    { login: demoCitizen.email, role: 'citizen' },
  ];
  const [existing] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, demoAgencies[0]!.code));
  if (existing) {
    const portal = await seedDemoPortal(ctx);
    const services = await seedDemoServices(ctx);
    return { seeded: portal || services, logins };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx, async (tx) => {
    const validFrom = '2025-07-01';
    const [province] = await tx.db.insert(adminUnits).values({ ...demoProvince, level: 'province', validFrom }).returning();
    const unitIds = new Map<string, string>([[demoProvince.code, province!.id]]);
    const communeRows = await tx.db
      .insert(adminUnits)
      .values(demoCommunes.map((c) => ({ ...c, level: 'commune' as const, parentId: province!.id, validFrom })))
      .returning();
    for (const c of communeRows) unitIds.set(c.code, c.id);
    const agencyIds = new Map<string, string>();
    for (const a of demoAgencies) {
      const [row] = await tx.db
        .insert(agencies)
        .values({
          code: a.code,
          name: a.name,
          nameEn: a.nameEn,
          type: a.type,
          parentId: a.parent ? agencyIds.get(a.parent) : null,
          adminUnitId: unitIds.get(a.unit),
          hasOneStopDesk: a.oneStop ?? false,
          email: a.email,
          phone: a.phone,
          address: a.address,
        })
        .returning({ id: agencies.id });
      agencyIds.set(a.key, row!.id);
    }
    for (const o of demoOfficials) {
      const [u] = await tx.db
        .insert(users)
        .values({ kind: 'official', username: o.username, fullName: o.fullName, agencyId: agencyIds.get(o.agency), passwordHash })
        .returning({ id: users.id });
      await tx.db.insert(roleAssignments).values(
        o.roles.map((r) => ({ userId: u!.id, role: r.role, agencyId: r.agency ? agencyIds.get(r.agency) : null, includeDescendants: r.descendants ?? false })),
      );
    }
    await tx.db.insert(users).values({ kind: 'citizen', ...demoCitizen, passwordHash, emailVerifiedAt: ctx.now() });
    await recordAudit(tx, { action: 'demo.seeded', actorLabel: 'system', after: { agencies: demoAgencies.length, officials: demoOfficials.length } });
    await seedDemoPortal(tx);
    await seedDemoServices(tx);
  });
  return { seeded: true, logins };
}

export { DEMO_PASSWORD };
