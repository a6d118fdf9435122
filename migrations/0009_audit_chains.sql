ALTER TABLE "audit_log" ADD COLUMN "chain" text;--> statement-breakpoint
CREATE INDEX "audit_log_chain" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
-- hand-written: takes a chain's lock and reads its head in one round trip, shortening the span the lock is held.
-- The head must be read after the lock is granted with a snapshot taken then, or a writer that waited would chain to
-- the head it saw before the previous writer committed: a VOLATILE function takes a fresh snapshot for each query
-- it runs (READ COMMITTED), so the SELECT below sees what the previous holder committed. The platform chain goes on
-- from the entries written before chains (chain is null).
CREATE FUNCTION audit_chain_head(chain_key text, lock_key bigint) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT hash INTO head FROM audit_log WHERE chain = chain_key ORDER BY seq DESC LIMIT 1;
  IF head IS NULL AND chain_key = 'platform' THEN
    SELECT hash INTO head FROM audit_log WHERE chain IS NULL ORDER BY seq DESC LIMIT 1;
  END IF;
  RETURN head;
END $$;
