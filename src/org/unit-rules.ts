import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../platform/db/client.js';
import { optionalField } from '../platform/validation.js';
import { adminUnits } from './schema.js';

export const unitLevels = ['province', 'district', 'commune'] as const;
export type UnitLevel = (typeof unitLevels)[number];
export type Unit = typeof adminUnits.$inferSelect;

/** Lower is higher in the hierarchy. */
export const levelRank: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

/** Statistics office code lengths by level. */
export const codeDigits: Record<UnitLevel, number> = { province: 2, district: 3, commune: 5 };

/** Kinds of unit by level under the 2013 Constitution and the 2025 two-tier reform (Law 72/2025/QH15). */
export const unitKinds: Record<UnitLevel, readonly string[]> = {
  province: ['tỉnh', 'thành phố trực thuộc trung ương', 'thành phố'],
  district: ['huyện', 'quận', 'thị xã', 'thành phố', 'thành phố thuộc tỉnh', 'thành phố thuộc thành phố trực thuộc trung ương'],
  commune: ['xã', 'phường', 'thị trấn', 'đặc khu'],
};
export const allKinds = [...new Set(Object.values(unitKinds).flat())];

export function normaliseKind(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

export const levelField = z.enum(unitLevels, { error: 'field.invalid' });
export const kindField = z.preprocess((v) => (typeof v === 'string' ? normaliseKind(v) : v), z.string({ error: 'field.required' }).min(1, { error: 'field.required' }));
export const unitCodeField = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'field.required' }).min(1, { error: 'field.required' }));
export const optionalCode = optionalField(z.string().max(20, { error: 'field.tooLong' }));

export function kindFits(level: UnitLevel, kind: string): boolean {
  return unitKinds[level].includes(kind);
}

export function codeFits(level: UnitLevel, code: string): boolean {
  return new RegExp(`^\\d{${codeDigits[level]}}$`).test(code);
}

/** Valid on a day: validity is by calendar day, valid_to being the last day the unit exists. */
export function validOn(day: string) {
  return and(lte(adminUnits.validFrom, day), or(isNull(adminUnits.validTo), gte(adminUnits.validTo, day)));
}

export async function unitByCodeOn(db: Queryable, code: string, day: string, level?: UnitLevel): Promise<Unit | undefined> {
  const [row] = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.code, code), validOn(day), level ? eq(adminUnits.level, level) : undefined))
    .orderBy(adminUnits.level)
    .limit(1);
  return row;
}

/** Whether another row of the same code and level overlaps the period [from, to]. */
export async function overlapsSameCode(db: Queryable, u: { code: string; level: UnitLevel; validFrom: string; validTo: string | null; exceptId?: string }): Promise<boolean> {
  const rows = await db
    .select({ id: adminUnits.id })
    .from(adminUnits)
    .where(
      and(
        eq(adminUnits.code, u.code),
        eq(adminUnits.level, u.level),
        u.exceptId ? sql`${adminUnits.id} <> ${u.exceptId}` : undefined,
        u.validTo ? lte(adminUnits.validFrom, u.validTo) : undefined,
        or(isNull(adminUnits.validTo), gte(adminUnits.validTo, u.validFrom)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** What an audit entry keeps of a unit. */
export function unitSnapshot(u: Unit) {
  return { code: u.code, name: u.name, kind: u.kind, level: u.level, parentId: u.parentId, validFrom: u.validFrom, validTo: u.validTo, version: u.version };
}
