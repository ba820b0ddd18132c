CREATE TABLE `callback_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`user_id` integer,
	`locale` text DEFAULT 'fr' NOT NULL,
	`taken_by` integer,
	`taken_at` integer,
	`done_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`taken_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `callback_requests_open_idx` ON `callback_requests` (`done_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `callback_requests_phone_idx` ON `callback_requests` (`phone`);--> statement-breakpoint
CREATE TABLE `inbound_sms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`gateway_id` text NOT NULL,
	`phone` text NOT NULL,
	`to_number` text,
	`text` text NOT NULL,
	`keyword` text,
	`received_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_sms_gateway_id_unique` ON `inbound_sms` (`gateway_id`);--> statement-breakpoint
CREATE INDEX `inbound_sms_phone_idx` ON `inbound_sms` (`phone`,`created_at`);--> statement-breakpoint
CREATE TABLE `phone_numbers` (
	`phone` text PRIMARY KEY NOT NULL,
	`locale` text,
	`sms_stopped_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `task_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text,
	`lease_until` integer,
	`last_started_at` integer,
	`last_finished_at` integer,
	`last_result` text
);
--> statement-breakpoint
CREATE TABLE `ussd_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`last_text` text NOT NULL,
	`last_screen` text NOT NULL,
	`state` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ussd_sessions_phone_idx` ON `ussd_sessions` (`phone`,`updated_at`);--> statement-breakpoint
CREATE INDEX `ussd_sessions_updated_idx` ON `ussd_sessions` (`updated_at`);--> statement-breakpoint
ALTER TABLE `offers` ADD `short_code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `offers_short_code_idx` ON `offers` (`short_code`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `encoding` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `segments` integer;--> statement-breakpoint
CREATE INDEX `outbox_recipient_idx` ON `outbox` (`recipient`,`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `pin_hash` text;