/**
 * Stored XSS: a meeting whose every user-written field holds a payload (server/test/xss-world.ts)
 * is shown, board by board, on the projector, a phone, the facilitator's console, the minutes page
 * and a café table host's tablet. Every payload must show as the text it is: no script runs (`window.__xss` stays
 * unset, no dialog opens) and nothing is injected (no inline handler, no iframe, no `javascript:` link).
 */
import { expect, test, type Page } from '@playwright/test';
import { boardKindNames, type TableLinks } from '@dilna/shared';
import { buildXssWorld, xssPayloads } from '../../server/test/xss-world.ts';
import { E2E_ADMIN_PASSWORD, ServerProcess, loginAsAdmin, phoneContext } from './harness.ts';

let server: ServerProcess;

interface InPageElement {
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  readonly outerHTML: string;
  readonly text?: string;
}
/** The page's globals as far as the in-page checks below use them (e2e files compile without the DOM library). */
declare const document: {
  querySelectorAll(selector: string): ArrayLike<InPageElement>;
  scripts: ArrayLike<InPageElement>;
  body: { innerText: string };
  documentElement: { scrollWidth: number };
};
declare const window: { __xss?: unknown };

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

/** What a payload would have left behind had it been parsed as HTML. */
function injected(page: Page) {
  return page.evaluate(() => {
    const suspicious = Array.from(document.querySelectorAll('*')).filter((el) =>
      Array.from(el.attributes).some((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)),
    );
    const frames = Array.from(document.querySelectorAll('iframe'));
    const scripts = Array.from(document.scripts).filter((script) => script.text?.includes('__xss'));
    return { flag: window.__xss ?? null, elements: [...suspicious, ...frames, ...scripts].map((el) => el.outerHTML.slice(0, 120)) };
  });
}

/** The page shows `payload` as text, character for character. */
async function showsAsText(page: Page, payload: string): Promise<void> {
  await expect.poll(() => page.evaluate((p) => document.body.innerText.includes(p), payload), { message: `${payload} on ${page.url()}` }).toBe(true);
}

test('every payload renders as text on the projector, the phone, the console, the minutes page and a table tablet', async ({ browser }) => {
  const world = await buildXssWorld(server.url, E2E_ADMIN_PASSWORD);
  const P = xssPayloads;
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  const open = async (page: Page, url: string) => {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // The app itself must run within the Content-Security-Policy (the payloads are text: nothing to block).
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(`${page.url()}: ${message.text()}`);
    });
    await page.goto(url);
    return page;
  };

  const projector = await open(await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage(), `${server.url}/screen/${world.meetingId}#key=${encodeURIComponent(world.keys.screen)}`);
  const phoneContextWithCookie = await phoneContext(browser, server.url);
  await phoneContextWithCookie.addCookies([{ ...world.participantCookie, url: server.url }]);
  const phone = await open(await phoneContextWithCookie.newPage(), `/p/${world.meetingId}`);
  const consolePage = await open(
    await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } })).newPage(),
    `/m/${world.meetingId}#key=${encodeURIComponent(world.keys.facilitator)}`,
  );
  const pages = { projector, phone, console: consolePage };

  // Per board, once both show its title: a payload the projector shows (what phones wrote, or what the facilitator set up).
  const onProjector: Record<keyof typeof world.boards, string> = { notes: P[0], polls: P[10], dots: P[8], fishbone: P[12], cafe: P[2], plan: P[4] };
  for (const kind of boardKindNames) {
    await world.makeLive(world.boards[kind]);
    await showsAsText(projector, world.titles[kind]);
    await showsAsText(phone, world.titles[kind]);
    await showsAsText(projector, onProjector[kind]);
    await projector.screenshot({ path: `test-results/xss-${kind}-projector.png` });
    await phone.screenshot({ path: `test-results/xss-${kind}-phone.png`, fullPage: true });
    // Long unbroken payloads wrap: the phone's page does not scroll sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth), `${kind} on the phone`).toBeLessThanOrEqual(390);
    for (const [name, page] of Object.entries(pages)) expect(await injected(page), `${kind} on the ${name}`).toEqual({ flag: null, elements: [] });
  }

  // The console: each board's editor with what participants sent, and its part of the minutes.
  await showsAsText(consolePage, P[1]);
  for (const kind of boardKindNames) {
    await consolePage.locator('button.select').filter({ hasText: world.titles[kind] }).click();
    await consolePage.getByText('Jak to bude v zápisu').click();
    await expect(consolePage.getByRole('heading', { name: world.titles[kind], level: 2 })).toBeVisible();
    // The café's seating lists the names and organisations participants gave.
    if (kind === 'cafe') {
      await consolePage.getByText('Zasedací pořádek').click();
      for (const given of [P[4], P[5], P[6], P[7]]) await showsAsText(consolePage, given);
    }
    await consolePage.screenshot({ path: `test-results/xss-${kind}-console.png`, fullPage: true });
    expect(await injected(consolePage), `${kind} in the console`).toEqual({ flag: null, elements: [] });
  }
  // The minutes page: every board's results at its agenda item, and the writers' names (a payload too) in the presence list.
  await consolePage.goto(`/m/${world.meetingId}/minutes#key=${encodeURIComponent(world.keys.facilitator)}`);
  await consolePage.getByLabel('Vaše jméno').fill(P[6]);
  await consolePage.getByRole('button', { name: 'Uložit jméno' }).click();
  await expect(consolePage.getByRole('list', { name: 'Zápis právě upravují' })).toContainText(P[6]);
  for (const shown of [P[1], P[0], P[12]]) await showsAsText(consolePage, shown);
  await consolePage.screenshot({ path: 'test-results/xss-minutes.png', fullPage: true });
  expect(await injected(consolePage), 'the minutes page').toEqual({ flag: null, elements: [] });
  // The group page, as the administrator who created the group sees it.
  await loginAsAdmin(consolePage);
  await consolePage.goto(`/g/${world.groupId}`);
  await showsAsText(consolePage, P[0]);
  expect(await injected(consolePage)).toEqual({ flag: null, elements: [] });

  // A café table host's tablet: the table's notes as the phones wrote them.
  const links = (await (
    await fetch(`${server.url}/api/meetings/${world.meetingId}/boards/${world.boards.cafe}/tables`, { headers: { 'x-dilna-key': world.keys.facilitator } })
  ).json()) as TableLinks;
  const tablet = await open(
    await (await browser.newContext({ baseURL: server.url, viewport: { width: 1024, height: 768 } })).newPage(),
    `/table/${world.boards.cafe}/${links[0]!.table}#key=${encodeURIComponent(links[0]!.key)}`,
  );
  await showsAsText(tablet, P[2]);
  await tablet.screenshot({ path: 'test-results/xss-table.png' });
  expect(await injected(tablet)).toEqual({ flag: null, elements: [] });

  expect(dialogs).toEqual([]);
  expect(cspViolations).toEqual([]);
});
