import { describe, expect, it } from 'vitest';
import { MIN_FONT_SIZE, layoutFishbone, wrapText, type FishboneLayout, type LabelBox, type Measure, type Segment } from './layout.ts';
import type { FishboneNode } from './tree.ts';

/** A stand-in for the browser's measurement: DejaVu Sans averages about 0.6 em a character. */
const measure: Measure = (text, size, bold) => text.length * size * (bold ? 0.66 : 0.6);

const projector = { width: 1920, height: 1080 };

const words = ['nízké', 'mzdy', 'chybí', 'supervize', 'vyhoření', 'pracovníků', 'málo', 'času', 'na', 'klienty', 'drahé', 'kurzy'];

/** A label of 2 to 6 words, different for each seed. */
const phrase = (seed: number) => Array.from({ length: 2 + (seed % 5) }, (_, i) => words[(seed * 7 + i * 5) % words.length]).join(' ');

let nextId = 0;
const node = (text: string, children: FishboneNode[] = []): FishboneNode => ({ id: `n${nextId++}`, text, children });

/** `bones` categories, each with `causes` causes of the first level, each a chain `depth` levels deep. */
function chains(bones: number, causes: number, depth: number): FishboneNode[] {
  const chain = (seed: number, level: number): FishboneNode =>
    node(phrase(seed + level), level < depth ? [chain(seed * 3 + 1, level + 1)] : []);
  return Array.from({ length: bones }, (_, b) => node(`Kategorie ${b + 1}`, Array.from({ length: causes }, (_, c) => chain(b * 10 + c, 1))));
}

/** `bones` categories with `perBone` causes in all, spread over three levels (3 + 3 + 2 for eight). */
function spread(bones: number, perBone: number): FishboneNode[] {
  return Array.from({ length: bones }, (_, b) => {
    const tops: FishboneNode[] = [];
    let made = 0;
    while (made < perBone) {
      const top = node(phrase(b * 31 + made++));
      tops.push(top);
      if (made < perBone) {
        const second = node(phrase(b * 31 + made++));
        top.children.push(second);
        if (made < perBone && tops.length % 2 === 1) second.children.push(node(phrase(b * 31 + made++)));
      }
    }
    return node(`Kategorie ${b + 1}`, tops);
  });
}

const overlap = (a: LabelBox, b: LabelBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether a segment passes through the inside of a box (touching its edge is fine). */
function crosses(s: Segment, box: LabelBox): boolean {
  const inset = 0.01;
  const [minX, maxX, minY, maxY] = [box.x + inset, box.x + box.width - inset, box.y + inset, box.y + box.height - inset];
  if (minX >= maxX || minY >= maxY) return false;
  let t0 = 0;
  let t1 = 1;
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  for (const [p, q] of [
    [-dx, s.x1 - minX],
    [dx, maxX - s.x1],
    [-dy, s.y1 - minY],
    [dy, maxY - s.y1],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}

/** Everything that would make the drawing unreadable; empty if nothing. */
function problems(layout: FishboneLayout): string[] {
  const found: string[] = [];
  const shown = layout.labels.filter((l) => l.lines.some((line) => line.length > 0));
  for (const label of shown) {
    if (label.x < 0 || label.y < 0 || label.x + label.width > layout.width || label.y + label.height > layout.height) {
      found.push(`${label.id} outside the drawing`);
    }
    const widest = Math.max(...label.lines.map((line) => measure(line, label.fontSize, label.bold)));
    const badge = label.badge;
    const beforeText = badge ? badge.x + badge.width - label.x : label.padding;
    if (widest > label.width - beforeText - label.padding + 0.001) found.push(`${label.id} wider than its box`);
    if (badge && (badge.x < label.x || badge.y < label.y || badge.y + badge.height > label.y + label.height)) found.push(`${label.id}'s badge outside its box`);
  }
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) if (overlap(shown[i]!, shown[j]!)) found.push(`${shown[i]!.id} overlaps ${shown[j]!.id}`);
  }
  for (const segment of layout.segments) {
    for (const label of shown) if (crosses(segment, label)) found.push(`a ${segment.kind} crosses ${label.id}`);
  }
  return found;
}

describe('fishbone layout: wrapping', () => {
  it('breaks at spaces, and inside a word only when the word alone is too wide', () => {
    expect(wrapText('Nízké mzdy v přímé péči', 11 * 6, 10, false, measure)).toEqual(['Nízké mzdy', 'v přímé', 'péči']);
    expect(wrapText('Nedostatek', 4 * 6, 10, false, measure)).toEqual(['Nedo', 'stat', 'ek']);
    expect(wrapText('  ', 100, 10, false, measure)).toEqual(['']);
    expect(wrapText('x', 1, 10, false, measure)).toEqual(['x']);
  });
});

describe('fishbone layout: the drawing', () => {
  it('draws the head at the right end of the spine and bones alternating above and below', () => {
    const layout = layoutFishbone('Motivovaný zaměstnanec', chains(5, 2, 2), projector, measure);
    const spine = layout.segments.find((s) => s.kind === 'spine')!;
    const head = layout.labels.find((l) => l.kind === 'head')!;
    expect(head.x).toBeGreaterThanOrEqual(spine.x2);
    expect(head.y).toBeLessThan(spine.y1);
    expect(head.y + head.height).toBeGreaterThan(spine.y1);
    const categories = layout.labels.filter((l) => l.kind === 'category');
    expect(categories.map((c) => (c.y + c.height <= spine.y1 ? 'above' : c.y >= spine.y1 ? 'below' : 'across'))).toEqual([
      'above',
      'below',
      'above',
      'below',
      'above',
    ]);
    expect(layout.segments.filter((s) => s.kind === 'bone')).toHaveLength(5);
    expect(problems(layout)).toEqual([]);
  });

  it('sub-causes sit to the left of their cause, a level further from the bone', () => {
    const tree = chains(1, 1, 3);
    const layout = layoutFishbone('Hlava', tree, projector, measure);
    const [l1, l2, l3] = [tree[0]!.children[0]!, tree[0]!.children[0]!.children[0]!, tree[0]!.children[0]!.children[0]!.children[0]!].map(
      (n) => layout.labels.find((l) => l.id === n.id)!,
    );
    expect(l2!.x + l2!.width).toBeLessThan(l1!.x + l1!.width);
    expect(l3!.x + l3!.width).toBeLessThan(l2!.x + l2!.width);
    expect([l1!.level, l2!.level, l3!.level]).toEqual([1, 2, 3]);
  });

  it('6 bones with 8 causes each over three levels fit 1920×1080 in a font readable from the back, words whole', () => {
    const head = 'Motivovaný zaměstnanec v sociálních službách';
    const layout = layoutFishbone(head, spread(6, 8), projector, measure);
    expect(layout.labels.filter((l) => l.kind === 'cause')).toHaveLength(48);
    expect(layout.height).toBeLessThanOrEqual(1080);
    expect(layout.fontSize).toBeGreaterThanOrEqual(22);
    expect(problems(layout)).toEqual([]);
    const whole = new Set([...words, ...head.split(' '), 'Kategorie', '1', '2', '3', '4', '5', '6']);
    expect(layout.labels.flatMap((l) => l.lines.flatMap((line) => line.split(' '))).filter((word) => !whole.has(word))).toEqual([]);
  });

  it('6 bones × 8 causes × 3 levels (144 causes) still fit 1920×1080 with no label overlapping another', () => {
    const layout = layoutFishbone('Motivovaný zaměstnanec v sociálních službách', chains(6, 8, 3), projector, measure);
    expect(layout.labels.filter((l) => l.kind === 'cause')).toHaveLength(144);
    expect(layout.height).toBeLessThanOrEqual(1080);
    expect(layout.fontSize).toBeGreaterThanOrEqual(MIN_FONT_SIZE);
    expect(problems(layout)).toEqual([]);
  });

  it('one bone of 6 × 8 × 3 shown alone (the facilitator’s focus) is drawn in the font the 6 × 8 diagram gets', () => {
    const head = 'Motivovaný zaměstnanec v sociálních službách';
    const tree = chains(6, 8, 3);
    const whole = layoutFishbone(head, tree, projector, measure);
    const focused = layoutFishbone(head, tree.slice(0, 1), projector, measure);
    expect(focused.labels.filter((l) => l.kind === 'cause')).toHaveLength(24);
    expect(focused.height).toBeLessThanOrEqual(1080);
    expect(whole.fontSize).toBeLessThan(22);
    expect(focused.fontSize).toBeGreaterThanOrEqual(22);
    expect(problems(focused)).toEqual([]);
  });

  it('a tree too big for the smallest font grows taller at that font, to be scaled down as a whole', () => {
    const layout = layoutFishbone('Hlava', chains(8, 12, 3), projector, measure);
    expect(layout.fontSize).toBe(MIN_FONT_SIZE);
    expect(layout.height).toBeGreaterThan(1080);
    expect(problems(layout)).toEqual([]);
  });

  it('after a vote, dots and root causes go into the labels, and 6 × 8 × 3 still fits with nothing overlapping', () => {
    const tree = chains(6, 8, 3);
    const causes = (nodes: FishboneNode[]): FishboneNode[] => nodes.flatMap((n) => [n, ...causes(n.children)]);
    const all = tree.flatMap((category) => causes(category.children));
    // Every other cause has dots, up to two digits; every seventh is a root cause.
    const marks = Object.fromEntries(all.map((cause, i) => [cause.id, { votes: i % 2 ? 0 : (i * 7) % 40, rootCause: i % 7 === 0 }]));
    const layout = layoutFishbone('Motivovaný zaměstnanec v sociálních službách', tree, projector, measure, marks);
    expect(problems(layout)).toEqual([]);
    expect(layout.height).toBeLessThanOrEqual(1080);
    const label = (id: string) => layout.labels.find((l) => l.id === id)!;
    expect(label(all[2]!.id).badge).toMatchObject({ text: '14' });
    expect(label(all[1]!.id).badge).toBeUndefined();
    expect(label(all[7]!.id)).toMatchObject({ highlight: true, bold: true });
    expect(label(all[8]!.id).highlight).toBeUndefined();
  });

  it('random votes on random trees never overlap either', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const tree = chains(1 + (seed % 8), 1 + (seed % 9), 1 + (seed % 3));
      const causes = (nodes: FishboneNode[]): FishboneNode[] => nodes.flatMap((n) => [n, ...causes(n.children)]);
      const marks = Object.fromEntries(
        tree.flatMap((c) => causes(c.children)).map((cause, i) => [cause.id, { votes: (seed * i) % 120, rootCause: (seed + i) % 5 === 0 }]),
      );
      expect(problems(layoutFishbone(phrase(seed), tree, { width: 800 + seed * 30, height: 500 + seed * 15 }, measure, marks)), `seed ${seed}`).toEqual([]);
    }
  });

  it('an empty board or empty texts still lay out', () => {
    expect(problems(layoutFishbone('', [], projector, measure))).toEqual([]);
    const layout = layoutFishbone('', [node('', [node('')]), node('Prázdná')], projector, measure);
    expect(layout.labels).toHaveLength(4);
    expect(problems(layout)).toEqual([]);
  });

  it('random trees in random frames never overlap, leave the drawing or cross a label with a line', () => {
    for (let seed = 1; seed <= 150; seed++) {
      let state = seed;
      const rnd = (n: number) => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % n;
      };
      const grow = (level: number): FishboneNode[] =>
        Array.from({ length: level === 0 ? 1 + rnd(8) : rnd(level === 1 ? 7 : 4) }, () =>
          node(rnd(9) === 0 ? 'Ž'.repeat(1 + rnd(60)) : phrase(rnd(1000)), level < 3 ? grow(level + 1) : []),
        );
      const frame = { width: 600 + rnd(1800), height: 400 + rnd(1000) };
      const layout = layoutFishbone(phrase(seed), grow(0), frame, measure);
      expect(problems(layout), `seed ${seed}`).toEqual([]);
      if (layout.fontSize > MIN_FONT_SIZE) expect(layout.height, `seed ${seed}`).toBeLessThanOrEqual(frame.height);
    }
  });
});
