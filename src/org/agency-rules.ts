import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import type { Queryable } from '../platform/db/client.js';
import type { FieldErrors } from '../platform/errors.js';
import { checkbox, optionalEmail, optionalField, optionalPhone, optionalText, text } from '../platform/validation.js';
import { agencyCodeField } from './agency-code.js';
import { vnToday } from '../platform/dates.js';
import { agencies, agencyType } from './schema.js';
import { optionalCode, unitByCodeOn } from './unit-rules.js';

export type Agency = typeof agencies.$inferSelect;
export const agencyTypes = agencyType.enumValues;
export type AgencyType = (typeof agencyTypes)[number];

const optionalWebsite = optionalField(z.url({ protocol: /^https?$/, error: 'field.invalid' }).max(300, { error: 'field.tooLong' }));

/** The fields a person fills in for an agency, on creation and on edit. */
export const agencyFields = {
  code: agencyCodeField,
  name: text(300),
  nameEn: optionalText(300),
  shortName: optionalText(50),
  type: z.enum(agencyTypes, { error: 'field.invalid' }),
  unitCode: optionalCode,
  address: optionalText(300),
  phone: optionalPhone,
  email: optionalEmail,
  website: optionalWebsite,
  hasOneStopDesk: checkbox,
};

/** Resolves the administrative unit code to the unit valid today, adding a field error when there is none. */
export async function resolveUnit(ctx: Ctx, code: string | undefined, errors: FieldErrors): Promise<string | null> {
  if (!code) return null;
  const unit = await unitByCodeOn(ctx.db, code, vnToday(ctx.now()));
  if (!unit) errors.unitCode = { key: 'agency.unitNotFound' };
  return unit?.id ?? null;
}

export async function codeTaken(db: Queryable, code: string, exceptId?: string): Promise<boolean> {
  const [row] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
  return !!row && row.id !== exceptId;
}

/** The columns an agency form sets, from its parsed fields; absent optional fields are stored as null. */
export function agencyColumns(data: z.output<z.ZodObject<typeof agencyFields>>, adminUnitId: string | null) {
  return {
    code: data.code,
    name: data.name,
    nameEn: data.nameEn ?? null,
    shortName: data.shortName ?? null,
    type: data.type,
    adminUnitId,
    address: data.address ?? null,
    phone: data.phone ?? null,
    email: data.email ?? null,
    website: data.website ?? null,
    hasOneStopDesk: data.hasOneStopDesk,
  };
}

export function agencySnapshot(a: Agency) {
  return {
    code: a.code,
    name: a.name,
    nameEn: a.nameEn,
    shortName: a.shortName,
    type: a.type,
    parentId: a.parentId,
    adminUnitId: a.adminUnitId,
    address: a.address,
    phone: a.phone,
    email: a.email,
    website: a.website,
    hasOneStopDesk: a.hasOneStopDesk,
    active: a.active,
    version: a.version,
  };
}

export const versionField = z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).positive({ error: 'field.invalid' });
