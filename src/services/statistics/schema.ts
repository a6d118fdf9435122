import { date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../../org/schema.js';

const n = (name: string) => integer(name).notNull().default(0);

/**
 * What report.ts needs, counted per competent agency and day (Vietnam time) so that a period's report sums days,
 * not dossiers. Kept by statement triggers on `dossiers` (migration 0010) in the transaction of whatever changes a
 * dossier: each changed row's old contribution is taken away and its new one added, so an action, a correction
 * and the demo generator's bulk inserts all keep it true. `congso statistics rebuild-counters` recomputes it.
 *
 * Each column is keyed by the day its event falls on: receipt (received … due_received), finish (finished …
 * due_finished), return (returned, rated, satisfied), due date (overdue) and the later of due date and finish
 * (overdue_finished). Only received dossiers count. The stock at a day's start is a difference of sums before it:
 * open = received − finished, open with a due date = due_received − due_finished, open and past due = overdue −
 * overdue_finished (a due date is never before receipt).
 */
export const dossierDayFigures = pgTable(
  'dossier_day_figures',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    received: n('received'),
    receivedOnline: n('received_online'),
    receivedInPerson: n('received_in_person'),
    receivedPost: n('received_post'),
    fullOnlineReceived: n('full_online_received'),
    fullOnlineOnline: n('full_online_online'),
    feeReceived: n('fee_received'),
    paidOnline: n('paid_online'),
    digitised: n('digitised'),
    dueReceived: n('due_received'),
    finished: n('finished'),
    early: n('early'),
    onTime: n('on_time'),
    late: n('late'),
    withdrawn: n('withdrawn'),
    stopped: n('stopped'),
    dueFinished: n('due_finished'),
    returned: n('returned'),
    rated: n('rated'),
    satisfied: n('satisfied'),
    overdue: n('overdue'),
    overdueFinished: n('overdue_finished'),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);
