/** A board's contribution to the minutes, independent of the output format. */
export type MinutesBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] };

export interface MinutesSection {
  heading: string;
  blocks: MinutesBlock[];
}
