CREATE TYPE "public"."calendar_day_kind" AS ENUM('holiday', 'day_off', 'working_day');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"confirmed" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_day" UNIQUE("day")
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"notice" text,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	CONSTRAINT "calendar_years_range" CHECK ("calendar_years"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "working_calendar" (
	"id" integer PRIMARY KEY NOT NULL,
	"week" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_calendar_single" CHECK ("working_calendar"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;