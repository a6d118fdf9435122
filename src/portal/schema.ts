import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { agencies } from '../org/schema.js';
import { files } from '../platform/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A portal site: the provincial portal (is_main, served at "/") or an agency's or commune's site (served at
 * "/{slug}/" and, when set, on its own host name). A site belongs to one agency; roles held in that agency
 * (editor, approver, agency admin) are the site's roles.
 */
export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    isMain: boolean('is_main').notNull().default(false),
    host: text('host'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    tagline: text('tagline'),
    taglineEn: text('tagline_en'),
    logoFileId: uuid('logo_file_id').references(() => files.id, { onDelete: 'set null' }),
    primaryColor: text('primary_color').notNull().default('#0f4c81'),
    accentColor: text('accent_color').notNull().default('#b7312c'),
    address: text('address'),
    phone: text('phone'),
    fax: text('fax'),
    email: text('email'),
    footerText: text('footer_text'),
    footerTextEn: text('footer_text_en'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sites_agency').on(t.agencyId),
    uniqueIndex('sites_slug').on(t.slug),
    uniqueIndex('sites_host').on(sql`lower(${t.host})`),
    uniqueIndex('sites_single_main').on(t.isMain).where(sql`${t.isMain}`),
  ],
);

export const menuArea = pgEnum('menu_area', ['main', 'footer', 'links']);

/** Menus of a site: the main navigation, footer links, and links to other state agencies' portals (Decree 42). */
export const siteMenuItems = pgTable(
  'site_menu_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    area: menuArea('area').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en'),
    href: text('href').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('site_menu_items_site').on(t.siteId, t.area, t.position)],
);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('categories_site_slug').on(t.siteId, t.slug), index('categories_parent').on(t.parentId)],
);

export const articleKind = pgEnum('article_kind', ['news', 'page']);
export const articleStatus = pgEnum('article_status', ['draft', 'submitted', 'scheduled', 'published', 'unpublished', 'archived']);

/**
 * News articles and fixed pages (about, functions and duties, organisation chart, contacts, financial report …).
 * An English version is its own row pointing at the Vietnamese original (translation_of_id). `version` is the
 * optimistic lock and equals the number of the latest revision.
 */
export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    kind: articleKind('kind').notNull().default('news'),
    locale: text('locale', { enum: ['vi', 'en'] }).notNull().default('vi'),
    translationOfId: uuid('translation_of_id').references((): AnyPgColumn => articles.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Sanitised HTML; sanitised again on every save, never trusted from the editor. */
    body: text('body').notNull().default(''),
    coverFileId: uuid('cover_file_id').references(() => files.id, { onDelete: 'set null' }),
    coverAlt: text('cover_alt'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    authorName: text('author_name'),
    source: text('source'),
    featured: boolean('featured').notNull().default(false),
    status: articleStatus('status').notNull().default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    /** The identifier in the portal it was imported from, so a re-import updates instead of duplicating. */
    sourceId: text('source_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('articles_site_kind_slug').on(t.siteId, t.kind, t.locale, t.slug),
    uniqueIndex('articles_site_source').on(t.siteId, t.sourceId).where(sql`${t.sourceId} is not null`),
    uniqueIndex('articles_translation').on(t.translationOfId, t.locale).where(sql`${t.translationOfId} is not null`),
    index('articles_site_status_published').on(t.siteId, t.status, t.publishedAt),
    index('articles_category_status_published').on(t.categoryId, t.status, t.publishedAt),
    index('articles_scheduled').on(t.scheduledAt).where(sql`${t.status} = 'scheduled'`),
    index('articles_tags').using('gin', t.tags),
  ],
);

/** What an article looked like after each save; number 1 is the first draft. Never updated or deleted. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    body: text('body').notNull(),
    /** The other edited fields (category, slug, tags, cover, author, source, featured), for the diff view. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('article_revisions_number').on(t.articleId, t.number)],
);

export const articleAttachments = pgTable(
  'article_attachments',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    label: text('label'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.fileId] })],
);

export const legalStatus = pgEnum('legal_status', ['not_yet_in_force', 'in_force', 'partly_expired', 'expired']);

/** Legal normative and administrative documents a site publishes (Decree 42 art. 4), and drafts for comment. */
export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    docType: text('doc_type').notNull(),
    /** Số, ký hiệu, e.g. "12/2025/QĐ-UBND". */
    number: text('number').notNull(),
    /** Trích yếu. */
    title: text('title').notNull(),
    issuingBody: text('issuing_body').notNull(),
    signer: text('signer'),
    field: text('field'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    status: legalStatus('status').notNull().default('in_force'),
    isDraft: boolean('is_draft').notNull().default(false),
    commentUntil: date('comment_until', { mode: 'string' }),
    summary: text('summary'),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    sourceId: text('source_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_documents_site_issued').on(t.siteId, t.published, t.issuedOn),
    index('legal_documents_number').on(sql`lower(${t.number})`),
    uniqueIndex('legal_documents_site_source').on(t.siteId, t.sourceId).where(sql`${t.sourceId} is not null`),
  ],
);

export const inquiryKind = pgEnum('inquiry_kind', ['question', 'feedback']);
export const inquiryStatus = pgEnum('inquiry_status', ['received', 'assigned', 'answered', 'published', 'rejected']);

/**
 * Q&A (hỏi đáp) and feedback (phản ánh, kiến nghị): asked without an account, routed to a unit, answered by an
 * official, published by an approver. The asker follows it by its code.
 */
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    kind: inquiryKind('kind').notNull(),
    code: text('code').notNull(),
    askerName: text('asker_name').notNull(),
    askerEmail: text('asker_email'),
    askerPhone: text('asker_phone'),
    askerAddress: text('asker_address'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The asker agrees that the question and answer may be shown publicly (without contact details). */
    publicConsent: boolean('public_consent').notNull().default(true),
    assignedAgencyId: uuid('assigned_agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    status: inquiryStatus('status').notNull().default('received'),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    rejectReason: text('reject_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inquiries_code').on(t.code),
    index('inquiries_site_kind_status').on(t.siteId, t.kind, t.status, t.createdAt),
    index('inquiries_assigned').on(t.assignedAgencyId, t.status),
  ],
);

/**
 * One row per published thing that search finds (article, page, legal document, answered question, procedure),
 * written in the same transaction that publishes or withdraws it. `tsv` holds the diacritic-folded words, weighted
 * title > summary > body; `title_folded` feeds trigram matching of document numbers and "did you mean".
 */
export const searchEntries = pgTable(
  'search_entries',
  {
    entityType: text('entity_type', { enum: ['article', 'page', 'legal', 'question', 'procedure'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    locale: text('locale', { enum: ['vi', 'en'] }).notNull().default('vi'),
    categoryId: uuid('category_id'),
    title: text('title').notNull(),
    summary: text('summary'),
    url: text('url').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    tsv: tsvector('tsv').notNull(),
    titleFolded: text('title_folded').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId] }),
    index('search_entries_tsv').using('gin', t.tsv),
    index('search_entries_title_trgm').using('gin', sql`${t.titleFolded} gin_trgm_ops`),
    index('search_entries_site_published').on(t.siteId, t.publishedAt),
    // Common words are searched among the newest entries first (search-query.ts), read in this order: DESC NULLS
    // FIRST is what "order by published_at desc" means, so the index serves it without a sort.
    index('search_entries_published').on(t.publishedAt.desc().nullsFirst(), t.entityId),
  ],
);

/**
 * The distinct words of the searchable titles (folded like title_folded, letters only, two or more), each with the
 * number of entries whose title has it; kept by triggers on search_entries (migration 0013) in the transaction that
 * publishes or withdraws. "Did you mean" looks a misspelt word up here, a few thousand short words under a trigram
 * index, instead of comparing the query with titles.
 */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
    entries: integer('entries').notNull(),
  },
  (t) => [index('search_words_trgm').using('gin', sql`${t.word} gin_trgm_ops`)],
);

/** Visits per site and day, flushed in batches from memory; no row per page view and nothing about the visitor. */
export const siteVisitDays = pgTable(
  'site_visit_days',
  {
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
    visitors: bigint('visitors', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day] })],
);

export const articleViews = pgTable('article_views', {
  articleId: uuid('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  views: bigint('views', { mode: 'number' }).notNull().default(0),
});
