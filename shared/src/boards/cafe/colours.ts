/**
 * Table colours: the Okabe–Ito palette, which people with any common colour-vision deficiency
 * can tell apart. Colour is never the only cue: every table also has a number, a name and a shape.
 * `ink` is the text colour with a contrast of at least 4.5:1 on `background`.
 */
export const tableColours = [
  { key: 'orange', background: '#e69f00', ink: '#000000', shape: '●' },
  { key: 'skyBlue', background: '#56b4e9', ink: '#000000', shape: '▲' },
  { key: 'green', background: '#009e73', ink: '#000000', shape: '■' },
  { key: 'yellow', background: '#f0e442', ink: '#000000', shape: '◆' },
  { key: 'blue', background: '#0072b2', ink: '#ffffff', shape: '★' },
  { key: 'vermillion', background: '#d55e00', ink: '#000000', shape: '✚' },
  { key: 'purple', background: '#cc79a7', ink: '#000000', shape: '⬟' },
  { key: 'black', background: '#000000', ink: '#ffffff', shape: '✖' },
] as const;
export type TableColour = (typeof tableColours)[number];
export type TableColourKey = TableColour['key'];

/** Tables past the eighth take the colours again; their numbers and names still tell them apart. */
export const colourOf = (index: number): TableColour => tableColours[((index % tableColours.length) + tableColours.length) % tableColours.length]!;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
