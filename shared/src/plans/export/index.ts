export { planCardsCsv, planOutlineCsv } from './csv.ts';
export { planCardsDocx, planOutlineDocx } from './docx.ts';
export { planCardsMarkdown, planOutlineMarkdown } from './markdown.ts';
