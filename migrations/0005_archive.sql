CREATE TABLE `board_snapshot_docs` (
	`snapshot_id` integer NOT NULL,
	`doc_name` text NOT NULL,
	`state` blob NOT NULL,
	PRIMARY KEY(`snapshot_id`, `doc_name`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `board_snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `board_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`board_id` text NOT NULL,
	`reason` text NOT NULL,
	`taken_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `board_snapshots_board` ON `board_snapshots` (`board_id`,`taken_at`);--> statement-breakpoint
-- drizzle-kit leaves out the action here; a board that was continued must stay deletable.
ALTER TABLE `boards` ADD `continued_from` text REFERENCES boards(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `groups` ADD `participant_retention_days` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `participants_erased_at` text;--> statement-breakpoint
-- Full-text search over a group's boards and minutes (not in schema.ts: drizzle has no FTS5 tables).
-- One row per board and one per minutes; diacritics folded, so "senioru" finds "seniorů".
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`group_id` UNINDEXED,
	`meeting_id` UNINDEXED,
	`board_id` UNINDEXED,
	`title`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
