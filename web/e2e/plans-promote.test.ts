import { expect, test, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addGoal, rooms } from '@dilna/shared';
import { E2E_ADMIN_PASSWORD, ServerProcess, expectAccessible, loginAsAdmin, phoneContext, screenshotsAs } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const snapshot = screenshotsAs('promote');

/** Writes a strategic goal into the plan's doc as its editor does, over the plan's room with the administrator's session. */
async function addPlanGoal(planId: string, title: string): Promise<void> {
  const login = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: E2E_ADMIN_PASSWORD }),
  });
  const cookie = /dilna_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  const withSession = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://localhost:${server.port}/yjs`, rooms.plan(planId), doc, {
    WebSocketPolyfill: withSession as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise((resolve) => provider.once('sync', resolve));
  addGoal(doc, { title });
  await expect.poll(() => provider.wsconnected && doc.getMap('goals').size).toBe(1);
  // Let the update reach the server before the socket closes.
  await new Promise((resolve) => setTimeout(resolve, 300));
  provider.destroy();
}

async function joinPhones(browser: Browser, code: string, count: number): Promise<Page[]> {
  const phones: Page[] = [];
  for (let i = 0; i < count; i++) {
    const phone = await (await phoneContext(browser, server.url)).newPage();
    await phone.goto(`/join?code=${code}`);
    await expect(phone).toHaveURL(/\/p\//);
    phones.push(phone);
  }
  return phones;
}

test('a facilitator promotes the top dot-vote item and a café key conclusion into cards of the group’s plan, which keep where they came from', async ({ browser }) => {
  const group = await server.asAdmin<{ id: string }>('POST', '/groups', { name: 'PS Senioři' });
  const plan = await server.asAdmin<{ id: string }>('POST', '/plans', { title: 'Komunitní plán', period: '2026–2030', groupId: group.id });
  const meeting = await server.asAdmin<{ id: string; keys: { facilitator: string } }>('POST', `/groups/${group.id}/meetings`, {
    title: 'Setkání PS Senioři',
    startsAt: '2026-03-12T14:00',
    place: 'Liberec',
  });
  await addPlanGoal(plan.id, 'Péče v domácím prostředí');

  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage();
  await loginAsAdmin(facilitator);
  await facilitator.goto(`/m/${meeting.id}#key=${meeting.keys.facilitator}`);
  await expect(facilitator.getByRole('heading', { name: 'Setkání PS Senioři' })).toBeVisible();

  // A dot vote: two phones put their dots on the problem areas.
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'Hlasování tečkami' });
  await facilitator.getByLabel('Název aktivity').fill('Priority');
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await facilitator.getByLabel('Název seznamu').fill('Problémové oblasti');
  for (const item of ['Doprava', 'Odlehčovací služby']) {
    await facilitator.getByPlaceholder('Nová položka').fill(item);
    await facilitator.getByPlaceholder('Nová položka').press('Enter');
    await expect(facilitator.getByRole('textbox', { name: 'Text položky' }).last()).toHaveValue(item);
  }
  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const [anna, boris] = (await joinPhones(browser, code, 2)) as [Page, Page];
  await facilitator.getByRole('button', { name: 'Spustit: Priority' }).click();
  for (const [phone, items] of [[anna, ['Odlehčovací služby', 'Doprava']], [boris, ['Odlehčovací služby']]] as const) {
    for (const text of items) {
      await phone.getByRole('button', { name: text }).click();
      await expect(phone.getByRole('button', { name: text })).toHaveAttribute('aria-pressed', 'true');
    }
  }
  await expect(facilitator.getByTestId('phone-dots')).toHaveText(['1', '2']);

  // The top item becomes the first card of the plan's first goal.
  await facilitator.getByRole('button', { name: 'Převést do plánu' }).click();
  const dialog = facilitator.getByRole('dialog', { name: 'Převést výsledek do plánu' });
  await expect(dialog.getByRole('radio').first()).toBeFocused();
  const top = dialog.getByRole('radio', { name: /^Odlehčovací služby/ });
  await expect(top).toHaveAccessibleName('Odlehčovací služby Problémové oblasti · 2 hlasy');
  await expect(dialog.getByLabel('Plán')).toHaveValue(plan.id);
  await expect(dialog.getByLabel('Plán').locator('option:checked')).toHaveText('Komunitní plán (2026–2030)');
  await top.check();
  await dialog.getByLabel('Strategický cíl').selectOption({ label: 'SC1 Péče v domácím prostředí' });
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'dialog');
  await dialog.getByRole('button', { name: 'Převést' }).click();
  await expect(dialog.getByRole('status')).toContainText('Přidáno do plánu jako A01-01.');
  const link = dialog.getByRole('link', { name: 'Otevřít v plánu' });
  await expect(link).toHaveAttribute('href', new RegExp(`^/plans/${plan.id}#card-[\\w-]+$`));
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Odlehčovací služby' })).toContainText('V plánu: A01-01');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Doprava' })).not.toContainText('V plánu');
  await snapshot(facilitator, 'dialog-done');
  await dialog.getByRole('button', { name: 'Zavřít' }).click();
  await expect(dialog).toBeHidden();
  await expect(facilitator.getByRole('button', { name: 'Převést do plánu' })).toBeFocused();

  // A world café: each phone at a table, one note marked as a key conclusion.
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'World café' });
  await facilitator.getByLabel('Název aktivity').fill('World café');
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await facilitator.getByLabel('Znění nové otázky').fill('Co seniorům chybí?');
  await facilitator.getByRole('button', { name: 'Přidat otázku' }).click();
  await facilitator.getByLabel('Počet stolů').fill('2');
  await facilitator.getByLabel('Počet stolů').press('Tab');
  await facilitator.getByRole('button', { name: 'Spustit: World café' }).click();
  await facilitator.getByRole('button', { name: 'Rozsadit do kola 1' }).click();
  for (const phone of [anna, boris]) await phone.getByRole('button', { name: 'Jsem u stolu' }).click();
  await anna.getByLabel('Váš příspěvek pro stůl').fill('Víkendová odlehčovací péče');
  await anna.getByRole('button', { name: 'Přidat ke stolu' }).click();
  await expect(anna.getByText('Odesláno. Děkujeme!')).toBeVisible();
  await facilitator.getByRole('checkbox', { name: /^Klíčový závěr ?: Víkendová odlehčovací péče$/ }).check();

  await facilitator.getByRole('button', { name: 'Převést do plánu' }).click();
  const conclusion = dialog.getByRole('radio', { name: /^Víkendová odlehčovací péče/ });
  await expect(conclusion).toHaveAccessibleName(/^Víkendová odlehčovací péče Co seniorům chybí\? \(Stůl \d – .+\)$/);
  await conclusion.check();
  await dialog.getByLabel('Strategický cíl').selectOption({ label: 'SC1 Péče v domácím prostředí' });
  await dialog.getByRole('button', { name: 'Převést' }).click();
  await expect(dialog.getByRole('status')).toContainText('Přidáno do plánu jako A01-02.');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Víkendová odlehčovací péče' })).toContainText('V plánu: A01-02');
  await expectAccessible(facilitator);

  const boards = (await (await fetch(`${server.url}/api/meetings/${meeting.id}`, { headers: { 'x-dilna-key': meeting.keys.facilitator } })).json()) as {
    boards: { id: string; title: string }[];
  };
  const boardId = (title: string) => boards.boards.find((board) => board.title === title)!.id;

  // The link opens the card in the plan, which shows where it came from, linked back to the café board.
  await dialog.getByRole('link', { name: 'Otevřít v plánu' }).click();
  await expect(facilitator).toHaveURL(new RegExp(`/plans/${plan.id}#card-`));
  const origins = facilitator.getByRole('region', { name: 'Vzešlo z' });
  await expect(origins.getByRole('listitem')).toHaveCount(1);
  await expect(origins.getByRole('listitem')).toContainText('Víkendová odlehčovací péče');
  await expect(origins.getByRole('listitem')).toContainText('Co seniorům chybí?');
  await expect(origins.getByRole('link', { name: 'aktivita „World café“' })).toHaveAttribute('href', `/g/${group.id}/b/${boardId('World café')}`);
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'plan-card');

  // The plan's cards as Markdown carry both origins, the dot vote's with its votes.
  const markdown = await (await facilitator.request.get(`/api/plans/${plan.id}/export?format=md`)).text();
  expect(markdown).toContain('## A01-01 Odlehčovací služby');
  expect(markdown).toContain('**Vzešlo z:** Setkání PS Senioři, 12. 3. 2026 – Priority (Problémové oblasti): „Odlehčovací služby“ (2 hlasy)');
  expect(markdown).toMatch(/\*\*Vzešlo z:\*\* Setkání PS Senioři, 12\. 3\. 2026 – World café \(Co seniorům chybí\? \(Stůl \d – .+\)\): „Víkendová odlehčovací péče“\n/);

  // On the past board in the group's archive (here on a phone), the dot vote's top item says where it went.
  await facilitator.setViewportSize({ width: 390, height: 844 });
  await facilitator.goto(`/g/${group.id}/b/${boardId('Priority')}`);
  await facilitator.getByRole('button', { name: 'Převést do plánu' }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Odlehčovací služby' })).toContainText('V plánu: A01-01');
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'past-board');
  await facilitator.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(facilitator.getByRole('button', { name: 'Převést do plánu' })).toBeFocused();
});
