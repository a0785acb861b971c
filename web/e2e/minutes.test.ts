import { expect, test, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { ServerProcess, createMeetingWithBoard, expectAccessible, phoneContext } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: (download as Download).suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

async function giveName(page: Page, name: string) {
  await page.getByLabel('Vaše jméno').fill(name);
  await page.getByRole('button', { name: 'Uložit jméno' }).click();
  await expect(page.getByRole('list', { name: 'Zápis právě upravují' })).toContainText(`${name} (vy)`);
}

test('the secretary and the facilitator write the minutes at once; board results freeze; the downloads and the A4 print hold what they wrote', async ({ browser }) => {
  test.setTimeout(120_000);
  const facilitatorContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  const facilitator = await facilitatorContext.newPage();
  const { code } = await createMeetingWithBoard(facilitator, { title: 'Co nám chybí?' });
  // Svelte's runtime warnings (e.g. a board's room re-created on every keystroke) fail the test.
  const warnings: string[] = [];
  const listen = (page: Page) => page.on('console', (m) => m.text().includes('svelte.dev/e/') && warnings.push(m.text()));
  listen(facilitator);
  await facilitator.getByRole('button', { name: 'Spustit: Co nám chybí?' }).click();

  const phone = await (await phoneContext(browser, server.url)).newPage();
  await phone.goto(`/join?code=${code}`);
  const sendNote = async (text: string) => {
    await phone.getByLabel('Váš lísteček').fill(text);
    await phone.getByRole('button', { name: 'Poslat lísteček' }).click();
    await expect(phone.getByText('Odesláno. Děkujeme!')).toBeVisible();
  };
  await sendNote('Chybí krizové lůžko pro dospívající');

  // The secretary gets the editor link; the facilitator opens the minutes from the console. Each gives a name once.
  const editorLink = new URL(await facilitator.getByLabel('Zapisovatel / editor').inputValue());
  await facilitator.getByRole('link', { name: 'Zápis ze setkání' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Zápis: Setkání pracovní skupiny', level: 1 })).toBeVisible();
  await giveName(facilitator, 'Ivana Hrubá');
  const secretaryContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const secretary = await secretaryContext.newPage();
  listen(secretary);
  await secretary.goto(`${editorLink.pathname}/minutes${editorLink.hash}`);
  await expect(secretary.getByRole('heading', { name: 'Zápis: Setkání pracovní skupiny', level: 1 })).toBeVisible();
  await expect(secretary).not.toHaveURL(/#key=/);
  await giveName(secretary, 'Adéla Machová');

  // Presence: each sees the other on the page.
  await expect(facilitator.getByRole('list', { name: 'Zápis právě upravují' })).toContainText('Adéla Machová');
  await expect(secretary.getByRole('list', { name: 'Zápis právě upravují' })).toContainText('Ivana Hrubá');

  // The board's results follow the board, at its agenda item.
  const liveResults = (page: Page) => page.getByRole('region', { name: /^Výsledky aktivity \(průběžně.*Co nám chybí\?/ });
  for (const page of [facilitator, secretary]) {
    await expect(page.getByRole('heading', { name: 'Co nám chybí?', level: 3 })).toBeVisible();
    await expect(liveResults(page).getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  }

  // Both write the same item's notes at once: a paragraph with a bold word, and a bullet.
  const notes = (page: Page) => page.getByRole('textbox', { name: 'Poznámky k bodu 1' });
  await notes(facilitator).click();
  await facilitator.keyboard.type('Skupina se shodla na ');
  await facilitator.keyboard.press('Control+b');
  await facilitator.keyboard.type('prioritě');
  await facilitator.keyboard.press('Control+b');
  await facilitator.keyboard.type('.');
  await expect(notes(secretary)).toContainText('Skupina se shodla na prioritě.');
  await notes(secretary).click();
  await secretary.keyboard.press('Control+End');
  await secretary.keyboard.press('Enter');
  await secretary.getByRole('button', { name: 'Odrážky' }).first().click();
  await expect(secretary.getByRole('button', { name: 'Odrážky' }).first()).toHaveAttribute('aria-pressed', 'true');
  await Promise.all([secretary.keyboard.type('krizová lůžka'), facilitator.keyboard.type(' Termín do jara.')]);

  // The facilitator sees where the secretary writes: a marker at the item and her caret in the text.
  await expect(facilitator.getByRole('listitem').filter({ has: notes(facilitator) }).getByText('Adéla Machová zde píše')).toBeVisible();
  await expect(notes(facilitator).locator('.remote-caret-name')).toHaveText('Adéla Machová');

  await secretary.getByRole('button', { name: 'Přidat – Přítomni' }).click();
  await expect(secretary.getByLabel('Jméno 1 – Přítomni', { exact: true })).toBeFocused();
  await secretary.keyboard.type('Dana Morcová');
  await secretary.getByLabel('Organizace 1 – Přítomni', { exact: true }).fill('MML – odbor sociální péče');
  // Enter adds the next person, by keyboard alone.
  await secretary.keyboard.press('Enter');
  await expect(secretary.getByLabel('Jméno 2 – Přítomni', { exact: true })).toBeFocused();
  await secretary.keyboard.type('Lukáš Průcha');
  await facilitator.getByLabel('Zapsal(a)', { exact: true }).fill('Adéla Machová');
  await facilitator.getByRole('button', { name: 'Přidat úkol' }).click();
  await facilitator.getByLabel('Úkol 1', { exact: true }).fill('Rozeslat indikátory paní Horákové');
  await secretary.getByLabel('Zajistí 1', { exact: true }).fill('členky skupiny');
  await secretary.getByLabel('Termín 1', { exact: true }).fill('2026-12-20');
  await secretary.getByRole('button', { name: 'Přidat termín' }).click();
  await secretary.getByLabel('Příští setkání 1', { exact: true }).fill('2027-01-19T14:00');

  for (const page of [facilitator, secretary]) {
    await expect(page.getByLabel('Zapsal(a)', { exact: true })).toHaveValue('Adéla Machová');
    await expect(page.getByLabel('Jméno 1 – Přítomni', { exact: true })).toHaveValue('Dana Morcová');
    await expect(page.getByLabel('Jméno 2 – Přítomni', { exact: true })).toHaveValue('Lukáš Průcha');
    await expect(page.getByLabel('Zajistí 1', { exact: true })).toHaveValue('členky skupiny');
    await expect(page.getByLabel('Příští setkání 1', { exact: true })).toHaveValue('2027-01-19T14:00');
    await expect(notes(page).locator('strong')).toHaveText('prioritě');
    await expect(notes(page).locator('ul > li')).toHaveText('krizová lůžka');
    await expect(notes(page)).toContainText('Termín do jara.');
  }
  // The same text in both, but for the other one's caret.
  const content = async (page: Page) =>
    (await notes(page).innerHTML())
      .replace(/<span class="remote-caret"[^>]*><span class="remote-caret-name"[^>]*>[^<]*<\/span><\/span>/g, '')
      .replace(/<img class="ProseMirror-separator"[^>]*>|<br class="ProseMirror-trailingBreak">/g, '');
  await expect.poll(async () => (await content(secretary)) === (await content(facilitator))).toBe(true);

  // Freezing keeps the results as they are, as editable text, while the board goes on.
  await secretary.getByRole('button', { name: 'Zmrazit do zápisu' }).click();
  const frozen = (page: Page) => page.getByRole('textbox', { name: 'Zmrazené výsledky k bodu 1' });
  for (const page of [facilitator, secretary]) await expect(frozen(page)).toContainText('Chybí krizové lůžko pro dospívající');
  await sendNote('Dlouhé čekací lhůty');
  await frozen(secretary).getByText('Chybí krizové lůžko pro dospívající').click();
  await secretary.keyboard.press('End');
  await secretary.keyboard.type(' (ověřeno)');
  await expect(frozen(facilitator)).toContainText('(ověřeno)');

  expect(warnings).toEqual([]);
  // Accessible also with the rich text focused and its toolbar in use.
  await notes(secretary).click();
  await expectAccessible(secretary);
  // Tab indents bullets in the editor; Escape leaves it for the rest of the page.
  await secretary.keyboard.press('Escape');
  await expect(notes(secretary)).not.toBeFocused();

  const markdown = await downloaded(secretary, 'Markdown');
  expect(markdown.name).toBe('2026-12-01-dusevni-zdravi-setkani-pracovni-skupiny-zapis.md');
  const text = markdown.bytes.toString('utf8');
  expect(text).toContain('**Přítomni:** Dana Morcová (MML – odbor sociální péče), Lukáš Průcha');
  expect(text).toContain('## 1) Co nám chybí?');
  expect(text).toContain('Skupina se shodla na **prioritě**. Termín do jara.');
  expect(text).toContain('- krizová lůžka');
  expect(text).toContain('Chybí krizové lůžko pro dospívající (ověřeno)');
  expect(text).not.toContain('Dlouhé čekací lhůty');
  expect(text).toContain('**Úkol:** Rozeslat indikátory paní Horákové  \n**Zajistí:** členky skupiny  \n**Termín:** 20. 12. 2026');
  expect(text).toContain('## Příští setkání\n\n- 19\\. 1. 2027 14:00');
  expect(text).toContain('Zapsal(a): Adéla Machová');

  const docx = await downloaded(facilitator, 'Word (DOCX)');
  expect(docx.name).toBe('2026-12-01-dusevni-zdravi-setkani-pracovni-skupiny-zapis.docx');
  const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
  for (const typed of ['Dana Morcová (MML – odbor sociální péče)', 'krizová lůžka', 'Chybí krizové lůžko pro dospívající (ověřeno)', 'Rozeslat indikátory paní Horákové', 'Zapsal(a): Adéla Machová']) {
    expect(xml).toContain(typed);
  }
  expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*>prioritě</);

  // The print view is the PDF: A4 pages (595 × 842 points).
  const pdf = await secretary.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const boxes = pdf.toString('latin1').match(/MediaBox\s*\[\s*0 0 [\d.]+ [\d.]+/g) ?? [];
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) expect(box).toMatch(/0 0 595\.\d+ 841\.\d+|0 0 595\.\d+ 842/);

  // Unfreezing (after a warning) follows the board again: the frozen edits go, the newer note comes.
  facilitator.once('dialog', (dialog) => void dialog.accept());
  await facilitator.getByRole('button', { name: 'Znovu sledovat tabuli' }).click();
  for (const page of [facilitator, secretary]) {
    await expect(liveResults(page).getByText('Dlouhé čekací lhůty')).toBeVisible();
    await expect(frozen(page)).toHaveCount(0);
  }
});
