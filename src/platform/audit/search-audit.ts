import { z } from 'zod';
import type { Ctx } from '../context.js';
import { permittedAgencyIds, requirePermission } from '../auth/authorize.js';
import { Invalid } from '../errors.js';
import { optionalText, optionalUuid, parseInput } from '../validation.js';
import { type AgencyOption, type AuditCursor, type AuditFilters, type AuditListRow, type AuditScope, agencyNames, agencyOptions, auditPage } from './queries.js';
import { parseVnDate, vnDayStart } from '../dates.js';

/** The first segment of action codes the modules write (auth.sign_in, agency.update, …), offered as a select. */
export const actionGroups = ['auth', 'user', 'role', 'agency', 'unit', 'personal_data', 'demo'] as const;

const vnDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z
    .string()
    .transform((s, c) => {
      const d = parseVnDate(s);
      if (!d) {
        c.addIssue({ code: 'custom', message: 'field.date' });
        return z.NEVER;
      }
      return d;
    })
    .optional(),
);

const cursor = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string({ error: 'audit.error.cursor' }).regex(/^[1-9]\d{0,14}$/, { error: 'audit.error.cursor' }).transform(Number).optional(),
);

/** Query-string names are Vietnamese, like the rest of the back office's addresses. */
const schema = z.object({
  nguoi: optionalText(100),
  nhom: z.preprocess((v) => (v === '' ? undefined : v), z.enum(actionGroups, { error: 'field.invalid' }).optional()),
  'hanh-dong': optionalText(100),
  'loai-ban-ghi': optionalText(60),
  'ma-ban-ghi': optionalText(100),
  'co-quan': optionalUuid,
  'tu-ngay': vnDate,
  'den-ngay': vnDate,
  ip: optionalText(45).pipe(z.string().regex(/^[0-9a-fA-F:.]+$/, { error: 'audit.error.ip' }).optional()),
  truoc: cursor,
  sau: cursor,
});

export type AuditSearch = {
  rows: AuditListRow[];
  hasNewer: boolean;
  hasOlder: boolean;
  agencies: AgencyOption[];
  names: Map<string, string>;
};

/** The viewer's audit scope: everything for a system-wide grant, else the agencies they hold audit.read in. */
export async function auditScope(ctx: Ctx): Promise<AuditScope> {
  await requirePermission(ctx, 'audit.read', null);
  return permittedAgencyIds(ctx, 'audit.read');
}

/** Searches the log within the viewer's scope; bad filters are field errors, never an empty result. */
export async function searchAudit(ctx: Ctx, query: unknown): Promise<AuditSearch> {
  const scope = await auditScope(ctx);
  const q = parseInput(schema, query);
  if (q['tu-ngay'] && q['den-ngay'] && vnDayStart(q['den-ngay']) < vnDayStart(q['tu-ngay'])) throw new Invalid({ 'den-ngay': { key: 'audit.error.dateOrder' } });
  if (q['co-quan'] && scope !== 'all' && !scope.includes(q['co-quan'])) throw new Invalid({ 'co-quan': { key: 'audit.error.agencyScope' } });
  const filters: AuditFilters = {
    person: q.nguoi,
    group: q.nhom,
    action: q['hanh-dong'],
    entityType: q['loai-ban-ghi'],
    entityId: q['ma-ban-ghi'],
    agencyId: q['co-quan'],
    from: q['tu-ngay'] ? vnDayStart(q['tu-ngay']) : undefined,
    until: q['den-ngay'] ? vnDayStart(q['den-ngay'], 1) : undefined,
    ip: q.ip?.toLowerCase(),
  };
  const at: AuditCursor = q.truoc ? { before: q.truoc } : q.sau ? { after: q.sau } : null;
  const [page, agencies] = await Promise.all([auditPage(ctx.db, scope, filters, at), agencyOptions(ctx.db, scope)]);
  const names = await agencyNames(ctx.db, page.rows.map((r) => r.agencyId));
  return { ...page, agencies, names };
}
