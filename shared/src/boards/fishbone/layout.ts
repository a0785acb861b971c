import type { FishboneNode } from './tree.ts';

/**
 * The fishbone drawing, computed as plain geometry so that it can be tested without a browser:
 * a horizontal spine ending in the head on the right, category bones alternating above and below
 * it, and each bone's causes on horizontal branches along it, sub-causes on smaller bones parallel
 * to it.
 *
 * Every label gets a band of its own along its bone (bands never share a height) inside its
 * bone's column (columns never share a width), and text is wrapped to a width that holds even at
 * the bone's most slanted point, so no two labels can overlap, and no line crosses a label: text
 * hangs on the spine's side of its branch while sub-bones go outwards. The font is the largest
 * that fits the frame; past the smallest one, the drawing grows taller and is scaled to fit.
 */

/** The width of a text in the drawing's units (the browser measures it; tests estimate it). */
export type Measure = (text: string, fontSize: number, bold: boolean) => number;

export interface Frame {
  width: number;
  height: number;
}

export interface LabelBox {
  /** The node's id, or 'head'. */
  id: string;
  kind: 'head' | 'category' | 'cause';
  /** 1–3 for causes, 0 for categories and the head. */
  level: number;
  /** The box, padding included (categories and the head are drawn framed). */
  x: number;
  y: number;
  width: number;
  height: number;
  padding: number;
  lines: string[];
  fontSize: number;
  lineHeight: number;
  bold: boolean;
  /** Where the lines are anchored: right-aligned to their branch, or centred. */
  align: 'end' | 'middle';
  /** A cause's dots, in a badge at the start of the box. */
  badge?: Badge;
  /** A root cause: framed and bold. */
  highlight?: boolean;
}

export interface Badge {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
}

/** What a vote adds to a cause's label. */
export interface CauseMark {
  /** Dots on the cause; none draws no badge. */
  votes: number;
  rootCause: boolean;
}

export interface Segment {
  kind: 'spine' | 'bone' | 'branch';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FishboneLayout {
  width: number;
  height: number;
  /** The font size of causes; categories and the head are a little larger. */
  fontSize: number;
  labels: LabelBox[];
  segments: Segment[];
}

export const MIN_FONT_SIZE = 10;
const MAX_FONT_SIZE = 40;

/** Proportions, in units of the base font size. */
const LINE_HEIGHT = 1.2;
const ROW_GAP = 0.3;
const SPINE_CLEARANCE = 0.6;
const BRANCH_GAP = 0.5;
const LEVEL_STEP = 2;
const COLUMN_GAP = 1.2;
const MARGIN = 0.6;
const CATEGORY_SCALE = 1.12;
const HEAD_SCALE = 1.3;
const FRAME_PADDING = 0.35;
const EMPTY_BONE = 2.5;
const BADGE_SCALE = 0.8;
const BADGE_GAP = 0.35;
const HIGHLIGHT_PADDING = 0.2;
/** How far a bone leans (horizontal per vertical), and at most which share of its column. */
const BONE_LEAN = 0.45;
const MAX_LEAN_SHARE = 0.22;

/**
 * Breaks text into lines no wider than `width`, at spaces where it can and inside a word where a
 * word alone is too wide. Returns at least one line.
 */
export function wrapText(text: string, width: number, fontSize: number, bold: boolean, measure: Measure): string[] {
  const fitsIn = (line: string) => measure(line, fontSize, bold) <= width;
  const lines: string[] = [];
  let line = '';
  const breakWord = (word: string): string => {
    let rest = word;
    while (!fitsIn(rest)) {
      let cut = 1;
      while (cut < rest.length && fitsIn(rest.slice(0, cut + 1))) cut++;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return rest;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fitsIn(candidate)) line = candidate;
    else {
      if (line) lines.push(line);
      line = breakWord(word);
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

interface Row {
  node: FishboneNode;
  level: number;
  lines: string[];
  width: number;
  height: number;
  padding: number;
  bold: boolean;
  badge: Pick<Badge, 'text' | 'width' | 'height' | 'fontSize'> | null;
  /** Distance of the row's branch from the spine. */
  distance: number;
  parentIndex: number;
}

interface Bone {
  category: FishboneNode;
  label: string[];
  labelWidth: number;
  labelHeight: number;
  rows: Row[];
  /** Distance from the spine to the bone's outer end, and to the outer edge of its label. */
  length: number;
  reach: number;
}

/** The drawing at one font size; `height` may exceed the frame's. */
function layoutAt(
  head: string,
  categories: FishboneNode[],
  marks: Record<string, CauseMark>,
  frame: Frame,
  measure: Measure,
  f: number,
): FishboneLayout & { wordsBroken: boolean } {
  const margin = MARGIN * f;
  const lineHeight = LINE_HEIGHT * f;
  const columns = Math.max(1, Math.ceil(categories.length / 2));

  // Words broken inside make a drawing hard to read: a font size that needs it is a last resort.
  let wordsBroken = false;
  const wrap = (text: string, width: number, fontSize: number, bold: boolean) => {
    if (text.split(/\s+/).some((word) => measure(word, fontSize, bold) > width)) wordsBroken = true;
    return wrapText(text, width, fontSize, bold, measure);
  };

  const headFont = HEAD_SCALE * f;
  const headPadding = FRAME_PADDING * headFont;
  const longestHeadWord = Math.max(0, ...head.split(/\s+/).map((word) => measure(word, headFont, true)));
  const headWidth = Math.min(Math.max(frame.width * 0.15, longestHeadWord + 2 * headPadding), frame.width * 0.25);
  const headLines = wrap(head, headWidth - 2 * headPadding, headFont, true);
  const headHeight = headLines.length * LINE_HEIGHT * headFont + 2 * headPadding;
  const headX = frame.width - margin - headWidth;

  const spineLeft = margin;
  const columnsRight = headX - COLUMN_GAP * f;
  const columnWidth = Math.max(f, (columnsRight - spineLeft - (columns - 1) * COLUMN_GAP * f) / columns);
  const maxLean = MAX_LEAN_SHARE * columnWidth;
  const textWidth = (level: number) => Math.max(f, columnWidth - maxLean - (level - 1) * LEVEL_STEP * f - BRANCH_GAP * f);

  const badgeFor = (text: string) => {
    const fontSize = BADGE_SCALE * f;
    const height = lineHeight;
    return { text, fontSize, height, width: Math.max(height, measure(text, fontSize, true) + height * 0.6) };
  };

  const categoryFont = CATEGORY_SCALE * f;
  const categoryPadding = FRAME_PADDING * categoryFont;
  const bones: Bone[] = categories.map((category) => {
    const rows: Row[] = [];
    const walk = (nodes: FishboneNode[], level: number, parentIndex: number) => {
      for (const node of nodes) {
        const mark = marks[node.id];
        const bold = mark?.rootCause ?? false;
        const padding = bold ? HIGHLIGHT_PADDING * f : 0;
        const badge = mark && mark.votes > 0 ? badgeFor(String(mark.votes)) : null;
        const beforeText = badge ? badge.width + BADGE_GAP * f : 0;
        const lines = wrap(node.text, Math.max(f, textWidth(level) - beforeText - 2 * padding), f, bold);
        const width = beforeText + Math.max(...lines.map((l) => measure(l, f, bold))) + 2 * padding;
        const height = Math.max(lines.length * lineHeight, badge?.height ?? 0) + 2 * padding;
        rows.push({ node, level, lines, width, height, padding, bold, badge, distance: 0, parentIndex });
        walk(node.children, level + 1, rows.length - 1);
      }
    };
    walk(category.children, 1, -1);
    let cursor = SPINE_CLEARANCE * f;
    for (const row of rows) {
      row.distance = cursor + row.height;
      cursor = row.distance + ROW_GAP * f;
    }
    const length = rows.length ? cursor : EMPTY_BONE * f;
    const label = wrap(category.text, columnWidth - 2 * categoryPadding, categoryFont, true);
    const labelWidth = Math.max(...label.map((l) => measure(l, categoryFont, true))) + 2 * categoryPadding;
    const labelHeight = label.length * LINE_HEIGHT * categoryFont + 2 * categoryPadding;
    return { category, label, labelWidth, labelHeight, rows, length, reach: length + ROW_GAP * f + labelHeight };
  });

  const reachOf = (side: 0 | 1) => Math.max(headHeight / 2, ...bones.filter((_, i) => i % 2 === side).map((b) => b.reach));
  const spineY = margin + reachOf(0);
  const height = spineY + reachOf(1) + margin;

  const labels: LabelBox[] = [];
  const segments: Segment[] = [{ kind: 'spine', x1: spineLeft, y1: spineY, x2: headX, y2: spineY }];
  labels.push({
    id: 'head',
    kind: 'head',
    level: 0,
    x: headX,
    y: spineY - headHeight / 2,
    width: headWidth,
    height: headHeight,
    padding: headPadding,
    lines: headLines,
    fontSize: headFont,
    lineHeight: LINE_HEIGHT * headFont,
    bold: true,
    align: 'middle',
  });

  bones.forEach((bone, index) => {
    const column = Math.floor(index / 2);
    const right = spineLeft + (column + 1) * columnWidth + column * COLUMN_GAP * f;
    const left = right - columnWidth;
    // Above the spine distances go up, below they go down.
    const y = index % 2 === 0 ? (d: number) => spineY - d : (d: number) => spineY + d;
    const lean = Math.min(maxLean, bone.length * BONE_LEAN);
    const boneX = (d: number) => right - (lean * d) / bone.length;
    segments.push({ kind: 'bone', x1: right, y1: spineY, x2: boneX(bone.length), y2: y(bone.length) });

    const labelX = Math.min(Math.max(boneX(bone.length) - bone.labelWidth / 2, left), right - bone.labelWidth);
    const labelNear = bone.length + ROW_GAP * f;
    labels.push({
      id: bone.category.id,
      kind: 'category',
      level: 0,
      x: labelX,
      y: Math.min(y(labelNear), y(labelNear + bone.labelHeight)),
      width: bone.labelWidth,
      height: bone.labelHeight,
      padding: categoryPadding,
      lines: bone.label,
      fontSize: categoryFont,
      lineHeight: LINE_HEIGHT * categoryFont,
      bold: true,
      align: 'middle',
    });

    // A row at level l hangs off a line parallel to the bone, l − 1 steps to its left.
    const attachX = (row: Row) => boneX(row.distance) - (row.level - 1) * LEVEL_STEP * f;
    const lastChild = new Map<number, Row>();
    for (const row of bone.rows) {
      const textRight = attachX(row) - BRANCH_GAP * f;
      const box = {
        x: textRight - row.width,
        y: Math.min(y(row.distance), y(row.distance - row.height)),
        width: row.width,
        height: row.height,
      };
      labels.push({
        id: row.node.id,
        kind: 'cause',
        level: row.level,
        ...box,
        padding: row.padding,
        lines: row.lines,
        fontSize: f,
        lineHeight,
        bold: row.bold,
        align: 'end',
        ...(row.badge ? { badge: { ...row.badge, x: box.x + row.padding, y: box.y + (box.height - row.badge.height) / 2 } } : {}),
        ...(row.bold ? { highlight: true } : {}),
      });
      segments.push({ kind: 'branch', x1: textRight - row.width, y1: y(row.distance), x2: attachX(row), y2: y(row.distance) });
      if (row.parentIndex >= 0) lastChild.set(row.parentIndex, row);
    }
    for (const [parentIndex, child] of lastChild) {
      const parent = bone.rows[parentIndex]!;
      const offset = (child.level - 1) * LEVEL_STEP * f;
      segments.push({
        kind: 'branch',
        x1: boneX(parent.distance) - offset,
        y1: y(parent.distance),
        x2: boneX(child.distance) - offset,
        y2: y(child.distance),
      });
    }
  });

  return { width: frame.width, height, fontSize: f, labels, segments, wordsBroken };
}

/**
 * The fishbone drawing for a frame: the largest font (in whole units) at which the drawing fits
 * without breaking a word (or, if no size avoids that, at which it fits at all), or, for a tree
 * too big for the smallest font, the drawing at that font, taller than the frame. `marks` are
 * what a vote adds to causes, by cause id.
 */
export function layoutFishbone(
  head: string,
  categories: FishboneNode[],
  frame: Frame,
  measure: Measure,
  marks: Record<string, CauseMark> = {},
): FishboneLayout {
  const at = (f: number) => layoutAt(head, categories, marks, frame, measure, f);
  const largest = Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, Math.floor(frame.height / 12)));
  /** The largest size that `fits`, assuming that smaller sizes fit whenever a larger one does. */
  const largestFitting = (fits: (layout: ReturnType<typeof at>) => boolean) => {
    let low = MIN_FONT_SIZE;
    let high = largest;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(at(mid))) low = mid;
      else high = mid - 1;
    }
    return at(low);
  };
  const whole = largestFitting((layout) => layout.height <= frame.height && !layout.wordsBroken);
  const { wordsBroken: _, ...layout } =
    whole.height <= frame.height && !whole.wordsBroken ? whole : largestFitting((l) => l.height <= frame.height);
  return layout;
}
