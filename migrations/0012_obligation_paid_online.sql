ALTER TABLE "dossiers" ADD COLUMN "obligation_requested" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- hand-written: Decision 766's online payment share counts the dossiers with fees or a financial obligation to pay
-- (fee_received) and those of them paid online (paid_online), an obligation paid online included. Same function
-- as 0010 but for those two columns.
CREATE OR REPLACE FUNCTION dossier_day_figures_of(d dossiers, s integer) RETURNS SETOF dossier_day_figures LANGUAGE sql STABLE AS $$
  -- receipt
  select d.agency_id, vn_date(d.received_at),
    s,
    case when d.channel = 'online' then s else 0 end,
    case when d.channel = 'in_person' then s else 0 end,
    case when d.channel = 'post' then s else 0 end,
    case when d.level = 'full_online' then s else 0 end,
    case when d.level = 'full_online' and d.channel = 'online' then s else 0 end,
    case when d.fee_total > 0 or d.obligation_requested then s else 0 end,
    case when (d.fee_total > 0 or d.obligation_requested) and d.paid_online then s else 0 end,
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
-- The dossiers already asked for an obligation, and those whose obligation was paid online before payments set
-- paid_online for it; the update triggers move the day figures with them.
UPDATE dossiers d SET
  obligation_requested = d.obligation_requested OR EXISTS (SELECT 1 FROM dossier_actions a WHERE a.dossier_id = d.id AND a.to_state = 'financial'),
  paid_online = d.paid_online OR EXISTS (SELECT 1 FROM dossier_payments p WHERE p.dossier_id = d.id AND p.purpose = 'obligation' AND p.status = 'paid')
WHERE EXISTS (SELECT 1 FROM dossier_actions a WHERE a.dossier_id = d.id AND a.to_state = 'financial')
   OR EXISTS (SELECT 1 FROM dossier_payments p WHERE p.dossier_id = d.id AND p.purpose = 'obligation' AND p.status = 'paid');
