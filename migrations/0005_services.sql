CREATE TYPE "public"."procedure_level" AS ENUM('full_online', 'partial', 'offline');--> statement-breakpoint
CREATE TYPE "public"."procedure_tier" AS ENUM('province', 'commune');--> statement-breakpoint
CREATE TYPE "public"."procedure_version_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."applicant_kind" AS ENUM('citizen', 'enterprise', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."dossier_channel" AS ENUM('online', 'in_person', 'post');--> statement-breakpoint
CREATE TYPE "public"."dossier_file_purpose" AS ENUM('document', 'supplement', 'result', 'slip', 'other');--> statement-breakpoint
CREATE TYPE "public"."dossier_state" AS ENUM('draft', 'submitted', 'received', 'refused', 'processing', 'supplement', 'financial', 'withdrawn', 'stopped', 'processed', 'returned');--> statement-breakpoint
CREATE TYPE "public"."result_delivery" AS ENUM('counter', 'post', 'electronic');--> statement-breakpoint
CREATE TABLE "procedure_agencies" (
	"procedure_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	CONSTRAINT "procedure_agencies_procedure_id_agency_id_pk" PRIMARY KEY("procedure_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "procedure_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "procedure_version_status" DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"note" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"field_id" uuid NOT NULL,
	"level" "procedure_level" NOT NULL,
	"legacy_level" integer,
	"tier" "procedure_tier" NOT NULL,
	"owner_agency_id" uuid NOT NULL,
	"current_version_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_actions" (
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"key" text NOT NULL,
	"from_state" "dossier_state",
	"to_state" "dossier_state" NOT NULL,
	"step_code" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_agency_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "dossier_actions_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dossier_counters" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dossier_counters_agency_id_day_pk" PRIMARY KEY("agency_id","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"purpose" "dossier_file_purpose" NOT NULL,
	"document_code" text,
	"action_seq" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"level" text NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"state" "dossier_state" DEFAULT 'draft' NOT NULL,
	"applicant_id" uuid,
	"applicant_kind" "applicant_kind" DEFAULT 'citizen' NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"applicant_email" text,
	"applicant_phone" text,
	"applicant_address" text,
	"summary" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"delivery" "result_delivery" DEFAULT 'counter' NOT NULL,
	"submission_key" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"paused_since" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"step_code" text,
	"step_role" text,
	"step_due_at" timestamp with time zone,
	"assignee_id" uuid,
	"fee_total" bigint DEFAULT 0 NOT NULL,
	"paid_online" boolean DEFAULT false NOT NULL,
	"paid_at" timestamp with time zone,
	"digitised" boolean DEFAULT false NOT NULL,
	"electronic_result" boolean DEFAULT false NOT NULL,
	"rating" smallint,
	"last_seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_agencies" ADD CONSTRAINT "procedure_agencies_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_agencies" ADD CONSTRAINT "procedure_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_agencies" ADD CONSTRAINT "procedure_agencies_desk_agency_id_agencies_id_fk" FOREIGN KEY ("desk_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_field_id_procedure_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."procedure_fields"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_current_version_id_procedure_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_actions" ADD CONSTRAINT "dossier_actions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_actions" ADD CONSTRAINT "dossier_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_actions" ADD CONSTRAINT "dossier_actions_actor_agency_id_agencies_id_fk" FOREIGN KEY ("actor_agency_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_counters" ADD CONSTRAINT "dossier_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_desk_agency_id_agencies_id_fk" FOREIGN KEY ("desk_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_version_id_procedure_versions_id_fk" FOREIGN KEY ("procedure_version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_agencies_agency" ON "procedure_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "procedure_agencies_desk" ON "procedure_agencies" USING btree ("desk_agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_fields_code" ON "procedure_fields" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_number" ON "procedure_versions" USING btree ("procedure_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_one_draft" ON "procedure_versions" USING btree ("procedure_id") WHERE "procedure_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_code" ON "procedures" USING btree ("code");--> statement-breakpoint
CREATE INDEX "procedures_field" ON "procedures" USING btree ("field_id");--> statement-breakpoint
CREATE INDEX "procedures_owner" ON "procedures" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_actions_key" ON "dossier_actions" USING btree ("dossier_id","key");--> statement-breakpoint
CREATE INDEX "dossier_actions_actor" ON "dossier_actions" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "dossier_files_dossier" ON "dossier_files" USING btree ("dossier_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_submission" ON "dossiers" USING btree ("applicant_id","submission_key");--> statement-breakpoint
CREATE INDEX "dossiers_applicant" ON "dossiers" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "dossiers_agency_state" ON "dossiers" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "dossiers_desk_state" ON "dossiers" USING btree ("desk_agency_id","state");--> statement-breakpoint
CREATE INDEX "dossiers_assignee" ON "dossiers" USING btree ("assignee_id","step_due_at") WHERE "dossiers"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_inbox" ON "dossiers" USING btree ("agency_id","step_role","step_due_at") WHERE "dossiers"."state" in ('submitted', 'received', 'processing', 'processed');--> statement-breakpoint
CREATE INDEX "dossiers_submitted" ON "dossiers" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "dossiers_id_number" ON "dossiers" USING btree ("applicant_id_number");--> statement-breakpoint
-- A dossier's history is append-only: its state is a projection of these rows, so they are never rewritten.
CREATE OR REPLACE FUNCTION dossier_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_actions is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER dossier_actions_no_update BEFORE UPDATE OR DELETE ON dossier_actions
  FOR EACH ROW EXECUTE FUNCTION dossier_actions_append_only();
