-- The public pages' data version: any write to offers, organisations or programmes, whatever
-- the code path (moderation, chores, seeds, a script), bumps it, and every process's page cache sees it.
CREATE TABLE `data_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`public_version` integer NOT NULL,
	CONSTRAINT "data_version_single_row" CHECK("data_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `data_version` (`id`, `public_version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `offers_public_version_after_insert` AFTER INSERT ON `offers` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `offers_public_version_after_update` AFTER UPDATE ON `offers` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `offers_public_version_after_delete` AFTER DELETE ON `offers` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_public_version_after_insert` AFTER INSERT ON `organisations` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_public_version_after_update` AFTER UPDATE ON `organisations` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_public_version_after_delete` AFTER DELETE ON `organisations` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programmes_public_version_after_insert` AFTER INSERT ON `programmes` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programmes_public_version_after_update` AFTER UPDATE ON `programmes` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programmes_public_version_after_delete` AFTER DELETE ON `programmes` BEGIN
	UPDATE data_version SET public_version = public_version + 1 WHERE id = 1;
END;
