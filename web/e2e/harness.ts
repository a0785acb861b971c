import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The administrator's password of every e2e server (ADMIN_PASSWORD). */
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

/**
 * The real server as `npm start` runs it, in its own process with its own data folder, so a
 * test can kill it the hard way (SIGKILL) and start it again on the same port and data.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private adminSession: { cookie: string; csrfToken: string } | null = null;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'dilna-e2e-')));
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async launch(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        PUBLIC_URL: '',
        ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.output}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${this.output}`);
  }

  /** Calls the API as the administrator (logged in once), for what a test prepares without the browser. */
  async asAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.adminSession) {
      const res = await fetch(`${this.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password: E2E_ADMIN_PASSWORD }),
      });
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      this.adminSession = { cookie: /dilna_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0], csrfToken };
    }
    const res = await fetch(`${this.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.adminSession.cookie, 'x-dilna-csrf': this.adminSession.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Kills the process without any chance to flush or close (a crash or a pulled plug). */
  async crash(): Promise<void> {
    const child = this.child!;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    // A server that ended by itself mid-test is a failure of its own: say what it printed.
    const died = this.child && (this.child.exitCode !== null || this.child.signalCode !== null);
    if (this.child) await this.crash();
    rmSync(this.dataDir, { recursive: true, force: true });
    if (died) throw new Error(`the server exited during the test:\n${this.output}`);
  }
}

/** A phone as participants hold it: 390×844, touch, a mobile browser. */
export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  });
}

/** WCAG 2.1 AA check of what the page shows now: no violation is acceptable. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Logs in on the login page (where any page of groups leads) and waits for the list of groups. */
export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Přihlašovací jméno').fill(login);
  await page.getByLabel('Heslo').fill(password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await expect(page.getByRole('heading', { name: 'Pracovní skupiny' })).toBeVisible();
}

export const loginAsAdmin = (page: Page) => logIn(page, 'admin', E2E_ADMIN_PASSWORD);

/**
 * Logs in as the administrator, creates a group and a meeting through the UI, adds one board of `kind` (as the console names it)
 * and returns the join code and the projector's link. Checks accessibility of each page on the way.
 */
export async function createMeetingWithBoard(
  page: Page,
  board: { title: string; kind?: string },
): Promise<{ code: string; screenUrl: string }> {
  await loginAsAdmin(page);
  await expectAccessible(page);
  await page.getByLabel('Název skupiny').fill('Duševní zdraví');
  await page.getByRole('button', { name: 'Vytvořit' }).click();

  await expect(page.getByRole('heading', { name: 'Duševní zdraví' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Název setkání').fill('Setkání pracovní skupiny');
  await page.getByLabel('Datum a čas').fill('2026-12-01T13:00');
  await page.getByLabel('Místo').fill('Fokus Liberec');
  await page.getByRole('button', { name: 'Vytvořit' }).click();

  await expect(page.getByRole('heading', { name: 'Setkání pracovní skupiny' })).toBeVisible();
  await expect(page.getByText('1. prosince 2026 v 13:00, Fokus Liberec')).toBeVisible();
  if (board.kind) await page.getByLabel('Druh aktivity').selectOption({ label: board.kind });
  await page.getByLabel('Název aktivity').fill(board.title);
  await page.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await expect(page.getByRole('heading', { name: board.title, level: 2 })).toBeVisible();
  await expectAccessible(page);

  const code = (await page.getByTestId('join-code').textContent())!.replace(/\D/g, '');
  expect(code).toMatch(/^\d{6}$/);
  const screenUrl = (await page.getByRole('link', { name: 'Otevřít projektor' }).getAttribute('href'))!;
  return { code, screenUrl };
}

/** With E2E_SCREENSHOTS=<folder>, each view a spec names is saved there as `<prefix>-<name>.png` to look at. */
export function screenshotsAs(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    const folder = process.env.E2E_SCREENSHOTS;
    if (folder) await page.screenshot({ path: join(folder, `${prefix}-${name}.png`), fullPage: true });
  };
}
