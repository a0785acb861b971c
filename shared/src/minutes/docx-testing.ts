import { strFromU8, unzipSync } from 'fflate';

const runText = (xml: string) => (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, ''));

/**
 * Test support: a DOCX file as its tests read it. `text` joins the document's text runs by "|" so
 * that neighbouring runs stay apart; `rows` gives each table row as "cell => cell", a cell's
 * paragraphs joined by new lines.
 */
export function readDocx(file: Uint8Array): { zip: Record<string, Uint8Array>; xml: string; text: string; rows: string[] } {
  const zip = unzipSync(file);
  const xml = strFromU8(zip['word/document.xml']!);
  const rows = (xml.match(/<w:tr(?: [^>]*)?>.*?<\/w:tr>/g) ?? []).map((row) =>
    (row.match(/<w:tc>.*?<\/w:tc>/g) ?? []).map((cell) => runText(cell).join('\n')).join(' => '),
  );
  return { zip, xml, text: runText(xml).join('|'), rows };
}
