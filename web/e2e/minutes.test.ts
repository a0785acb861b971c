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
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: (download as Download).suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

test('the secretary and the facilitator write the minutes at once; the downloads hold what they typed and the board results', async ({ browser }) => {
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
  await phone.getByLabel('Váš lísteček').fill('Chybí krizové lůžko pro dospívající');
  await phone.getByRole('button', { name: 'Poslat lísteček' }).click();
  await expect(phone.getByText('Odesláno. Děkujeme!')).toBeVisible();

  // The secretary gets the editor link; the facilitator opens the minutes from the console.
  const editorLink = new URL(await facilitator.getByLabel('Zapisovatel / editor').inputValue());
  await facilitator.getByRole('link', { name: 'Zápis ze setkání' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Zápis: Setkání pracovní skupiny', level: 1 })).toBeVisible();
  const secretaryContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const secretary = await secretaryContext.newPage();
  listen(secretary);
  await secretary.goto(`${editorLink.pathname}/minutes${editorLink.hash}`);
  await expect(secretary.getByRole('heading', { name: 'Zápis: Setkání pracovní skupiny', level: 1 })).toBeVisible();
  await expect(secretary).not.toHaveURL(/#key=/);

  // The board's results follow the board, at its agenda item.
  for (const page of [facilitator, secretary]) {
    await expect(page.getByRole('heading', { name: 'Co nám chybí?', level: 3 })).toBeVisible();
    await expect(page.getByRole('region', { name: /Výsledky aktivity.*Co nám chybí\?/ }).getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  }

  // Both type into the same item's notes at the same time, and into other parts.
  const notes = (page: Page) => page.getByLabel('Poznámky k bodu 1');
  await Promise.all([
    notes(facilitator).pressSequentially('Skupina se shodla na prioritě. '),
    notes(secretary).pressSequentially('- krizová lůžka\n'),
  ]);
  await secretary.getByRole('button', { name: 'Přidat – Přítomni' }).click();
  await secretary.getByLabel('Jméno 1 – Přítomni', { exact: true }).fill('Dana Morcová');
  await secretary.getByLabel('Organizace 1 – Přítomni', { exact: true }).fill('MML – odbor sociální péče');
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
    await expect(page.getByLabel('Zajistí 1', { exact: true })).toHaveValue('členky skupiny');
    await expect(page.getByLabel('Příští setkání 1', { exact: true })).toHaveValue('2027-01-19T14:00');
  }
  const merged = await notes(facilitator).inputValue();
  await expect(notes(secretary)).toHaveValue(merged);
  expect(merged).toContain('Skupina se shodla na prioritě.');
  expect(merged).toContain('- krizová lůžka');
  // The board's results stay shown while the minutes change around them.
  await expect(secretary.getByRole('region', { name: /Výsledky aktivity/ }).getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  expect(warnings).toEqual([]);
  await expectAccessible(secretary);

  const markdown = await downloaded(secretary, 'Markdown');
  expect(markdown.name).toBe('2026-12-01-dusevni-zdravi-setkani-pracovni-skupiny-zapis.md');
  const text = markdown.bytes.toString('utf8');
  expect(text).toContain('**Přítomni:** Dana Morcová (MML – odbor sociální péče)');
  expect(text).toContain('## 1) Co nám chybí?');
  expect(text).toContain('- krizová lůžka');
  expect(text).toContain('- Chybí krizové lůžko pro dospívající');
  expect(text).toContain('**Úkol:** Rozeslat indikátory paní Horákové  \n**Zajistí:** členky skupiny  \n**Termín:** 20. 12. 2026');
  expect(text).toContain('## Příští setkání\n\n- 19\\. 1. 2027 14:00');
  expect(text).toContain('Zapsal(a): Adéla Machová');

  const docx = await downloaded(facilitator, 'Word (DOCX)');
  expect(docx.name).toBe('2026-12-01-dusevni-zdravi-setkani-pracovni-skupiny-zapis.docx');
  const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
  for (const typed of ['Dana Morcová (MML – odbor sociální péče)', 'Skupina se shodla na prioritě.', 'krizová lůžka', 'Chybí krizové lůžko pro dospívající', 'Rozeslat indikátory paní Horákové', 'Zapsal(a): Adéla Machová']) {
    expect(xml).toContain(typed);
  }
});
