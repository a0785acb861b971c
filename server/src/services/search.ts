import type { BoardKindName, SearchResults } from '@dilna/shared';
import { MATCH_END, MATCH_START, ftsQuery, snippetSegments } from '@dilna/shared/search/query';
import type { UserRow } from '../repositories/accounts.ts';
import type { Repositories } from '../repositories/index.ts';
import { groupRoleOf } from './access.ts';
import { notFound } from './errors.ts';

/** How many hits one search returns at most. */
export const MAX_HITS = 30;

/** Full-text search across a group's boards and minutes, for its facilitators and members. */
export class SearchService {
  constructor(private readonly repos: Repositories) {}

  search(groupId: string, user: UserRow, query: string): SearchResults {
    if (!this.repos.groups.get(groupId) || !groupRoleOf(this.repos.memberships, user, groupId)) throw notFound('group');
    const expression = ftsQuery(query);
    if (!expression) return { hits: [] };
    const rows = this.repos.search.search(groupId, expression, MAX_HITS, { start: MATCH_START, end: MATCH_END });
    return {
      hits: rows.map((row) => ({
        meeting: { id: row.meetingId, title: row.meetingTitle, startsAt: row.startsAt },
        board: row.boardId ? { id: row.boardId, kind: row.boardKind as BoardKindName, title: row.boardTitle ?? '' } : null,
        snippet: snippetSegments(row.snippet),
      })),
    };
  }
}
