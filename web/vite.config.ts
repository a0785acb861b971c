import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const backend = `http://localhost:${process.env.API_PORT ?? 3000}`;

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
      '/yjs': { target: backend, ws: true },
    },
  },
});
