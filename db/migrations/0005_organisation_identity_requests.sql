CREATE TABLE `organisation_identity_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`name` text NOT NULL,
	`rccm` text,
	`nif` text,
	`requested_by` integer,
	`requested_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_identity_requests_pending_idx` ON `organisation_identity_requests` (`org_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `org_identity_requests_status_idx` ON `organisation_identity_requests` (`status`,`requested_at`);