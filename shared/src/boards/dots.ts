import * as Y from 'yjs';
import { z } from 'zod';
import { translator } from '../i18n/index.ts';
import type { MinutesBlock } from '../minutes/section.ts';
import { lineText } from '../schemas/common.ts';
import { ITEM_MAX_LENGTH, sectionName } from './dots-basics.ts';
import {
  budgetPerSchema,
  checkDot,
  checkTapCeiling,
  countsVisible,
  dotBalance,
  dotIntentSchemas,
  dotOptionsShape,
  dotTotals,
  isTop,
  partId,
  projectDotTotals,
  readDotTotals,
  rankLabel,
  rankTotals,
  type DotBalance,
  type DotBudget,
  type DotTotals,
} from './dot-budget.ts';
import { accept, refuse, type BoardKind, type IntentCheck } from './kind.ts';
import { compareOrder, orderKeyAt, orderKeysAfter, type OrderedEntry } from './order.ts';

export { MAX_INTENTS_PER_PARTICIPANT, rankLabel, rankTotals } from './dot-budget.ts';
export { ITEM_MAX_LENGTH, sectionName } from './dots-basics.ts';

/**
 * Dot voting: sections (lists) of items; each participant places a budget of dots on the items
 * that matter most. The stakeholder variant is the same board read as interest groups (sections)
 * and their needs (items), the top needs of each group marked as priorities.
 *
 * Editors (facilitator, secretary) write the items, the options, the flip-chart counts and the
 * priority choices into the doc; the server projects the phones' dots (counts only) into `votes`.
 */
export const MAX_SUGGESTIONS_PER_PARTICIPANT = 5;
const MAX_SECTIONS = 30;
const MAX_ITEMS_PER_SECTION = 100;

const variantSchema = z.enum(['priorities', 'stakeholders']);

/** Options that the facilitator may change while the board runs; they live in the doc. */
const optionsShape = {
  variant: variantSchema.default('priorities'),
  ...dotOptionsShape,
  budgetPer: budgetPerSchema.default('board'),
  /** Participants may suggest items from their phones; editors accept, merge or dismiss them. */
  suggesting: z.boolean().default(false),
  /** Stakeholder boards: the top N needs of each group (by total dots, ties included) are priorities; 0 = chosen by hand only. */
  priorityCount: z.number().int().min(0).max(20).default(2),
};
const optionsSchema = z.object(optionsShape);
export type DotsOptions = z.infer<typeof optionsSchema>;
export type DotsOptionKey = keyof DotsOptions;

const settingsSchema = z.object({
  ...optionsShape,
  prompt: z.string().trim().max(500).default(''),
  /** Sections and items to start with (e.g. from a previous meeting); editors add more live. */
  sections: z
    .array(
      z.object({
        title: z.string().trim().max(200).default(''),
        items: z.array(lineText(ITEM_MAX_LENGTH)).max(MAX_ITEMS_PER_SECTION).default([]),
      }),
    )
    .max(MAX_SECTIONS)
    .default([]),
});
export type DotsSettings = z.infer<typeof settingsSchema>;

const intentSchema = z.discriminatedUnion('type', [
  ...dotIntentSchemas,
  z.object({ type: z.literal('item.suggest'), sectionId: partId, text: lineText(ITEM_MAX_LENGTH) }),
]);
export type DotsIntent = z.infer<typeof intentSchema>;

/** What the intent rule needs: the budget of dots over the board's items, and whether it takes suggestions. */
export interface DotsRules extends DotBudget {
  suggesting: boolean;
}

export interface DotsSuggestion {
  id: string;
  sectionId: string;
  text: string;
  at: string;
  state: 'pending' | 'accepted' | 'merged' | 'dismissed';
  /** The item it became (accepted) or was merged into. */
  itemId?: string;
}

export interface DotsAggregate extends DotTotals {
  suggestions: Omit<DotsSuggestion, 'state' | 'itemId'>[];
}

export interface DotsItem {
  id: string;
  text: string;
  /** Dots placed from phones. */
  phone: number;
  /** Dots counted on a paper flip-chart and typed in by the facilitator. */
  paper: number;
  total: number;
  /** 1 + the number of items of the section with more dots: tied items share a rank. */
  rank: number;
  /** How many items of the section share this rank (1 = no tie). */
  tie: number;
  /** Marked as a priority: the facilitator's choice, else (stakeholder boards) among the top `priorityCount`. */
  priority: boolean;
  /** The facilitator's own choice, if any. */
  priorityChoice: boolean | null;
}

export interface DotsSection {
  id: string;
  title: string;
  items: DotsItem[];
}

export interface DotsView extends DotsOptions {
  prompt: string;
  sections: DotsSection[];
  suggestions: DotsSuggestion[];
  voters: number;
  /** Any item has flip-chart dots: they are then shown as a column of their own. */
  hasPaper: boolean;
}

export interface DotsPhoneItem {
  id: string;
  text: string;
  /** Total dots, only when the results are visible. */
  total: number | null;
  rank: number | null;
  tie: number;
  priority: boolean;
}
export interface DotsPhoneView {
  prompt: string;
  variant: DotsOptions['variant'];
  budget: number;
  budgetPer: DotsOptions['budgetPer'];
  stacking: boolean;
  suggesting: boolean;
  /** Counts are visible (live results, or revealed). */
  showCounts: boolean;
  sections: { id: string; title: string; items: DotsPhoneItem[] }[];
}

/** A continued dot vote's old results per item id (see `continuation`). */
export interface DotsReference {
  voters: number;
  items: Record<string, { total: number; rank: number; tie: number }>;
}

export interface DotsMine extends DotBalance {
  suggestionsLeft: number;
}

// ---------------------------------------------------------------------------------------------
// The doc: `prompt` (Y.Text), `options` (Y.Map), `sections` (Y.Array of Y.Map: id, title: Y.Text,
// items: Y.Map by id of Y.Map: id, order (see order.ts), text: Y.Text, paper, priority?), the dot totals (written by the
// server, see dot-budget.ts), `suggestions` (added by the server, their state changed by editors).

type YSection = Y.Map<unknown>;
type YItem = Y.Map<unknown>;

const optionsMap = (doc: Y.Doc) => doc.getMap<unknown>('options');
const sectionsArray = (doc: Y.Doc) => doc.getArray<YSection>('sections');
const suggestionsMap = (doc: Y.Doc) => doc.getMap<DotsSuggestion>('suggestions');

const itemsOf = (section: YSection) => section.get('items') as Y.Map<YItem>;
const orderOf = (item: YItem) => String(item.get('order') ?? '');

/** A section's items in their order. */
const orderedItems = (section: YSection): YItem[] =>
  [...itemsOf(section).values()].sort((a, b) => compareOrder({ order: orderOf(a), id: String(a.get('id')) }, { order: orderOf(b), id: String(b.get('id')) }));

const asEntry = (item: YItem): OrderedEntry => ({ order: orderOf(item), setOrder: (order) => item.set('order', order) });
const textOf = (map: Y.Map<unknown>, key: string) => (map.get(key) as Y.Text | undefined)?.toString() ?? '';

/** A short random id for sections and items, made where they are created (any editor). */
export function newPartId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

function readOptions(doc: Y.Doc, fallback: Partial<DotsOptions> = {}): DotsOptions {
  const stored = Object.fromEntries(optionsMap(doc).entries());
  const parsed = optionsSchema.safeParse({ ...fallback, ...stored });
  if (parsed.success) return parsed.data;
  // One bad value (an old client, a hand-edited doc) must not blank the board: keep the good ones.
  const options = optionsSchema.parse(fallback);
  for (const key of Object.keys(optionsShape) as DotsOptionKey[]) {
    const one = optionsShape[key].safeParse(stored[key]);
    if (one.success && stored[key] !== undefined) (options as Record<string, unknown>)[key] = one.data;
  }
  return options;
}

function findSection(doc: Y.Doc, sectionId: string): { index: number; section: YSection } | null {
  const sections = sectionsArray(doc).toArray();
  const index = sections.findIndex((s) => s.get('id') === sectionId);
  return index < 0 ? null : { index, section: sections[index]! };
}

function findItem(doc: Y.Doc, itemId: string): { section: YSection; item: YItem } | null {
  for (const section of sectionsArray(doc)) {
    const item = itemsOf(section).get(itemId);
    if (item) return { section, item };
  }
  return null;
}

function insertSection(doc: Y.Doc, title: string, items: string[], id = newPartId()): string {
  const section = new Y.Map<unknown>();
  sectionsArray(doc).push([section]);
  section.set('id', id);
  section.set('title', new Y.Text(title));
  section.set('items', new Y.Map<YItem>());
  orderKeysAfter(null, items.length).forEach((order, i) => insertItem(section, order, { id: newPartId(), text: items[i]! }));
  return id;
}

function insertItem(section: YSection, order: string, fields: { id: string; text: string }) {
  const item = new Y.Map<unknown>();
  itemsOf(section).set(fields.id, item);
  item.set('id', fields.id);
  item.set('order', order);
  item.set('text', new Y.Text(fields.text));
  item.set('paper', 0);
}

// ---------------------------------------------------------------------------------------------
// What editors do (facilitator console, secretary). Each is one transaction.

export function setOption<K extends DotsOptionKey>(doc: Y.Doc, key: K, value: DotsOptions[K]): void {
  optionsMap(doc).set(key, optionsShape[key].parse(value));
}

export function addSection(doc: Y.Doc, title = ''): string | null {
  if (sectionsArray(doc).length >= MAX_SECTIONS) return null;
  let id = '';
  doc.transact(() => (id = insertSection(doc, title, [])));
  return id;
}

export function removeSection(doc: Y.Doc, sectionId: string): void {
  const found = findSection(doc, sectionId);
  if (found) sectionsArray(doc).delete(found.index, 1);
}

/** The section's title, for collaborative editing (`applyTextEdit`). */
export const sectionTitle = (doc: Y.Doc, sectionId: string): Y.Text | null =>
  (findSection(doc, sectionId)?.section.get('title') as Y.Text | undefined) ?? null;

/** An item's text, for collaborative editing. */
export const itemText = (doc: Y.Doc, itemId: string): Y.Text | null =>
  (findItem(doc, itemId)?.item.get('text') as Y.Text | undefined) ?? null;

/** Adds an item at the end of a section; returns its id (null if the section is gone or full). */
export function addItem(doc: Y.Doc, sectionId: string, text: string): string | null {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, ITEM_MAX_LENGTH);
  const found = findSection(doc, sectionId);
  if (!clean || !found || itemsOf(found.section).size >= MAX_ITEMS_PER_SECTION) return null;
  const id = newPartId();
  doc.transact(() => {
    const items = orderedItems(found.section).map(asEntry);
    insertItem(found.section, orderKeyAt(items, items.length), { id, text: clean });
  });
  return id;
}

/** Removes an item; dots placed on it no longer count, and participants get them back. */
export function removeItem(doc: Y.Doc, itemId: string): void {
  const found = findItem(doc, itemId);
  if (found) itemsOf(found.section).delete(itemId);
}

/**
 * Moves an item up (-1) or down (+1) within its section, keeping its id (and so its dots) and its
 * text (an edit made meanwhile by someone else survives).
 */
export function moveItem(doc: Y.Doc, itemId: string, delta: -1 | 1): void {
  const found = findItem(doc, itemId);
  if (!found) return;
  const items = orderedItems(found.section);
  const to = items.indexOf(found.item) + delta;
  if (to < 0 || to >= items.length) return;
  doc.transact(() => found.item.set('order', orderKeyAt(items.filter((item) => item !== found.item).map(asEntry), to)));
}

/** Dots counted on a paper flip-chart for an item (replaces the earlier count). */
export function setPaperDots(doc: Y.Doc, itemId: string, count: number): void {
  const value = Math.max(0, Math.min(9999, Math.trunc(Number.isFinite(count) ? count : 0)));
  const found = findItem(doc, itemId);
  if (found && found.item.get('paper') !== value) found.item.set('paper', value);
}

/** The facilitator marks an item as a priority (true), as not one (false), or leaves it to the votes (null). */
export function setPriority(doc: Y.Doc, itemId: string, choice: boolean | null): void {
  const found = findItem(doc, itemId);
  if (!found) return;
  if (choice === null) found.item.delete('priority');
  else found.item.set('priority', choice);
}

function setSuggestion(doc: Y.Doc, id: string, change: Pick<DotsSuggestion, 'state' | 'itemId'>): void {
  const suggestion = suggestionsMap(doc).get(id);
  if (suggestion) suggestionsMap(doc).set(id, { ...suggestion, ...change });
}

/** Turns a participant's suggestion into an item of its section, as it is or as edited. */
export function acceptSuggestion(doc: Y.Doc, suggestionId: string, text?: string): string | null {
  const suggestion = suggestionsMap(doc).get(suggestionId);
  if (!suggestion) return null;
  let itemId: string | null = null;
  doc.transact(() => {
    itemId = addItem(doc, suggestion.sectionId, text ?? suggestion.text);
    if (itemId) setSuggestion(doc, suggestionId, { state: 'accepted', itemId });
  });
  return itemId;
}

/** The suggestion says what an existing item says already. */
export function mergeSuggestion(doc: Y.Doc, suggestionId: string, itemId: string): void {
  if (findItem(doc, itemId)) setSuggestion(doc, suggestionId, { state: 'merged', itemId });
}

export function dismissSuggestion(doc: Y.Doc, suggestionId: string): void {
  setSuggestion(doc, suggestionId, { state: 'dismissed' });
}

/** A section's items by total dots, most first; tied items keep their original order. */
export const ranked = (section: DotsSection): DotsItem[] => section.items.toSorted((a, b) => a.rank - b.rank);

// ---------------------------------------------------------------------------------------------

export const dots: BoardKind<DotsSettings, DotsIntent, DotsAggregate, DotsView, DotsPhoneView, DotsMine, DotsRules, DotsReference> = {
  name: 'dots',
  settingsSchema,
  intentSchema,

  init(doc, settings) {
    doc.transact(() => {
      doc.getText('prompt').insert(0, settings.prompt);
      const options = optionsMap(doc);
      for (const key of Object.keys(optionsShape) as DotsOptionKey[]) options.set(key, settings[key]);
      const sections = settings.sections.length ? settings.sections : [{ title: '', items: [] }];
      for (const section of sections) insertSection(doc, section.title, section.items);
    });
  },

  rules(doc, settings) {
    const options = readOptions(doc, settings);
    const items: Record<string, string> = {};
    const sectionIds: string[] = [];
    for (const section of sectionsArray(doc)) {
      const sectionId = String(section.get('id'));
      sectionIds.push(sectionId);
      for (const id of itemsOf(section).keys()) items[id] = sectionId;
    }
    return {
      budget: options.budget,
      budgetPer: options.budgetPer,
      stacking: options.stacking,
      suggesting: options.suggesting,
      items,
      sectionIds,
    };
  },

  checkIntent(intent, previous, rules): IntentCheck {
    const ceiling = checkTapCeiling(previous);
    if (!ceiling.ok) return ceiling;
    if (intent.type === 'item.suggest') {
      if (!rules.suggesting) return refuse('closed', 'this board takes no suggestions now');
      if (!rules.sectionIds.includes(intent.sectionId)) return refuse('unknown_item', 'no such section');
      const mine = previous.filter((p) => p.type === 'item.suggest');
      if (mine.some((p) => p.text.toLocaleLowerCase() === intent.text.toLocaleLowerCase())) {
        return refuse('duplicate', 'you suggested this already');
      }
      return mine.length < MAX_SUGGESTIONS_PER_PARTICIPANT
        ? accept
        : refuse('limit_reached', `at most ${MAX_SUGGESTIONS_PER_PARTICIPANT} suggestions per participant`);
    }
    return checkDot(intent, previous, rules);
  },

  scopeOf: (intent) => (intent.type === 'item.suggest' ? 'suggestions' : intent.sectionId),

  aggregate(accepted) {
    const suggestions: DotsAggregate['suggestions'] = [];
    for (const { id, intent, at } of accepted) {
      if (intent.type === 'item.suggest') suggestions.push({ id, sectionId: intent.sectionId, text: intent.text, at });
    }
    return { ...dotTotals(accepted), suggestions };
  },

  project(doc, aggregate) {
    const suggestions = suggestionsMap(doc);
    const pending = new Set(aggregate.suggestions.map((s) => s.id));
    doc.transact(() => {
      projectDotTotals(doc, aggregate);
      for (const suggestion of aggregate.suggestions) {
        if (!suggestions.has(suggestion.id)) suggestions.set(suggestion.id, { ...suggestion, state: 'pending' });
      }
      // A reset takes back suggestions nobody has acted on yet.
      for (const [id, suggestion] of [...suggestions.entries()]) {
        if (!pending.has(id) && suggestion.state === 'pending') suggestions.delete(id);
      }
    });
  },

  view(doc) {
    const options = readOptions(doc);
    const { votes, voters } = readDotTotals(doc);
    const sections: DotsSection[] = sectionsArray(doc).map((section) => {
      const base = orderedItems(section).map((item) => {
        const id = String(item.get('id'));
        const phone = votes[id] ?? 0;
        const paper = Number(item.get('paper') ?? 0) || 0;
        const choice = item.get('priority');
        return { id, text: textOf(item, 'text'), phone, paper, total: phone + paper, priorityChoice: typeof choice === 'boolean' ? choice : null };
      });
      const ranks = rankTotals(base.map((i) => i.total));
      const items = base.map((item, index) => {
        const { rank, tie } = ranks[index]!;
        const priority = isTop({ rank, total: item.total }, options.variant === 'stakeholders' ? options.priorityCount : 0, item.priorityChoice);
        return { ...item, rank, tie, priority };
      });
      return { id: String(section.get('id')), title: textOf(section, 'title'), items };
    });
    return {
      ...options,
      prompt: doc.getText('prompt').toString(),
      sections,
      suggestions: [...suggestionsMap(doc).values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
      voters,
      hasPaper: sections.some((s) => s.items.some((i) => i.paper > 0)),
    };
  },

  phoneView(view) {
    const showCounts = countsVisible(view);
    return {
      prompt: view.prompt,
      variant: view.variant,
      budget: view.budget,
      budgetPer: view.budgetPer,
      stacking: view.stacking,
      suggesting: view.suggesting,
      showCounts,
      sections: view.sections.map((section) => ({
        id: section.id,
        title: section.title,
        items: section.items.map((item) => ({
          id: item.id,
          text: item.text,
          total: showCounts ? item.total : null,
          rank: showCounts ? item.rank : null,
          tie: showCounts ? item.tie : 1,
          priority: showCounts && item.priority,
        })),
      })),
    };
  },

  mine(previous, rules) {
    const suggested = previous.filter((p) => p.type === 'item.suggest').length;
    return { ...dotBalance(previous, rules), suggestionsLeft: Math.max(0, MAX_SUGGESTIONS_PER_PARTICIPANT - suggested) };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    const heading = view.prompt || t('board.dots.name');
    const sections = view.sections.filter((s) => s.items.length > 0);
    if (sections.length === 0) return { heading, blocks: [{ type: 'paragraph', text: t('board.dots.empty') }] };
    const blocks: MinutesBlock[] = [];
    sections.forEach((section, index) => {
      const title = sectionName(section, index, view.variant, translator(locale));
      if (sections.length > 1 || section.title) blocks.push({ type: 'heading', text: title });
      if (view.variant === 'stakeholders') {
        blocks.push({
          type: 'list',
          items: section.items.map((item) => (item.priority ? { text: item.text, mark: 'priority' as const } : item.text)),
        });
        return;
      }
      blocks.push(
        view.hasPaper
          ? {
              type: 'table',
              header: [t('table.item'), t('table.phoneVotes'), t('table.paperVotes'), t('table.total')],
              rows: section.items.map((i) => [i.text, String(i.phone), String(i.paper), String(i.total)]),
              numeric: [1, 2, 3],
            }
          : {
              type: 'table',
              header: [t('table.item'), t('table.votes')],
              rows: section.items.map((i) => [i.text, String(i.total)]),
              numeric: [1],
            },
      );
      const order = ranked(section).filter((i) => i.total > 0);
      if (order.length > 0) {
        blocks.push({
          type: 'table',
          header: [t('table.rank'), t('table.item'), t('table.total')],
          rows: order.map((i) => [rankLabel(i.rank, i.tie), i.text, String(i.total)]),
          numeric: [2],
        });
      }
    });
    return { heading, blocks };
  },

  toTable(view, locale) {
    const t = translator(locale);
    return [
      [t('table.section'), t('table.item'), t('table.phoneVotes'), t('table.paperVotes'), t('table.total'), t('table.rank'), t('table.priority')],
      ...view.sections.flatMap((section, index) =>
        section.items.map((i) => [
          sectionName(section, index, view.variant, translator(locale)),
          i.text,
          String(i.phone),
          String(i.paper),
          String(i.total),
          rankLabel(i.rank, i.tie),
          i.priority ? t('table.yes') : '',
        ]),
      ),
    ];
  },

  /** Every item with its dots; the context is its section (or the board's prompt when the section has no title). */
  promotable: (view) =>
    view.sections.flatMap((section) =>
      section.items.filter((item) => item.text.trim()).map((item) => ({ itemId: item.id, text: item.text, context: section.title || view.prompt, votes: item.total })),
    ),

  /**
   * Sections and items go on (accepted suggestions are items like any other, stakeholder groups and
   * their needs alike); flip-chart counts, hand-picked priorities and the queue of suggestions do not.
   */
  continuation: {
    clear(doc) {
      doc.transact(() => {
        for (const section of sectionsArray(doc)) {
          for (const item of itemsOf(section).values()) {
            item.set('paper', 0);
            item.delete('priority');
          }
        }
        suggestionsMap(doc).clear();
      });
    },
    reference(view) {
      const items: DotsReference['items'] = {};
      for (const section of view.sections) for (const { id, total, rank, tie } of section.items) items[id] = { total, rank, tie };
      return { voters: view.voters, items };
    },
  },
};
