import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { dateField, parseDate, showDate, vnToday } from '../../platform/dates.js';
import { type FieldErrors, NotFound } from '../../platform/errors.js';
import { checkbox, idOrNotFound, optionalField, optionalText, text } from '../../platform/validation.js';
import { invalidatePages, pageTags } from '../cache/invalidate-pages.js';
import type { SearchRow } from '../import/publish-rows.js';
import { legalDocuments, legalStatus, sites } from '../schema.js';
import { indexSearchEntry, removeSearchEntry } from '../search/search-index.js';
import { sitePaths } from '../urls.js';

export type LegalDocument = typeof legalDocuments.$inferSelect;
export type LegalStatus = LegalDocument['status'];
export type Site = typeof sites.$inferSelect;

/**
 * The kinds of document a site lists, as they are written on the documents themselves (and stored, and shown on
 * the public filter). The demo seed and imports use the same words.
 */
export const LEGAL_DOC_TYPES = ['Luật', 'Nghị định', 'Quyết định', 'Nghị quyết', 'Thông tư', 'Chỉ thị', 'Kế hoạch', 'Công văn', 'Thông báo', 'Hướng dẫn'] as const;

export const LEGAL_STATUSES = legalStatus.enumValues;

/** What a draft for comment shows where the number goes: it has none until it is signed. */
export const DRAFT_NUMBER = 'Dự thảo';

/**
 * Số, ký hiệu as Decree 30/2020/NĐ-CP writes it: a number, for normative documents the year, then the symbol in
 * capitals (abbreviations joined by hyphens): 15/2025/QĐ-UBND, 08/2025/NQ-HĐND, 59/2020/QH14, 123/UBND-VP.
 */
const NUMBER_PATTERN = /^\d{1,6}(\/\d{4})?\/[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$/u;

/** Spaces dropped and the symbol in capitals, since people type "15/2025/qđ-ubnd" or "15 / 2025 / QĐ-UBND". */
export function normaliseNumber(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

export function isDocumentNumber(s: string): boolean {
  return NUMBER_PATTERN.test(s);
}

const optionalDate = optionalField(z.string().refine((s) => s !== 'invalid', { error: 'field.date' }), (s) => parseDate(s) ?? 'invalid');

export const versionField = z.coerce.number({ error: 'field.invalid' }).int().min(1);

/** What the new and the edit form carry; the cross-field rules are in checkDocument. */
export const legalFields = {
  docType: text(40),
  number: optionalText(60),
  title: text(1000),
  issuingBody: text(300),
  signer: optionalText(200),
  field: optionalText(200),
  issuedOn: dateField,
  effectiveOn: optionalDate,
  expiresOn: optionalDate,
  status: optionalField(z.enum(LEGAL_STATUSES, { error: 'field.invalid' })),
  isDraft: checkbox,
  commentUntil: optionalDate,
  summary: optionalText(4000),
};

export const legalInput = z.object(legalFields);
export type LegalInput = z.output<typeof legalInput>;

/** The status the dates imply on a given day; the person may still choose another (a partial repeal has no date here). */
export function suggestStatus(d: { isDraft: boolean; effectiveOn?: string | null; expiresOn?: string | null }, today: string): LegalStatus {
  if (d.isDraft) return 'not_yet_in_force';
  if (d.expiresOn && d.expiresOn <= today) return 'expired';
  if (d.effectiveOn && d.effectiveOn > today) return 'not_yet_in_force';
  return 'in_force';
}

/**
 * Turns checked input into the row's columns, or the field errors: a type from the list (or the one the document
 * already had, so an imported one stays editable), a number of the right shape (a draft may have none), effective
 * on or after issue, expiry after taking effect, and a comment deadline for a draft.
 */
export function checkDocument(data: LegalInput, today: Date, keepType?: string) {
  const errors: FieldErrors = {};
  if (!(LEGAL_DOC_TYPES as readonly string[]).includes(data.docType) && data.docType !== keepType) errors.docType = { key: 'legal.typeInvalid' };
  let number = data.number === undefined ? undefined : data.number.normalize('NFC').trim() === DRAFT_NUMBER ? DRAFT_NUMBER : normaliseNumber(data.number);
  if (number === undefined) {
    if (data.isDraft) number = DRAFT_NUMBER;
    else errors.number = { key: 'field.required' };
  } else if (number !== DRAFT_NUMBER && !isDocumentNumber(number)) errors.number = { key: 'legal.numberInvalid' };
  else if (number === DRAFT_NUMBER && !data.isDraft) errors.number = { key: 'legal.numberInvalid' };
  if (data.effectiveOn && data.effectiveOn < data.issuedOn) errors.effectiveOn = { key: 'legal.effectiveBeforeIssued' };
  const from = data.effectiveOn ?? data.issuedOn;
  if (data.expiresOn && data.expiresOn <= from) errors.expiresOn = { key: data.effectiveOn ? 'legal.expiryNotAfterEffective' : 'legal.expiryNotAfterIssued' };
  if (data.isDraft && !data.commentUntil) errors.commentUntil = { key: 'legal.commentUntilRequired' };
  else if (data.isDraft && data.commentUntil && data.commentUntil < data.issuedOn) errors.commentUntil = { key: 'legal.commentBeforeIssued' };
  if (Object.keys(errors).length) return { errors, values: null };
  const values = {
    docType: data.docType,
    number: number!,
    title: data.title,
    issuingBody: data.issuingBody,
    signer: data.signer ?? null,
    field: data.field ?? null,
    issuedOn: data.issuedOn,
    effectiveOn: data.effectiveOn ?? null,
    expiresOn: data.expiresOn ?? null,
    status: data.status ?? suggestStatus(data, vnToday(today)),
    isDraft: data.isDraft,
    commentUntil: data.isDraft ? (data.commentUntil ?? null) : null,
    summary: data.summary ?? null,
  };
  return { errors: null, values };
}

export async function loadLegal(db: Queryable, id: string): Promise<{ doc: LegalDocument; site: Site }> {
  const [row] = await db.select({ doc: legalDocuments, site: sites }).from(legalDocuments).innerJoin(sites, eq(sites.id, legalDocuments.siteId)).where(eq(legalDocuments.id, idOrNotFound(id)));
  if (!row) throw new NotFound();
  return row;
}

/** Re-read under a row lock inside the transaction, so the version check sees the latest save. */
export async function lockLegal(tx: { db: Tx }, id: string): Promise<LegalDocument> {
  const [d] = await tx.db.select().from(legalDocuments).where(eq(legalDocuments.id, id)).for('update');
  if (!d) throw new NotFound();
  return d;
}

/** The audit entry's view of a document. */
export function legalSnapshot(d: LegalDocument) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, sourceId: _s, ...rest } = d;
  return rest;
}

/**
 * What search shows for a published document. The number belongs in the title: people search for
 * "15/2025/QĐ-UBND". A draft has none yet. Shared by the back office, the demo seed and imports.
 */
export function legalSearchRow(d: Pick<LegalDocument, 'id' | 'siteId' | 'docType' | 'number' | 'title' | 'isDraft' | 'summary' | 'issuingBody' | 'signer' | 'field'> & { publishedAt: Date }): SearchRow {
  return {
    entityType: 'legal',
    entityId: d.id,
    siteId: d.siteId,
    locale: 'vi',
    categoryId: null,
    title: d.isDraft ? d.title : `${d.docType} ${d.number}: ${d.title}`,
    summary: d.summary,
    body: [d.issuingBody, d.signer, d.field].filter(Boolean).join('\n'),
    url: sitePaths.legalDocument(d.id),
    publishedAt: d.publishedAt,
  };
}

/** After a published document changed: search follows it and the site's pages that list documents are dropped. */
export async function refreshPublished(tx: Ctx & { db: Tx }, d: LegalDocument): Promise<void> {
  if (d.published) await indexSearchEntry(tx.db, legalSearchRow({ ...d, publishedAt: d.publishedAt ?? tx.now() }));
  else await removeSearchEntry(tx.db, 'legal', d.id);
  await invalidatePages(tx.db, [pageTags.legal(d.siteId)]);
}

/** The form's values for a stored document, dates as people type them. */
export function documentFormValues(d: LegalDocument): Record<string, string> {
  return {
    docType: d.docType,
    number: d.number,
    title: d.title,
    issuingBody: d.issuingBody,
    signer: d.signer ?? '',
    field: d.field ?? '',
    issuedOn: showDate(d.issuedOn),
    effectiveOn: showDate(d.effectiveOn),
    expiresOn: showDate(d.expiresOn),
    status: d.status,
    isDraft: d.isDraft ? 'on' : '',
    commentUntil: showDate(d.commentUntil),
    summary: d.summary ?? '',
    version: String(d.version),
  };
}
