CREATE TABLE "guests" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"invite_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"session_id" uuid,
	"organisation" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"admitted_at" timestamp with time zone,
	"decided_by" uuid,
	"ended_at" timestamp with time zone,
	CONSTRAINT "guests_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"session_id" uuid,
	"role" text NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"max_uses" integer NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"admit_at_once" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "invites_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invites_uses_within_max" CHECK ("invites"."uses" >= 0 and "invites"."uses" <= "invites"."max_uses"),
	CONSTRAINT "invites_max_uses_positive" CHECK ("invites"."max_uses" >= 1)
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "kind" text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "guests" ADD CONSTRAINT "guests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guests" ADD CONSTRAINT "guests_invite_id_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."invites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guests" ADD CONSTRAINT "guests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guests" ADD CONSTRAINT "guests_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guests" ADD CONSTRAINT "guests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_session_id_lab_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."lab_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guests_invite_idx" ON "guests" USING btree ("invite_id","joined_at");--> statement-breakpoint
CREATE INDEX "guests_case_idx" ON "guests" USING btree ("case_id","status");--> statement-breakpoint
CREATE INDEX "invites_case_idx" ON "invites" USING btree ("case_id","created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_has_login" CHECK ("users"."kind" = 'guest' or ("users"."email" is not null and "users"."password_hash" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_guest_has_no_login" CHECK ("users"."kind" = 'person' or ("users"."email" is null and "users"."password_hash" is null and "users"."role" = 'member'));