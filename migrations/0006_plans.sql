CREATE TABLE `catalogue_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`catalogue` text NOT NULL,
	`code` text DEFAULT '' NOT NULL,
	`label` text NOT NULL,
	`label_en` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`retired` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalogue_entries_catalogue` ON `catalogue_entries` (`catalogue`,`position`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text,
	`title` text NOT NULL,
	`period` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `plans_group` ON `plans` (`group_id`);--> statement-breakpoint
CREATE TABLE `seeded_catalogues` (
	`catalogue` text PRIMARY KEY NOT NULL,
	`seeded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
