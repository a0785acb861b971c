import { NOTE_MAX_LENGTH } from './notes-limits.ts';
import * as Y from 'yjs';
import { z } from 'zod';
import { translator } from '../i18n/index.ts';
import { lineText } from '../schemas/common.ts';
import { accept, refuse, type BoardKind } from './kind.ts';

/**
 * Note wall: participants post short notes from their phones; the wall shows them.
 * The facilitator and editors write the prompt and may hide a note from the screens.
 */
export { NOTE_MAX_LENGTH };

const settingsSchema = z.object({
  prompt: z.string().trim().max(500).default(''),
  notesPerParticipant: z.number().int().min(1).max(50).default(5),
});
export type NotesSettings = z.infer<typeof settingsSchema>;

const intentSchema = z.object({
  type: z.literal('note.post'),
  text: lineText(NOTE_MAX_LENGTH),
});
export type NotesIntent = z.infer<typeof intentSchema>;

export interface Note {
  id: string;
  text: string;
  at: string;
  hidden: boolean;
}
export type NotesAggregate = Omit<Note, 'hidden'>[];
export interface NotesView {
  prompt: string;
  notesPerParticipant: number;
  notes: Note[];
}
export interface NotesPhoneView {
  prompt: string;
  notesPerParticipant: number;
  notes: { id: string; text: string }[];
}

/** A continued wall's old notes (those shown), oldest first. */
export interface NotesReference {
  notes: string[];
}
export interface NotesMine {
  sent: number;
  remaining: number;
}

const PHONE_NOTE_LIMIT = 50;

const notesMap = (doc: Y.Doc) => doc.getMap<Note>('notes');

/** Editors hide a note by replacing its entry; the projection only ever adds entries. */
export function setNoteHidden(doc: Y.Doc, id: string, hidden: boolean): void {
  const note = notesMap(doc).get(id);
  if (note) notesMap(doc).set(id, { ...note, hidden });
}

export const notes: BoardKind<NotesSettings, NotesIntent, NotesAggregate, NotesView, NotesPhoneView, NotesMine, NotesSettings, NotesReference> = {
  name: 'notes',
  settingsSchema,
  intentSchema,

  init(doc, settings) {
    doc.transact(() => {
      doc.getText('prompt').insert(0, settings.prompt);
      doc.getMap('settings').set('notesPerParticipant', settings.notesPerParticipant);
    });
  },

  rules: (_doc, settings) => settings,

  checkIntent(_intent, previous, settings) {
    return previous.length < settings.notesPerParticipant
      ? accept
      : refuse('limit_reached', `at most ${settings.notesPerParticipant} notes per participant`);
  },

  scopeOf: () => '',

  aggregate(accepted) {
    return accepted.map(({ id, intent, at }) => ({ id, text: intent.text, at }));
  },

  project(doc, aggregate) {
    const map = notesMap(doc);
    doc.transact(() => {
      for (const note of aggregate) {
        if (!map.has(note.id)) map.set(note.id, { ...note, hidden: false });
      }
    });
  },

  view(doc) {
    const list = [...notesMap(doc).values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    const perParticipant = doc.getMap('settings').get('notesPerParticipant');
    return {
      prompt: doc.getText('prompt').toString(),
      notesPerParticipant: typeof perParticipant === 'number' ? perParticipant : settingsSchema.parse({}).notesPerParticipant,
      notes: list,
    };
  },

  phoneView(view) {
    return {
      prompt: view.prompt,
      notesPerParticipant: view.notesPerParticipant,
      notes: view.notes
        .filter((n) => !n.hidden)
        .slice(-PHONE_NOTE_LIMIT)
        .map(({ id, text }) => ({ id, text })),
    };
  },

  mine(previous, settings) {
    return { sent: previous.length, remaining: Math.max(0, settings.notesPerParticipant - previous.length) };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    const visible = view.notes.filter((n) => !n.hidden);
    return {
      heading: view.prompt || t('board.notes.name'),
      blocks: visible.length
        ? [{ type: 'list', items: visible.map((n) => n.text) }]
        : [{ type: 'paragraph', text: t('board.notes.empty') }],
    };
  },

  toTable(view, locale) {
    const t = translator(locale);
    return [
      [t('table.text'), t('table.time'), t('table.hidden')],
      ...view.notes.map((n) => [n.text, n.at, n.hidden ? t('table.yes') : '']),
    ];
  },

  promotable: (view) => view.notes.filter((n) => !n.hidden).map((n) => ({ itemId: n.id, text: n.text, context: view.prompt, votes: null })),

  /** The question goes on; the notes are the participants' answers, so the new wall starts empty. */
  continuation: {
    clear: (doc) => notesMap(doc).clear(),
    reference: (view) => ({ notes: view.notes.filter((n) => !n.hidden).map((n) => n.text) }),
  },
};
