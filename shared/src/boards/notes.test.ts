import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AcceptedIntent } from './kind.ts';
import { updatesDuring } from './test-support.ts';
import { NOTE_MAX_LENGTH, notes, setNoteHidden, type NotesIntent, type NotesSettings } from './notes.ts';
import { boardKind, boardKindNames } from './index.ts';

const settings = (over: Partial<NotesSettings> = {}): NotesSettings => notes.settingsSchema.parse(over);

const accepted = (id: string, text: string, at: string): AcceptedIntent<NotesIntent> => ({
  id,
  at,
  by: 'p1',
  intent: { type: 'note.post', text },
});

const aggregateNotes = (list: AcceptedIntent<NotesIntent>[]) => notes.aggregate(list, settings());

const newBoard = (over: Partial<NotesSettings> = {}) => {
  const doc = new Y.Doc();
  notes.init(doc, settings(over));
  return doc;
};

describe('notes: registry', () => {
  it('is a registered board kind', () => {
    expect(boardKindNames).toContain('notes');
    expect(boardKind('notes')).toBe(notes);
    expect(boardKind('toString')).toBeUndefined();
    expect(boardKind('__proto__')).toBeUndefined();
  });
});

describe('notes: settings and intents', () => {
  it('settings have defaults and bounds', () => {
    expect(settings()).toEqual({ prompt: '', notesPerParticipant: 5 });
    expect(settings({ prompt: '  Co chybí?  ' }).prompt).toBe('Co chybí?');
    for (const bad of [0, 51, 2.5, '3', -1]) {
      expect(notes.settingsSchema.safeParse({ notesPerParticipant: bad }).success, String(bad)).toBe(false);
    }
    expect(notes.settingsSchema.safeParse({ prompt: 'x'.repeat(501) }).success).toBe(false);
  });

  it('a note is one trimmed line of 1 to 280 characters', () => {
    const parse = (value: unknown) => notes.intentSchema.safeParse(value);
    expect(parse({ type: 'note.post', text: '  Víc\n\nstínu\t u hřiště ' }).data).toEqual({ type: 'note.post', text: 'Víc stínu u hřiště' });
    expect(parse({ type: 'note.post', text: 'ž'.repeat(NOTE_MAX_LENGTH) }).success).toBe(true);
    expect(parse({ type: 'note.post', text: 'ž'.repeat(NOTE_MAX_LENGTH + 1) }).success).toBe(false);
    expect(parse({ type: 'note.post', text: ' \n ' }).success).toBe(false);
    expect(parse({ type: 'note.post', text: 42 }).success).toBe(false);
    expect(parse({ type: 'vote', text: 'x' }).success).toBe(false);
    expect(parse({ text: 'x' }).success).toBe(false);
    expect(parse(null).success).toBe(false);
  });

  it('checkIntent accepts up to the limit per participant, then refuses with limit_reached', () => {
    const intent: NotesIntent = { type: 'note.post', text: 'x' };
    const s = settings({ notesPerParticipant: 2 });
    expect(notes.checkIntent(intent, [], s)).toEqual({ ok: true });
    expect(notes.checkIntent(intent, [intent], s)).toEqual({ ok: true });
    const refused = notes.checkIntent(intent, [intent, intent], s);
    expect(refused).toEqual({ ok: false, code: 'limit_reached', message: expect.stringContaining('2') });
    expect(notes.checkIntent(intent, [intent, intent, intent], s).ok).toBe(false);
  });

  it('mine tells a participant how many notes they sent and have left, never below zero', () => {
    const intent: NotesIntent = { type: 'note.post', text: 'x' };
    const s = settings({ notesPerParticipant: 2 });
    expect(notes.mine([], s)).toEqual({ sent: 0, remaining: 2 });
    expect(notes.mine([intent], s)).toEqual({ sent: 1, remaining: 1 });
    expect(notes.mine([intent, intent, intent], s)).toEqual({ sent: 3, remaining: 0 });
  });
});

describe('notes: the board doc', () => {
  it('init lays out the prompt and the settings', () => {
    const doc = newBoard({ prompt: 'Co by mělo v parku být?', notesPerParticipant: 3 });
    expect(notes.view(doc)).toEqual({ prompt: 'Co by mělo v parku být?', notesPerParticipant: 3, notes: [] });
  });

  it('view falls back to the default budget when the doc has none', () => {
    expect(notes.view(new Y.Doc())).toEqual({ prompt: '', notesPerParticipant: 5, notes: [] });
  });

  it('aggregate keeps id, text and time only', () => {
    const aggregate = aggregateNotes([accepted('n1', 'Lavičky', '2026-11-24T17:01:00.000Z')]);
    expect(aggregate).toEqual([{ id: 'n1', text: 'Lavičky', at: '2026-11-24T17:01:00.000Z' }]);
  });

  it('project adds the accepted notes, visible, in time order', () => {
    const doc = newBoard();
    notes.project(
      doc,
      aggregateNotes([
        accepted('b', 'Druhý', '2026-11-24T17:02:00.000Z'),
        accepted('a', 'První', '2026-11-24T17:01:00.000Z'),
        accepted('c', 'Současně', '2026-11-24T17:02:00.000Z'),
      ]),
    );
    expect(notes.view(doc).notes).toEqual([
      { id: 'a', text: 'První', at: '2026-11-24T17:01:00.000Z', hidden: false },
      { id: 'b', text: 'Druhý', at: '2026-11-24T17:02:00.000Z', hidden: false },
      { id: 'c', text: 'Současně', at: '2026-11-24T17:02:00.000Z', hidden: false },
    ]);
  });

  it('project is idempotent: the same aggregate again changes nothing and writes nothing', () => {
    const doc = newBoard();
    const aggregate = aggregateNotes([accepted('a', 'První', '2026-11-24T17:01:00.000Z')]);
    notes.project(doc, aggregate);
    const before = Y.encodeStateAsUpdate(doc);
    expect(updatesDuring(doc, () => notes.project(doc, aggregate))).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('project never brings back a note an editor hid', () => {
    const doc = newBoard();
    notes.project(doc, aggregateNotes([accepted('a', 'Nevhodné', '2026-11-24T17:01:00.000Z')]));
    setNoteHidden(doc, 'a', true);
    notes.project(
      doc,
      aggregateNotes([accepted('a', 'Nevhodné', '2026-11-24T17:01:00.000Z'), accepted('b', 'Nový', '2026-11-24T17:02:00.000Z')]),
    );
    expect(notes.view(doc).notes.map((n) => [n.id, n.hidden])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    setNoteHidden(doc, 'a', false);
    expect(notes.view(doc).notes[0]!.hidden).toBe(false);
    setNoteHidden(doc, 'missing', true);
    expect(notes.view(doc).notes).toHaveLength(2);
  });

  it('an editor hiding a note and the server projecting new ones at the same time merge', () => {
    const server = newBoard();
    notes.project(server, aggregateNotes([accepted('a', 'A', '2026-11-24T17:01:00.000Z')]));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));

    setNoteHidden(editor, 'a', true);
    notes.project(server, aggregateNotes([accepted('a', 'A', '2026-11-24T17:01:00.000Z'), accepted('b', 'B', '2026-11-24T17:02:00.000Z')]));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(server)));
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server, Y.encodeStateVector(editor)));

    for (const doc of [server, editor]) {
      expect(notes.view(doc).notes.map((n) => [n.id, n.hidden])).toEqual([
        ['a', true],
        ['b', false],
      ]);
    }
    // A later projection on the server still leaves it hidden.
    notes.project(server, aggregateNotes([accepted('a', 'A', '2026-11-24T17:01:00.000Z')]));
    expect(notes.view(server).notes[0]!.hidden).toBe(true);
  });

  it('phoneView leaves out hidden notes and timestamps, and keeps the latest 50', () => {
    const doc = newBoard({ prompt: 'Otázka', notesPerParticipant: 7 });
    const many = Array.from({ length: 60 }, (_, i) =>
      accepted(`n${String(i).padStart(2, '0')}`, `Lísteček ${i}`, new Date(Date.UTC(2026, 10, 24, 17, 0, i)).toISOString()),
    );
    notes.project(doc, aggregateNotes(many));
    setNoteHidden(doc, 'n59', true);
    const phone = notes.phoneView(notes.view(doc));
    expect(phone.prompt).toBe('Otázka');
    expect(phone.notesPerParticipant).toBe(7);
    expect(phone.notes).toHaveLength(50);
    expect(phone.notes[0]).toEqual({ id: 'n09', text: 'Lísteček 9' });
    expect(phone.notes.at(-1)).toEqual({ id: 'n58', text: 'Lísteček 58' });
    expect(phone.notes.some((n) => n.id === 'n59')).toBe(false);
  });
});

describe('notes: minutes', () => {
  it('lists the visible notes under the prompt', () => {
    const doc = newBoard({ prompt: 'Co chybí?' });
    notes.project(
      doc,
      aggregateNotes([accepted('a', 'Stín', '2026-11-24T17:01:00.000Z'), accepted('b', 'Skryté', '2026-11-24T17:02:00.000Z')]),
    );
    setNoteHidden(doc, 'b', true);
    expect(notes.toMinutes(notes.view(doc), 'cs')).toEqual({ heading: 'Co chybí?', blocks: [{ type: 'list', items: ['Stín'] }] });
  });

  it('without a prompt or notes, says so in the reader’s language', () => {
    const view = notes.view(newBoard());
    expect(notes.toMinutes(view, 'cs')).toEqual({
      heading: 'Nástěnka lístečků',
      blocks: [{ type: 'paragraph', text: 'Zatím žádné lístečky.' }],
    });
    expect(notes.toMinutes(view, 'en')).toEqual({ heading: 'Note wall', blocks: [{ type: 'paragraph', text: 'No notes yet.' }] });
  });
});

describe('notes: notes to promote into a plan', () => {
  it('offers the visible notes by their ids, the prompt as their context; a hidden note is never offered', () => {
    const doc = newBoard({ prompt: 'Co ve městě chybí?' });
    notes.project(doc, aggregateNotes([accepted('n1', 'Noclehárna pro ženy', '2026-11-24T10:00:00Z'), accepted('n2', 'Spam', '2026-11-24T10:01:00Z')]));
    setNoteHidden(doc, 'n2', true);
    expect(notes.promotable!(notes.view(doc))).toEqual([{ itemId: 'n1', text: 'Noclehárna pro ženy', context: 'Co ve městě chybí?', votes: null }]);
  });
});
