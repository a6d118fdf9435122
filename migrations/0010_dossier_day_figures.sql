CREATE TABLE "dossier_day_figures" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_in_person" integer DEFAULT 0 NOT NULL,
	"received_post" integer DEFAULT 0 NOT NULL,
	"full_online_received" integer DEFAULT 0 NOT NULL,
	"full_online_online" integer DEFAULT 0 NOT NULL,
	"fee_received" integer DEFAULT 0 NOT NULL,
	"paid_online" integer DEFAULT 0 NOT NULL,
	"digitised" integer DEFAULT 0 NOT NULL,
	"due_received" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"due_finished" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"overdue_finished" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_day_figures_agency_id_day_pk" PRIMARY KEY("agency_id","day")
);
--> statement-breakpoint
ALTER TABLE "dossier_day_figures" ADD CONSTRAINT "dossier_day_figures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_open" ON "dossiers" USING btree ("agency_id","received_at","due_at","paused_since") WHERE "dossiers"."finished_at" is null and "dossiers"."received_at" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_paused" ON "dossiers" USING btree ("agency_id") WHERE "dossiers"."paused_since" is not null;--> statement-breakpoint

--> statement-breakpoint
-- hand-written: the counters behind the statistics (services/statistics/schema.ts), kept by statement triggers so
-- that whatever changes a dossier, one action or a generator's batch, changes them in the same transaction.
-- A day in Vietnam time (UTC+7, no daylight saving), computed without time zone data so both engines agree.
CREATE FUNCTION vn_date(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  select date '1970-01-01' + floor((extract(epoch from t) + 25200) / 86400)::integer
$$;
--> statement-breakpoint
-- What one dossier adds to the counters (s = 1), or takes away (s = -1): a row per day it has an event on.
CREATE FUNCTION dossier_day_figures_of(d dossiers, s integer) RETURNS SETOF dossier_day_figures LANGUAGE sql STABLE AS $$
  -- receipt
  select d.agency_id, vn_date(d.received_at),
    s,
    case when d.channel = 'online' then s else 0 end,
    case when d.channel = 'in_person' then s else 0 end,
    case when d.channel = 'post' then s else 0 end,
    case when d.level = 'full_online' then s else 0 end,
    case when d.level = 'full_online' and d.channel = 'online' then s else 0 end,
    case when d.fee_total > 0 then s else 0 end,
    case when d.fee_total > 0 and d.paid_online then s else 0 end,
    case when d.digitised then s else 0 end,
    case when d.due_at is not null then s else 0 end,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  where d.received_at is not null
  union all
  -- finish
  select d.agency_id, vn_date(d.finished_at),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    s,
    case when d.state in ('processed', 'returned') and vn_date(d.finished_at) < vn_date(d.due_at) then s else 0 end,
    case when d.state in ('processed', 'returned') and vn_date(d.finished_at) = vn_date(d.due_at) then s else 0 end,
    case when d.state in ('processed', 'returned') and vn_date(d.finished_at) > vn_date(d.due_at) then s else 0 end,
    case when d.state = 'withdrawn' then s else 0 end,
    case when d.state = 'stopped' then s else 0 end,
    case when d.due_at is not null then s else 0 end,
    0, 0, 0, 0, 0
  where d.received_at is not null and d.finished_at is not null
  union all
  -- return
  select d.agency_id, vn_date(d.returned_at),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    s,
    case when d.rating is not null then s else 0 end,
    case when d.rating >= 4 then s else 0 end,
    0, 0
  where d.received_at is not null and d.returned_at is not null
  union all
  -- due date
  select d.agency_id, vn_date(d.due_at),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    s,
    0
  where d.received_at is not null and d.due_at is not null
  union all
  -- later of due date and finish
  select d.agency_id, greatest(vn_date(d.due_at), vn_date(d.finished_at)),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    s
  where d.received_at is not null and d.due_at is not null and d.finished_at is not null
$$;
--> statement-breakpoint
CREATE FUNCTION dossier_day_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows sorted by agency and day, so two transactions take the counter rows' locks in the same order; groups that
  -- sum to nothing (an action that changes no figure) touch no row at all.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dossier_day_figures AS f
      SELECT agency_id, day, sum(received), sum(received_online), sum(received_in_person), sum(received_post), sum(full_online_received), sum(full_online_online), sum(fee_received), sum(paid_online), sum(digitised), sum(due_received), sum(finished), sum(early), sum(on_time), sum(late), sum(withdrawn), sum(stopped), sum(due_finished), sum(returned), sum(rated), sum(satisfied), sum(overdue), sum(overdue_finished)
      FROM (SELECT x.* FROM new_rows n, dossier_day_figures_of(n, 1) x) c
      GROUP BY agency_id, day HAVING sum(received) <> 0 or sum(received_online) <> 0 or sum(received_in_person) <> 0 or sum(received_post) <> 0 or sum(full_online_received) <> 0 or sum(full_online_online) <> 0 or sum(fee_received) <> 0 or sum(paid_online) <> 0 or sum(digitised) <> 0 or sum(due_received) <> 0 or sum(finished) <> 0 or sum(early) <> 0 or sum(on_time) <> 0 or sum(late) <> 0 or sum(withdrawn) <> 0 or sum(stopped) <> 0 or sum(due_finished) <> 0 or sum(returned) <> 0 or sum(rated) <> 0 or sum(satisfied) <> 0 or sum(overdue) <> 0 or sum(overdue_finished) <> 0
      ORDER BY agency_id, day
      ON CONFLICT (agency_id, day) DO UPDATE SET
      received = f.received + excluded.received,
      received_online = f.received_online + excluded.received_online,
      received_in_person = f.received_in_person + excluded.received_in_person,
      received_post = f.received_post + excluded.received_post,
      full_online_received = f.full_online_received + excluded.full_online_received,
      full_online_online = f.full_online_online + excluded.full_online_online,
      fee_received = f.fee_received + excluded.fee_received,
      paid_online = f.paid_online + excluded.paid_online,
      digitised = f.digitised + excluded.digitised,
      due_received = f.due_received + excluded.due_received,
      finished = f.finished + excluded.finished,
      early = f.early + excluded.early,
      on_time = f.on_time + excluded.on_time,
      late = f.late + excluded.late,
      withdrawn = f.withdrawn + excluded.withdrawn,
      stopped = f.stopped + excluded.stopped,
      due_finished = f.due_finished + excluded.due_finished,
      returned = f.returned + excluded.returned,
      rated = f.rated + excluded.rated,
      satisfied = f.satisfied + excluded.satisfied,
      overdue = f.overdue + excluded.overdue,
      overdue_finished = f.overdue_finished + excluded.overdue_finished;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO dossier_day_figures AS f
      SELECT agency_id, day, sum(received), sum(received_online), sum(received_in_person), sum(received_post), sum(full_online_received), sum(full_online_online), sum(fee_received), sum(paid_online), sum(digitised), sum(due_received), sum(finished), sum(early), sum(on_time), sum(late), sum(withdrawn), sum(stopped), sum(due_finished), sum(returned), sum(rated), sum(satisfied), sum(overdue), sum(overdue_finished)
      FROM (SELECT x.* FROM old_rows o, dossier_day_figures_of(o, -1) x UNION ALL SELECT x.* FROM new_rows n, dossier_day_figures_of(n, 1) x) c
      GROUP BY agency_id, day HAVING sum(received) <> 0 or sum(received_online) <> 0 or sum(received_in_person) <> 0 or sum(received_post) <> 0 or sum(full_online_received) <> 0 or sum(full_online_online) <> 0 or sum(fee_received) <> 0 or sum(paid_online) <> 0 or sum(digitised) <> 0 or sum(due_received) <> 0 or sum(finished) <> 0 or sum(early) <> 0 or sum(on_time) <> 0 or sum(late) <> 0 or sum(withdrawn) <> 0 or sum(stopped) <> 0 or sum(due_finished) <> 0 or sum(returned) <> 0 or sum(rated) <> 0 or sum(satisfied) <> 0 or sum(overdue) <> 0 or sum(overdue_finished) <> 0
      ORDER BY agency_id, day
      ON CONFLICT (agency_id, day) DO UPDATE SET
      received = f.received + excluded.received,
      received_online = f.received_online + excluded.received_online,
      received_in_person = f.received_in_person + excluded.received_in_person,
      received_post = f.received_post + excluded.received_post,
      full_online_received = f.full_online_received + excluded.full_online_received,
      full_online_online = f.full_online_online + excluded.full_online_online,
      fee_received = f.fee_received + excluded.fee_received,
      paid_online = f.paid_online + excluded.paid_online,
      digitised = f.digitised + excluded.digitised,
      due_received = f.due_received + excluded.due_received,
      finished = f.finished + excluded.finished,
      early = f.early + excluded.early,
      on_time = f.on_time + excluded.on_time,
      late = f.late + excluded.late,
      withdrawn = f.withdrawn + excluded.withdrawn,
      stopped = f.stopped + excluded.stopped,
      due_finished = f.due_finished + excluded.due_finished,
      returned = f.returned + excluded.returned,
      rated = f.rated + excluded.rated,
      satisfied = f.satisfied + excluded.satisfied,
      overdue = f.overdue + excluded.overdue,
      overdue_finished = f.overdue_finished + excluded.overdue_finished;
  ELSE
    INSERT INTO dossier_day_figures AS f
      SELECT agency_id, day, sum(received), sum(received_online), sum(received_in_person), sum(received_post), sum(full_online_received), sum(full_online_online), sum(fee_received), sum(paid_online), sum(digitised), sum(due_received), sum(finished), sum(early), sum(on_time), sum(late), sum(withdrawn), sum(stopped), sum(due_finished), sum(returned), sum(rated), sum(satisfied), sum(overdue), sum(overdue_finished)
      FROM (SELECT x.* FROM old_rows o, dossier_day_figures_of(o, -1) x) c
      GROUP BY agency_id, day HAVING sum(received) <> 0 or sum(received_online) <> 0 or sum(received_in_person) <> 0 or sum(received_post) <> 0 or sum(full_online_received) <> 0 or sum(full_online_online) <> 0 or sum(fee_received) <> 0 or sum(paid_online) <> 0 or sum(digitised) <> 0 or sum(due_received) <> 0 or sum(finished) <> 0 or sum(early) <> 0 or sum(on_time) <> 0 or sum(late) <> 0 or sum(withdrawn) <> 0 or sum(stopped) <> 0 or sum(due_finished) <> 0 or sum(returned) <> 0 or sum(rated) <> 0 or sum(satisfied) <> 0 or sum(overdue) <> 0 or sum(overdue_finished) <> 0
      ORDER BY agency_id, day
      ON CONFLICT (agency_id, day) DO UPDATE SET
      received = f.received + excluded.received,
      received_online = f.received_online + excluded.received_online,
      received_in_person = f.received_in_person + excluded.received_in_person,
      received_post = f.received_post + excluded.received_post,
      full_online_received = f.full_online_received + excluded.full_online_received,
      full_online_online = f.full_online_online + excluded.full_online_online,
      fee_received = f.fee_received + excluded.fee_received,
      paid_online = f.paid_online + excluded.paid_online,
      digitised = f.digitised + excluded.digitised,
      due_received = f.due_received + excluded.due_received,
      finished = f.finished + excluded.finished,
      early = f.early + excluded.early,
      on_time = f.on_time + excluded.on_time,
      late = f.late + excluded.late,
      withdrawn = f.withdrawn + excluded.withdrawn,
      stopped = f.stopped + excluded.stopped,
      due_finished = f.due_finished + excluded.due_finished,
      returned = f.returned + excluded.returned,
      rated = f.rated + excluded.rated,
      satisfied = f.satisfied + excluded.satisfied,
      overdue = f.overdue + excluded.overdue,
      overdue_finished = f.overdue_finished + excluded.overdue_finished;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossier_day_figures_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_day_figures_apply();
--> statement-breakpoint
CREATE TRIGGER dossier_day_figures_update AFTER UPDATE ON dossiers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_day_figures_apply();
--> statement-breakpoint
CREATE TRIGGER dossier_day_figures_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_day_figures_apply();
--> statement-breakpoint
-- The dossiers already filed.
INSERT INTO dossier_day_figures SELECT x.agency_id, x.day, sum(x.received), sum(x.received_online), sum(x.received_in_person), sum(x.received_post), sum(x.full_online_received), sum(x.full_online_online), sum(x.fee_received), sum(x.paid_online), sum(x.digitised), sum(x.due_received), sum(x.finished), sum(x.early), sum(x.on_time), sum(x.late), sum(x.withdrawn), sum(x.stopped), sum(x.due_finished), sum(x.returned), sum(x.rated), sum(x.satisfied), sum(x.overdue), sum(x.overdue_finished)
  FROM dossiers d, dossier_day_figures_of(d, 1) x GROUP BY x.agency_id, x.day;
