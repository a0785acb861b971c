import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { E2E_ADMIN_PASSWORD, ServerProcess, createMeetingWithBoard, expectAccessible, phoneContext } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

test('a facilitator runs a live board that phones join by code, and a server crash loses nothing', async ({ browser }) => {
  const facilitatorContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  const facilitator = await facilitatorContext.newPage();
  const { code, screenUrl } = await createMeetingWithBoard(facilitator, { title: 'Co nám chybí?' });

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(screenUrl);
  await expect(projector.getByTestId('join-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(projector.getByRole('img', { name: /QR kód/ })).toBeVisible();
  await expect(projector).not.toHaveURL(/#key=/);
  await expectAccessible(projector);

  // One phone types the code, the other arrives by the QR code's address.
  const phoneA = await (await phoneContext(browser, server.url)).newPage();
  await phoneA.goto('/join');
  await expectAccessible(phoneA);
  await phoneA.getByLabel('Šestimístný kód z plátna').fill(code);
  await phoneA.getByRole('button', { name: 'Připojit' }).click();
  await expect(phoneA.getByRole('heading', { name: 'Počkejte, až facilitátor spustí aktivitu.' })).toBeVisible();

  const phoneB = await (await phoneContext(browser, server.url)).newPage();
  await phoneB.goto(`/join?code=${code}`);
  await expect(phoneB).toHaveURL(/\/p\//);
  await expect(facilitator.getByText('2 účastníci připojeni')).toBeVisible();
  await expect(projector.getByText('2 účastníci připojeni')).toBeVisible();

  await facilitator.getByRole('button', { name: 'Spustit: Co nám chybí?' }).click();
  await expect(phoneA.getByRole('heading', { name: 'Co nám chybí?' })).toBeVisible();
  await expect(phoneB.getByRole('heading', { name: 'Co nám chybí?' })).toBeVisible();
  await expect(projector.getByRole('heading', { name: 'Co nám chybí?' })).toBeVisible();
  await expectAccessible(phoneA);

  // The facilitator's prompt and a phone's note reach the screens.
  const prompt = 'Co v naší síti služeb chybí lidem s duševním onemocněním?';
  await facilitator.getByLabel('Otázka nebo zadání').fill(prompt);
  await expect(projector.getByText(prompt)).toBeVisible();
  await expect(phoneB.getByText(prompt)).toBeVisible();

  // A standard y-websocket client with the secretary's (editor) link sees the browser's edit, and vice versa.
  const editorLink = new URL(await facilitator.getByLabel('Zapisovatel / editor').inputValue());
  const editorKey = new URLSearchParams(editorLink.hash.slice(1)).get('key')!;
  const meeting = (await (
    await fetch(`${server.url}/api/meetings${editorLink.pathname.slice(2)}`, { headers: { 'x-dilna-key': editorKey } })
  ).json()) as { boards: { id: string }[] };
  const editorDoc = new Y.Doc();
  const editor = new WebsocketProvider(`ws://localhost:${server.port}/yjs`, `board:${meeting.boards[0]!.id}`, editorDoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { key: editorKey },
  });
  await expect.poll(() => editorDoc.getText('prompt').toString()).toBe(prompt);
  editorDoc.getText('prompt').insert(prompt.length, ' (do roku 2027)');
  await expect(projector.getByText(`${prompt} (do roku 2027)`)).toBeVisible();
  await expect(facilitator.getByLabel('Otázka nebo zadání')).toHaveValue(`${prompt} (do roku 2027)`);
  editor.destroy();
  const fullPrompt = `${prompt} (do roku 2027)`;

  await phoneA.getByLabel('Váš lísteček').fill('Chybí krizové lůžko pro dospívající');
  await phoneA.getByRole('button', { name: 'Poslat lísteček' }).click();
  await expect(phoneA.getByText('Odesláno. Děkujeme!')).toBeVisible();
  await expect(projector.getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  await expect(facilitator.getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  await expect(phoneB.getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  await expect(phoneA.getByText('Můžete poslat ještě 4 lístečky.')).toBeVisible();
  await expectAccessible(projector);
  await expectAccessible(facilitator);

  // A reloaded phone is still the same participant: its budget and the head count are unchanged.
  await phoneA.reload();
  await expect(phoneA.getByText('Můžete poslat ještě 4 lístečky.')).toBeVisible();
  await expect(facilitator.getByText('2 účastníci připojeni')).toBeVisible();

  // The server dies mid-meeting; a note sent meanwhile waits, then lands exactly once.
  await server.crash();
  await expect(facilitator.getByText('Spojení přerušeno, připojuji znovu…')).toBeVisible();
  await phoneA.getByLabel('Váš lísteček').fill('Dlouhé čekací lhůty na psychiatra');
  await phoneA.getByRole('button', { name: 'Poslat lísteček' }).click();
  await expect(phoneA.getByRole('button', { name: 'Odesílám…' })).toBeVisible();
  await server.launch();

  await expect(phoneA.getByText('Odesláno. Děkujeme!')).toBeVisible({ timeout: 20_000 });
  await expect(projector.getByText('Dlouhé čekací lhůty na psychiatra')).toHaveCount(1, { timeout: 20_000 });
  await expect(projector.getByText('Chybí krizové lůžko pro dospívající')).toBeVisible();
  await expect(projector.getByText(fullPrompt)).toBeVisible();
  await expect(facilitator.getByText('Připojeno')).toBeVisible({ timeout: 20_000 });
  await expect(facilitator.getByText('2 lístečky', { exact: true })).toBeVisible();
  await expect(phoneA.getByText('Můžete poslat ještě 3 lístečky.')).toBeVisible();

  await phoneB.getByLabel('Váš lísteček').fill('Málo peněz na terénní služby');
  await phoneB.getByRole('button', { name: 'Poslat lísteček' }).click();
  await expect(projector.getByText('Málo peněz na terénní služby')).toBeVisible();
  await expect(projector.getByRole('listitem')).toHaveCount(3);

  // Hiding a note takes it off the screen but keeps it for the facilitator.
  await facilitator
    .getByRole('listitem')
    .filter({ hasText: 'Málo peněz na terénní služby' })
    .getByRole('button', { name: 'Skrýt z plátna' })
    .click();
  await expect(projector.getByText('Málo peněz na terénní služby')).toHaveCount(0);
  await expect(facilitator.getByText('Málo peněz na terénní služby')).toBeVisible();
});

test('the interface switches to English and remembers it', async ({ page }) => {
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Login').fill('admin');
  await page.getByLabel('Password').fill(E2E_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Working groups' })).toBeVisible();
  await expectAccessible(page);
});

test('a short or wrong code is refused with a clear message', async ({ browser }) => {
  const phone = await (await phoneContext(browser, server.url)).newPage();
  await phone.goto('/join');
  await phone.getByLabel('Šestimístný kód z plátna').fill('12345');
  await phone.getByRole('button', { name: 'Připojit' }).click();
  await expect(phone.getByRole('alert')).toHaveText('Kód má šest číslic.');
  await phone.getByLabel('Šestimístný kód z plátna').fill('000000');
  await phone.getByRole('button', { name: 'Připojit' }).click();
  await expect(phone.getByRole('alert')).toHaveText('Setkání s tímto kódem neexistuje. Zkontrolujte kód.');
  await expectAccessible(phone);
});

test('a projector or table link with a wrong key says it cannot connect instead of loading forever', async ({ browser }) => {
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  const { screenUrl } = await createMeetingWithBoard(facilitator, { title: 'Asociace' });
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl.replace(/#key=.*/, '#key=wrong-key-0123456789'));
  await expect(projector.getByRole('alert')).toContainText('Nedaří se připojit. Odkaz může být neplatný', { timeout: 20_000 });
  await expectAccessible(projector);

  const tablet = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  await tablet.goto(`${server.url}/table/no-such-board/no-such-table#key=wrong-key-0123456789`);
  await expect(tablet.getByRole('alert')).toContainText('Nedaří se připojit', { timeout: 20_000 });
  await expectAccessible(tablet);

  // The right link still works in that same browser afterwards: its key replaces the wrong one.
  const again = await projector.context().newPage();
  await again.goto(screenUrl);
  await expect(again.getByTestId('join-code')).toBeVisible();
});
