import * as Y from 'yjs';
import { z } from 'zod';
import { translator } from '../../i18n/index.ts';
import type { MinutesBlock, MinutesListItem } from '../../minutes/section.ts';
import { lineText } from '../../schemas/common.ts';
import { accept, refuse, type BoardKind } from '../kind.ts';
import { AT_END, MAX_CATEGORIES, addCategories, addNode, readTree, type FishboneNode } from './tree.ts';

export {
  AT_END,
  MAX_CATEGORIES,
  MAX_DEPTH,
  addNode,
  childIdsOf,
  indentNode,
  moveNode,
  nodeText,
  outdentNode,
  readTree,
  removeNode,
  shiftNode,
  type FishboneNode,
  type Tree,
  type TreeEntry,
} from './tree.ts';

/**
 * Fishbone (Ishikawa) diagram: a head (the problem or goal), category bones, and causes nested up
 * to three levels under them. The facilitator and editors build the tree in Yjs; participants
 * suggest causes for a category from their phones, and the facilitator accepts, edits or rejects
 * each suggestion.
 */
export const SUGGESTION_MAX_LENGTH = 200;
export const HEAD_MAX_LENGTH = 300;
export const CATEGORY_MAX_LENGTH = 100;

/** The 6M, named for a Czech group; the facilitator renames or replaces them. */
const defaultCategories = ['Lidé', 'Metody', 'Stroje a vybavení', 'Materiál', 'Měření', 'Prostředí'];

const settingsSchema = z.object({
  head: z.string().trim().max(HEAD_MAX_LENGTH).default(''),
  categories: z.array(lineText(CATEGORY_MAX_LENGTH)).max(MAX_CATEGORIES).default(defaultCategories),
  suggestionsPerParticipant: z.number().int().min(1).max(50).default(5),
});
export type FishboneSettings = z.infer<typeof settingsSchema>;

const intentSchema = z.object({
  type: z.literal('fishbone.suggest'),
  categoryId: z.string().min(1).max(40),
  text: lineText(SUGGESTION_MAX_LENGTH),
});
export type FishboneIntent = z.infer<typeof intentSchema>;

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';
export interface Suggestion {
  id: string;
  categoryId: string;
  text: string;
  at: string;
  status: SuggestionStatus;
}
export type FishboneAggregate = Omit<Suggestion, 'status'>[];

export interface FishboneView {
  head: string;
  categories: FishboneNode[];
  /** Every suggestion from phones, oldest first. */
  suggestions: Suggestion[];
  suggestionsPerParticipant: number;
}
export interface FishbonePhoneView {
  head: string;
  /** The tree as it stands, so that participants see what is already there. */
  categories: FishboneNode[];
  suggestionsPerParticipant: number;
}
export interface FishboneRules {
  categoryIds: string[];
  suggestionsPerParticipant: number;
}
export interface FishboneMine {
  sent: number;
  remaining: number;
}

const headOf = (doc: Y.Doc) => doc.getText('head');
const suggestionsOf = (doc: Y.Doc) => doc.getMap<Suggestion>('suggestions');
const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>('settings');

function suggestionsPerParticipant(doc: Y.Doc): number {
  const stored = settingsSchema.shape.suggestionsPerParticipant.safeParse(settingsOf(doc).get('suggestionsPerParticipant'));
  return stored.success ? stored.data : settingsSchema.parse({}).suggestionsPerParticipant;
}

/** The editable head (the problem or goal); bind it to an input with `applyTextEdit`. */
export const headText = headOf;

/** The facilitator changes how many causes each participant may suggest. */
export function setSuggestionsPerParticipant(doc: Y.Doc, count: number): void {
  const parsed = settingsSchema.shape.suggestionsPerParticipant.safeParse(count);
  if (parsed.success) settingsOf(doc).set('suggestionsPerParticipant', parsed.data);
}

/** The Yjs types an editor's undo manager watches: the head, the tree and the handling of suggestions. */
export function undoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [headOf(doc), doc.getMap('nodes'), suggestionsOf(doc)] as Y.AbstractType<unknown>[];
}

/**
 * Accepts a suggestion into the tree under `parentId` (its category by default), with the
 * facilitator's edit of its text if any. Returns the new cause's id, or null if the suggestion is
 * not pending or the place cannot take a cause.
 */
export function acceptSuggestion(doc: Y.Doc, id: string, parentId?: string, text?: string): string | null {
  const suggestion = suggestionsOf(doc).get(id);
  if (suggestion?.status !== 'pending') return null;
  const under = parentId ?? suggestion.categoryId;
  const finalText = (text ?? suggestion.text).replace(/\s+/g, ' ').trim() || suggestion.text;
  let nodeId: string | null = null;
  doc.transact(() => {
    nodeId = addNode(doc, under, AT_END, finalText);
    if (nodeId) suggestionsOf(doc).set(id, { ...suggestion, status: 'accepted' });
  });
  return nodeId;
}

/** Rejects a pending suggestion, or puts a rejected one back in the queue. */
export function setSuggestionRejected(doc: Y.Doc, id: string, rejected: boolean): void {
  const suggestion = suggestionsOf(doc).get(id);
  if (suggestion && suggestion.status !== 'accepted') suggestionsOf(doc).set(id, { ...suggestion, status: rejected ? 'rejected' : 'pending' });
}

/** A category's causes as nested minutes list items; renderers add each level's bullet. */
const toListItems = (nodes: FishboneNode[]): MinutesListItem[] =>
  nodes.map((node) => (node.children.length ? { text: node.text, children: toListItems(node.children) } : { text: node.text }));

export const fishbone: BoardKind<
  FishboneSettings,
  FishboneIntent,
  FishboneAggregate,
  FishboneView,
  FishbonePhoneView,
  FishboneMine,
  FishboneRules
> = {
  name: 'fishbone',
  settingsSchema,
  intentSchema,

  init(doc, settings) {
    doc.transact(() => {
      headOf(doc).insert(0, settings.head);
      settingsOf(doc).set('suggestionsPerParticipant', settings.suggestionsPerParticipant);
      addCategories(doc, settings.categories);
    });
  },

  rules(doc) {
    return {
      categoryIds: readTree(doc).categories.map((c) => c.id),
      suggestionsPerParticipant: suggestionsPerParticipant(doc),
    };
  },

  checkIntent(intent, previous, rules) {
    if (!rules.categoryIds.includes(intent.categoryId)) return refuse('unknown_item', 'no such category on this board');
    if (previous.some((p) => p.categoryId === intent.categoryId && p.text.toLowerCase() === intent.text.toLowerCase())) {
      return refuse('duplicate', 'this cause was already suggested for this category');
    }
    return previous.length < rules.suggestionsPerParticipant
      ? accept
      : refuse('limit_reached', `at most ${rules.suggestionsPerParticipant} suggestions per participant`);
  },

  scopeOf: () => '',

  aggregate(accepted) {
    return accepted.map(({ id, intent, at }) => ({ id, categoryId: intent.categoryId, text: intent.text, at }));
  },

  project(doc, aggregate) {
    const map = suggestionsOf(doc);
    const current = new Set(aggregate.map((s) => s.id));
    const voided = [...map.values()].filter((s) => s.status === 'pending' && !current.has(s.id));
    const added = aggregate.filter((s) => !map.has(s.id));
    if (voided.length === 0 && added.length === 0) return;
    doc.transact(() => {
      // Suggestions the facilitator already handled stay as they were, even if voided since.
      for (const s of voided) map.delete(s.id);
      for (const s of added) map.set(s.id, { ...s, status: 'pending' });
    });
  },

  view(doc) {
    return {
      head: headOf(doc).toString(),
      categories: readTree(doc).categories,
      suggestions: [...suggestionsOf(doc).values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
      suggestionsPerParticipant: suggestionsPerParticipant(doc),
    };
  },

  phoneView(view) {
    return { head: view.head, categories: view.categories, suggestionsPerParticipant: view.suggestionsPerParticipant };
  },

  mine(previous, rules) {
    return { sent: previous.length, remaining: Math.max(0, rules.suggestionsPerParticipant - previous.length) };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    const blocks: MinutesBlock[] = view.categories.flatMap((category): MinutesBlock[] => [
      { type: 'heading', text: category.text || t('board.fishbone.unnamedCategory') },
      category.children.length
        ? { type: 'list', items: toListItems(category.children) }
        : { type: 'paragraph', text: t('board.fishbone.noCauses') },
    ]);
    return {
      heading: view.head || t('board.fishbone.name'),
      blocks: blocks.length ? blocks : [{ type: 'paragraph', text: t('board.fishbone.empty') }],
    };
  },

  toTable(view, locale) {
    const t = translator(locale);
    const rows = (category: string, nodes: FishboneNode[], level: number): string[][] =>
      nodes.flatMap((node) => [[category, String(level), node.text], ...rows(category, node.children, level + 1)]);
    return [
      [t('board.fishbone.table.category'), t('board.fishbone.table.level'), t('board.fishbone.table.cause')],
      ...view.categories.flatMap((category) =>
        category.children.length ? rows(category.text, category.children, 1) : [[category.text, '', '']],
      ),
    ];
  },
};
