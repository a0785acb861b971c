import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Days after a meeting when its participants' records (names, organisations, seats, who answered what) are erased; null keeps them. */
  participantRetentionDays: integer('participant_retention_days'),
  createdAt: createdAt(),
});

export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: text('starts_at').notNull(),
    place: text('place').notNull().default(''),
    /** The language of the meeting's minutes export (the labels; what people typed stays as typed). */
    language: text('language', { enum: ['cs', 'en'] })
      .notNull()
      .default('cs'),
    joinCode: text('join_code').notNull(),
    facilitatorKey: text('facilitator_key').notNull(),
    editorKey: text('editor_key').notNull(),
    screenKey: text('screen_key').notNull(),
    liveBoardId: text('live_board_id'),
    /** When the retention setting erased the participants' records of this meeting; null while they are kept. */
    participantsErasedAt: text('participants_erased_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meetings_join_code').on(t.joinCode), index('meetings_group').on(t.groupId, t.startsAt)],
);

export const boards = sqliteTable(
  'boards',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: ['draft', 'open', 'closed'] })
      .notNull()
      .default('draft'),
    settings: text('settings', { mode: 'json' }).notNull().$type<unknown>(),
    /** The past board this one continues (copied into this meeting), if any. */
    continuedFrom: text('continued_from').references((): AnySQLiteColumn => boards.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('boards_meeting').on(t.meetingId, t.position)],
);

/** A board as it was at a key moment (opened, closed, every few minutes while live), for replay. */
export const boardSnapshots = sqliteTable(
  'board_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: ['opened', 'closed', 'interval'] }).notNull(),
    takenAt: text('taken_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('board_snapshots_board').on(t.boardId, t.takenAt)],
);

/** The state of each doc of a board (the board's own, its tables') in one snapshot. */
export const boardSnapshotDocs = sqliteTable(
  'board_snapshot_docs',
  {
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => boardSnapshots.id, { onDelete: 'cascade' }),
    docName: text('doc_name').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.docName] })],
);

export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** What the participant chose to tell (both optional); only the facilitator sees it, e.g. to seat people. */
    name: text('name').notNull().default(''),
    organisation: text('organisation').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('participants_meeting').on(t.meetingId)],
);

/** Where each participant sits in each round of a board that seats people (world café): identity data, never in a Y.Doc. */
export const seats = sqliteTable(
  'seats',
  {
    /** How the facilitator's console refers to a seat (never the participant's id). */
    id: text('id').primaryKey(),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    tableId: text('table_id').notNull(),
    /** A table host stays at their table when the others move. */
    host: integer('host', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('seats_participant_round').on(t.boardId, t.round, t.participantId)],
);

/** The secret key of each table's editor link (a tablet on a world café table): writes that table's doc only. */
export const tableKeys = sqliteTable(
  'table_keys',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    tableId: text('table_id').notNull(),
    key: text('key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.tableId] }), uniqueIndex('table_keys_key').on(t.key)],
);

/** Every intent the server accepted: who did what stays here and never enters a Y.Doc. */
export const intents = sqliteTable(
  'intents',
  {
    id: text('id').primaryKey(),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    opId: text('op_id').notNull(),
    payload: text('payload', { mode: 'json' }).notNull().$type<unknown>(),
    /** The part of the board (question, section) the intent belongs to, as the kind names it. */
    scope: text('scope').notNull().default(''),
    /** Set when the facilitator resets that part: kept so that a late retry still lands once, but no longer counted. */
    voidedAt: text('voided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('intents_operation').on(t.participantId, t.opId),
    index('intents_board_participant').on(t.boardId, t.participantId),
  ],
);

/** Append-only log of Yjs updates per doc; compacted into yjs_snapshots. */
export const yjsUpdates = sqliteTable(
  'yjs_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('yjs_updates_doc').on(t.docName, t.id)],
);

export const yjsSnapshots = sqliteTable('yjs_snapshots', {
  docName: text('doc_name').primaryKey(),
  state: blob('state', { mode: 'buffer' }).notNull(),
  /** Highest yjs_updates.id folded into this snapshot. */
  upToId: integer('up_to_id').notNull(),
  updatedAt: createdAt(),
});

/** People who log in: facilitators and members of working groups, and administrators. Phones never have an account. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'user'] }).notNull(),
    /** scrypt with its parameters and salt (see services/passwords.ts). */
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_login').on(t.login)],
);

/** Logged-in browsers. Only a hash of the cookie's value is stored, so a copy of the database opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Sent back in a header with every change the session makes (CSRF). */
    csrfToken: text('csrf_token').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Who belongs to a working group: its facilitators run its meetings, its members read them. */
export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['facilitator', 'member'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user').on(t.userId)],
);

/** A plan of a working group, or of the whole community (no group); its goals, measures and cards are a Y.Doc (`rooms.plan`). */
export const plans = sqliteTable(
  'plans',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** As people write it: "2023–2027". */
    period: text('period').notNull().default(''),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('plans_group').on(t.groupId)],
);

/** The entries of the catalogues a plan's cards pick from (target groups, kinds of social services); retired, never deleted. */
export const catalogueEntries = sqliteTable(
  'catalogue_entries',
  {
    id: text('id').primaryKey(),
    catalogue: text('catalogue', { enum: ['targetGroups', 'serviceKinds'] }).notNull(),
    code: text('code').notNull().default(''),
    label: text('label').notNull(),
    labelEn: text('label_en').notNull().default(''),
    position: integer('position').notNull(),
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('catalogue_entries_catalogue').on(t.catalogue, t.position)],
);

/** The catalogues that got what the product ships, once: after that the administrator's edits rule. */
export const seededCatalogues = sqliteTable('seeded_catalogues', {
  catalogue: text('catalogue').primaryKey(),
  seededAt: text('seeded_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
