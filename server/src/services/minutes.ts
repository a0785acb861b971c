import { boardKind, composeMinutes, minutesToMarkdown, minutesView, rooms, type Locale, type MinutesSection } from '@dilna/shared';
import { minutesToDocx } from '@dilna/shared/minutes/docx';
import { boardMinutes } from '@dilna/shared/boards/continue';
import { minutesToHtml } from '@dilna/shared/minutes/html';
import type { DocRegistry } from '../collab/docs.ts';
import type { MinutesDocs } from '../collab/minutes-doc.ts';
import type { Repositories } from '../repositories/index.ts';
import type { UserRow } from '../repositories/accounts.ts';
import type { MeetingsService } from './meetings.ts';
import { tableDocsOf } from './rules.ts';

export const minutesFormats = ['md', 'docx', 'html'] as const;
export type MinutesFormat = (typeof minutesFormats)[number];

export const contentTypes: Record<MinutesFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/** "Sociální služby 2" → "socialni-sluzby-2". */
export const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** The meeting's minutes as files: the minutes doc composed with each board's live section. */
export class MinutesService {
  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly minutesDocs: MinutesDocs,
    private readonly meetings: MeetingsService,
  ) {}

  async export(
    meetingId: string,
    key: string | undefined,
    user: UserRow | null,
    format: MinutesFormat,
    requestedLocale: Locale | undefined,
  ): Promise<{ filename: string; contentType: string; body: string | Uint8Array }> {
    const meeting = this.meetings.readableMeeting(meetingId, key, user);
    const locale = requestedLocale ?? meeting.language;
    const boards = this.repos.boards.listByMeeting(meetingId);
    const sections: Record<string, MinutesSection> = {};
    for (const board of boards) {
      const kind = boardKind(board.kind);
      if (kind) sections[board.id] = boardMinutes(kind, this.docs.get(rooms.board(board.id)), tableDocsOf(this.docs, board.id), locale);
    }
    const groupName = this.repos.groups.get(meeting.groupId)?.name ?? '';
    const composed = composeMinutes(
      minutesView(this.minutesDocs.current(meetingId)),
      {
        groupName,
        title: meeting.title,
        startsAt: meeting.startsAt,
        place: meeting.place,
        participants: this.repos.participants.countByMeeting(meetingId),
        boards: boards.map((b) => ({ id: b.id, title: b.title })),
      },
      sections,
      locale,
    );
    const words = [meeting.startsAt.slice(0, 10), slug(groupName), slug(meeting.title) === slug(groupName) ? '' : slug(meeting.title)];
    const name = [...words.filter(Boolean), locale === 'cs' ? 'zapis' : 'minutes'].join('-');
    const body = { md: () => minutesToMarkdown(composed), docx: () => minutesToDocx(composed, locale), html: () => minutesToHtml(composed, locale, name) }[format];
    return { filename: `${name}.${format}`, contentType: contentTypes[format], body: await body() };
  }
}
