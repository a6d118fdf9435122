-- hand-written: the figures trigger of 0010 returns at once from an UPDATE that changes no figure, instead of
-- running its aggregate over the transition tables for nothing (a submission, a hand-over: most updates). The
-- column list must name every column of dossiers that dossier_day_figures_of (0012) reads; report.test.ts checks it.
CREATE OR REPLACE FUNCTION dossier_day_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
    -- Most updates (a submission, a step handed over, an assignment) change no figure: a dossier adds to the
    -- counters only once received, and then only through the columns dossier_day_figures_of reads, listed here.
    -- The statement that pairs nothing off (no row received, or none of those columns moved) stops here.
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
      WHERE o.id IS NULL OR n.id IS NULL
        OR ((o.received_at IS NOT NULL OR n.received_at IS NOT NULL)
          AND (o.agency_id, o.received_at, o.channel, o.level, o.fee_total, o.obligation_requested, o.paid_online, o.digitised, o.due_at, o.finished_at, o.state, o.returned_at, o.rating)
            IS DISTINCT FROM (n.agency_id, n.received_at, n.channel, n.level, n.fee_total, n.obligation_requested, n.paid_online, n.digitised, n.due_at, n.finished_at, n.state, n.returned_at, n.rating))
    ) THEN
      RETURN NULL;
    END IF;
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
