CREATE TABLE "lab_agenda_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_agenda_templates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "lab_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_commands" (
	"case_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"key" text NOT NULL,
	"command" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_commands_case_id_actor_id_key_pk" PRIMARY KEY("case_id","actor_id","key")
);
--> statement-breakpoint
CREATE TABLE "lab_hands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "lab_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"category_id" uuid NOT NULL,
	"plan_item_id" text,
	"organisation_id" uuid,
	"raised_by_id" uuid,
	"raised_by_name" text NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_name" text NOT NULL,
	"board_row" text,
	"board_column" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_presence" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"present_ms" bigint DEFAULT 0 NOT NULL,
	"present_since" timestamp with time zone,
	"first_joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lab_presence_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lab_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"category_id" uuid NOT NULL,
	"plan_item_id" text,
	"organisation_id" uuid,
	"raised_by_id" uuid,
	"raised_by_name" text NOT NULL,
	"proposed_by_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"observation_id" uuid,
	"note" text,
	"resolved_by_id" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"title" text NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"facilitator_id" uuid,
	"scribe_id" uuid,
	"current_step" integer,
	"revision" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"start_version_id" uuid,
	"end_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"minutes" integer NOT NULL,
	"timer_ends_at" timestamp with time zone,
	"timer_remaining_ms" bigint,
	"spent_ms" bigint DEFAULT 0 NOT NULL,
	"entered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "journey_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"schema_version" integer NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journey_records_session_id_unique" UNIQUE("session_id")
);
--> statement-breakpoint
ALTER TABLE "lab_agenda_templates" ADD CONSTRAINT "lab_agenda_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_commands" ADD CONSTRAINT "lab_commands_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_commands" ADD CONSTRAINT "lab_commands_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_hands" ADD CONSTRAINT "lab_hands_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_hands" ADD CONSTRAINT "lab_hands_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_observations" ADD CONSTRAINT "lab_observations_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_observations" ADD CONSTRAINT "lab_observations_category_id_lab_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."lab_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_observations" ADD CONSTRAINT "lab_observations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_observations" ADD CONSTRAINT "lab_observations_raised_by_id_users_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_observations" ADD CONSTRAINT "lab_observations_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_presence" ADD CONSTRAINT "lab_presence_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_presence" ADD CONSTRAINT "lab_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_category_id_lab_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."lab_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_raised_by_id_users_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_observation_id_lab_observations_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."lab_observations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_proposals" ADD CONSTRAINT "lab_proposals_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_sessions" ADD CONSTRAINT "lab_sessions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_sessions" ADD CONSTRAINT "lab_sessions_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_sessions" ADD CONSTRAINT "lab_sessions_scribe_id_users_id_fk" FOREIGN KEY ("scribe_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_sessions" ADD CONSTRAINT "lab_sessions_start_version_id_document_versions_id_fk" FOREIGN KEY ("start_version_id") REFERENCES "public"."document_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_sessions" ADD CONSTRAINT "lab_sessions_end_version_id_document_versions_id_fk" FOREIGN KEY ("end_version_id") REFERENCES "public"."document_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_sessions" ADD CONSTRAINT "lab_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_steps" ADD CONSTRAINT "lab_steps_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_addenda" ADD CONSTRAINT "journey_addenda_record_id_journey_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."journey_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_addenda" ADD CONSTRAINT "journey_addenda_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_addenda" ADD CONSTRAINT "journey_addenda_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_records" ADD CONSTRAINT "journey_records_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_records" ADD CONSTRAINT "journey_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lab_categories_kind_label_idx" ON "lab_categories" USING btree ("kind","label");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_hands_one_open_idx" ON "lab_hands" USING btree ("session_id","user_id") WHERE "lab_hands"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "lab_observations_session_idx" ON "lab_observations" USING btree ("session_id","seq");--> statement-breakpoint
CREATE INDEX "lab_proposals_session_idx" ON "lab_proposals" USING btree ("session_id","seq");--> statement-breakpoint
CREATE INDEX "lab_sessions_case_idx" ON "lab_sessions" USING btree ("case_id","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_steps_session_position_idx" ON "lab_steps" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "journey_addenda_record_idx" ON "journey_addenda" USING btree ("record_id","created_at");--> statement-breakpoint
CREATE INDEX "journey_records_case_idx" ON "journey_records" USING btree ("case_id","created_at");