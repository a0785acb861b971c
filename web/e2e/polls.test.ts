import { expect, test, type Page } from '@playwright/test';
import { ServerProcess, createMeetingWithBoard, expectAccessible, phoneContext } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

async function joinByQr(page: Page, code: string) {
  await page.goto(`/join?code=${code}`);
  await expect(page).toHaveURL(/\/p\//);
}

async function sendWords(phone: Page, words: string[]) {
  for (const [i, word] of words.entries()) await phone.getByLabel(`${i + 1}. slovo`).fill(word);
  await phone.getByRole('button', { name: 'Odeslat odpověď' }).click();
  await expect(phone.getByText('Vaše odpověď je zaznamenaná.')).toBeVisible();
}

async function choose(phone: Page, option: string) {
  await phone.getByRole('radio', { name: option }).check();
  await phone.getByRole('button', { name: 'Odeslat odpověď' }).click();
  await expect(phone.getByText('Vaše odpověď je zaznamenaná.')).toBeVisible();
}

test('a poll: phones answer a word cloud and a choice, the facilitator reveals, hides and closes, and the results survive a restart', async ({ browser }) => {
  const console = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  const { code, screenUrl } = await createMeetingWithBoard(console, { title: 'Asociace a vize', kind: 'Anketa' });

  // Prepare two questions: a word cloud and a single choice with three options.
  await console.getByLabel('Znění nové otázky').fill('Co vás napadne, když se řekne senioři?');
  await console.getByRole('button', { name: 'Přidat otázku' }).click();
  await console.getByLabel('Druh otázky').selectOption({ label: 'Výběr z možností' });
  await console.getByLabel('Znění nové otázky').fill('Kde bydlíte?');
  await console.getByRole('button', { name: 'Přidat otázku' }).click();
  await console.getByLabel('Možnost 1').fill('Liberec');
  await console.getByLabel('Možnost 1').press('Tab');
  await console.getByLabel('Možnost 2').fill('Jablonec');
  await console.getByLabel('Možnost 2').press('Tab');
  await console.getByRole('button', { name: 'Přidat možnost' }).click();
  await console.getByLabel('Možnost 3').fill('Jinde');
  await console.getByLabel('Možnost 3').press('Tab');
  await expectAccessible(console);

  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl);
  const phones = await Promise.all([0, 1, 2].map(async () => (await phoneContext(browser, server.url)).newPage()));
  for (const phone of phones) await joinByQr(phone, code);
  await expect(console.getByText('3 účastníci připojeni')).toBeVisible();

  await console.getByRole('button', { name: 'Spustit: Asociace a vize' }).click();
  await console.getByRole('button', { name: /Co vás napadne/ }).click();
  await console.getByRole('button', { name: 'Otevřít odpovídání' }).click();
  await expect(projector.getByRole('heading', { name: 'Co vás napadne, když se řekne senioři?' })).toBeVisible();
  await expect(projector.getByText('Odpovídejte na svých telefonech. Výsledky ukážeme potom.')).toBeVisible();
  await expect(phones[0]!.getByRole('heading', { name: 'Co vás napadne, když se řekne senioři?' })).toBeVisible();
  await expectAccessible(phones[0]!);

  // Word forms merge the Czech way; the room sees the count rise, not the words, until the reveal.
  await sendWords(phones[0]!, ['Senioři', 'prevence']);
  await sendWords(phones[1]!, ['seniorů', 'Prevenci', 'osamělost']);
  await sendWords(phones[2]!, ['senioři']);
  await expect(projector.getByText('3 odpovědi')).toBeVisible();
  await expect(console.getByText('3 z 3 odpovědělo', { exact: true })).toBeVisible();
  await expect(projector.locator('svg text')).toHaveCount(0);
  await expectAccessible(projector);

  await console.getByRole('button', { name: 'Ukázat výsledky na plátně' }).click();
  const cloudWord = (word: string) => projector.locator('svg text', { hasText: new RegExp(`^${word}$`) });
  await expect(cloudWord('Senioři')).toBeVisible();
  await expect(cloudWord('Prevenci')).toHaveCount(0);
  await expect(cloudWord('prevence').or(cloudWord('Prevenci'))).toHaveCount(1);
  await expect(cloudWord('osamělost')).toBeVisible();
  await expect(projector.getByText('Senioři: 3 odpovědi')).toBeAttached();
  await expectAccessible(projector);

  // The facilitator hides a word: it leaves the screen but stays in the record.
  await console.getByText('Spravovat odpovědi (skrýt, sloučit)').click();
  await console.getByRole('listitem').filter({ hasText: 'osamělost (1)' }).getByRole('button', { name: 'Skrýt z plátna' }).click();
  await expect(cloudWord('osamělost')).toHaveCount(0);
  await expect(console.getByRole('listitem').filter({ hasText: 'osamělost (1)' }).getByRole('button', { name: 'Znovu zobrazit' })).toBeVisible();
  await expectAccessible(console);

  // The next question: opening it puts it on the projector and the phones.
  await console.getByRole('button', { name: /Kde bydlíte\?/ }).click();
  await console.getByRole('button', { name: 'Otevřít odpovídání' }).click();
  await expect(phones[0]!.getByRole('heading', { name: 'Kde bydlíte?' })).toBeVisible();
  await expectAccessible(phones[0]!);
  await choose(phones[0]!, 'Liberec');
  await choose(phones[1]!, 'Jablonec');
  await choose(phones[2]!, 'Liberec');
  await expect(projector.getByText('3 odpovědi')).toBeVisible();

  // A participant changes their mind while the question is open: counted once, in the new place.
  await phones[1]!.getByRole('button', { name: 'Změnit odpověď' }).click();
  await choose(phones[1]!, 'Liberec');
  await console.getByRole('button', { name: 'Ukázat výsledky na plátně' }).click();
  const bar = (label: string) => projector.getByRole('listitem').filter({ hasText: label });
  await expect(bar('Liberec')).toContainText('3 · 100 %');
  await expect(bar('Jablonec')).toContainText('0 · 0 %');
  await expect(projector.getByText('3 odpovědi')).toBeVisible();
  await expectAccessible(projector);

  await console.getByRole('button', { name: 'Uzavřít odpovídání' }).click();
  await expect(phones[2]!.getByRole('button', { name: 'Změnit odpověď' })).toHaveCount(0);
  await expect(phones[2]!.getByText('Liberec')).toBeVisible();

  // A restart of the server keeps every answer and the facilitator's decisions.
  await server.crash();
  await server.launch();
  await expect(bar('Liberec')).toContainText('3 · 100 %', { timeout: 15_000 });
  await console.getByRole('button', { name: /Co vás napadne/ }).click();
  await console.getByText('Spravovat odpovědi (skrýt, sloučit)').click();
  await expect(console.getByRole('listitem').filter({ hasText: 'osamělost (1)' }).getByRole('button', { name: 'Znovu zobrazit' })).toBeVisible({ timeout: 15_000 });
  await expect(console.getByText('3 z 3 odpovědělo', { exact: true })).toBeVisible();
});
