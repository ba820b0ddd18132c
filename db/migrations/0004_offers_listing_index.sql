-- Open offers newest first, read in the index alone (app/models/offers.server.ts, newestOpenOfferIds).
DROP INDEX `offers_status_published_idx`;--> statement-breakpoint
CREATE INDEX `offers_listing_idx` ON `offers` (`status`,`published_at`,`id`,`closing_date`,`type`,`region`,`sector`,`contract`,`org_id`);