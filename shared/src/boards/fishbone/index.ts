import { CATEGORY_MAX_LENGTH, HEAD_MAX_LENGTH, SUGGESTION_MAX_LENGTH } from './limits.ts';
import * as Y from 'yjs';
import { z } from 'zod';
import { translator } from '../../i18n/index.ts';
import type { MinutesBlock, MinutesListItem } from '../../minutes/section.ts';
import { lineText } from '../../schemas/common.ts';
import {
  checkDot,
  checkTapCeiling,
  dotBalance,
  dotIntentSchemas,
  dotTotals,
  projectDotTotals,
  rankLabel,
  readDotTotals,
  type DotBalance,
  type DotBudget,
  type DotTotals,
} from '../dot-budget.ts';
import type { PromotableItem } from '../../plans/origin.ts';
import { accept, refuse, type BoardKind } from '../kind.ts';
import { AT_END, MAX_CATEGORIES, addCategories, addNode, readTree, type FishboneNode } from './tree.ts';
import { causeResults, causesOf, clearVoting, readVoting, resultsShown, votingBudget, type CauseResult, type FishboneVoting } from './voting.ts';

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
export { causeMarks, causesOf, resultsShown, setRootCause, setVoting, type CauseResult, type FishboneVoting, type FishboneVotingKey } from './voting.ts';

/**
 * Fishbone (Ishikawa) diagram: a head (the problem or goal), category bones, and causes nested up
 * to three levels under them. The facilitator and editors build the tree in Yjs; participants
 * suggest causes for a category from their phones, and the facilitator accepts, edits or rejects
 * each suggestion. The facilitator may also let participants vote on the causes with dots to find
 * the root causes (voting.ts); suggestions keep coming in beside the voting.
 */
export { CATEGORY_MAX_LENGTH, HEAD_MAX_LENGTH, SUGGESTION_MAX_LENGTH };

/** The 6M, named for a Czech group; the facilitator renames or replaces them. */
const defaultCategories = ['Lidé', 'Metody', 'Stroje a vybavení', 'Materiál', 'Měření', 'Prostředí'];

const settingsSchema = z.object({
  head: z.string().trim().max(HEAD_MAX_LENGTH).default(''),
  categories: z.array(lineText(CATEGORY_MAX_LENGTH)).max(MAX_CATEGORIES).default(defaultCategories),
  suggestionsPerParticipant: z.number().int().min(1).max(50).default(5),
});
export type FishboneSettings = z.infer<typeof settingsSchema>;

const suggestionSchema = z.object({
  type: z.literal('fishbone.suggest'),
  categoryId: z.string().min(1).max(40),
  text: lineText(SUGGESTION_MAX_LENGTH),
});
type SuggestionIntent = z.infer<typeof suggestionSchema>;
const intentSchema = z.discriminatedUnion('type', [suggestionSchema, ...dotIntentSchemas]);
/** A suggested cause, or a dot placed on a cause or taken back (its section is the cause's category). */
export type FishboneIntent = z.infer<typeof intentSchema>;
const isSuggestion = (intent: FishboneIntent): intent is SuggestionIntent => intent.type === 'fishbone.suggest';

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';
export interface Suggestion {
  id: string;
  categoryId: string;
  text: string;
  at: string;
  status: SuggestionStatus;
}
export interface FishboneAggregate extends DotTotals {
  suggestions: Omit<Suggestion, 'status'>[];
}

export interface FishboneView {
  head: string;
  categories: FishboneNode[];
  /** Every suggestion from phones, oldest first. */
  suggestions: Suggestion[];
  suggestionsPerParticipant: number;
  /** The category the projector shows alone, large (null: the whole diagram). */
  focus: string | null;
  voting: FishboneVoting;
  /** Per cause (every level), its dots and whether it is a root cause. */
  results: Record<string, CauseResult>;
  /** How many participants have a dot placed. */
  voters: number;
}
export interface FishbonePhoneVoting {
  open: boolean;
  budget: number;
  stacking: boolean;
  /** Per cause its dots and whether it is a root cause, once the facilitator shows them. */
  results: Record<string, { total: number; rootCause: boolean }> | null;
}
export interface FishbonePhoneView {
  head: string;
  /** The tree as it stands, so that participants see what is already there. */
  categories: FishboneNode[];
  suggestionsPerParticipant: number;
  /** Null while voting is off. */
  voting: FishbonePhoneVoting | null;
}
export interface FishboneRules {
  categoryIds: string[];
  suggestionsPerParticipant: number;
  voting: FishboneVoting['state'];
  dots: DotBudget;
}
/** A continued diagram's old root-cause votes per cause id. */
export interface FishboneReference {
  voters: number;
  causes: Record<string, Pick<CauseResult, 'total' | 'rank' | 'tie' | 'rootCause'>>;
}

export interface FishboneMine {
  /** Suggestions sent, and how many more this participant may send. */
  sent: number;
  remaining: number;
  votes: DotBalance;
}

const headOf = (doc: Y.Doc) => doc.getText('head');
const suggestionsOf = (doc: Y.Doc) => doc.getMap<Suggestion>('suggestions');
const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>('settings');

function suggestionsPerParticipant(doc: Y.Doc): number {
  const stored = settingsSchema.shape.suggestionsPerParticipant.safeParse(settingsOf(doc).get('suggestionsPerParticipant'));
  return stored.success ? stored.data : settingsSchema.parse({}).suggestionsPerParticipant;
}

/** The focused category, if it still exists. */
function focusOf(doc: Y.Doc, categories: FishboneNode[]): string | null {
  const focus = settingsOf(doc).get('focus');
  return typeof focus === 'string' && categories.some((c) => c.id === focus) ? focus : null;
}

/**
 * The facilitator shows one category alone on the projector, drawn large enough to read from the
 * back of the room when the whole diagram is too big for that (null: the whole diagram again).
 */
export function setFocus(doc: Y.Doc, categoryId: string | null): void {
  if (categoryId === null) settingsOf(doc).delete('focus');
  else if (readTree(doc).categories.some((c) => c.id === categoryId)) settingsOf(doc).set('focus', categoryId);
}

/** The categories the projector draws: the focused one, or all. */
export const shownCategories = (view: Pick<FishboneView, 'categories' | 'focus'>): FishboneNode[] =>
  view.focus === null ? view.categories : view.categories.filter((c) => c.id === view.focus);

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

/** A category's causes as nested minutes list items, root causes marked; renderers add each level's bullet. */
const toListItems = (nodes: FishboneNode[], results: FishboneView['results']): MinutesListItem[] =>
  nodes.map((node) => ({
    text: node.text,
    ...(results[node.id]?.rootCause ? { mark: 'priority' as const } : {}),
    ...(node.children.length ? { children: toListItems(node.children, results) } : {}),
  }));

/** The root causes by rank, with their categories. */
function rootCauses(view: FishboneView) {
  const categoryText = new Map(view.categories.map((c) => [c.id, c.text]));
  return causesOf(view.categories)
    .map(({ cause, categoryId }) => ({ cause, category: categoryText.get(categoryId) ?? '', result: view.results[cause.id]! }))
    .filter(({ result }) => result.rootCause)
    .sort((a, b) => a.result.rank - b.result.rank);
}

export const fishbone: BoardKind<
  FishboneSettings,
  FishboneIntent,
  FishboneAggregate,
  FishboneView,
  FishbonePhoneView,
  FishboneMine,
  FishboneRules,
  FishboneReference
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
    const { categories } = readTree(doc);
    const voting = readVoting(doc);
    return {
      categoryIds: categories.map((c) => c.id),
      suggestionsPerParticipant: suggestionsPerParticipant(doc),
      voting: voting.state,
      dots: votingBudget(categories, voting),
    };
  },

  checkIntent(intent, previous, rules) {
    const ceiling = checkTapCeiling(previous);
    if (!ceiling.ok) return ceiling;
    if (!isSuggestion(intent)) {
      return rules.voting === 'open' ? checkDot(intent, previous, rules.dots) : refuse('closed', 'voting on causes is not open');
    }
    if (!rules.categoryIds.includes(intent.categoryId)) return refuse('unknown_item', 'no such category on this board');
    const suggested = previous.filter(isSuggestion);
    if (suggested.some((p) => p.categoryId === intent.categoryId && p.text.toLowerCase() === intent.text.toLowerCase())) {
      return refuse('duplicate', 'this cause was already suggested for this category');
    }
    return suggested.length < rules.suggestionsPerParticipant
      ? accept
      : refuse('limit_reached', `at most ${rules.suggestionsPerParticipant} suggestions per participant`);
  },

  /** The facilitator may void the dots and the suggestions apart. */
  scopeOf: (intent) => (isSuggestion(intent) ? 'suggestions' : 'votes'),

  aggregate(accepted) {
    const suggestions: FishboneAggregate['suggestions'] = [];
    for (const { id, intent, at } of accepted) {
      if (isSuggestion(intent)) suggestions.push({ id, categoryId: intent.categoryId, text: intent.text, at });
    }
    return { ...dotTotals(accepted), suggestions };
  },

  project(doc, aggregate) {
    const map = suggestionsOf(doc);
    const current = new Set(aggregate.suggestions.map((s) => s.id));
    const voided = [...map.values()].filter((s) => s.status === 'pending' && !current.has(s.id));
    const added = aggregate.suggestions.filter((s) => !map.has(s.id));
    doc.transact(() => {
      projectDotTotals(doc, aggregate);
      // Suggestions the facilitator already handled stay as they were, even if voided since.
      for (const s of voided) map.delete(s.id);
      for (const s of added) map.set(s.id, { ...s, status: 'pending' });
    });
  },

  view(doc) {
    const { categories } = readTree(doc);
    const voting = readVoting(doc);
    const { votes, voters } = readDotTotals(doc);
    return {
      head: headOf(doc).toString(),
      categories,
      suggestions: [...suggestionsOf(doc).values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
      suggestionsPerParticipant: suggestionsPerParticipant(doc),
      focus: focusOf(doc, categories),
      voting,
      results: causeResults(doc, categories, votes, voting),
      voters,
    };
  },

  phoneView(view) {
    const { voting } = view;
    const results = resultsShown(voting)
      ? Object.fromEntries(Object.entries(view.results).map(([id, r]) => [id, { total: r.total, rootCause: r.rootCause }]))
      : null;
    return {
      head: view.head,
      categories: view.categories,
      suggestionsPerParticipant: view.suggestionsPerParticipant,
      voting: voting.state === 'off' ? null : { open: voting.state === 'open', budget: voting.budget, stacking: voting.stacking, results },
    };
  },

  mine(previous, rules) {
    const sent = previous.filter(isSuggestion).length;
    return { sent, remaining: Math.max(0, rules.suggestionsPerParticipant - sent), votes: dotBalance(previous, rules.dots) };
  },

  toMinutes(view, locale) {
    const t = translator(locale);
    const blocks: MinutesBlock[] = view.categories.flatMap((category): MinutesBlock[] => [
      { type: 'heading', text: category.text || t('board.fishbone.unnamedCategory') },
      category.children.length
        ? { type: 'list', items: toListItems(category.children, view.results) }
        : { type: 'paragraph', text: t('board.fishbone.noCauses') },
    ]);
    const roots = rootCauses(view);
    if (roots.length > 0) {
      blocks.push(
        { type: 'heading', text: t('board.fishbone.rootCauses') },
        {
          type: 'table',
          header: [t('table.rank'), t('board.fishbone.table.cause'), t('board.fishbone.table.category'), t('board.fishbone.table.dots')],
          rows: roots.map(({ cause, category, result }) => [rankLabel(result.rank, result.tie), cause.text, category, String(result.total)]),
          numeric: [3],
        },
      );
    }
    return {
      heading: view.head || t('board.fishbone.name'),
      blocks: blocks.length ? blocks : [{ type: 'paragraph', text: t('board.fishbone.empty') }],
    };
  },

  toTable(view, locale) {
    const t = translator(locale);
    const voted = view.voting.state !== 'off';
    const votes = (node: FishboneNode): string[] => {
      const result = view.results[node.id]!;
      return voted ? [String(result.total), rankLabel(result.rank, result.tie), result.rootCause ? t('table.yes') : ''] : [];
    };
    const rows = (category: string, nodes: FishboneNode[], level: number): string[][] =>
      nodes.flatMap((node) => [[category, String(level), node.text, ...votes(node)], ...rows(category, node.children, level + 1)]);
    return [
      [
        t('board.fishbone.table.category'),
        t('board.fishbone.table.level'),
        t('board.fishbone.table.cause'),
        ...(voted ? [t('board.fishbone.table.dots'), t('table.rank'), t('board.fishbone.table.rootCause')] : []),
      ],
      ...view.categories.flatMap((category) =>
        category.children.length ? rows(category.text, category.children, 1) : [[category.text, '', '', ...(voted ? ['', '', ''] : [])]],
      ),
    ];
  },

  /** Every cause, read with its path ("Lidé › Nedostatek personálu"), with its dots once voting is on. */
  promotable(view) {
    const voted = view.voting.state !== 'off';
    const walk = (nodes: FishboneNode[], path: string[]): PromotableItem[] =>
      nodes.flatMap((node) => [
        ...(node.text.trim() ? [{ itemId: node.id, text: node.text, context: path.join(' › '), votes: voted ? (view.results[node.id]?.total ?? 0) : null }] : []),
        ...walk(node.children, [...path, node.text]),
      ]);
    return view.categories.flatMap((category) => walk(category.children, [category.text]));
  },

  /** The head and the whole tree go on (accepted suggestions are causes like any other); suggestions, dots and root-cause choices do not. */
  continuation: {
    clear(doc) {
      doc.transact(() => {
        suggestionsOf(doc).clear();
        clearVoting(doc);
      });
    },
    reference: (view) => ({
      voters: view.voters,
      causes: Object.fromEntries(Object.entries(view.results).map(([id, { total, rank, tie, rootCause }]) => [id, { total, rank, tie, rootCause }])),
    }),
  },
};
