// Builds the map app (index.html) and the school page (school.html) into web/dist, which the
// Baylanys server serves. `--mode e2e` exposes window.__map for the Chromium tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root,
  base: '/',
  define: { __E2E__: JSON.stringify(mode === 'e2e') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: `${root}index.html`, school: `${root}school.html` },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:8080', '/tiles': 'http://127.0.0.1:8080' },
  },
}));
