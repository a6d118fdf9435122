import { eq, inArray } from 'drizzle-orm';
import { agencies } from '../org/schema.js';
import { systemActor } from '../platform/auth/system-actor.js';
import type { Ctx } from '../platform/context.js';
import type { VersionDefinition } from '../services/procedures/definition.js';
import type { ImportRecord } from '../services/procedures/import-file.js';
import { importProcedures } from '../services/procedures/import-procedures.js';
import { procedures } from '../services/procedures/schema.js';
import { demoAgencies } from './demo-data.js';
import { type DemoProcedure, demoProcedures } from './services-data.js';

function definitionOf(p: DemoProcedure): VersionDefinition {
  return {
    documents: p.docs.map(([code, name, originals, copies, required = true]) => ({ code, name, originals, copies, required, electronicCopyAccepted: true, accepts: ['pdf', 'image'] })),
    timeLimit: { unit: p.unit ?? 'working_days', days: p.days, ...(p.onlineDays ? { onlineDays: p.onlineDays } : {}) },
    fees: (p.fees ?? []).map(([name, amount]) => ({ name, amount })),
    result: p.result,
    legalBasis: p.legalBasis,
    applicants: p.applicants ?? ['citizen'],
    deliveries: p.level === 'full_online' ? ['counter', 'post', 'electronic'] : ['counter', 'post'],
    steps: p.steps.map(([code, name, role, share]) => ({ code, name, role, share })),
    form: p.form,
  };
}

/**
 * Adds the demo catalogue (services-data.ts) through the import, so the demo exercises the path real catalogues
 * take: fields are created on the way, every procedure gets version 1 published and a search entry. Province-level
 * procedures are resolved by departments and received at the provincial Public Administration Service Centre;
 * commune-level ones by each demo commune at its own desk. Does nothing once the first demo procedure is there.
 */
export async function seedDemoServices(ctx: Ctx): Promise<boolean> {
  const [existing] = await ctx.db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, demoProcedures[0]!.code));
  if (existing) return false;
  const codes = new Map(demoAgencies.map((a) => [a.key, a.code]));
  const present = new Set((await ctx.db.select({ code: agencies.code }).from(agencies).where(inArray(agencies.code, [...codes.values()]))).map((a) => a.code));
  if ([...codes.values()].some((c) => !present.has(c))) return false;
  const code = (key: string) => codes.get(key)!;
  const records: (Omit<ImportRecord, 'definition'> & { definition: VersionDefinition; fieldName: string })[] = demoProcedures.map((p) => ({
    code: p.code,
    name: p.name,
    field: p.field[0],
    fieldName: p.field[1],
    level: p.level,
    tier: p.tier,
    owner: code(p.owner),
    agencies: p.competent.map((a) => ({ agency: code(a), desk: code(p.desk === 'self' ? a : p.desk) })),
    note: 'Dữ liệu mẫu',
    definition: definitionOf(p),
  }));
  const summary = await importProcedures({ ...ctx, actor: systemActor('demo') }, Buffer.from(JSON.stringify(records)), { fileName: 'demo' });
  // The data is ours: a rejected row is a bug in services-data.ts, not something to skip quietly.
  if (summary.rejected.length) throw new Error(`demo procedures rejected: ${JSON.stringify(summary.rejected)}`);
  return true;
}
