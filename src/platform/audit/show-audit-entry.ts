import type { Ctx } from '../context.js';
import { NotFound } from '../errors.js';
import { agencyNames, auditEntry } from './queries.js';
import type { AuditRow } from './record-audit.js';
import { auditScope } from './search-audit.js';

/**
 * One entry with its agency's name. An entry outside the viewer's scope is reported as not found, so its
 * existence is not revealed to someone who may not read it.
 */
export async function showAuditEntry(ctx: Ctx, seqParam: string): Promise<{ entry: AuditRow; agencyName: string | null }> {
  const scope = await auditScope(ctx);
  if (!/^[1-9]\d{0,15}$/.test(seqParam) || !Number.isSafeInteger(Number(seqParam))) throw new NotFound();
  const entry = await auditEntry(ctx.db, Number(seqParam));
  if (!entry) throw new NotFound();
  if (scope !== 'all' && (entry.agencyId === null || !scope.includes(entry.agencyId))) throw new NotFound();
  const names = await agencyNames(ctx.db, [entry.agencyId]);
  return { entry, agencyName: entry.agencyId ? (names.get(entry.agencyId) ?? null) : null };
}
