/**
 * The phone's light app (phone.html, src/phone), built after the SvelteKit app into the same
 * build folder, its files under _app/immutable/ so that the server caches them like SvelteKit's.
 */
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('./build', import.meta.url));

/** Writes .br and .gz beside each file, as adapter-static does for the SvelteKit build. */
function precompress(): Plugin {
  return {
    name: 'dilna-precompress',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((file) => /\.(html|js|css|svg|json)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const path = join(outDir, file);
          const content = await readFile(path);
          await writeFile(`${path}.gz`, await promisify(gzip)(content, { level: 9 }));
          await writeFile(`${path}.br`, await promisify(brotliCompress)(content));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [svelte({ configFile: false, preprocess: vitePreprocess() }), precompress()],
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: false,
    assetsDir: '_app/immutable/phone',
    // Browsers that run the app support module preloading; no polyfill in the phone's bytes.
    modulePreload: { polyfill: false },
    rollupOptions: { input: fileURLToPath(new URL('./phone.html', import.meta.url)) },
  },
});
