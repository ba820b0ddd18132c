CREATE INDEX `offers_trade_idx` ON `offers` (`status`,`trade`,`region`,`type`,`closing_date`,`org_id`);--> statement-breakpoint
-- Without statistics for the new index the planner may prefer it for the newest-first listing: count it now.
ANALYZE `offers`;
