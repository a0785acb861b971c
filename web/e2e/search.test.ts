import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Account, Board, GroupDetail, MeetingDetail } from '@dilna/shared';
import { ServerProcess, expectAccessible, logIn, loginAsAdmin } from './harness.ts';

let server: ServerProcess;

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

const laptop = async (browser: Browser): Promise<Page> =>
  (await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } })).newPage();

/** A group with a member, and a past meeting with a note wall whose prompt mentions seniors. */
async function pastMeeting() {
  const group = await server.asAdmin<GroupDetail>('POST', '/groups', { name: 'Senioři' });
  const member = await server.asAdmin<Account>('POST', '/accounts', { login: 'vera', name: 'Věra Členová', password: 'vera-heslo-2026', role: 'user' });
  await server.asAdmin('PUT', `/groups/${group.id}/members/${member.id}`, { role: 'member' });
  const meeting = await server.asAdmin<MeetingDetail>('POST', `/groups/${group.id}/meetings`, {
    title: 'Podzimní setkání',
    startsAt: '2025-10-15T13:00',
    place: 'Radnice',
  });
  const reply = await fetch(`${server.url}/api/meetings/${meeting.id}/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dilna-key': meeting.keys.facilitator! },
    body: JSON.stringify({ kind: 'notes', title: 'Co chybí v Ponavě?', settings: { prompt: 'Jak se sem dostanou senioři bez auta?' } }),
  });
  expect(reply.status).toBe(201);
  return { group, meeting, board: (await reply.json()) as Board };
}

test('a member searches the group archive as they type, sees the matches highlighted and opens the minutes found', async ({ browser }) => {
  const { group, meeting } = await pastMeeting();

  // The facilitator writes a task into the minutes.
  const admin = await laptop(browser);
  await loginAsAdmin(admin);
  await admin.goto(`/m/${meeting.id}/minutes`);
  await admin.getByRole('button', { name: 'Přidat úkol' }).click();
  await admin.getByLabel('Úkol 1', { exact: true }).fill('Domluvit svoz seniorů autem z Kociánky');

  const member = await laptop(browser);
  await logIn(member, 'vera', 'vera-heslo-2026');
  await member.getByRole('link', { name: 'Senioři' }).click();
  await expect(member.getByRole('heading', { name: 'Senioři', level: 1 })).toBeVisible();
  const box = member.getByRole('search').getByRole('searchbox', { name: 'Hledat v tabulích a zápisech skupiny' });
  // What screen readers are told (politely) about the results.
  const status = member.getByRole('search').locator('[aria-live="polite"]');

  // Typing is enough: the search runs after a pause. "senio" begins both "senioři" and "seniorů".
  // (The minutes are indexed a few seconds after they were written: retyped until they are in.)
  await expect(async () => {
    await box.fill('');
    await box.pressSequentially('senio');
    await expect(status).toHaveText('Nalezeny 2 výsledky', { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  const results = member.getByRole('list', { name: 'Výsledky hledání' });
  const boardHit = results.getByRole('listitem').filter({ hasText: 'Co chybí v Ponavě?' });
  await expect(boardHit).toContainText('15. října 2025 · Podzimní setkání');
  await expect(boardHit).toContainText('Nástěnka');
  await expect(boardHit.locator('mark')).toHaveText('senioři');
  const minutesHit = results.getByRole('listitem').filter({ has: member.getByRole('link', { name: 'Zápis' }) });
  await expect(minutesHit.locator('mark')).toHaveText('seniorů');
  await expectAccessible(member);

  // Another form of the word, searched with Enter: its stem finds "senioři" and "seniorů".
  await box.fill('seniory');
  await box.press('Enter');
  await expect(status).toHaveText('Nalezeny 2 výsledky');
  await box.fill('xylofon');
  await box.press('Enter');
  await expect(status).toHaveText('Nic nenalezeno');
  await expect(results).toHaveCount(0);

  await box.fill('Kociánky');
  await box.press('Enter');
  await expect(status).toHaveText('Nalezen 1 výsledek');
  // A member reads the minutes (their editor is the facilitators').
  await member.getByRole('link', { name: 'Zápis' }).click();
  await expect(member).toHaveURL(new RegExp(`/api/meetings/${meeting.id}/minutes.html$`));
  await expect(member.getByRole('heading', { name: 'Zápis ze setkání: Podzimní setkání' })).toBeVisible();
  await expect(member.getByText('Domluvit svoz seniorů autem z Kociánky')).toBeVisible();

  // The facilitator's hit opens the minutes' editor.
  await admin.goto(`/g/${group.id}`);
  await admin.getByRole('searchbox').fill('Kociánky');
  await admin.getByRole('searchbox').press('Enter');
  await admin.getByRole('link', { name: 'Zápis' }).click();
  await expect(admin.getByLabel('Úkol 1', { exact: true })).toHaveValue('Domluvit svoz seniorů autem z Kociánky');
});
