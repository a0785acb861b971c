import { translator, type Locale, type Translate } from '../i18n/index.ts';
import type { CarriedTask } from './carried.ts';
import type { AgendaEntry, Person, MinutesView, Task } from './doc.ts';
import type { WritableBlock } from './richtext.ts';
import type { MinutesBlock, MinutesSection, RichBlock } from './section.ts';

/** What the composer needs to know of the meeting besides its minutes doc. */
export interface MinutesMeeting {
  groupName: string;
  title: string;
  startsAt: string;
  place: string;
  /** How many joined by phone. */
  participants: number;
  /** The meeting's boards in agenda order. */
  boards: { id: string; title: string }[];
}

/** Labelled lines, each shown as "**Label:** value" (the header facts, a task). */
export type FieldsBlock = { type: 'fields'; fields: { label: string; value: string }[] };
export type ComposedBlock = Exclude<MinutesBlock, { type: 'heading' }> | RichBlock | FieldsBlock;

export interface ComposedPart {
  heading: string;
  blocks: ComposedBlock[];
}

/** The whole minutes, independent of the output format: a title, the facts, parts (level-2 headings), the signature. */
export interface ComposedMinutes {
  title: string;
  facts: FieldsBlock;
  parts: ComposedPart[];
  /** "Zapsal(a): …", empty when nobody is named. */
  signature: string;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `YYYY-MM-DDTHH:mm` as the users write it ("19. 11. 2025 14:00"); anything else as typed. */
export function formatWhen(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day, hours, minutes] = match;
  const time = hours ? ` ${hours}:${minutes}` : '';
  return locale === 'cs'
    ? `${Number(day)}. ${Number(month)}. ${year}${time}`
    : `${Number(day)} ${months[Number(month) - 1]} ${year}${hours ? `,${time}` : ''}`;
}

const fact = (label: string, value: string) => (value.trim() ? [{ label, value: value.trim() }] : []);

const people = (list: Person[]) =>
  list
    .filter((p) => p.name.trim())
    .map((p) => (p.organisation.trim() ? `${p.name.trim()} (${p.organisation.trim()})` : p.name.trim()))
    .join(', ');

/** A board's section as blocks of its agenda item: its heading left out where it repeats the item's title. */
export function sectionBlocks(section: MinutesSection, itemTitle: string): WritableBlock[] {
  const heading: WritableBlock[] = section.heading && section.heading !== itemTitle ? [{ type: 'heading', text: section.heading, level: 3 }] : [];
  return [
    ...heading,
    ...section.blocks.map((block): WritableBlock => (block.type === 'heading' ? { ...block, level: heading.length ? 4 : 3 } : block)),
  ];
}

/**
 * The agenda as it stands: the doc's items in their order with each board's current title, items of
 * removed boards left out, and boards the doc does not list yet (just added) at the end.
 */
export function agendaOf(minutes: MinutesView, boards: MinutesMeeting['boards']): AgendaEntry[] {
  const titles = new Map(boards.map((b) => [b.id, b.title]));
  const seen = new Set<string>();
  const items = minutes.agenda.flatMap((item) => {
    if (item.boardId === null) return [{ ...item, title: item.title.trim() }];
    if (!titles.has(item.boardId) || seen.has(item.boardId)) return [];
    seen.add(item.boardId);
    return [{ ...item, title: titles.get(item.boardId)! }];
  });
  const missing = boards.filter((b) => !seen.has(b.id)).map((b) => ({ id: b.id, boardId: b.id, title: b.title, notes: [], frozen: null }));
  return [...items, ...missing];
}

/**
 * One document out of the minutes doc, the meeting and each board's section (`toMinutes`, unless
 * frozen into the minutes), as the groups write their minutes: facts, the numbered agenda, each item with its notes and results,
 * tasks as "Úkol / Zajistí / Termín", the next meetings, who wrote it.
 */
export function composeMinutes(
  minutes: MinutesView,
  meeting: MinutesMeeting,
  boardSections: Record<string, MinutesSection>,
  locale: Locale,
): ComposedMinutes {
  const t = translator(locale);
  const agenda = agendaOf(minutes, meeting.boards).filter((item) => item.boardId !== null || item.title || item.notes.length);

  const meta = minutes.meta;
  const facts: FieldsBlock = {
    type: 'fields',
    fields: [
      ...fact(t('minutes.group'), meeting.groupName),
      ...fact(t('minutes.place'), meta.place || meeting.place),
      ...fact(t('minutes.when'), formatWhen(meta.startsAt || meeting.startsAt, locale)),
      ...fact(t('minutes.facilitator'), meta.facilitator),
      ...fact(t('minutes.present'), people(minutes.present)),
      ...fact(t('minutes.guests'), people(minutes.guests)),
      ...fact(t('minutes.excused'), people(minutes.excused)),
      ...fact(t('minutes.participantCount'), meeting.participants > 0 ? t('minutes.joinedByPhoneCount', { count: meeting.participants }) : ''),
    ],
  };

  const parts: ComposedPart[] = [];
  if (agenda.length) {
    parts.push({ heading: t('minutes.agenda'), blocks: [{ type: 'list', ordered: true, items: agenda.map((item) => item.title) }] });
    agenda.forEach((item, index) => {
      const section = item.boardId !== null ? boardSections[item.boardId] : undefined;
      parts.push({
        heading: `${index + 1}) ${item.title}`,
        blocks: [...item.notes, ...(item.frozen ?? (section ? sectionBlocks(section, item.title) : []))],
      });
    });
  }
  parts.push(...tasksParts(minutes, t, locale));
  const next = minutes.nextMeetings.map((m) => formatWhen(m.when.trim(), locale)).filter(Boolean);
  if (next.length) parts.push({ heading: t('minutes.nextMeetings'), blocks: [{ type: 'list', items: next }] });

  return {
    title: t('minutes.title', { title: (meta.title || meeting.title).trim() }),
    facts,
    parts,
    signature: meta.recorder.trim() ? `${t('minutes.recorder')}: ${meta.recorder.trim()}` : '',
  };
}

/** A task as the groups write it: "Úkol: … / Zajistí: … / Termín: …", and for a carried one the meeting that set it. */
function taskFields(task: Task | CarriedTask, t: Translate, locale: Locale): FieldsBlock {
  return {
    type: 'fields',
    fields: [
      { label: t('minutes.task'), value: task.done ? `${task.task.trim()} (${t('minutes.done')})` : task.task.trim() },
      ...fact(t('minutes.owner'), task.owner),
      ...fact(t('minutes.deadline'), formatWhen(task.deadline, locale)),
      ...('from' in task ? fact(t('minutes.from'), `${formatWhen(task.from.startsAt.slice(0, 10), locale)} – ${task.from.title}`) : []),
    ],
  };
}

/** The open tasks of earlier meetings (ticked or not here), then this meeting's own. */
function tasksParts(minutes: MinutesView, t: Translate, locale: Locale): ComposedPart[] {
  const parts: ComposedPart[] = [];
  if (minutes.carried.length) {
    parts.push({ heading: t('minutes.carriedTasks'), blocks: minutes.carried.map((task) => taskFields(task, t, locale)) });
  }
  const tasks = minutes.tasks.filter((task) => task.task.trim());
  if (tasks.length) parts.push({ heading: t('minutes.tasks'), blocks: tasks.map((task) => taskFields(task, t, locale)) });
  return parts;
}
