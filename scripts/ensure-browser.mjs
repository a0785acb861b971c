#!/usr/bin/env node
// Makes sure a Chromium for the Playwright tests exists and writes its path to
// .cache/chromium-path, which playwright.config.ts reads (env CHROMIUM_PATH wins there too).
//
// Order: $CHROMIUM_PATH; Playwright's own Chromium if already downloaded; a short try at
// `playwright install chromium` (fails at once where only package registries are
// reachable); Debian's /usr/bin/chromium; as root, `apt-get install chromium`.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cacheDir = join(root, '.cache');
const outFile = join(cacheDir, 'chromium-path');
const INSTALL_TIMEOUT_MS = 50_000;

const log = (msg) => console.log(`[ensure-browser] ${msg}`);

function isExecutable(path) {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function playwrightChromium() {
  for (const pkg of ['playwright-core', '@playwright/test']) {
    try {
      const mod = await import(pkg);
      const chromium = mod.chromium ?? mod.default?.chromium;
      const path = chromium?.executablePath();
      if (path) return path;
    } catch {
      // not installed (or too old to know its path): try the next one
    }
  }
  return null;
}

/**
 * Runs a command with a hard time limit, killing its whole process group when it is
 * exceeded, and prints what it said without repeats.
 */
function run(cmd, args, timeoutMs) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const collect = (chunk) => {
      if (output.length < 1_000_000) output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      log(`${cmd} ${args.join(' ')}: no result after ${timeoutMs / 1000} s, stopping it.`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      log(`could not run ${cmd}: ${err.message}`);
      done(false);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // Playwright retries each download and prints a stack trace each time: show each line once.
      // eslint-disable-next-line no-control-regex -- strips terminal colour codes
      const lines = output.split(/\r?\n/).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim());
      const distinct = [...new Set(lines.filter((l) => l && !l.startsWith('at ') && !/^[{}]|^\w+: .*,$|^\w+: '[^']*'$/.test(l)))];
      for (const line of distinct.slice(-8)) log(`  ${line}`);
      done(code === 0);
    });
  });
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function systemChromium() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(isExecutable) ?? null;
}

function choose(path, how) {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(outFile, path);
  const version = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  const said = version.status === 0 ? ` (${version.stdout.trim()})` : '';
  log(`using ${how}: ${path}${said}`);
  log(`wrote ${outFile}`);
  process.exit(0);
}

// 1. An explicit choice.
const fromEnv = process.env.CHROMIUM_PATH;
if (fromEnv) {
  if (isExecutable(fromEnv)) choose(fromEnv, 'CHROMIUM_PATH');
  log(`CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere.`);
}

// 2. Playwright's own build, if it was downloaded before.
const ownPath = await playwrightChromium();
if (isExecutable(ownPath)) choose(ownPath, "Playwright's Chromium");

// 3. Try to download Playwright's build (needs its CDN; fails fast without it).
if (ownPath) {
  const localCli = join(root, 'node_modules/.bin/playwright');
  const [cmd, args] = existsSync(localCli)
    ? [localCli, ['install', 'chromium']]
    : ['npx', ['--no-install', 'playwright', 'install', 'chromium']];
  log(`Playwright's Chromium is not downloaded; trying \`playwright install chromium\` (at most ${INSTALL_TIMEOUT_MS / 1000} s)…`);
  if ((await run(cmd, args, INSTALL_TIMEOUT_MS)) && isExecutable(ownPath)) {
    choose(ownPath, "Playwright's Chromium (just downloaded)");
  }
  log('could not download Playwright\'s Chromium; looking for a system one.');
}

// 4. The distribution's Chromium.
const system = systemChromium();
if (system) choose(system, 'the system Chromium');

// 5. As root with apt: install Debian's.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && commandExists('apt-get')) {
  log('no Chromium found; installing Debian\'s (apt-get update && apt-get install -y chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { stdio: ['ignore', 'inherit', 'inherit'], env };
  const updated = spawnSync('apt-get', ['update'], opts).status === 0;
  const installed = updated && spawnSync('apt-get', ['install', '-y', 'chromium'], opts).status === 0;
  const path = systemChromium();
  if (installed && path) choose(path, "Debian's Chromium (just installed)");
  log('apt-get could not install chromium.');
}

console.error(
  [
    '[ensure-browser] No Chromium for the browser tests was found, and none could be installed.',
    'Do one of these, then run again:',
    '  - Debian/Ubuntu: sudo apt-get install chromium   (or chromium-browser)',
    '  - with internet access: npx playwright install chromium',
    '  - point CHROMIUM_PATH at a Chromium or Chrome executable',
  ].join('\n'),
);
process.exit(1);
