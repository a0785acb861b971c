#!/usr/bin/env node
// Builds the web app when its build is missing or older than its sources, so that
// `npm start` and the e2e tests always serve what is in the work tree.
// Node built-ins only: it runs before anything else is known to be installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const builtIndex = join(root, 'web/build/index.html');
const inputs = [
  'web/src',
  'web/static',
  'shared/src',
  'web/svelte.config.js',
  'web/vite.config.ts',
  'web/phone.html',
  'web/vite.phone.config.ts',
  'web/package.json',
].map((p) => join(root, p));

/** The newest file under `path` (a file or a folder), or null if there is none. */
function newest(path) {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let best = null;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    // Tests are not part of the build: editing one must not trigger a rebuild.
    if (entry.name === 'node_modules' || /\.(test|spec)\.[cm]?[jt]s$/.test(entry.name)) continue;
    const found = newest(join(path, entry.name));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

function needsBuild() {
  if (!existsSync(builtIndex)) return 'web/build/index.html is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  for (const input of inputs) {
    const found = newest(input);
    if (found && found.mtimeMs > builtAt) {
      return `${relative(root, found.path)} is newer than web/build/index.html`;
    }
  }
  return null;
}

const reason = needsBuild();
if (!reason) {
  console.log('[ensure-built] web/build is up to date; not rebuilding.');
  process.exit(0);
}

console.log(`[ensure-built] ${reason}: building the web app (npm run build -w web)…`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Only errors are shown: a user starting the app needs no bundle report.
const result = spawnSync(npm, ['run', 'build', '-w', 'web', '--silent', '--', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
if (result.error) {
  console.error(`[ensure-built] could not run npm: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`[ensure-built] the web build failed (exit ${result.status ?? result.signal}).`);
  process.exit(result.status || 1);
}
if (!existsSync(builtIndex)) {
  console.error('[ensure-built] the build finished but web/build/index.html is still missing.');
  process.exit(1);
}
console.log('[ensure-built] web app built into web/build.');
