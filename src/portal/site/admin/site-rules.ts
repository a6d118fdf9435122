import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/auth/authorize.js';
import type { Ctx } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db/client.js';
import { NotFound } from '../../../platform/errors.js';
import { optionalEmail, optionalField, optionalPhone, optionalText, text } from '../../../platform/validation.js';
import { invalidatePages, pageTags } from '../../cache/invalidate-pages.js';
import { categories, siteMenuItems, sites } from '../../schema.js';
import { isSlug } from '../../text/slug.js';
import { RESERVED_SITE_SLUGS } from '../../urls.js';
import type { Site } from '../chrome.js';

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast of white text on the colour: the header and buttons put white on it. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export const MIN_CONTRAST = 4.5;

const colour = z
  .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.string({ error: 'field.required' }).regex(/^#[0-9a-f]{6}$/, { error: 'site.admin.colourFormat' }))
  .refine((c) => contrastWithWhite(c) >= MIN_CONTRAST, { error: 'site.admin.colourContrast' });

const slugField = z
  .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.string({ error: 'field.required' }).min(2, { error: 'site.admin.slugFormat' }).max(60, { error: 'field.tooLong' }))
  .refine(isSlug, { error: 'site.admin.slugFormat' })
  .refine((s) => !RESERVED_SITE_SLUGS.has(s), { error: 'site.admin.slugReserved' });

const hostPattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const hostField = optionalField(z.string().regex(hostPattern, { error: 'site.admin.hostFormat' }), (s) => s.toLowerCase());

/** What a site's form carries, on creation and on edit. */
export const siteFields = {
  name: text(200),
  nameEn: optionalText(200),
  slug: slugField,
  host: hostField,
  tagline: optionalText(300),
  taglineEn: optionalText(300),
  primaryColor: colour,
  accentColor: colour,
  address: optionalText(300),
  phone: optionalPhone,
  fax: optionalPhone,
  email: optionalEmail,
  footerText: optionalText(1000),
  footerTextEn: optionalText(1000),
};

export type SiteInput = z.output<z.ZodObject<typeof siteFields>>;

export function siteColumns(d: SiteInput) {
  return {
    name: d.name,
    nameEn: d.nameEn ?? null,
    slug: d.slug,
    host: d.host ?? null,
    tagline: d.tagline ?? null,
    taglineEn: d.taglineEn ?? null,
    primaryColor: d.primaryColor,
    accentColor: d.accentColor,
    address: d.address ?? null,
    phone: d.phone ?? null,
    fax: d.fax ?? null,
    email: d.email ?? null,
    footerText: d.footerText ?? null,
    footerTextEn: d.footerTextEn ?? null,
  };
}

export function siteSnapshot(s: Site) {
  const { createdAt: _c, updatedAt: _u, ...rest } = s;
  return rest;
}

/** The unique indexes a site form can trip over, as the field to blame. */
export const siteConstraintField: Record<string, [string, 'site.admin.slugTaken' | 'site.admin.hostTaken' | 'site.admin.agencyHasSite' | 'site.admin.mainExists']> = {
  sites_slug: ['slug', 'site.admin.slugTaken'],
  sites_host: ['host', 'site.admin.hostTaken'],
  sites_agency: ['agencyId', 'site.admin.agencyHasSite'],
  sites_single_main: ['isMain', 'site.admin.mainExists'],
};

/** The site, for someone who may manage it; 404 for an unknown or malformed id. */
export async function manageableSite(ctx: Ctx, siteId: string): Promise<Site> {
  const [site] = await ctx.db.select().from(sites).where(eq(sites.id, siteId));
  if (!site) throw new NotFound();
  await requirePermission(ctx, 'site.manage', site.agencyId);
  return site;
}

/** Menus and colours show on every page of the site, and its name on every other site's footer. */
export async function siteChromeChanged(db: Queryable, siteId: string): Promise<void> {
  await invalidatePages(db, [pageTags.chrome(siteId), pageTags.allChromes(), pageTags.site(siteId)]);
}

export async function categoriesChanged(db: Queryable, siteId: string, categoryId: string): Promise<void> {
  await invalidatePages(db, [pageTags.category(categoryId), pageTags.siteLists(siteId), pageTags.chrome(siteId)]);
}

export const menuAreas = ['main', 'footer', 'links'] as const;
export type MenuArea = (typeof menuAreas)[number];

/** Where a new item goes: after the last of its area. */
export async function nextMenuPosition(db: Queryable, siteId: string, area: MenuArea): Promise<number> {
  const [row] = await db
    .select({ m: max(siteMenuItems.position) })
    .from(siteMenuItems)
    .where(and(eq(siteMenuItems.siteId, siteId), eq(siteMenuItems.area, area)));
  return (row?.m ?? 0) + 1;
}

export async function nextCategoryPosition(db: Queryable, siteId: string): Promise<number> {
  const [row] = await db.select({ m: max(categories.position) }).from(categories).where(eq(categories.siteId, siteId));
  return (row?.m ?? 0) + 1;
}

/** A menu link is a path of the site ("/van-ban") or a full web address; nothing else (no "javascript:"). */
export const hrefField = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v),
  z
    .string({ error: 'field.required' })
    .min(1, { error: 'field.required' })
    .max(500, { error: 'field.tooLong' })
    .refine((h) => (h.startsWith('/') && !h.startsWith('//') && !/\s/.test(h)) || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(h), { error: 'site.admin.hrefFormat' }),
);
