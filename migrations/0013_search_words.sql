CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL,
	"entries" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_words_trgm" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- hand-written: the words of a folded title as the lexicon counts them: runs of letters (folded Vietnamese is a–z),
-- two or more, each once. Numbers are left out: a mistyped document number is not guessed at.
CREATE FUNCTION search_title_words(title_folded text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(title_folded, '[^a-z]+') AS w WHERE length(w) >= 2
$$;--> statement-breakpoint
-- Adds word → change of count; a word whose count falls to 0 leaves. Words are taken in order, so two transactions
-- publishing at once lock shared words in the same order and wait for each other instead of deadlocking.
CREATE FUNCTION search_words_change(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_words AS s (word, entries)
    SELECT key, value::int FROM jsonb_each_text(changes) ORDER BY key
    ON CONFLICT (word) DO UPDATE SET entries = s.entries + excluded.entries;
  DELETE FROM search_words s WHERE s.entries <= 0 AND s.word IN (SELECT key FROM jsonb_each_text(changes) WHERE value::int < 0);
$$;--> statement-breakpoint
-- One pass per statement over its transition tables: a bulk import of 1,000 entries is one upsert of its words,
-- and an update that keeps the title changes nothing.
CREATE FUNCTION search_words_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_object_agg(w, n) INTO changes
      FROM (SELECT w, count(*) AS n FROM new_rows r, search_title_words(r.title_folded) AS w GROUP BY w) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_object_agg(w, -n) INTO changes
      FROM (SELECT w, count(*) AS n FROM old_rows r, search_title_words(r.title_folded) AS w GROUP BY w) x;
  ELSE
    SELECT jsonb_object_agg(w, n) INTO changes
      FROM (SELECT w, sum(d) AS n FROM (
              SELECT w, 1 AS d FROM new_rows r, search_title_words(r.title_folded) AS w
              UNION ALL
              SELECT w, -1 FROM old_rows r, search_title_words(r.title_folded) AS w
            ) y GROUP BY w HAVING sum(d) <> 0) x;
  END IF;
  IF changes IS NOT NULL THEN
    PERFORM search_words_change(changes);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER search_words_insert AFTER INSERT ON search_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_follow();--> statement-breakpoint
CREATE TRIGGER search_words_update AFTER UPDATE ON search_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_follow();--> statement-breakpoint
CREATE TRIGGER search_words_delete AFTER DELETE ON search_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_follow();--> statement-breakpoint
INSERT INTO search_words (word, entries)
  SELECT w, count(*) FROM search_entries e, search_title_words(e.title_folded) AS w GROUP BY w;
