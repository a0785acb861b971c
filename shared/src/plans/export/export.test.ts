import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Locale } from '../../i18n/index.ts';
import { readDocx } from '../../minutes/docx-testing.ts';
import { shippedCatalogues } from '../catalogues.ts';
import { addCard, addGoal, addMeasure, addOrigin, planView, setCardMember } from '../doc.ts';
import type { PlanExportInput } from '../export-input.ts';
import { testOrigin } from '../testing.ts';
import { planCardsCsv, planCardsDocx, planCardsMarkdown, planOutlineCsv, planOutlineDocx, planOutlineMarkdown } from './index.ts';

const origin = testOrigin('item-000001', { context: 'Problémové oblasti', groupName: 'PS Senioři' });

/** A plan as the steering group writes it: two goals with measures, cards under them and one in the inbox. */
function samplePlan() {
  const doc = new Y.Doc();
  const care = addGoal(doc, { title: 'Podpora péče v domácím prostředí', description: 'Senioři mají zůstat doma co nejdéle.\n\nS pomocí terénních služeb.' });
  const housing = addGoal(doc, { title: 'Dostupné bydlení' });
  const respite = addMeasure(doc, care, { title: 'Rozvoj odlehčovacích služeb', description: 'Pobytové i terénní.' });
  addMeasure(doc, care, { title: 'Podpora pečujících' });
  addMeasure(doc, housing, { title: 'Sociální byty' });
  const first = addCard(doc, care, {
    name: 'Odlehčovací služba v Liberci',
    description: 'Zřízení terénní odlehčovací služby.\nPro 20 klientů ročně.',
    duration: '2023–2025',
    responsible: 'Město Liberec, odbor sociálních věcí',
    funding: 'Rozpočet kraje, MPSV',
  }, origin);
  addOrigin(doc, { type: 'card', id: first }, { ...origin, itemId: 'n1/n2', kind: 'cafe', boardTitle: 'World café', context: 'Co chybí? (Stůl 1 – oranžový)', text: 'Víkendová péče', votes: null });
  for (const [field, id] of [['targetGroups', 'tg-s'], ['targetGroups', 'tg-ozp'], ['serviceKinds', 'sk-39'], ['serviceKinds', 'sk-44'], ['otherGoals', housing], ['measures', respite]] as const) {
    setCardMember(doc, first, field, id, true);
  }
  const second = addCard(doc, care, { name: 'Osobní asistence pro děti' });
  const third = addCard(doc, housing, { name: 'Tréninkové byty' });
  const inbox = addCard(doc, null, { name: 'Nápad z ankety' });
  return { doc, ids: { care, housing, respite, first, second, third, inbox } };
}

const input = (doc: Y.Doc, over: Partial<PlanExportInput> = {}): PlanExportInput => ({
  plan: { title: 'Komunitní plán 2023–2027', period: '2023–2027', groupName: 'PS Senioři' },
  view: planView(doc),
  catalogues: shippedCatalogues,
  locale: 'cs',
  ...over,
});

const docxText = async (file: Promise<Uint8Array>) => readDocx(await file);

const unescapeXml = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');

describe('activity cards as DOCX', () => {
  it('prints one card per page: the plan’s line, the heading and every field with its value, § labels and origins', async () => {
    const { doc } = samplePlan();
    const { xml, text, rows } = await docxText(planCardsDocx(input(doc)));
    expect(xml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(3);
    expect(xml.match(/KARTA ROZVOJOVÉ AKTIVITY/g)).toHaveLength(4);
    expect(text).toContain('Komunitní plán 2023–2027 · PS Senioři');
    expect(rows.slice(0, 11)).toEqual([
      'Číslo aktivity => A01-01',
      'Název aktivity => Odlehčovací služba v Liberci',
      'Vazba na strategický cíl => SC1 Podpora péče v domácím prostředí\nSC2 Dostupné bydlení',
      'Opatření => 1.1 Rozvoj odlehčovacích služeb',
      'Cílové skupiny uživatelů => Senioři, Osoby se zdravotním postižením',
      'Dotčené druhy sociálních služeb (§) => Osobní asistence (§ 39), Odlehčovací služby (§ 44)',
      'Doba realizace => 2023–2025',
      'Odpovědnost za realizaci => Město Liberec, odbor sociálních věcí',
      'Financování => Rozpočet kraje, MPSV',
      'Popis aktivity => Zřízení terénní odlehčovací služby.\nPro 20 klientů ročně.',
      'Vzešlo z => Setkání PS Senioři, 12. 3. 2026 – Priority (Problémové oblasti): „Odlehčovací služby“ (7 hlasů)\n' +
        'Setkání PS Senioři, 12. 3. 2026 – World café (Co chybí? (Stůl 1 – oranžový)): „Víkendová péče“',
    ]);
    expect(rows).toContain('Číslo aktivity => A02-01');
    expect(rows).toContain('Číslo aktivity => bez čísla');
    // Label cells are shaded, every cell has borders.
    expect(xml).toMatch(/<w:shd [^>]*w:fill="E7E6E6"/);
    expect(xml).toContain('w:w="11906" w:h="16838"');
  });

  it('prints only the chosen cards, in the plan’s order, with no page break before the first', async () => {
    const { doc, ids } = samplePlan();
    const { xml, rows } = await docxText(planCardsDocx(input(doc, { cardIds: [ids.third, ids.second] })));
    expect(rows.filter((row) => row.startsWith('Číslo aktivity'))).toEqual(['Číslo aktivity => A01-02', 'Číslo aktivity => A02-01']);
    expect(xml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(1);
  });

  it('uses English labels with locale en', async () => {
    const { doc, ids } = samplePlan();
    const plan = { title: 'Community plan', period: '2023–2027', groupName: 'PS Senioři' };
    const { text, rows } = await docxText(planCardsDocx(input(doc, { plan, locale: 'en', cardIds: [ids.first, ids.inbox] })));
    expect(text).toContain('Community plan · 2023–2027 · PS Senioři|DEVELOPMENT ACTIVITY CARD');
    expect(rows).toContain('Social service kinds (§) => Personal assistance (§ 39), Respite care (§ 44)');
    expect(rows).toContain('Target groups => Older people, People with disabilities');
    expect(rows.find((row) => row.startsWith('Came from'))).toContain('Setkání PS Senioři, 12 March 2026 – Priority (Problémové oblasti): “Odlehčovací služby” (7 votes)');
    expect(rows).toContain('Activity number => no number');
  });

  it('keeps typed text as text: XML’s own characters cannot add markup', async () => {
    const doc = new Y.Doc();
    addCard(doc, addGoal(doc, { title: 'Cíl' }), { name: '<w:p>Byty & "domy"</w:p>', description: ']]><script>' });
    const { xml, rows } = await docxText(planCardsDocx(input(doc)));
    expect(xml).not.toContain('<w:p>Byty');
    expect(xml).not.toContain('<script>');
    expect(rows.map(unescapeXml)).toContain('Název aktivity => <w:p>Byty & "domy"</w:p>');
    expect(rows.map(unescapeXml)).toContain('Popis aktivity => ]]><script>');
  });

  it('says so when a plan has no cards', async () => {
    const { text } = await docxText(planCardsDocx(input(new Y.Doc())));
    expect(text).toContain('Plán zatím nemá žádné aktivity.');
  });
});

describe('activity cards as Markdown and CSV', () => {
  it('Markdown: a section per card with every field; lists as lists, the description as paragraphs', () => {
    const { doc } = samplePlan();
    const markdown = planCardsMarkdown(input(doc));
    expect(markdown).toContain('## A01-01 Odlehčovací služba v Liberci\n\nKARTA ROZVOJOVÉ AKTIVITY\n\n**Číslo aktivity:** A01-01\n\n**Název aktivity:** Odlehčovací služba v Liberci');
    expect(markdown).toContain('**Vazba na strategický cíl:**\n\n- SC1 Podpora péče v domácím prostředí\n- SC2 Dostupné bydlení');
    expect(markdown).toContain('**Dotčené druhy sociálních služeb (§):** Osobní asistence (§ 39), Odlehčovací služby (§ 44)');
    expect(markdown).toContain('**Popis aktivity:**\n\nZřízení terénní odlehčovací služby.\n\nPro 20 klientů ročně.');
    expect(markdown).toContain('- Setkání PS Senioři, 12. 3. 2026 – Priority (Problémové oblasti): „Odlehčovací služby“ (7 hlasů)');
    expect(markdown).toContain('## bez čísla Nápad z ankety');
    expect(markdown.match(/^## /gm)).toHaveLength(4);
  });

  it('Markdown: typed text cannot add headings, links, tables or HTML', () => {
    const doc = new Y.Doc();
    addCard(doc, addGoal(doc, { title: '# Cíl | [x](javascript:alert(1))' }), { name: '<img src=x onerror=alert(1)>', description: '# Nadpis\n1. ledna' });
    const markdown = planCardsMarkdown(input(doc));
    expect(markdown).toContain('**Název aktivity:** \\<img src=x onerror=alert(1)\\>');
    expect(markdown).toContain('**Vazba na strategický cíl:** SC1 \\# Cíl \\| \\[x\\](javascript:alert(1))');
    expect(markdown).toContain('\\# Nadpis\n\n1\\. ledna');
    expect(markdown).not.toMatch(/(?<!\\)<img|(?<!\\)\]\(javascript/);
  });

  it('CSV: a header, then one row per card with every field; lists joined by "; "', () => {
    const { doc, ids } = samplePlan();
    const rows = parse(planCardsCsv(input(doc, { cardIds: [ids.first, ids.inbox] }))) as string[][];
    expect(rows[0]).toEqual([
      'Číslo aktivity',
      'Název aktivity',
      'Vazba na strategický cíl',
      'Opatření',
      'Cílové skupiny uživatelů',
      'Dotčené druhy sociálních služeb (§)',
      'Doba realizace',
      'Odpovědnost za realizaci',
      'Financování',
      'Popis aktivity',
      'Vzešlo z',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 6)).toEqual([
      'A01-01',
      'Odlehčovací služba v Liberci',
      'SC1 Podpora péče v domácím prostředí; SC2 Dostupné bydlení',
      '1.1 Rozvoj odlehčovacích služeb',
      'Senioři, Osoby se zdravotním postižením',
      'Osobní asistence (§ 39), Odlehčovací služby (§ 44)',
    ]);
    expect(rows[1]![9]).toBe('Zřízení terénní odlehčovací služby.\nPro 20 klientů ročně.');
    expect(rows[1]![10]).toMatch(/^Setkání PS Senioři, 12\. 3\. 2026 – Priority .*\(7 hlasů\); Setkání PS Senioři/);
    expect(rows[2]!.slice(0, 2)).toEqual(['bez čísla', 'Nápad z ankety']);
    expect(planCardsCsv(input(doc)).charCodeAt(0)).not.toBe(0xfeff);
  });

  it('CSV: text a spreadsheet would run as a formula is defused', () => {
    const doc = new Y.Doc();
    addCard(doc, addGoal(doc), { name: '=HYPERLINK("http://evil","x")', funding: '+1+1', responsible: '@SUM(A1)', duration: '-2' });
    const rows = parse(planCardsCsv(input(doc))) as string[][];
    expect(rows[1]!.slice(1, 2)).toEqual(['\'=HYPERLINK("http://evil","x")']);
    expect(rows[1]!.slice(6, 9)).toEqual(["'-2", "'@SUM(A1)", "'+1+1"]);
  });
});

describe('the outline of goals and measures', () => {
  const expectedMarkdown = (locale: Locale) => planOutlineMarkdown(input(samplePlan().doc, { locale }));

  it('Markdown: "Cíl 1." with its description, "Opatření 1.1", the goal’s cards, and the inbox at the end', () => {
    expect(expectedMarkdown('cs')).toBe(
      [
        '# Komunitní plán 2023–2027',
        'PS Senioři',
        '## Cíl 1. Podpora péče v domácím prostředí',
        '**Popis cíle**',
        'Senioři mají zůstat doma co nejdéle.',
        'S pomocí terénních služeb.',
        '### Opatření 1.1 Rozvoj odlehčovacích služeb',
        'Pobytové i terénní.',
        '### Opatření 1.2 Podpora pečujících',
        '**Aktivity:**\n\n- A01-01 Odlehčovací služba v Liberci\n- A01-02 Osobní asistence pro děti',
        '## Cíl 2. Dostupné bydlení',
        '### Opatření 2.1 Sociální byty',
        '**Aktivity:**\n\n- A02-01 Tréninkové byty',
        '## Nezařazené aktivity',
        '- Nápad z ankety',
      ].join('\n\n') + '\n',
    );
    expect(expectedMarkdown('en')).toContain('## Goal 1. Podpora péče v domácím prostředí\n\n**Goal description**');
    expect(expectedMarkdown('en')).toContain('## Unassigned activities');
  });

  it('DOCX: goals as headings, measures under them, each goal’s cards', async () => {
    const { xml, text } = await docxText(planOutlineDocx(input(samplePlan().doc)));
    expect(text).toContain('Cíl 1. Podpora péče v domácím prostředí|Popis cíle|Senioři mají zůstat doma co nejdéle.|S pomocí terénních služeb.|Opatření 1.1 Rozvoj odlehčovacích služeb');
    expect(text).toContain('Aktivity:|A01-01 Odlehčovací služba v Liberci|A01-02 Osobní asistence pro děti|Cíl 2. Dostupné bydlení');
    expect(text).toContain('Nezařazené aktivity|Nápad z ankety');
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*Cíl 1\./);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*Opatření 1\.2 Podpora pečujících/);
  });

  it('CSV: number, type, title and description per row, in outline order', () => {
    const rows = parse(planOutlineCsv(input(samplePlan().doc))) as string[][];
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['Číslo', 'Typ', 'Název'],
      ['1', 'cíl', 'Podpora péče v domácím prostředí'],
      ['1.1', 'opatření', 'Rozvoj odlehčovacích služeb'],
      ['1.2', 'opatření', 'Podpora pečujících'],
      ['A01-01', 'aktivita', 'Odlehčovací služba v Liberci'],
      ['A01-02', 'aktivita', 'Osobní asistence pro děti'],
      ['2', 'cíl', 'Dostupné bydlení'],
      ['2.1', 'opatření', 'Sociální byty'],
      ['A02-01', 'aktivita', 'Tréninkové byty'],
      ['', 'aktivita', 'Nápad z ankety'],
    ]);
    expect(rows[1]![3]).toBe('Senioři mají zůstat doma co nejdéle.\n\nS pomocí terénních služeb.');
  });
});
