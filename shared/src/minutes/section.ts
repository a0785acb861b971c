/** A stretch of typed text with its formatting (notes are rich text: bold, links). */
export interface InlineRun {
  text: string;
  bold?: boolean;
  /** An http(s) or mailto address the text links to. */
  href?: string;
}

/** One entry of a list in the minutes; entries may nest (a fishbone's causes go three levels deep). */
export interface MinutesListItem {
  text: string;
  /** The text with its formatting, when it has any; `text` is the same text, plain. */
  runs?: InlineRun[];
  /** Marks the users' minutes put after an entry, e.g. ⚫ for a prioritized need. */
  mark?: 'priority';
  children?: MinutesListItem[];
}

/** A board's contribution to the minutes, independent of the output format (Markdown, DOCX, print). */
export type MinutesBlock =
  /** `runs`: the text with its formatting, when it has any. */
  | { type: 'paragraph'; text: string; runs?: InlineRun[] }
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

/** A block of typed rich text (agenda notes, frozen results): no tables, headings at level 3 or 4 of the minutes. */
export type RichBlock = Exclude<MinutesBlock, { type: 'heading' | 'table' }> | { type: 'heading'; text: string; level: 3 | 4 };
