// ESLint 9 flat config for the whole monorepo. Rules come from typescript-eslint's
// non-type-checked recommended set (type-aware linting would double the time of
// `npm run lint`; `npm run check` already runs the compiler) and the Svelte plugin's
// recommended set.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// The web workspace may not have its svelte.config.js yet (or at all on a partial
// checkout): lint still works without it, and picks it up once it exists.
const svelteConfigPath = fileURLToPath(new URL('./web/svelte.config.js', import.meta.url));
const svelteConfig = existsSync(svelteConfigPath)
  ? (await import(pathToFileURL(svelteConfigPath).href)).default
  : undefined;

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'web/build/',
    'web/.svelte-kit/',
    'migrations/',
    'data/',
    '**/test-results/',
    '**/playwright-report/',
    '.cache/',
    '**/*.tsbuildinfo',
  ]),

  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,

  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // TypeScript already reports undefined names, and knows about types and ambient globals.
      'no-undef': 'off',
      // `_`-prefixed names are deliberately unused (placeholders in signatures, skipped tuple items).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // The browser app: its code runs in the browser (SvelteKit's own server-side bits
  // are prerender-only in an adapter-static SPA, and still see Node's globals).
  {
    files: ['web/src/**', 'web/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The app is always served at the root of its own server (no base path to resolve).
      'svelte/no-navigation-without-resolve': 'off',
    },
  },

  // Svelte components and rune modules: the Svelte parser, with typescript-eslint's
  // parser for `<script lang="ts">` and for `*.svelte.ts`.
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        extraFileExtensions: ['.svelte'],
        ...(svelteConfig ? { svelteConfig } : {}),
      },
    },
  },
);
