ALTER TABLE `intents` ADD `scope` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `intents` ADD `voided_at` text;