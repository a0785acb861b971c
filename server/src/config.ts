import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppConfig {
  /** Folder of the SQLite database and the cookie secret. */
  dataDir: string;
  /** The built web app, served as static files; null serves the API only. */
  webDir: string | null;
  /** Secret that signs participants' cookies. */
  cookieSecret: string;
  /** Base URL participants are sent to (QR code), when the LAN address is not the right one. */
  publicUrl: string | null;
  /** Yjs docs unload this long after their last user leaves. */
  docIdleUnloadMs?: number;
  /** An open board that changed is kept for replay this often (default three minutes). */
  snapshotIntervalMs?: number;
  /** Origins besides the server's own whose pages may open WebSockets (e.g. a reverse proxy's public name). */
  allowedOrigins?: string[];
  /** The administrator's password on the first start; null makes one up and prints it once. */
  adminPassword: string | null;
  /** Session cookies only over https, also when a proxy in front speaks https and this server plain http. */
  cookieSecure: boolean;
  /** How long a login lasts. */
  sessionMaxAgeMs?: number;
  /** How often a login's open Yjs connections are checked against its access now (default 15 s). */
  yjsAccessCheckMs?: number;
  /** The time the retention of participants' records goes by (tests move it). */
  clock?: () => Date;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultWebDir = join(repoRoot, 'web/build');

/** The cookie secret lives in the data folder so that cookies survive restarts. */
function loadSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function configFromEnv(env: NodeJS.ProcessEnv): AppConfig & { port: number; host: string } {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    webDir: env.WEB_DIR ? resolve(env.WEB_DIR) : defaultWebDir,
    cookieSecret: env.DILNA_SECRET ?? loadSecret(dataDir),
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    adminPassword: env.ADMIN_PASSWORD || null,
    cookieSecure: env.COOKIE_SECURE === 'true',
  };
}
