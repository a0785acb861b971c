CREATE TABLE `seats` (
	`id` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`round` integer NOT NULL,
	`table_id` text NOT NULL,
	`host` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seats_participant_round` ON `seats` (`board_id`,`round`,`participant_id`);--> statement-breakpoint
CREATE TABLE `table_keys` (
	`board_id` text NOT NULL,
	`table_id` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`board_id`, `table_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `table_keys_key` ON `table_keys` (`key`);--> statement-breakpoint
ALTER TABLE `participants` ADD `name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `organisation` text DEFAULT '' NOT NULL;