import type { Db } from '../db/client.ts';
import { MembershipsRepository, SessionsRepository, UsersRepository } from './accounts.ts';
import { BoardsRepository } from './boards.ts';
import { CataloguesRepository } from './catalogues.ts';
import { DataRepository } from './data.ts';
import { GroupsRepository } from './groups.ts';
import { IntentsRepository } from './intents.ts';
import { MeetingsRepository } from './meetings.ts';
import { ParticipantsRepository } from './participants.ts';
import { PlansRepository } from './plans.ts';
import { SearchRepository } from './search.ts';
import { SeatsRepository } from './seats.ts';
import { SnapshotsRepository } from './snapshots.ts';
import { TableKeysRepository } from './table-keys.ts';
import { YjsRepository } from './yjs.ts';

export function createRepositories(db: Db) {
  return {
    groups: new GroupsRepository(db),
    meetings: new MeetingsRepository(db),
    boards: new BoardsRepository(db),
    participants: new ParticipantsRepository(db),
    intents: new IntentsRepository(db),
    seats: new SeatsRepository(db),
    tableKeys: new TableKeysRepository(db),
    yjs: new YjsRepository(db),
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db),
    memberships: new MembershipsRepository(db),
    snapshots: new SnapshotsRepository(db),
    search: new SearchRepository(db),
    data: new DataRepository(db),
    plans: new PlansRepository(db),
    catalogues: new CataloguesRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
