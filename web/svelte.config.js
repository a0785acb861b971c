import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app served by the Fastify server: every unknown path falls back to index.html.
    // .br and .gz beside each file, which the server sends to browsers that accept them.
    adapter: adapter({ fallback: 'index.html', strict: false, precompress: true }),
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self', 'ws:', 'wss:'],
        // The minutes' print page, fetched with the key in a header, is printed from a frame of a blob URL.
        'frame-src': ['self', 'blob:'],
        'object-src': ['none'],
        'base-uri': ['self'],
      },
    },
  },
};

export default config;
