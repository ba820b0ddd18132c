-- Full-text index of offers: accent-insensitive (electricien finds Électricien),
-- prefix-indexed for 2 to 4 characters (mecan* finds mécanicien), kept in step
-- with the offers table by triggers (external content: the text is stored once).
CREATE VIRTUAL TABLE `offers_fts` USING fts5(
	title,
	description,
	commune,
	content='offers',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3 4'
);
--> statement-breakpoint
CREATE TRIGGER `offers_fts_after_insert` AFTER INSERT ON `offers` BEGIN
	INSERT INTO offers_fts(rowid, title, description, commune) VALUES (new.id, new.title, new.description, coalesce(new.commune, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `offers_fts_after_delete` AFTER DELETE ON `offers` BEGIN
	INSERT INTO offers_fts(offers_fts, rowid, title, description, commune) VALUES ('delete', old.id, old.title, old.description, coalesce(old.commune, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `offers_fts_after_update` AFTER UPDATE OF title, description, commune ON `offers` BEGIN
	INSERT INTO offers_fts(offers_fts, rowid, title, description, commune) VALUES ('delete', old.id, old.title, old.description, coalesce(old.commune, ''));
	INSERT INTO offers_fts(rowid, title, description, commune) VALUES (new.id, new.title, new.description, coalesce(new.commune, ''));
END;
