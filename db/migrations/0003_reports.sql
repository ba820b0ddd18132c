CREATE TABLE `report_monthly_counts` (
	`measure` text NOT NULL,
	`partner_id` integer NOT NULL,
	`month` text NOT NULL,
	`region` text NOT NULL,
	`offer_type` text NOT NULL,
	`dimension` text NOT NULL,
	`category` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`measure`, `partner_id`, `month`, `region`, `offer_type`, `dimension`, `category`)
);
--> statement-breakpoint
CREATE TABLE `report_refresh` (
	`measure` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`rebuilt_at` integer
);
--> statement-breakpoint
ALTER TABLE `placements` ADD `end_note` text;--> statement-breakpoint
CREATE INDEX `placements_report_idx` ON `placements` (`start_date`,`candidate_id`,`type`,`offer_id`,`org_id`);--> statement-breakpoint
CREATE INDEX `candidate_profiles_report_idx` ON `candidate_profiles` (`user_id`,`sex`,`birth_date`,`migrant_status`,`region`,`counsellor_id`,`registered_by`,`created_at`);--> statement-breakpoint
CREATE INDEX `offers_published_idx` ON `offers` (`published_at`,`type`,`region`);--> statement-breakpoint
CREATE INDEX `placement_followups_months_due_idx` ON `placement_followups` (`months_after`,`due_date`);