CREATE TABLE "consultation_answers" (
	"consultation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"answer" text,
	"file_id" uuid,
	"answered_by" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "consultation_answers_consultation_id_agency_id_pk" PRIMARY KEY("consultation_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "dossier_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"step_code" text,
	"question" text NOT NULL,
	"file_id" uuid,
	"asked_by" uuid,
	"asked_by_name" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer_by" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "obligation_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_payments" ADD COLUMN "purpose" text DEFAULT 'fee' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_payments" ADD COLUMN "obligation_seq" integer;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_consultation_id_dossier_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."dossier_consultations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_answers_agency" ON "consultation_answers" USING btree ("agency_id","answered_at");--> statement-breakpoint
CREATE INDEX "dossier_consultations_dossier" ON "dossier_consultations" USING btree ("dossier_id","asked_at");