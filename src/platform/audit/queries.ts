import { type SQL, and, asc, desc, eq, gt, gte, ilike, inArray, like, lt } from 'drizzle-orm';
import { agencies } from '../../org/schema.js';
import type { Queryable } from '../db/client.js';
import { auditLog } from '../schema.js';
import type { AuditRow } from './record-audit.js';

export const AUDIT_PAGE_SIZE = 50;

export type AuditScope = 'all' | string[];

export type AuditFilters = {
  person?: string;
  group?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  agencyId?: string;
  from?: Date;
  /** Exclusive: the start of the day after the last day asked for. */
  until?: Date;
  ip?: string;
};

export type AuditCursor = { before: number } | { after: number } | null;

export type AuditListRow = Pick<AuditRow, 'seq' | 'at' | 'actorLabel' | 'action' | 'entityType' | 'entityId' | 'agencyId' | 'ip'>;

export type AgencyOption = { id: string; name: string };

/** LIKE treats % and _ as wildcards; what a person types is matched literally (backslash is the default escape). */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(scope: AuditScope, f: AuditFilters): SQL[] {
  const c: SQL[] = [];
  if (scope !== 'all') c.push(inArray(auditLog.agencyId, scope));
  if (f.person) c.push(ilike(auditLog.actorLabel, `%${escapeLike(f.person)}%`));
  if (f.group) c.push(like(auditLog.action, `${escapeLike(f.group)}.%`));
  if (f.action) c.push(ilike(auditLog.action, `%${escapeLike(f.action)}%`));
  if (f.entityType) c.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) c.push(eq(auditLog.entityId, f.entityId));
  if (f.agencyId) c.push(eq(auditLog.agencyId, f.agencyId));
  if (f.from) c.push(gte(auditLog.at, f.from));
  if (f.until) c.push(lt(auditLog.at, f.until));
  if (f.ip) c.push(like(auditLog.ip, `${escapeLike(f.ip)}%`));
  return c;
}

const listColumns = {
  seq: auditLog.seq,
  at: auditLog.at,
  actorLabel: auditLog.actorLabel,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  agencyId: auditLog.agencyId,
  ip: auditLog.ip,
};

/**
 * One page of entries, newest first, by keyset on seq: moving to older pages asks for seq below the page's
 * last one, to newer pages for seq above its first, so deep pages cost the same as the first.
 */
export async function auditPage(db: Queryable, scope: AuditScope, f: AuditFilters, cursor: AuditCursor) {
  if (scope !== 'all' && scope.length === 0) return { rows: [] as AuditListRow[], hasNewer: false, hasOlder: false };
  const base = conditions(scope, f);
  const exists = async (cond: SQL) => (await db.select({ seq: auditLog.seq }).from(auditLog).where(and(...base, cond)).limit(1)).length > 0;
  if (cursor && 'after' in cursor) {
    const got = await db.select(listColumns).from(auditLog).where(and(...base, gt(auditLog.seq, cursor.after))).orderBy(asc(auditLog.seq)).limit(AUDIT_PAGE_SIZE + 1);
    const hasNewer = got.length > AUDIT_PAGE_SIZE;
    const rows = got.slice(0, AUDIT_PAGE_SIZE).reverse();
    const hasOlder = rows.length > 0 ? await exists(lt(auditLog.seq, rows[rows.length - 1]!.seq)) : await exists(lt(auditLog.seq, cursor.after + 1));
    return { rows, hasNewer, hasOlder };
  }
  const where = cursor ? and(...base, lt(auditLog.seq, cursor.before)) : and(...base);
  const got = await db.select(listColumns).from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(AUDIT_PAGE_SIZE + 1);
  const hasOlder = got.length > AUDIT_PAGE_SIZE;
  const rows = got.slice(0, AUDIT_PAGE_SIZE);
  const hasNewer = cursor ? (rows.length > 0 ? await exists(gt(auditLog.seq, rows[0]!.seq)) : await exists(gt(auditLog.seq, cursor.before - 1))) : false;
  return { rows, hasNewer, hasOlder };
}

export async function auditEntry(db: Queryable, seq: number): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.seq, seq));
  return row;
}

const collator = new Intl.Collator('vi');

/** The agencies whose log the viewer may read, in Vietnamese order, for the filter and for naming rows. */
export async function agencyOptions(db: Queryable, scope: AuditScope): Promise<AgencyOption[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const q = db.select({ id: agencies.id, name: agencies.name }).from(agencies);
  const rows = scope === 'all' ? await q : await q.where(inArray(agencies.id, scope));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Names for the agencies a page mentions, in one query. */
export async function agencyNames(db: Queryable, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
