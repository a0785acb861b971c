import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AT_END, addNode, headText, readTree } from '@dilna/shared/boards/fishbone/index';
import { ServerProcess, expectAccessible, loginAsAdmin, phoneContext, screenshotsAs } from './harness.ts';

let server: ServerProcess;

const snapshot = screenshotsAs('fishbone');

test.beforeEach(async () => {
  server = await ServerProcess.start();
});

test.afterEach(async () => {
  await server.stop();
});

/** Creates a meeting with a fishbone board through the console; returns what the other roles need. */
async function createFishbone(browser: Browser) {
  const facilitator = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1000 } })).newPage();
  await loginAsAdmin(facilitator);
  await facilitator.getByLabel('Název skupiny').fill('Zaměstnanci v sociálních službách');
  await facilitator.getByRole('button', { name: 'Vytvořit' }).click();
  await facilitator.getByLabel('Název setkání').fill('Pracovní skupina');
  await facilitator.getByLabel('Datum a čas').fill('2026-12-01T13:00');
  await facilitator.getByRole('button', { name: 'Vytvořit' }).click();
  await facilitator.getByLabel('Druh aktivity').selectOption({ label: 'Rybí kost (Ishikawa)' });
  await facilitator.getByLabel('Název aktivity').fill('Motivace');
  await facilitator.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await expect(facilitator.getByRole('textbox', { name: 'Kategorie: Lidé' })).toBeVisible();
  const code = (await facilitator.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  const screenUrl = (await facilitator.getByRole('link', { name: 'Otevřít projektor' }).getAttribute('href'))!;
  const editorUrl = await facilitator.getByLabel('Zapisovatel / editor').inputValue();
  return { facilitator, code, screenUrl, editorUrl: editorUrl.replace(/^https?:\/\/[^/]+/, server.url) };
}

/** The outline's lines in order, as their accessible names say them (level and text). */
const outlineOf = (page: Page) =>
  page
    .getByRole('region', { name: 'Kategorie a příčiny' })
    .getByRole('textbox')
    .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('aria-label')));

/** An editor's Yjs client on the meeting's board, through the editor's link (to write a tree at once). */
async function editorClient(editorUrl: string): Promise<{ doc: Y.Doc; editor: WebsocketProvider }> {
  const link = new URL(editorUrl);
  const key = new URLSearchParams(link.hash.slice(1)).get('key')!;
  const meeting = (await (await fetch(`${server.url}/api/meetings${link.pathname.slice(2)}`, { headers: { 'x-dilna-key': key } })).json()) as {
    boards: { id: string }[];
  };
  const doc = new Y.Doc();
  const editor = new WebsocketProvider(`ws://localhost:${server.port}/yjs`, `board:${meeting.boards[0]!.id}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { key },
    disableBc: true,
  });
  await expect.poll(() => readTree(doc).categories.length).toBeGreaterThan(0);
  return { doc, editor };
}

interface TextBox {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where the drawing's texts are on the screen, each with its lines joined by spaces. */
const textBoxes = (texts: Locator): Promise<TextBox[]> =>
  texts.evaluateAll((elements) =>
    elements.map((t) => {
      const { left, top, right, bottom } = t.getBoundingClientRect();
      const lines = [...t.querySelectorAll('tspan')].map((line) => line.textContent);
      return { text: lines.length ? lines.join(' ') : (t.textContent ?? ''), left, top, right, bottom };
    }),
  );

/** The pairs of boxes that overlap, by their texts. */
const overlaps = (boxes: TextBox[]) =>
  boxes.flatMap((a, i) =>
    boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.text} × ${b.text}`),
  );

/** The median height of one line of the drawing's texts, in screen pixels. */
const medianLineHeight = (texts: Locator): Promise<number> =>
  texts.evaluateAll((elements) => {
    const heights = elements.map((t) => t.getBoundingClientRect().height / Math.max(1, t.querySelectorAll('tspan').length)).sort((a, b) => a - b);
    return heights[Math.floor(heights.length / 2)]!;
  });

async function openProjector(browser: Browser, screenUrl: string): Promise<Page> {
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(screenUrl);
  return projector;
}

test('keyboard editing builds the tree, editors see each other, and a phone’s suggestion is accepted into it', async ({ browser }) => {
  const { facilitator, code, screenUrl, editorUrl } = await createFishbone(browser);
  await facilitator.getByLabel('Hlava ryby: problém nebo cíl').fill('Motivovaný zaměstnanec');

  // Enter adds a line, Tab indents it, Shift+Tab outdents; a fourth level is refused.
  await facilitator.getByRole('textbox', { name: 'Kategorie: Lidé' }).click();
  await facilitator.keyboard.press('End');
  for (const [keys, text] of [
    [['Enter', 'Tab'], 'Málo uznání'],
    [['Enter', 'Tab'], 'Chybí zpětná vazba'],
    [['Enter', 'Tab'], 'Porady jen o provozu'],
    [['Enter', 'Tab'], 'Příliš hluboko'],
    [['Enter', 'Shift+Tab', 'Shift+Tab'], 'Vyhoření'],
  ] as const) {
    for (const key of keys) await facilitator.keyboard.press(key);
    await facilitator.keyboard.type(text);
    if (text === 'Příliš hluboko') {
      await expect(facilitator.getByText('Sem odsadit nelze: příčiny jdou nejvýš do tří úrovní.')).toBeAttached();
    }
  }
  await facilitator.keyboard.press('Alt+ArrowUp');
  const built = [
    'Kategorie: Lidé',
    'Příčina 1. úrovně: Vyhoření',
    'Příčina 1. úrovně: Málo uznání',
    'Příčina 2. úrovně: Chybí zpětná vazba',
    'Příčina 3. úrovně: Porady jen o provozu',
    'Příčina 3. úrovně: Příliš hluboko',
    'Kategorie: Metody',
  ];
  await expect.poll(() => outlineOf(facilitator).then((o) => o.slice(0, 7))).toEqual(built);
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 1. úrovně: Vyhoření' })).toBeFocused();

  // Delete on an empty line removes it; undo and redo are this user's own.
  await facilitator.getByRole('textbox', { name: 'Příčina 3. úrovně: Příliš hluboko' }).click();
  await facilitator.keyboard.press('ControlOrMeta+a');
  await facilitator.keyboard.press('Backspace');
  await facilitator.keyboard.press('Backspace');
  await expect.poll(() => outlineOf(facilitator).then((o) => o.slice(0, 6))).toEqual([...built.slice(0, 5), 'Kategorie: Metody']);
  // Undo takes back one step at a time: the removal, then the deleted text; redo does them again.
  await facilitator.keyboard.press('ControlOrMeta+z');
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 3. úrovně:', exact: true })).toBeFocused();
  await facilitator.keyboard.press('ControlOrMeta+z');
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 3. úrovně: Příliš hluboko' })).toBeVisible();
  await facilitator.keyboard.press('ControlOrMeta+Shift+z');
  await facilitator.keyboard.press('ControlOrMeta+Shift+z');
  await expect(facilitator.getByRole('textbox', { name: /Příliš hluboko|^Příčina 3. úrovně:$/ })).toHaveCount(0);
  await expectAccessible(facilitator);

  // Drag and drop: Vyhoření goes into Prostředí.
  const row = (name: string) => facilitator.getByRole('group').filter({ has: facilitator.getByRole('textbox', { name, exact: true }) });
  await row('Příčina 1. úrovně: Vyhoření').locator('[draggable="true"]').dragTo(row('Kategorie: Prostředí'));
  await expect.poll(() => outlineOf(facilitator).then((o) => o.slice(-2))).toEqual(['Kategorie: Prostředí', 'Příčina 1. úrovně: Vyhoření']);
  // Tab indents, so Esc first lets the keyboard leave the outline.
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 1. úrovně: Vyhoření' })).toBeFocused();
  await facilitator.keyboard.press('Escape');
  await facilitator.keyboard.press('Tab');
  await expect(facilitator.getByText('Konec osnovy')).toBeFocused();

  // The secretary opens her link: each sees where the other is, and her typing arrives.
  const editor = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await editor.goto(editorUrl);
  await editor.getByRole('textbox', { name: 'Příčina 1. úrovně: Málo uznání' }).click();
  await expect(row('Příčina 1. úrovně: Málo uznání').getByText('Zapisovatel')).toBeVisible();
  await editor.keyboard.press('End');
  await editor.keyboard.type(' od vedení');
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 1. úrovně: Málo uznání od vedení' })).toBeVisible();
  await facilitator.getByRole('textbox', { name: 'Kategorie: Metody' }).click();
  await expect(
    editor.getByRole('group').filter({ has: editor.getByRole('textbox', { name: 'Kategorie: Metody' }) }).getByText('Facilitátor'),
  ).toBeVisible();

  // A participant suggests a cause from the phone; the facilitator accepts it under a chosen cause.
  await facilitator.getByRole('button', { name: 'Spustit: Motivace' }).click();
  await facilitator.getByRole('button', { name: 'Otevřít hlasování: Motivace' }).click();
  // Going live and opening keep the room and this user's undo history.
  await expect(facilitator.getByRole('button', { name: 'Zpět', exact: true })).toBeEnabled();
  const projector = await openProjector(browser, screenUrl);
  await expect(projector.locator('svg text', { hasText: 'Motivovaný' })).toBeVisible();
  const phone = await (await phoneContext(browser, server.url)).newPage();
  await phone.goto(`/join?code=${code}`);
  await phone.getByRole('radio', { name: 'Lidé' }).check();
  await expect(phone.getByRole('heading', { name: 'V kategorii Lidé už je' })).toBeVisible();
  await phone.getByLabel('Vaše příčina').fill('Nikdo nepoděkuje');
  await expectAccessible(phone);
  await phone.getByRole('button', { name: 'Navrhnout příčinu' }).click();
  await expect(phone.getByText('Odesláno. Facilitátor návrh zařadí.')).toBeVisible();
  await expect(phone.getByText('Můžete navrhnout ještě 4 příčiny.')).toBeVisible();

  const queue = facilitator.getByRole('region', { name: /Návrhy z telefonů/ });
  await expect(queue.getByRole('heading')).toHaveText('Návrhy z telefonů: 1 čeká');
  await expect(queue.getByLabel('Text příčiny')).toHaveValue('Nikdo nepoděkuje');
  await expect(queue.getByLabel('Zařadit pod')).toHaveValue(/.+/);
  await queue.getByLabel('Text příčiny').fill('Nikdo za práci nepoděkuje');
  await queue.getByLabel('Zařadit pod').selectOption({ label: '\u2003Málo uznání od vedení' });
  await expectAccessible(facilitator);
  await queue.getByRole('button', { name: 'Přijmout' }).click();
  await expect(queue.getByText('1 návrh přijat.')).toBeVisible();
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 2. úrovně: Nikdo za práci nepoděkuje' })).toBeVisible();
  // (A label's wrapped lines are separate tspans, so the drawing is matched by a word.)
  await expect(projector.locator('svg text', { hasText: 'Nikdo' })).toBeVisible();
  await expect(phone.getByText('Nikdo za práci nepoděkuje', { exact: true })).toBeVisible();
  await expectAccessible(projector);
});

test('the projector draws 6 bones × 8 causes × 3 levels with every label visible and none overlapping; SVG and PNG download', async ({
  browser,
}) => {
  const { facilitator, screenUrl, editorUrl } = await createFishbone(browser);
  await facilitator.getByRole('button', { name: 'Spustit: Motivace' }).click();

  // An editor's Yjs client writes the big tree at once, as the outliner would line by line.
  const { doc, editor } = await editorClient(editorUrl);
  await expect.poll(() => readTree(doc).categories.length).toBe(6);
  const causes = ['Nízké mzdy v přímé péči', 'Chybí supervize', 'Málo času na klienty', 'Drahé kurzy', 'Vyhoření', 'Nejasné kompetence', 'Porady jen o provozu', 'Chybí zpětná vazba od vedení'];
  doc.transact(() => {
    headText(doc).insert(0, 'Motivovaný zaměstnanec v sociálních službách');
    readTree(doc).categories.forEach((category, c) =>
      causes.forEach((text, i) => {
        const first = addNode(doc, category.id, AT_END, text)!;
        const second = addNode(doc, first, AT_END, causes[(i + c + 3) % causes.length]!)!;
        addNode(doc, second, AT_END, causes[(i + c + 5) % causes.length]!);
      }),
    );
  });

  const projector = await openProjector(browser, screenUrl);
  const labels = projector.locator('svg text');
  await expect(labels).toHaveCount(1 + 6 + 6 * 8 * 3);
  const boxes = await textBoxes(labels);
  const viewport = projector.viewportSize()!;
  for (const box of boxes) {
    expect(box.left >= 0 && box.top >= 0 && box.right <= viewport.width && box.bottom <= viewport.height, `${box.text} on screen`).toBe(true);
    expect(box.right - box.left, `${box.text} has width`).toBeGreaterThan(0);
  }
  const overlapping = overlaps(boxes);
  expect(overlapping).toEqual([]);
  await expectAccessible(projector);

  // 144 causes on one screen are small: the facilitator shows the categories one at a time, large.
  const wholeLine = await medianLineHeight(labels);
  const firstCategory = readTree(doc).categories[0]!.text;
  await facilitator.getByLabel('Na plátně ukázat').selectOption({ label: `Jen kategorii ${firstCategory}` });
  await expect(projector.getByText(`Detail kategorie ${firstCategory} (1 z 6)`)).toBeVisible();
  await expect(labels).toHaveCount(1 + 1 + 8 * 3);
  expect(overlaps(await textBoxes(labels))).toEqual([]);
  expect(await medianLineHeight(labels)).toBeGreaterThan(1.8 * wholeLine);
  await expectAccessible(projector);
  await expectAccessible(facilitator);
  await facilitator.getByLabel('Na plátně ukázat').selectOption({ label: 'Celý diagram' });
  await expect(labels).toHaveCount(1 + 6 + 6 * 8 * 3);

  // The facilitator downloads the drawing.
  const [svgDownload] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'Stáhnout SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toBe('rybi-kost.svg');
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Drahé kurzy');
  const [pngDownload] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'Stáhnout PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toBe('rybi-kost.png');
  const png = readFileSync((await pngDownload.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(3840);
  editor.destroy();
});

test('phones vote on the causes with dots; the facilitator reveals; the projector shows the dots and the root causes; the minutes mark them', async ({
  browser,
}) => {
  const { facilitator, code, screenUrl, editorUrl } = await createFishbone(browser);
  const { doc, editor } = await editorClient(editorUrl);
  doc.transact(() => {
    headText(doc).insert(0, 'Motivovaný zaměstnanec');
    const [people, methods] = readTree(doc).categories.map((c) => c.id) as [string, string];
    const salaries = addNode(doc, people, AT_END, 'Nízké mzdy')!;
    addNode(doc, addNode(doc, salaries, AT_END, 'Tabulkové tarify')!, AT_END, 'Chybí osobní ohodnocení');
    addNode(doc, people, AT_END, 'Vyhoření');
    addNode(doc, methods, AT_END, 'Drahé kurzy');
    addNode(doc, methods, AT_END, 'Chybí supervize');
  });
  await expect(facilitator.getByRole('textbox', { name: 'Příčina 3. úrovně: Chybí osobní ohodnocení' })).toBeVisible();

  // The facilitator sets up the vote: two dots each, the two causes with the most dots are the root causes.
  const voting = facilitator.getByRole('region', { name: 'Hlasování o hlavních příčinách' });
  await voting.getByLabel('Teček na účastníka').fill('2');
  await voting.getByLabel('Teček na účastníka').press('Tab');
  await voting.getByLabel('Hlavní příčiny: kolik s nejvíce tečkami').fill('2');
  await voting.getByLabel('Hlavní příčiny: kolik s nejvíce tečkami').press('Tab');
  await facilitator.getByRole('button', { name: 'Spustit: Motivace' }).click();
  const projector = await openProjector(browser, screenUrl);
  const phones: Page[] = [];
  for (let i = 0; i < 3; i++) {
    const phone = await (await phoneContext(browser, server.url)).newPage();
    await phone.goto(`/join?code=${code}`);
    await expect(phone.getByRole('heading', { name: 'Motivace' })).toBeVisible();
    phones.push(phone);
  }
  const [anna, boris, cyril] = phones as [Page, Page, Page];
  await expect(anna.getByRole('button', { name: 'Nízké mzdy' })).toHaveCount(0);
  await voting.getByRole('button', { name: 'Spustit hlasování o příčinách' }).click();
  await expect(voting.getByText('Hlasování běží.')).toBeVisible();

  // Each phone sees the causes by category, indented by level, and its dots left.
  const cause = (phone: Page, text: string) => phone.getByRole('button', { name: text });
  await expect(anna.getByTestId('dots-left')).toHaveText(/Zbývají vám 2 tečky\./);
  // Each cause with how many lists it stands in: sub-causes in their cause's list.
  const nesting = await anna
    .getByRole('region', { name: 'Lidé' })
    .getByRole('button')
    .evaluateAll((buttons) =>
      buttons.map((button) => {
        let lists = 0;
        for (let at = button.parentElement; at; at = at.parentElement) if (at.tagName === 'UL') lists++;
        return [button.textContent!.replace(/[○●]/g, '').trim(), lists];
      }),
    );
  expect(nesting).toEqual([
    ['Nízké mzdy', 1],
    ['Tabulkové tarify', 2],
    ['Chybí osobní ohodnocení', 3],
    ['Vyhoření', 1],
  ]);
  await expectAccessible(anna);
  await snapshot(anna, 'phone-ballot');
  for (const [phone, texts] of [
    [anna, ['Nízké mzdy', 'Vyhoření']],
    [boris, ['Nízké mzdy', 'Vyhoření']],
    [cyril, ['Nízké mzdy', 'Chybí osobní ohodnocení']],
  ] as const) {
    for (const text of texts) {
      await cause(phone, text).click();
      await expect(cause(phone, text)).toHaveAttribute('aria-pressed', 'true');
    }
  }
  await expect(anna.getByTestId('dots-left')).toHaveText(/Rozdali jste všechny tečky/);
  await expect(cause(anna, 'Drahé kurzy')).toBeDisabled();
  // Cyril takes one back and places it elsewhere; suggesting a cause still works beside the vote.
  await cause(cyril, 'Chybí osobní ohodnocení').click();
  await expect(cause(cyril, 'Chybí osobní ohodnocení')).toHaveAttribute('aria-pressed', 'false');
  await cause(cyril, 'Drahé kurzy').click();
  await expect(cause(cyril, 'Drahé kurzy')).toHaveAttribute('aria-pressed', 'true');
  await cyril.getByRole('radio', { name: 'Metody' }).check();
  await cyril.getByLabel('Vaše příčina').fill('Chybí kariérní řád');
  await cyril.getByRole('button', { name: 'Navrhnout příčinu' }).click();
  await expect(cyril.getByText('Odesláno. Facilitátor návrh zařadí.')).toBeVisible();
  await expect(facilitator.getByRole('region', { name: /Návrhy z telefonů/ }).getByLabel('Text příčiny')).toHaveValue('Chybí kariérní řád');

  // Before the reveal the projector shows who took part, not the dots; the console has them.
  await expect(projector.getByText('Hlasovali 3 účastníci. Výsledky se ukážou po odhalení.')).toBeVisible();
  await expect(projector.locator('svg text[data-votes]')).toHaveCount(0);
  await expect(voting.getByTestId('cause-dots')).toHaveText(['3', '0', '0', '2', '1', '0']);
  await expectAccessible(projector);

  await voting.getByRole('button', { name: 'Odhalit výsledky' }).click();
  await expect(projector.getByText('Hlasovali 3 účastníci. Číslo u příčiny je počet teček; hlavní příčiny jsou zvýrazněné.')).toBeVisible();
  await expect(projector.locator('svg text[data-votes]')).toHaveCount(3);
  // Each badge stands right before its cause's label in the drawing.
  const drawn = await projector.locator('svg text').evaluateAll((texts) =>
    texts.flatMap((t, i) => {
      const votes = texts[i - 1]?.hasAttribute('data-votes') ? texts[i - 1]!.textContent : null;
      const lines = [...t.querySelectorAll('tspan')].map((line) => line.textContent).join(' ');
      return t.getAttribute('data-label') === 'cause' ? [[lines, votes, t.hasAttribute('data-root-cause')]] : [];
    }),
  );
  expect(drawn).toEqual([
    ['Nízké mzdy', '3', true],
    ['Tabulkové tarify', null, false],
    ['Chybí osobní ohodnocení', null, false],
    ['Vyhoření', '2', true],
    ['Drahé kurzy', '1', false],
    ['Chybí supervize', null, false],
  ]);
  expect(overlaps(await textBoxes(projector.locator('svg text')))).toEqual([]);
  await expectAccessible(projector);
  await snapshot(projector, 'projector-revealed');

  // Phones see the dots and the root causes too.
  await expect(cause(boris, 'Nízké mzdy')).toHaveAccessibleName('Nízké mzdy hlavní příčina 3 tečky');
  await expect(cause(boris, 'Drahé kurzy')).toHaveAccessibleName('Drahé kurzy 1 tečka');
  await expectAccessible(boris);
  await snapshot(boris, 'phone-revealed');

  // The facilitator ends the vote and marks one more root cause by hand; the minutes mark them with ⚫.
  await voting.getByRole('button', { name: 'Ukončit hlasování o příčinách' }).click();
  await expect(anna.getByText('Hlasování o příčinách je ukončené.')).toBeVisible();
  await expect(cause(anna, 'Nízké mzdy')).toBeDisabled();
  await voting.getByLabel('Hlavní příčina: Chybí supervize').selectOption('yes');
  await expect(projector.locator('svg text[data-root-cause]')).toHaveCount(3);
  const minutes = facilitator.getByRole('region', { name: 'Výsledky a zápis' });
  await minutes.getByText('Jak to bude v zápisu').click();
  await expect(minutes.getByRole('listitem').filter({ hasText: '⚫' })).toHaveText([/^Nízké mzdy ⚫/, 'Vyhoření ⚫ (prioritní)', 'Chybí supervize ⚫ (prioritní)']);
  await expect(minutes.getByRole('table').getByRole('row')).toHaveText([
    'PořadíPříčinaKategorieTečky',
    '1.Nízké mzdyLidé3',
    '2.VyhořeníLidé2',
    '4.–6.Chybí supervizeMetody0',
  ]);
  await expectAccessible(facilitator);
  await snapshot(facilitator, 'console-voting');
  editor.destroy();
});
