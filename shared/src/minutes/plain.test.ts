import { describe, expect, it } from 'vitest';
import { blocksToPlainText, minutesToPlainText } from './plain.ts';

describe('plain text of the minutes', () => {
  it('keeps every text of every kind of block, without markup', () => {
    expect(
      blocksToPlainText([
        { type: 'heading', text: 'Co chybí?' },
        { type: 'paragraph', text: 'Bez **hvězdiček**', runs: [{ text: 'Bez ' }, { text: 'hvězdiček', bold: true }] },
        { type: 'list', label: 'Stůl 2 – zelený', items: ['Doprava', { text: 'Bydlení', mark: 'priority', children: [{ text: 'Startovací byty' }] }] },
        { type: 'table', header: ['Položka', 'Body'], rows: [['Doprava', '12']], numeric: [1] },
        { type: 'fields', fields: [{ label: 'Úkol', value: 'Oslovit školy' }] },
      ]),
    ).toEqual(['Co chybí?', 'Bez **hvězdiček**', 'Stůl 2 – zelený', 'Doprava', 'Bydlení', 'Startovací byty', 'Položka | Body', 'Doprava | 12', 'Úkol: Oslovit školy']);
  });

  it('joins the whole minutes into lines: title, facts, parts with their headings, signature', () => {
    expect(
      minutesToPlainText({
        title: 'Zápis z jednání',
        facts: { type: 'fields', fields: [{ label: 'Místo', value: 'Sokolovna' }] },
        parts: [{ heading: 'Úkoly', blocks: [{ type: 'fields', fields: [{ label: 'Úkol', value: 'Pozvat hosty' }] }] }],
        signature: '',
      }),
    ).toBe('Zápis z jednání\nMísto: Sokolovna\nÚkoly\nÚkol: Pozvat hosty');
  });
});
