import { translator, type Locale } from '../i18n/index.ts';
import type { ComposedBlock, ComposedMinutes, FieldsBlock } from './compose.ts';
import type { MinutesListItem } from './section.ts';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Everything people typed is text: escaped for element content and quoted attributes alike. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);
/** A CSS string literal ("Strana"), for the page footer. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;
/** Only a plain #rrggbb colour gets into a style attribute. */
const safeColour = (colour: string | undefined) => (colour && /^#[0-9a-f]{6}$/i.test(colour) ? colour : undefined);

/**
 * A4 with 2 cm margins as in the DOCX; the page number in the bottom margin where the browser prints
 * margin boxes (Chromium does since version 131; others print without it). Fonts: Calibri as in
 * Word, else metric-compatible Carlito, else what the system has with Czech diacritics.
 */
const FONTS = 'Calibri, Carlito, "Liberation Sans", "DejaVu Sans", Arial, sans-serif';
const style = (pageLabel: string) => `
@page { size: A4; margin: 20mm 20mm 22mm; @bottom-center { content: ${cssString(pageLabel)} " " counter(page) " / " counter(pages); font-family: ${FONTS}; font-size: 9pt; color: #444; } }
:root { color: #000; background: #fff; }
body { font-family: ${FONTS}; font-size: 11pt; line-height: 1.4; margin: 0; overflow-wrap: break-word; }
@media screen { body { max-width: 170mm; margin: 2rem auto; padding: 0 1rem; } }
h1 { font-size: 18pt; margin: 0 0 10pt; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; }
h1, h2, h3, h4, .label { break-after: avoid; }
p, ul, ol { margin: 0 0 6pt; }
li > ul, li > ol { margin: 0; }
.fields p { margin: 0; }
.fields { margin-bottom: 8pt; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; vertical-align: -0.05em; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; }
th, td { border: 1px solid #808080; padding: 2pt 6pt; text-align: left; vertical-align: top; }
th.number, td.number { text-align: right; }
thead { display: table-header-group; }
tr, li { break-inside: avoid; }
.signature { margin-top: 24pt; }
`;

const fields = (block: FieldsBlock) =>
  `<div class="fields">${block.fields.map((f) => `<p><strong>${escapeHtml(f.label)}:</strong> ${escapeHtml(f.value)}</p>`).join('')}</div>`;

function list(items: (string | MinutesListItem)[], ordered: boolean): string {
  const tag = ordered ? 'ol' : 'ul';
  const entries = items.map((raw) => {
    const item = typeof raw === 'string' ? { text: raw } : raw;
    const children = item.children?.length ? list(item.children, false) : '';
    return `<li>${escapeHtml(item.text)}${item.mark === 'priority' ? ' ⚫' : ''}${children}</li>`;
  });
  return `<${tag}>${entries.join('')}</${tag}>`;
}

function block(b: ComposedBlock): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'fields':
      return fields(b);
    case 'list': {
      const colour = safeColour(b.colour);
      const swatch = colour ? `<span class="swatch" style="background:${colour}" aria-hidden="true"></span>` : '';
      const label = b.label ? `<p class="label">${swatch}<strong>${escapeHtml(b.label)}</strong></p>` : '';
      return label + list(b.items, b.ordered ?? false);
    }
    case 'table': {
      const cls = (column: number) => (b.numeric?.includes(column) ? ' class="number"' : '');
      const head = b.header.map((cell, column) => `<th scope="col"${cls(column)}>${escapeHtml(cell)}</th>`).join('');
      const rows = b.rows.map((row) => `<tr>${row.map((cell, column) => `<td${cls(column)}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    }
  }
}

/**
 * The minutes as one self-contained HTML page, ready for the browser's print to PDF (A4, page
 * numbers). `documentName` becomes the page's title, which browsers offer as the PDF's file name.
 */
export function minutesToHtml(minutes: ComposedMinutes, locale: Locale, documentName = minutes.title): string {
  const t = translator(locale);
  const body = [`<h1>${escapeHtml(minutes.title)}</h1>`];
  if (minutes.facts.fields.length) body.push(fields(minutes.facts));
  for (const part of minutes.parts) body.push(`<h2>${escapeHtml(part.heading)}</h2>`, ...part.blocks.map(block));
  if (minutes.signature) body.push(`<p class="signature">${escapeHtml(minutes.signature)}</p>`);
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(documentName)}</title>`,
    `<style>${style(t('minutes.page'))}</style>`,
    '</head>',
    `<body>\n<main>\n${body.join('\n')}\n</main>\n</body>`,
    '</html>',
    '',
  ].join('\n');
}
