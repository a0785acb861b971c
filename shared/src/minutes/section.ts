/** One entry of a list in the minutes; entries may nest (a fishbone's causes go three levels deep). */
export interface MinutesListItem {
  text: string;
  /** Marks the users' minutes put after an entry, e.g. ⚫ for a prioritized need. */
  mark?: 'priority';
  children?: MinutesListItem[];
}

/** A board's contribution to the minutes, independent of the output format (Markdown, DOCX, print). */
export type MinutesBlock =
  | { type: 'paragraph'; text: string }
  /** A subheading inside the board's section (a question of a poll, a section of a dot vote). */
  | { type: 'heading'; text: string }
  /**
   * `label` names whose list it is, shown before it (a world café table: "Stůl 2 – zelený"); `colour`
   * (#rrggbb) is that group's colour, for renderers that can show it beside the label.
   */
  | { type: 'list'; items: (string | MinutesListItem)[]; ordered?: boolean; label?: string; colour?: string }
  /** A table with a header row; `numeric` lists the columns that hold numbers (right-aligned). */
  | { type: 'table'; header: string[]; rows: string[][]; numeric?: number[] };

export interface MinutesSection {
  heading: string;
  blocks: MinutesBlock[];
}
