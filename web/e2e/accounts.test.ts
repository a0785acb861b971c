import { expect, test, type Browser, type Page } from '@playwright/test';
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

test('the administrator makes a facilitator; the facilitator runs a meeting from any browser; others see nothing', async ({ browser }) => {
  const admin = await laptop(browser);
  // Without a login the groups are not there: the login page is.
  await admin.goto('/');
  await expect(admin.getByRole('heading', { name: 'Přihlášení' })).toBeVisible();
  await expect(admin).toHaveURL(/\/login\?next=%2F$/);
  await expectAccessible(admin);
  await admin.getByLabel('Přihlašovací jméno').fill('admin');
  await admin.getByLabel('Heslo').fill('not the password');
  await admin.getByRole('button', { name: 'Přihlásit se' }).click();
  await expect(admin.getByRole('alert')).toHaveText('Nesprávné přihlašovací jméno nebo heslo.');
  await loginAsAdmin(admin);

  // Accounts.
  await admin.getByRole('link', { name: 'Účty' }).click();
  await expect(admin.getByRole('heading', { name: 'Účty' })).toBeVisible();
  for (const [name, login] of [
    ['Eva Nováková', 'eva'],
    ['Olga Malá', 'olga'],
  ]) {
    await admin.getByLabel('Jméno', { exact: true }).fill(name!);
    await admin.getByLabel('Přihlašovací jméno').fill(login!);
    await admin.getByLabel('Heslo').fill(`${login}-heslo-2026`);
    await admin.getByRole('button', { name: 'Vytvořit' }).click();
    await expect(admin.getByRole('status')).toHaveText(`Účet ${login} je založen.`);
    await expect(admin.getByRole('row', { name: new RegExp(name!) })).toContainText('Aktivní');
  }
  await expectAccessible(admin);

  // A group and its facilitator.
  await admin.getByRole('link', { name: 'Dílna' }).click();
  await admin.getByLabel('Název skupiny').fill('Duševní zdraví');
  await admin.getByRole('button', { name: 'Vytvořit' }).click();
  await expect(admin.getByRole('heading', { name: 'Duševní zdraví' })).toBeVisible();
  const groupUrl = admin.url();
  await admin.getByRole('link', { name: 'Členové skupiny' }).click();
  await expect(admin.getByRole('heading', { name: 'Členové skupiny Duševní zdraví' })).toBeVisible();
  await expect(admin.getByText('Skupina zatím nemá žádné členy.')).toBeVisible();
  await admin.getByLabel('Účet').selectOption({ label: 'Eva Nováková (eva)' });
  await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'Facilitátor' });
  await admin.getByRole('button', { name: 'Přidat do skupiny' }).click();
  await expect(admin.getByLabel('Role: Eva Nováková')).toHaveValue('facilitator');
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Odhlásit se' }).click();
  await expect(admin.getByRole('heading', { name: 'Přihlášení' })).toBeVisible();

  // The facilitator logs in (in the same browser) and creates a meeting.
  await logIn(admin, 'eva', 'eva-heslo-2026');
  const eva = admin;
  await expect(eva.getByRole('textbox', { name: 'Název skupiny' })).toHaveCount(0);
  await eva.getByRole('link', { name: 'Duševní zdraví' }).click();
  await eva.getByLabel('Název setkání').fill('Jarní setkání');
  await eva.getByLabel('Datum a čas').fill('2027-03-10T14:00');
  await eva.getByRole('button', { name: 'Vytvořit' }).click();
  await expect(eva.getByRole('heading', { name: 'Jarní setkání' })).toBeVisible();
  const consoleUrl = eva.url();

  // In another browser the console opens as soon as she logs in: the keys come from the server.
  const evaElsewhere = await laptop(browser);
  await logIn(evaElsewhere, 'eva', 'eva-heslo-2026');
  await evaElsewhere.goto(consoleUrl);
  await expect(evaElsewhere.getByRole('heading', { name: 'Jarní setkání' })).toBeVisible();
  await evaElsewhere.getByLabel('Název aktivity').fill('Co nás trápí');
  await evaElsewhere.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await expect(evaElsewhere.getByRole('heading', { name: 'Co nás trápí', level: 2 })).toBeVisible();
  await expect(eva.getByRole('heading', { name: 'Co nás trápí', level: 2 })).toBeVisible();

  // Someone who is not in the group sees no group, not even at its address, and no meeting.
  const olga = await laptop(browser);
  await logIn(olga, 'olga', 'olga-heslo-2026');
  await expect(olga.getByText('Zatím nejste v žádné pracovní skupině.')).toBeVisible();
  await expect(olga.getByRole('link', { name: 'Duševní zdraví' })).toHaveCount(0);
  await olga.goto(groupUrl);
  await expect(olga.getByText('Tuto skupinu nevidíte')).toBeVisible();
  await olga.goto(consoleUrl);
  await expect(olga.getByText('K tomuto setkání nemáte v tomto prohlížeči přístup.')).toBeVisible();
  await expect(olga.getByRole('heading', { name: 'Jarní setkání' })).toHaveCount(0);
});
