import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/schema.js';

/** Minutes after local midnight, [start, end). */
export type StoredPeriod = { start: number; end: number };
/** ISO weekday ('1' Monday … '7' Sunday) → that day's working periods, ascending. */
export type StoredWeek = Record<string, StoredPeriod[]>;

/**
 * The province's working hours: at most one row (id 1). No row means the default hours of working-time.ts,
 * so a fresh deployment computes deadlines before anyone has edited them.
 */
export const workingCalendar = pgTable(
  'working_calendar',
  {
    id: integer('id').primaryKey(),
    week: jsonb('week').$type<StoredWeek>().notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('working_calendar_single', sql`${t.id} = 1`)],
);

export const calendarDayKind = pgEnum('calendar_day_kind', ['holiday', 'day_off', 'working_day']);

/**
 * Days that differ from the usual week: holidays, compensatory or swapped days off, and make-up working days
 * on a weekend. Rows seeded from date-holidays or the known gaps are suggestions (confirmed false) until the
 * operator checks them against the government's notice; the engine ignores unconfirmed rows.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    day: date('day', { mode: 'string' }).notNull().unique('calendar_days_day'),
    kind: calendarDayKind('kind').notNull(),
    name: text('name').notNull(),
    source: text('source', { enum: ['manual', 'date-holidays', 'rule'] }).notNull(),
    confirmed: boolean('confirmed').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
);

/**
 * A year whose table of days the operator has checked against the government's notice. Deadlines may only be
 * computed through confirmed years: a guess about Tết would silently shift every due date.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    notice: text('notice'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [check('calendar_years_range', sql`${t.year} BETWEEN 2000 AND 2100`)],
);
