DROP INDEX "search_entries_published";--> statement-breakpoint
CREATE INDEX "search_entries_published" ON "search_entries" USING btree ("published_at" DESC NULLS FIRST,"entity_id");