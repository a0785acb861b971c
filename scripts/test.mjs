#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure:
// typecheck, lint, unit + integration tests (Vitest), web build, browser, e2e (Playwright).
// Each step's output streams live. The last line is `N passed, N failed[, N skipped]`
// over Vitest and Playwright together: CI reads that line, so nothing may follow it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cacheDir = join(root, '.cache');
const vitestJson = join(cacheDir, 'vitest-results.json');
const playwrightJson = join(cacheDir, 'playwright-results.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

mkdirSync(cacheDir, { recursive: true });
// Stale results must never be counted as this run's.
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const counts = { passed: 0, failed: 0, skipped: 0 };
/** @type {{ name: string, status: string, seconds: number }[]} */
const results = [];

/**
 * Runs one command with its output streaming to ours. With `capture`, the output is
 * also kept (its last 64 KiB) so that the caller can read it.
 */
function run(cmd, args, { env = {}, capture = false } = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let output = '';
    if (capture) {
      const keep = (stream) => (chunk) => {
        stream.write(chunk);
        output = (output + chunk).slice(-65_536);
      };
      child.stdout.on('data', keep(process.stdout));
      child.stderr.on('data', keep(process.stderr));
    }
    child.on('error', (err) => {
      console.error(`[test] could not start ${cmd}: ${err.message}`);
      done({ code: 127, output });
    });
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest() {
  const report = readJson(vitestJson);
  if (!report) return false;
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return true;
}

function countPlaywright() {
  const report = readJson(playwrightJson);
  if (!report?.stats) return false;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  // A flaky test failed first and then passed on a retry: it passed.
  counts.passed += expected + flaky;
  counts.failed += unexpected;
  counts.skipped += skipped;
  return true;
}

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); // eslint-disable-line no-control-regex

const playwrightConfig = ['ts', 'mts', 'js', 'mjs', 'cjs', 'cts']
  .map((ext) => join(root, `playwright.config.${ext}`))
  .find((path) => existsSync(path));

/** @type {{ name: string, run: () => Promise<string | null> }[]} Each returns null when it passed, else why not. */
const steps = [
  {
    name: 'typecheck (npm run check)',
    run: async () => ((await run(npm, ['run', 'check'])).code === 0 ? null : 'type errors'),
  },
  {
    name: 'lint (npm run lint)',
    run: async () => ((await run(npm, ['run', 'lint'])).code === 0 ? null : 'lint errors or warnings'),
  },
  {
    name: 'unit and integration tests (vitest)',
    run: async () => {
      const { code } = await run(npx, [
        '--no',
        'vitest',
        'run',
        '--passWithNoTests',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${relative(root, vitestJson)}`,
      ]);
      const counted = countVitest();
      if (code === 0) return counted ? null : 'vitest passed but wrote no JSON report';
      return 'vitest failed';
    },
  },
  {
    name: 'web build (scripts/ensure-built.mjs)',
    run: async () => ((await run(process.execPath, ['scripts/ensure-built.mjs'])).code === 0 ? null : 'web build failed'),
  },
  {
    name: 'browser (scripts/ensure-browser.mjs)',
    run: async () => ((await run(process.execPath, ['scripts/ensure-browser.mjs'])).code === 0 ? null : 'no Chromium'),
  },
  {
    name: 'end-to-end tests (playwright)',
    run: async () => {
      if (!playwrightConfig) {
        // Without a config Playwright would collect every *.test.ts in the repo (Vitest's).
        console.log('[test] no playwright.config.* at the root yet: 0 end-to-end tests.');
        return null;
      }
      const { code, output } = await run(npx, ['--no', 'playwright', 'test', '--reporter=list,json'], {
        env: {
          PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
          ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
        },
        capture: true,
      });
      const counted = countPlaywright();
      if (code === 0) return null;
      // Playwright exits 1 when it finds no test at all: that is zero tests, not a failure.
      if (/No tests found/i.test(stripAnsi(output)) && counts.failed === 0) {
        console.log('[test] Playwright found no tests: counting 0 end-to-end tests.');
        return null;
      }
      return counted ? 'playwright tests failed' : 'playwright failed before reporting';
    },
  },
];

let failure = null;
for (const step of steps) {
  console.log(`\n[test] ━━ ${step.name} ━━`);
  const started = Date.now();
  let reason;
  try {
    reason = await step.run();
  } catch (err) {
    reason = `crashed: ${err instanceof Error ? err.message : String(err)}`;
  }
  const seconds = (Date.now() - started) / 1000;
  results.push({ name: step.name, status: reason ? `FAILED: ${reason}` : 'ok', seconds });
  if (reason) {
    failure = step.name;
    break;
  }
}
for (const step of steps.slice(results.length)) results.push({ name: step.name, status: 'not run', seconds: 0 });

console.log('\n[test] ━━ summary ━━');
for (const r of results) {
  const time = r.status === 'not run' ? '' : ` (${r.seconds.toFixed(1)} s)`;
  console.log(`  ${r.status === 'ok' ? '✔' : r.status === 'not run' ? '·' : '✘'} ${r.name}: ${r.status}${time}`);
}
console.log(failure ? `[test] stopped at: ${failure}` : '[test] all steps passed');
console.log(
  `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`,
);
process.exitCode = failure ? 1 : 0;
