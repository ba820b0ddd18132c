CREATE TABLE `convention_commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`key` integer NOT NULL,
	`offer_type` text NOT NULL,
	`quantity` integer NOT NULL,
	`trade` text,
	`region` text,
	`duration_months` integer,
	`audience` text DEFAULT 'all' NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `convention_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "convention_commitments_quantity_check" CHECK("convention_commitments"."quantity" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `convention_commitments_version_key_idx` ON `convention_commitments` (`version_id`,`key`);--> statement-breakpoint
CREATE TABLE `convention_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`convention_id` integer NOT NULL,
	`version` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`signatories` text NOT NULL,
	`partner_ids` text DEFAULT '[]' NOT NULL,
	`contributions` text DEFAULT '[]' NOT NULL,
	`reason` text,
	`signed_on` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `convention_versions_convention_version_idx` ON `convention_versions` (`convention_id`,`version`);--> statement-breakpoint
CREATE TABLE `conventions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`programme_id` integer NOT NULL,
	`reference` text NOT NULL,
	`signed_on` text NOT NULL,
	`current_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conventions_partnership_id_unique` ON `conventions` (`partnership_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `conventions_reference_unique` ON `conventions` (`reference`);--> statement-breakpoint
CREATE INDEX `conventions_org_idx` ON `conventions` (`org_id`);--> statement-breakpoint
CREATE INDEX `conventions_programme_idx` ON `conventions` (`programme_id`);--> statement-breakpoint
CREATE TABLE `partnership_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` integer NOT NULL,
	`file_id` integer NOT NULL,
	`label` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partnership_documents_file_id_unique` ON `partnership_documents` (`file_id`);--> statement-breakpoint
CREATE INDEX `partnership_documents_partnership_idx` ON `partnership_documents` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `partnership_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` integer NOT NULL,
	`from_status` text,
	`to_status` text,
	`happened_on` text NOT NULL,
	`actor_id` integer,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `partnership_events_partnership_idx` ON `partnership_events` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`programme_id` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`requested_by` integer,
	`need` text NOT NULL,
	`contact` text NOT NULL,
	`counsellor_id` integer,
	`status_changed_at` integer NOT NULL,
	`next_step_due` text,
	`reminded_at` integer,
	`decline_reason` text,
	`decline_note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`counsellor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `partnerships_status_due_idx` ON `partnerships` (`status`,`next_step_due`);--> statement-breakpoint
CREATE INDEX `partnerships_org_idx` ON `partnerships` (`org_id`);--> statement-breakpoint
CREATE INDEX `partnerships_counsellor_idx` ON `partnerships` (`counsellor_id`,`status`);--> statement-breakpoint
CREATE INDEX `partnerships_programme_idx` ON `partnerships` (`programme_id`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`texts` text NOT NULL,
	`stipend_fcfa` integer,
	`training_fcfa` integer,
	`insurance` integer DEFAULT false NOT NULL,
	`duration_months` integer,
	`partner_ids` text DEFAULT '[]' NOT NULL,
	`updated_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `programmes_status_idx` ON `programmes` (`status`,`position`);--> statement-breakpoint
CREATE TABLE `training_outcomes` (
	`placement_id` integer PRIMARY KEY NOT NULL,
	`outcome` text NOT NULL,
	`certificate` text,
	`recorded_on` text NOT NULL,
	`recorded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `verified_skills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`skill` text NOT NULL,
	`certificate` text,
	`provider` text,
	`placement_id` integer,
	`verified_on` text NOT NULL,
	`verified_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verified_skills_placement_id_unique` ON `verified_skills` (`placement_id`);--> statement-breakpoint
CREATE INDEX `verified_skills_candidate_idx` ON `verified_skills` (`candidate_id`);--> statement-breakpoint
ALTER TABLE `offers` ADD `convention_id` integer REFERENCES conventions(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `offers` ADD `commitment_key` integer;--> statement-breakpoint
CREATE INDEX `offers_convention_idx` ON `offers` (`convention_id`,`commitment_key`);