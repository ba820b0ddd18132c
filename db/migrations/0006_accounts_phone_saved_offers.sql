CREATE TABLE `saved_offers` (
	`user_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `offer_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_offers_offer_idx` ON `saved_offers` (`offer_id`);--> statement-breakpoint
ALTER TABLE `applications` ADD `offer_answer` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `offer_answer_reason` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `offer_answered_at` integer;--> statement-breakpoint
ALTER TABLE `one_time_codes` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `users` ADD `phone_confirmed_at` integer;--> statement-breakpoint
-- Accounts made before phones were confirmed keep their SMS: their number has been in use.
UPDATE `users` SET `phone_confirmed_at` = `created_at` WHERE `phone` IS NOT NULL AND `password_hash` IS NOT NULL;
